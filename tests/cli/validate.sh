#!/usr/bin/env bash
# validate.sh — `validate-tei` (RELAX NG) and `validate` (graph schema):
# messages with file:line, exit 1 on findings, 2 for an unusable schema.
. "$(dirname "$0")/lib.sh"

run_argraph validate-tei "$SRC/corpus/nato-alliance.tei.xml" "$SRC/tests/schema/tei/accept/grobid-style.xml"
check "validate-tei: valid files exit 0" equals "$rc" 0
check "validate-tei: says valid" contains "$err" "nato-alliance.tei.xml: valid"

bad="$SRC/tests/schema/tei/reject/date-when-not-date.xml"
run_argraph validate-tei "$bad"
check "validate-tei: invalid exits 1" equals "$rc" 1
check "validate-tei: file:line: message" contains "$err" "$bad:13: error: Invalid attribute when for element date [tei.schema]"

printf 'not xml' >"$WORK/garbage.xml"
run_argraph validate-tei "$WORK/garbage.xml"
check "validate-tei: malformed exits 3" equals "$rc" 3
check "validate-tei: malformed says where" contains "$err" "$WORK/garbage.xml:1:1: error:"

run_argraph validate-tei --schema "$WORK/garbage.xml" "$bad"
check "validate-tei: unusable schema exits 2" equals "$rc" 2

run_argraph validate --no-rules "$SRC/corpus/nato-alliance.tei.xml"
check "validate: the seed's graph is clean" equals "$rc" 0
check "validate: counts" contains "$err" "0 errors, 0 warnings"

# a stricter schema: every claim must carry a `checked` attribute
sed 's|<attribute name="text" type="string" required="true"/>|&<attribute name="checked" type="string" required="true"/>|' \
	"$SRC/schemas/argraph-graph.xml" >"$WORK/strict.xml"
run_argraph validate --no-rules --schema "$WORK/strict.xml" "$SRC/tests/data/tei/mini-zh.tei.xml"
check "validate --schema: errors exit 1" equals "$rc" 1
check "validate --schema: names the node and the TEI line" contains "$err" "mini-zh.tei.xml:35: error:"
check "validate --schema: stable code" contains "$err" "[graph.attr.missing]"

run_argraph map --no-rules --schema "$WORK/strict.xml" "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/out"
check "map on an invalid graph: exit 1" equals "$rc" 1
check "map on an invalid graph: nothing written" empty_dir "$WORK/out"
run_argraph map --no-rules --force --formats json --schema "$WORK/strict.xml" "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/out"
check "map --force writes anyway" test -s "$WORK/out/mini-zh.json"

printf '<graph-schema xmlns="urn:argraph:graph-schema:1" version="1">\n  <node kind="clam"/>\n</graph-schema>\n' >"$WORK/typo.xml"
run_argraph validate --no-rules --schema "$WORK/typo.xml" "$SRC/tests/data/tei/mini-zh.tei.xml"
check "validate: bad graph schema exits 2" equals "$rc" 2
check "validate: bad graph schema at its line" contains "$err" "$WORK/typo.xml:2"
# every corpus document maps to a graph that validates clean
for tei in "$SRC"/corpus/*.xml; do
	run_argraph validate "$tei"
	check "validate: $(basename "$tei") is clean" equals "$rc" 0
	check "validate: $(basename "$tei") has no findings" contains "$err" "0 errors, 0 warnings"
done

# the JSON export of a valid graph, read back, validates; a broken one does not
run_argraph map -q --formats json -o "$WORK/json" "$SRC/corpus/nato-alliance.tei.xml"
run_argraph validate "$WORK/json/nato-alliance.json"
check "validate GRAPH.json: read back, clean" equals "$rc" 0
python3 - "$WORK/json/nato-alliance.json" "$WORK/broken.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
for n in g["nodes"]:
    if n["kind"] == "claim":
        del n["attributes"]["text"]
        break
json.dump(g, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
run_argraph validate "$WORK/broken.json"
check "validate GRAPH.json: a claim without text is an error" equals "$rc" 1
check "validate GRAPH.json: the finding's code" contains "$err" "[graph.attr.missing]"
printf '{"version": "argraph-graph/1", "nodes": [
' >"$WORK/truncated.json"
run_argraph validate "$WORK/truncated.json"
check "validate GRAPH.json: truncated JSON exits 3" equals "$rc" 3
check "validate GRAPH.json: says where" contains "$err" "$WORK/truncated.json:2"
# a directory, and -j: the same report in the same order
run_argraph validate -j 1 "$SRC/corpus"
check "validate DIR: exit 0" equals "$rc" 0
check "validate DIR: a line per document" equals "$(printf '%s\n' "$err" | grep -c ' nodes, ')" "$(ls "$SRC"/corpus/*.xml | wc -l)"
one=$err
run_argraph validate -j 2 "$SRC/corpus"
check "validate DIR -j2: the same stderr as -j1" equals "$err" "$one"
run_argraph validate --no-validate "$SRC/corpus"
check "validate --no-validate: usage error" equals "$rc" 2

finish
