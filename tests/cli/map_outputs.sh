#!/usr/bin/env bash
# map_outputs.sh — `argraph map FILE -o DIR` writes NAME.{dot,svg,png,json};
# the JSON is valid and the SVG carries the Chinese text.
. "$(dirname "$0")/lib.sh"

run_argraph map "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/out"
check "map exits 0" equals "$rc" 0
for ext in dot svg png json; do
	check "wrote mini-zh.$ext" test -s "$WORK/out/mini-zh.$ext"
done
check "no temporary files left" equals "$(ls "$WORK/out" | grep -c tmp)" 0
check "PNG signature" equals "$(head -c 8 "$WORK/out/mini-zh.png" | od -An -tx1 | tr -d ' \n')" "89504e470d0a1a0a"
check "SVG has Chinese text" grep -q "联盟的存续是多种因素共同作用的结果。" "$WORK/out/mini-zh.svg"
check "DOT declares the CJK font" grep -q 'fontname="Noto Sans CJK SC"' "$WORK/out/mini-zh.dot"
check "JSON has the version" grep -q '"version": "argraph-graph/1"' "$WORK/out/mini-zh.json"

run_argraph map "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/out2" --formats json -q
check "--formats json: only the JSON" equals "$(ls "$WORK/out2")" "mini-zh.json"
check "same input, same JSON" cmp -s "$WORK/out/mini-zh.json" "$WORK/out2/mini-zh.json"
check "-q: quiet on success" equals "$err" ""
finish
