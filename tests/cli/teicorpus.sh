#!/usr/bin/env bash
# teicorpus.sh — a <teiCorpus> file is its <TEI> documents, each exactly as
# its own file would be: the differential test (jsonl, and map's merged
# graph, against the same texts as separate files; teicorpus.py), member
# keys and output names, determinism whatever -j, and a bad member failing
# alone in every command (reported at its line, exit 3, the others kept).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
helper="$SRC/tests/cli/teicorpus.py"

# ---- differential: the corpus against its members as files ----
python3 "$helper" make "$WORK" "$SRC/tests/data/tei/mini-zh.tei.xml" \
	"$SRC/corpus/nato-alliance.tei.xml" "$SRC/corpus/alliance-persistence.en.tei.xml"
check "made the corpus" test -s "$WORK/col.xml"
alone=("$WORK/alone/col_1.tei.xml" "$WORK/alone/col_member-two.tei.xml" "$WORK/alone/col_3.tei.xml")

run_argraph jsonl -q -j2 -o "$WORK/col.jsonl" "$WORK/col.xml"
check "jsonl corpus: exit 0" equals "$rc" 0
run_argraph jsonl -q -j2 -o "$WORK/alone.jsonl" "${alone[@]}"
check "jsonl files: exit 0" equals "$rc" 0
check "jsonl: a line per member" equals "$(wc -l <"$WORK/col.jsonl")" 3
check "jsonl: each member's graph is its file's" \
	python3 "$helper" jsonl "$WORK" "$WORK/col.jsonl" "$WORK/alone.jsonl"

# one teiCorpus operand holding several documents is mapped as their corpus
run_argraph map -q -j2 --formats json --each -o "$WORK/map-col" "$WORK/col.xml"
check "map corpus: exit 0" equals "$rc" 0
run_argraph map -q -j2 --formats json -o "$WORK/map-alone" "${alone[@]}"
check "map files: exit 0" equals "$rc" 0
check "map: the merged graph is that of the files" \
	python3 "$helper" merged "$WORK" "$WORK/map-col/corpus.json" "$WORK/map-alone/corpus.json"
check "map --each: outputs named by member key" equals \
	"$(cd "$WORK/map-col" && ls)" "$(printf 'col~1.json\ncol~3.json\ncol~member-two.json\ncorpus.json')"

# the same bytes whatever -j, members in document order among the files
run_argraph jsonl -q -j1 "${alone[0]}" "$WORK/col.xml" "${alone[2]}"
one=$out
run_argraph jsonl -q -j4 "${alone[0]}" "$WORK/col.xml" "${alone[2]}"
check "jsonl -j1 and -j4: same bytes" equals "$out" "$one"
check "jsonl: members in document order between the files" equals \
	"$(printf '%s\n' "$out" | python3 -c 'import json,sys; print(" ".join(json.loads(l)["nodes"][0]["id"] for l in sys.stdin))')" \
	"col_1 col~1 col~member-two col~3 col_3"

# ---- a bad member: reported at its line, left out; the others kept ----
{
	printf '<?xml version="1.0"?>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">\n<teiHeader/>\n'
	printf '<TEI><text><body><p>The first document.</p></body></text></TEI>\n'
	printf '<TEI xml:id="broken"><teiHeader/></TEI>\n'
	printf '<TEI><text><body><p>The third document.</p></body></text></TEI>\n'
	printf '</teiCorpus>\n'
} >"$WORK/bad.xml"
want_err="$WORK/bad.xml:5: error: <TEI> has no <text> element [tei.no-text]"

run_argraph jsonl -q "$WORK/bad.xml"
check "bad member, jsonl: exit 3" equals "$rc" 3
check "bad member, jsonl: file:line of the member" contains "$err" "$want_err"
check "bad member, jsonl: the others written, keys by position" equals \
	"$(printf '%s\n' "$out" | python3 -c 'import json,sys; print(" ".join(json.loads(l)["nodes"][0]["id"] for l in sys.stdin))')" \
	"bad~1 bad~3"
check "bad member, jsonl: corpus language inherited" contains "$out" \
	'"attributes":{"file":"'"$WORK"'/bad.xml","lang":"en"}'

run_argraph map -q --formats json -o "$WORK/map-bad" "$WORK/bad.xml"
check "bad member, map: exit 3" equals "$rc" 3
check "bad member, map: file:line of the member" contains "$err" "$want_err"
check "bad member, map: the others merged" equals \
	"$(python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); print(" ".join(n["id"] for n in g["nodes"] if n["kind"]=="document"))' "$WORK/map-bad/corpus.json")" \
	"bad~1 bad~3"

run_argraph validate "$WORK/bad.xml"
check "bad member, validate: exit 3" equals "$rc" 3
check "bad member, validate: file:line of the member" contains "$err" "$want_err"
check "bad member, validate: the others checked, named" contains "$err" "$WORK/bad.xml:6: bad~3: "

run_argraph audit --format json "$WORK/bad.xml"
check "bad member, audit: exit 3" equals "$rc" 3
check "bad member, audit: file:line of the member" contains "$err" "$want_err"
check "bad member, audit: the others audited" equals \
	"$(printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(d["key"] for d in json.load(sys.stdin)["documents"]))')" \
	"bad~1 bad~3"

# the text report tells the members of one file apart by their keys; a
# file of its own keeps its plain heading
run_argraph audit "$WORK/col.xml" "${alone[0]}"
check "audit text: member headings carry the key" contains "$out" "== $WORK/col.xml [col~member-two]"
check "audit text: a file of its own, no key" contains "$out" "== ${alone[0]} — "

# a nested teiCorpus out of the TEI namespace: reported, its documents not
# read, the run fails; the members around it are written
{
	printf '<?xml version="1.0"?>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">\n'
	printf '<TEI><text><body><p>One.</p></body></text></TEI>\n'
	printf '<teiCorpus xmlns="urn:elsewhere"><TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI></teiCorpus>\n'
	printf '<TEI><text><body><p>Three.</p></body></text></TEI>\n</teiCorpus>\n'
} >"$WORK/foreign.xml"
run_argraph jsonl -q "$WORK/foreign.xml"
check "foreign nested corpus: exit 3" equals "$rc" 3
check "foreign nested corpus: file:line" contains "$err" \
	"$WORK/foreign.xml:4: error: <teiCorpus> is not in the TEI namespace"
check "foreign nested corpus: the others written, keys by position" equals \
	"$(printf '%s\n' "$out" | python3 -c 'import json,sys; print(" ".join(json.loads(l)["nodes"][0]["id"] for l in sys.stdin))')" \
	"foreign~1 foreign~3"

# ---- a teiCorpus holding one document: mapped as one document ----
printf '<?xml version="1.0"?>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">\n<TEI xml:id="only"><text><body><p>Alone.</p></body></text></TEI>\n</teiCorpus>\n' >"$WORK/one.xml"
run_argraph map -q --formats json -o "$WORK/map-one" "$WORK/one.xml"
check "one member, map: exit 0" equals "$rc" 0
check "one member, map: its own outputs, by key" equals "$(ls "$WORK/map-one")" "one~only.json"

# ---- an empty teiCorpus: an error at its line, nothing written ----
printf '<?xml version="1.0"?>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader/>\n</teiCorpus>\n' >"$WORK/empty.xml"
run_argraph jsonl "$WORK/empty.xml"
check "empty corpus, jsonl: exit 3" equals "$rc" 3
check "empty corpus, jsonl: says so at its line" contains "$err" \
	"$WORK/empty.xml:2: error: <teiCorpus> holds no <TEI> document [tei.empty-corpus]"
check "empty corpus, jsonl: no line" equals "$out" ""
finish
