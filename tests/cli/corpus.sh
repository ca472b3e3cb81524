#!/usr/bin/env bash
# corpus.sh — `argraph map` (and `audit`) over a corpus: files, a directory
# and paths on stdin; -j workers giving the same bytes as one worker; the
# merged graph equal to `jsonl | merge`; one person or work cited by two
# documents is one node; a bad document among good ones; --each, --name;
# the progress line (on a terminal only, never with -q); --top on the
# merged views.
. "$(dirname "$0")/lib.sh"

essay="$SRC/corpus/alliance-persistence.en.tei.xml"
C=$WORK/c
mkdir -p "$C/sub"
cp "$SRC"/corpus/*.tei.xml "$SRC"/tests/data/grobid/*.tei.xml "$C/"
cp "$SRC"/tests/data/tei/mini-zh.tei.xml "$C/sub/"
# a second document citing the same works as the essay: its xml:ids and
# file name differ, its reference list is the same
sed 's/xml:id="/xml:id="k-/g; s/target="#/target="#k-/g; s/ref="#/ref="#k-/g' "$essay" >"$C/sub/essay-copy.tei.xml"
ndocs=$(find "$C" -name '*.xml' | wc -l)

# ---- a directory, one worker and two: the same bytes
run_argraph map -q -j 1 -o "$WORK/j1" "$C"
check "map DIR -j1: exit 0" equals "$rc" 0
check "map DIR: nothing on stderr with -q" equals "$err" ""
for f in corpus.json corpus.jsonl corpus.causal.dot corpus.causal.svg corpus.causal.png \
	corpus.citation.dot corpus.citation.svg corpus.citation.png; do
	check "map DIR: writes $f" test -s "$WORK/j1/$f"
done
check "map DIR: no per-document outputs without --each" equals \
	"$(ls "$WORK/j1" | grep -vc '^corpus\.')" 0
check "map DIR: no argument view of a corpus by default" test ! -e "$WORK/j1/corpus.argument.dot"
check "map DIR: one JSON line per document" equals "$(wc -l <"$WORK/j1/corpus.jsonl")" "$ndocs"
check "map DIR: no temporary file left" equals "$(ls "$WORK/j1" | grep -c tmp)" 0

run_argraph map -q -j 2 -o "$WORK/j2" "$C"
check "map DIR -j2: exit 0" equals "$rc" 0
check "-j2 writes the same files as -j1" equals "$(ls "$WORK/j2")" "$(ls "$WORK/j1")"
for f in $(ls "$WORK/j1"); do
	check "-j2 gives $f byte for byte as -j1" cmp -s "$WORK/j1/$f" "$WORK/j2/$f"
done

# the corpus citation view is the citation network: documents → works
cdot=$WORK/j1/corpus.citation.dot
check "citation view of a corpus: the essay cites Walt (1987)" \
	grep -q '^\s*"alliance-persistence.en" -> "work:walt-1987-origins-of-alliances"' "$cdot"
check "citation view of a corpus: so does its copy, to the same node" \
	grep -q '^\s*"essay-copy" -> "work:walt-1987-origins-of-alliances"' "$cdot"
# (claim ids end in .s<n>, citation ids have #cit.; docs/json-format.md)
check "citation view of a corpus: no claim or citation nodes" equals \
	"$(grep -cE '^\s*"[^"]+#([^"]*\.s[0-9]+|cit\.[^"]*)"\s*\[' "$cdot")" 0
check "while a document's own citation view has them" test \
	"$(grep -cE '^\s*"[^"]+#([^"]*\.s[0-9]+|cit\.[^"]*)"\s*\[' "$SRC/output/alliance-persistence.en.citation.dot")" -gt 0
check "citation view of a corpus: its legend says citing document" grep -q 'label="citing document"' "$cdot"

run_argraph validate "$WORK/j1/corpus.json"
check "the merged graph passes the graph schema" equals "$rc" 0

# ---- the merged graph is merge(jsonl): one implementation of the merge
"$ARGRAPH" jsonl -q -j 2 "$C" >"$WORK/all.jsonl"
check "corpus.jsonl = argraph jsonl of the same inputs" cmp -s "$WORK/all.jsonl" "$WORK/j1/corpus.jsonl"
"$ARGRAPH" merge -q "$WORK/all.jsonl" >"$WORK/merged.json"
check "corpus.json = argraph merge of the lines" cmp -s "$WORK/merged.json" "$WORK/j1/corpus.json"

# one work cited by both the essay and its copy: one node, two documents
docs=$(python3 - "$WORK/j1/corpus.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
walt = [n for n in g["nodes"] if n["kind"] == "work" and n["id"].startswith("work:walt-1987")]
print(len(walt), walt[0]["attributes"]["documents"] if walt else "")
PY
)
check "a work cited by two documents is one node with both" equals "$docs" \
	"1 alliance-persistence.en essay-copy"
persons=$(python3 - "$WORK/j1/corpus.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
print(sum(1 for n in g["nodes"] if n["id"] == "person:walt-stephen"))
PY
)
check "a cited author of two documents is one node" equals "$persons" 1
check "every edge keeps its document" equals "$(python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))
print(all("document" in e.get("attributes", {}) for e in g["edges"] if e["kind"] != "part_of"))
' "$WORK/j1/corpus.json")" True

# ---- paths on stdin, and several files: the same corpus
find "$C" -name '*.xml' | sort -r >"$WORK/list"
"$ARGRAPH" map -q -o "$WORK/stdin" --formats json - <"$WORK/list"
check "map -: the same merged graph (order does not matter)" cmp -s "$WORK/stdin/corpus.json" "$WORK/j1/corpus.json"
run_argraph map -q -o "$WORK/two" --name pair --formats json,jsonl "$essay" "$C/sub/essay-copy.tei.xml"
check "map FILE FILE: a corpus named by --name" test -s "$WORK/two/pair.json"
check "map FILE FILE: its lines" equals "$(wc -l <"$WORK/two/pair.jsonl")" 2
run_argraph map -q --name ../x -o "$WORK/bad" "$C"
check "--name with a /: usage error" equals "$rc" 2
run_argraph map -q -j 0 -o "$WORK/bad" "$C"
check "-j 0: usage error" equals "$rc" 2
check "-j 0: says what it wants" contains "$err" "-j wants a number of workers from 1 to"
run_argraph map -q --top -1 -o "$WORK/bad" "$C"
check "--top -1: usage error" equals "$rc" 2

# ---- --each: the per-document outputs too
run_argraph map -q --each --formats json,dot -o "$WORK/each" "$C"
check "--each: each document's JSON" test -s "$WORK/each/alliance-persistence.en.json"
check "--each: each document's views" test -s "$WORK/each/mini-zh.argument.dot"
check "--each: and the corpus" test -s "$WORK/each/corpus.json"

# ---- a bad document among good ones: reported, the rest merged, exit 3
printf '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</body></text></TEI>\n' >"$C/broken.tei.xml"
run_argraph map -q -j 2 --formats json,jsonl -o "$WORK/bad1" "$C"
check "a broken document: exit 3" equals "$rc" 3
check "a broken document: file:line: message" contains "$err" "$C/broken.tei.xml:2:"
check "a broken document: the others merged" equals "$(wc -l <"$WORK/bad1/corpus.jsonl")" "$ndocs"
rm "$C/broken.tei.xml"

# ---- one authority URI, two names: one person
mkdir -p "$WORK/uri"
for doc in zh en; do
	if [ $doc = zh ]; then lang=zh name=沃尔兹 said=认为均势会自我恢复。; else lang=en name="Kenneth Waltz" said=" argues that balances recur."; fi
	cat >"$WORK/uri/waltz-$doc.tei.xml" <<TEI
<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="$lang"><teiHeader><fileDesc><titleStmt><title>T $doc</title></titleStmt>
<publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc></fileDesc>
<profileDesc><particDesc><listPerson><person xml:id="w" ref="https://viaf.org/viaf/97008384/">
<persName xml:lang="$lang">$name</persName></person></listPerson></particDesc></profileDesc></teiHeader>
<text><body><p><persName ref="#w">$name</persName>$said</p></body></text></TEI>
TEI
done
run_argraph map -q --formats json -o "$WORK/uriout" "$WORK/uri"
check "authority URI: exit 0" equals "$rc" 0
check "authority URI: 沃尔兹 and Kenneth Waltz are one person" equals "$(python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))
ps = [n for n in g["nodes"] if n["kind"] == "person"]
print(len(ps), ps[0]["id"], ps[0]["attributes"]["documents"], sorted(ps[0]["labels"].values()))
' "$WORK/uriout/corpus.json")" "1 person:waltz-kenneth waltz-en waltz-zh ['Kenneth Waltz', '沃尔兹']"
sed -i 's| ref="https://viaf.org/viaf/97008384/"||' "$WORK/uri/waltz-zh.tei.xml"
run_argraph map -q --formats json -o "$WORK/uriout2" "$WORK/uri"
check "without the URI: two persons" equals "$(python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))
print(sum(1 for n in g["nodes"] if n["kind"] == "person"))
' "$WORK/uriout2/corpus.json")" 2

# ---- two documents with one key (file name): the second is left out
mkdir -p "$WORK/dup/a" "$WORK/dup/b"
cp "$essay" "$WORK/dup/a/"
cp "$essay" "$SRC/tests/data/tei/mini-zh.tei.xml" "$WORK/dup/b/"
run_argraph map -q --formats json,jsonl -o "$WORK/dupout" "$WORK/dup"
check "duplicate key: exit 3" equals "$rc" 3
check "duplicate key: says which two" contains "$err" \
	"$WORK/dup/b/alliance-persistence.en.tei.xml: error: its document key \"alliance-persistence.en\" (the file name without .tei.xml or .xml) is that of $WORK/dup/a/alliance-persistence.en.tei.xml too"
check "duplicate key: the others merged" equals "$(wc -l <"$WORK/dupout/corpus.jsonl")" 2

# ---- the progress line: on a terminal only, and not with -q
if command -v script >/dev/null; then
	script -qec "'$ARGRAPH' map --formats json -o '$WORK/tty' '$C'" /dev/null >"$WORK/tty.log" 2>&1
	check "progress: on a terminal, documents done / total" grep -q "argraph map: $ndocs/$ndocs documents" "$WORK/tty.log"
	check "progress: with MB/s" grep -q "MB/s" "$WORK/tty.log"
	script -qec "'$ARGRAPH' map -q --formats json -o '$WORK/tty' '$C'" /dev/null >"$WORK/tty-q.log" 2>&1
	check "progress: none with -q" test ! -s "$WORK/tty-q.log"
fi
run_argraph map --formats json -o "$WORK/notty" "$C"
check "progress: none when stderr is not a terminal" equals "$(printf '%s' "$err" | grep -c "documents  ")" 0
check "no carriage return in a log" equals "$(printf '%s' "$err" | tr -cd '\r' | wc -c)" 0
check "a summary line" contains "$err" "argraph map: $ndocs documents merged into corpus"

# ---- --top and --min-degree on the merged views
# graph nodes of a DOT file: node statements, not the legend's ("legend …")
graph_nodes() { grep -E '^\s*"[^"]+"\s*\[' "$1" | grep -vc '^\s*"legend '; }
run_argraph map -q --top 5 --view citation --formats dot -o "$WORK/top" "$C"
check "--top 5: exactly 5 graph nodes drawn" equals "$(graph_nodes "$WORK/top/corpus.citation.dot")" 5
run_argraph map -q --top 0 --view citation --formats dot -o "$WORK/all" "$C"
all_nodes=$(graph_nodes "$WORK/all/corpus.citation.dot")
check "--top 0: the whole view (more than 5)" test "$all_nodes" -gt 5
run_argraph map -q --min-degree 3 --view citation --formats dot -o "$WORK/deg" "$C"
deg_nodes=$(graph_nodes "$WORK/deg/corpus.citation.dot")
check "--min-degree 3: fewer nodes than all, some left" test "$deg_nodes" -gt 0 -a "$deg_nodes" -lt "$all_nodes"
# the auto summary: a view over 300 nodes is cut to 300 with a note
run_argraph map --view citation --formats dot -o "$WORK/auto" "$C"
check "auto summary: a note says so" contains "$err" \
	"corpus: note: the citation view has $all_nodes nodes; drawn: the 300 with the most edges"
check "auto summary: 300 nodes drawn" equals "$(graph_nodes "$WORK/auto/corpus.citation.dot")" 300

run_argraph map -q --render-timeout 1x -o "$WORK/bad" "$C"
check "--render-timeout 1x: usage error" equals "$rc" 2

# ---- audit over a directory, -j: the same report
a1=$("$ARGRAPH" audit -q -j 1 --format json "$C")
a2=$("$ARGRAPH" audit -q -j 2 --format json "$C")
check "audit DIR: a report" contains "$a1" '"argraph-audit/1"'
check "audit DIR -j2: the same report as -j1" equals "$a1" "$a2"

echo "corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
