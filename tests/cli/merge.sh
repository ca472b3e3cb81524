#!/usr/bin/env bash
# merge.sh — `argraph jsonl` (TEI → one JSON line per document) and
# `argraph merge` (JSON Lines → one graph): inputs (files, directories,
# paths on stdin), outputs (stdout, -o atomically, --jsonl), exit codes
# and file:line messages. Skipped (77) while the commands are not wired in.
. "$(dirname "$0")/lib.sh"

if ! "$ARGRAPH" merge --help >/dev/null 2>&1; then
	echo "merge: argraph has no merge command yet: skipped"
	exit 77
fi
seed="$SRC/corpus/nato-alliance.tei.xml"
essay="$SRC/corpus/alliance-persistence.en.tei.xml"
mini="$SRC/tests/data/tei/mini-zh.tei.xml"

# ---- jsonl
run_argraph jsonl -q "$seed" "$mini"
check "jsonl: exit 0" equals "$rc" 0
check "jsonl: one line per document" equals "$(printf '%s\n' "$out" | wc -l)" 2
check "jsonl: compact argraph-graph/1" contains "$(printf '%s\n' "$out" | head -1)" '{"version":"argraph-graph/1","generator":'
printf '%s\n' "$out" >"$WORK/two.jsonl"

run_argraph jsonl -q "$SRC/corpus"
check "jsonl DIR: every .xml in it" equals "$(printf '%s\n' "$out" | wc -l)" 2
check "jsonl DIR: in name order" contains "$(printf '%s\n' "$out" | head -1)" '"id":"alliance-persistence.en"'

printf '%s\n%s\n' "$mini" "$seed" | "$ARGRAPH" jsonl -q - >"$WORK/stdin.jsonl"
check "jsonl -: paths from stdin" equals "$(wc -l <"$WORK/stdin.jsonl")" 2

run_argraph jsonl -q "$seed" "$WORK/missing.tei.xml" "$mini" -o "$WORK/out.jsonl"
check "jsonl: a missing input exits 3" equals "$rc" 3
check "jsonl: says which" contains "$err" "$WORK/missing.tei.xml"
check "jsonl: the other documents are written" equals "$(wc -l <"$WORK/out.jsonl")" 2
check "jsonl -o: no temporary file left" equals "$(ls "$WORK" | grep -c '\.tmp\.')" 0

run_argraph jsonl
check "jsonl: no input is a usage error" equals "$rc" 2

# ---- merge
run_argraph merge "$WORK/two.jsonl"
check "merge: exit 0" equals "$rc" 0
check "merge: pretty JSON" contains "$out" '"version": "argraph-graph/1"'
check "merge: a summary on stderr" contains "$err" "argraph merge: 2 graphs"
printf '%s\n' "$out" >"$WORK/two.json"

run_argraph merge -q --jsonl "$WORK/two.jsonl"
check "merge --jsonl: one line" equals "$(printf '%s\n' "$out" | wc -l)" 1
printf '%s\n' "$out" >"$WORK/merged.jsonl"
run_argraph merge -q "$WORK/merged.jsonl"
check "merge of a merge: the same graph" equals "$out" "$(cat "$WORK/two.json")"

run_argraph map -q --each --formats json -o "$WORK/maps" "$seed" "$mini"
run_argraph merge -q "$WORK/maps/nato-alliance.json" "$WORK/maps/mini-zh.json"
check "merge reads map's pretty JSON too" equals "$out" "$(cat "$WORK/two.json")"

{ head -1 "$WORK/two.jsonl"; echo '{"version":"argraph-graph/2","nodes":[],"edges":[]}'; echo '{oops'; } >"$WORK/bad.jsonl"
run_argraph merge -q "$WORK/bad.jsonl" -o "$WORK/never.json"
check "merge: a bad line exits 3" equals "$rc" 3
check "merge: file:line for a wrong version" contains "$err" "$WORK/bad.jsonl:2: error: version is \"argraph-graph/2\""
check "merge: file:line:col for bad JSON" contains "$err" "$WORK/bad.jsonl:3:"
check "merge: nothing written" test ! -e "$WORK/never.json"

run_argraph merge "$WORK/nothing-here.jsonl"
check "merge: a missing input exits 3" equals "$rc" 3
check "merge: says why" contains "$err" "nothing-here.jsonl: error: cannot open"
run_argraph merge
check "merge: no input is a usage error" equals "$rc" 2
run_argraph merge --frobnicate x
check "merge: a bad option is a usage error" equals "$rc" 2

# --max-size: the longest line read (a merged corpus is one line)
run_argraph merge -q --max-size 1000 "$WORK/two.jsonl"
check "merge --max-size: a longer line is refused" equals "$rc" 3
check "merge --max-size: says the limit and how to raise it" contains "$err" \
	"$WORK/two.jsonl:1: error: line longer than 1000 bytes (merge --max-size raises the limit)"
run_argraph merge -q --max-size 100000000 "$WORK/two.jsonl"
check "merge --max-size: a line under it is read" equals "$rc" 0
run_argraph merge -q --max-size 0 "$WORK/two.jsonl"
check "merge --max-size 0: usage error" equals "$rc" 2

finish
