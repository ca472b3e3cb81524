#!/usr/bin/env bash
# check_baseline_rules.sh SRCDIR — the benchmark's Python baseline
# (bench/baseline.py) translates every bundled rule to Python's re, and
# every example and counterexample of the rule files behaves under re as
# under PCRE2. The benchmark's "same extraction with the same rules" rests
# on this: a rule rewritten in a form re reads differently would make the
# baseline do less (or other) work than argraph, and its figures
# meaningless. Exit 77 (skipped) without python3-lxml.
set -euo pipefail
src=$1
py=/usr/bin/python3
if ! "$py" -c 'import lxml' 2>/dev/null; then
	echo "skipped: no python3-lxml"
	exit 77
fi
out=$("$py" "$src/bench/baseline.py" --rules "$src/rules" --list-problems)
echo "$out"
echo "$out" | grep -Eq '^[0-9]+ rules translated, 0 not$' || { echo "FAILED: a rule is not translated"; exit 1; }
line=$(echo "$out" | grep -E 'examples and counterexamples under re: [0-9]+ of [0-9]+ behave')
read -r got total < <(echo "$line" | sed -E 's/.*: ([0-9]+) of ([0-9]+) behave.*/\1 \2/')
if [ "$got" != "$total" ] || [ "$total" -lt 100 ]; then
	echo "FAILED: $got of $total examples behave under re as under PCRE2"
	exit 1
fi
echo "ok"
