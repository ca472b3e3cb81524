#!/usr/bin/env bash
# map_outputs.sh — `argraph map FILE -o DIR` writes NAME.json and, for each
# of the causal, argument and citation views, NAME.<view>.{dot,svg,png}; the
# JSON is valid, the SVG carries the Chinese text, --view/--formats/--lang/
# --font/--wrap/--engine do what they say, and the same input gives the same
# bytes in every format.
. "$(dirname "$0")/lib.sh"

views="causal argument citation"

run_argraph map "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/out"
check "map exits 0" equals "$rc" 0
check "wrote mini-zh.json" test -s "$WORK/out/mini-zh.json"
for v in $views; do
	for ext in dot svg png; do
		check "wrote mini-zh.$v.$ext" test -s "$WORK/out/mini-zh.$v.$ext"
	done
	check "PNG signature ($v)" equals "$(head -c 8 "$WORK/out/mini-zh.$v.png" | od -An -tx1 | tr -d ' \n')" "89504e470d0a1a0a"
	check "DOT declares the CJK font ($v)" grep -q 'fontname="Noto Sans CJK SC"' "$WORK/out/mini-zh.$v.dot"
	check "DOT keeps the clusters + labels crash guard ($v)" grep -q 'newrank=true' "$WORK/out/mini-zh.$v.dot"
done
check "exactly ten files, no 'all' view by default" equals "$(ls "$WORK/out" | wc -l)" 10
check "no temporary files left" equals "$(ls "$WORK/out" | grep -c tmp)" 0
check "SVG has Chinese text" grep -q ">联盟的存续<" "$WORK/out/mini-zh.causal.svg"
check "JSON has the version" grep -q '"version": "argraph-graph/1"' "$WORK/out/mini-zh.json"

run_argraph map "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/out2" --formats json -q
check "--formats json: only the JSON" equals "$(ls "$WORK/out2")" "mini-zh.json"
check "same input, same JSON" cmp -s "$WORK/out/mini-zh.json" "$WORK/out2/mini-zh.json"
check "-q: quiet on success" equals "$err" ""

run_argraph map "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/one" --view causal --formats svg,pdf -q
check "--view causal --formats svg,pdf: those two files" equals "$(ls "$WORK/one" | tr '\n' ' ')" "mini-zh.causal.pdf mini-zh.causal.svg "
check "PDF signature" equals "$(head -c 5 "$WORK/one/mini-zh.causal.pdf")" "%PDF-"
run_argraph map "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/all" --view all --formats dot -q
check "--view all: the all view only" equals "$(ls "$WORK/all")" "mini-zh.all.dot"
run_argraph map "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/two" --view argument,citation --formats dot -q
check "--view a,b: both" equals "$(ls "$WORK/two" | tr '\n' ' ')" "mini-zh.argument.dot mini-zh.citation.dot "

for bad in "--view sideways" "--view ," "--engine circus" "--lang zh_CN!" "--font=" "--wrap 3" "--formats dot,gif"; do
	run_argraph map $bad "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/bad"
	check "$bad: exit 2" equals "$rc" 2
	check "$bad: nothing written" empty_dir "$WORK/bad"
done

# the seed: Chinese glyphs as text in the SVG; --lang picks the label
# language where both exist (listPerson names, taxonomy terms, abstracts)
seed="$SRC/corpus/nato-alliance.tei.xml"
run_argraph map "$seed" -o "$WORK/seed" --formats dot,svg -q
check "seed: map exits 0" equals "$rc" 0
check "seed SVG: Chinese factor label as text" grep -q ">北约的扩张与存续<" "$WORK/seed/nato-alliance.causal.svg"
check "seed SVG: the CJK font named" grep -q 'font-family="Noto Sans CJK SC' "$WORK/seed/nato-alliance.causal.svg"
check "seed: default language is the text's (zh)" grep -q 'label=米尔斯海默' "$WORK/seed/nato-alliance.argument.dot"
check "seed: Chinese legend" grep -q 'label=图例' "$WORK/seed/nato-alliance.causal.dot"
run_argraph map "$seed" -o "$WORK/seed-en" --formats dot --lang en -q
check "--lang en: person names in English" grep -q 'label="John Mearsheimer"' "$WORK/seed-en/nato-alliance.argument.dot"
check "--lang en: taxonomy terms in English" grep -q 'the expansion and survival of NATO' "$WORK/seed-en/nato-alliance.causal.dot"
check "--lang en: the English abstract, not the Chinese one" \
	bash -c "! grep -q '其实现了五轮东扩' '$WORK/seed-en/nato-alliance.causal.dot'"
check "--lang zh: the Chinese abstract, not the English one" \
	bash -c "! grep -q 'five rounds of eastward expansion' '$WORK/seed/nato-alliance.causal.dot'"
check "--lang en: falls back to Chinese where there is no English" grep -q '苏联解体' "$WORK/seed-en/nato-alliance.causal.dot"
check "--lang en: English legend" grep -q 'label=Legend' "$WORK/seed-en/nato-alliance.causal.dot"
run_argraph map "$seed" -o "$WORK/seed-font" --formats dot --view causal --font "Noto Serif CJK SC" --wrap 12 -q
check "--font: used for nodes" grep -q 'fontname="Noto Serif CJK SC"' "$WORK/seed-font/nato-alliance.causal.dot"
check "--wrap 12: factors get 3/4 of it, four Chinese characters a line" \
	grep -q 'label="北约的扩\\n张与存续"' "$WORK/seed-font/nato-alliance.causal.dot"

# the bundled corpus mapped from the tree itself (scripts/map-corpus.sh):
# relative paths in the provenance, so the committed output/ does not
# depend on where the tree is checked out
(cd "$SRC" && "$ARGRAPH" map -q --formats dot --view causal -o "$WORK/bundled")
check "bundled corpus: one causal view per document" equals "$(ls "$WORK/bundled" | grep -v '^corpus\.' | grep -c '\.causal\.dot$')" "$(ls "$SRC/corpus" | grep -c '\.xml$')"
check "bundled corpus: and one of the merged corpus" test -s "$WORK/bundled/corpus.causal.dot"
check "bundled corpus from the tree: relative provenance" grep -q '\\ncorpus/nato-alliance.tei.xml:' "$WORK/bundled/nato-alliance.causal.dot"

# the same input gives the same bytes, in every format (the PDF's
# creation date is pinned); a second run into another directory
run_argraph map "$seed" -o "$WORK/det1" --formats dot,svg,png,pdf -q
run_argraph map "$seed" -o "$WORK/det2" --formats dot,svg,png,pdf -q
for v in $views; do
	for ext in dot svg png pdf; do
		check "byte for byte: $v.$ext" cmp -s "$WORK/det1/nato-alliance.$v.$ext" "$WORK/det2/nato-alliance.$v.$ext"
	done
done
check "PDF embeds the Simplified Chinese font" grep -aq "NotoSansCJKsc" "$WORK/det1/nato-alliance.causal.pdf"

# the other layout engines (the rank constraints are dot's; the others
# just lay the same graph out)
for engine in neato fdp sfdp; do
	run_argraph map "$seed" -o "$WORK/eng-$engine" --engine "$engine" --view causal --formats svg -q
	check "--engine $engine: exits 0" equals "$rc" 0
	check "--engine $engine: SVG written" grep -q "<svg" "$WORK/eng-$engine/nato-alliance.causal.svg"
done
finish
