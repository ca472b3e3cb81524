#!/usr/bin/env bash
# run_json_golden.sh ARGRAPH SRC WORK — the seed's JSON graph, compared with
# a golden file that was reviewed by hand (node by node, edge by edge).
# Runs from SRC with a relative input path, so provenance file names in the
# JSON do not depend on where the tree is checked out.
# ARGRAPH_UPDATE_GOLDEN=1 only PROPOSES a new golden (*.json.new next to
# the old one); a person reviews the diff and renames it.
set -u
argraph=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src" || exit 1
fail=0
for golden in tests/golden/json/*.json; do
	name=$(basename "$golden" .json)
	if ! "$argraph" map -q --formats json -o "$work" "corpus/$name.tei.xml"; then
		echo "FAILED: argraph map corpus/$name.tei.xml" >&2
		fail=$((fail + 1))
		continue
	fi
	if ! diff -u "$golden" "$work/$name.json" >"$work/$name.diff"; then
		fail=$((fail + 1))
		echo "FAILED: $name.json differs from the reviewed golden file:" >&2
		head -60 "$work/$name.diff" >&2
		if [ "${ARGRAPH_UPDATE_GOLDEN:-0}" = 1 ]; then
			cp "$work/$name.json" "$golden.new"
			echo "proposed $golden.new — review every changed line, then rename it" >&2
		else
			echo "(if the change is intended: ARGRAPH_UPDATE_GOLDEN=1 proposes a new golden to review)" >&2
		fi
	fi
done
echo "golden-json: $(( $(ls tests/golden/json/*.json | wc -l) - fail )) passed, $fail failed"
[ "$fail" -eq 0 ]
