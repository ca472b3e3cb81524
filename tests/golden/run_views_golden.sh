#!/usr/bin/env bash
# run_views_golden.sh ARGRAPH SRC WORK — the DOT of every view of two corpus
# documents (the seed and the English essay), compared with golden files
# that were reviewed by hand: tests/golden/views/<doc>.<view>.dot.
# Runs from SRC with relative input paths, so the provenance file names in
# the tooltips do not depend on where the tree is checked out.
# ARGRAPH_UPDATE_GOLDEN=1 only PROPOSES new goldens (*.dot.new next to the
# old ones, also for a missing one); a person reviews the diff and renames.
set -u
argraph=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src" || exit 1
docs="nato-alliance alliance-persistence.en"
views="causal argument citation all"
pass=0 fail=0
for doc in $docs; do
	if ! "$argraph" map -q --formats dot --view causal,argument,citation,all -o "$work" "corpus/$doc.tei.xml"; then
		echo "FAILED: argraph map corpus/$doc.tei.xml" >&2
		fail=$((fail + 4))
		continue
	fi
	for view in $views; do
		golden="tests/golden/views/$doc.$view.dot"
		got="$work/$doc.$view.dot"
		if [ -f "$golden" ] && diff -u "$golden" "$got" >"$work/$doc.$view.diff"; then
			pass=$((pass + 1))
			continue
		fi
		fail=$((fail + 1))
		if [ -f "$golden" ]; then
			echo "FAILED: $doc.$view.dot differs from the reviewed golden file:" >&2
			head -60 "$work/$doc.$view.diff" >&2
		else
			echo "FAILED: no golden file $golden" >&2
		fi
		if [ "${ARGRAPH_UPDATE_GOLDEN:-0}" = 1 ]; then
			cp "$got" "$golden.new"
			echo "proposed $golden.new — review every changed line, then rename it" >&2
		else
			echo "(if the change is intended: ARGRAPH_UPDATE_GOLDEN=1 proposes a new golden to review)" >&2
		fi
	done
done
echo "golden-views: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
