#!/usr/bin/env bash
# basics.sh — --help, --version, usage errors, exit codes.
. "$(dirname "$0")/lib.sh"

run_argraph --help
check "--help exits 0" equals "$rc" 0
check "--help lists map" contains "$out" "map [FILE|DIR|-]..."
check "--help documents exit code 3" contains "$out" "3  input or output error"
check "--help documents exit code 2" contains "$out" "2  usage error"

run_argraph --version
check "--version exits 0" equals "$rc" 0
check "--version prints the version" contains "$out" "argraph 0."

run_argraph
check "no command: usage, exit 2" equals "$rc" 2

run_argraph frobnicate
check "unknown command: exit 2" equals "$rc" 2
check "unknown command named" contains "$err" "frobnicate"

run_argraph map --view sideways "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/out"
check "bad --view: exit 2" equals "$rc" 2
check "bad --view: nothing written" empty_dir "$WORK/out"

run_argraph map --bogus-option
check "unknown option: exit 2" equals "$rc" 2

# The bundled rules: a data directory without them gets the hint; one
# whose first rule file cannot be read gets that file's message only.
mkdir -p "$WORK/nodata" "$WORK/data/rules/aa.rules"
cp -r "$SRC/schemas" "$WORK/data/"
cp "$SRC"/rules/*.rules "$WORK/data/rules/"
ARGRAPH_DATADIR="$WORK/nodata" run_argraph jsonl "$SRC/tests/data/tei/mini-zh.tei.xml"
check "no rules directory: exit 2" equals "$rc" 2
check "no rules directory: the hint" contains "$err" "the bundled rules are not there"
ARGRAPH_DATADIR="$WORK/data" run_argraph jsonl "$SRC/tests/data/tei/mini-zh.tei.xml"
check "unreadable first rule file: exit 2" equals "$rc" 2
check "unreadable first rule file: its message" contains "$err" "aa.rules: error: is a directory"
case "$err" in *"not there"*) r=1 ;; *) r=0 ;; esac
check "unreadable first rule file: no 'not there' hint" equals "$r" 0
finish
