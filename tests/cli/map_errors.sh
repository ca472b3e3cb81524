#!/usr/bin/env bash
# map_errors.sh — bad inputs give file:line: message, exit 3, and no output
# file (not even a temporary one) in the output directory.
. "$(dirname "$0")/lib.sh"

out_dir="$WORK/out"
mkdir -p "$out_dir"

run_argraph map "$WORK/does-not-exist.tei.xml" -o "$out_dir"
check "missing file: exit 3" equals "$rc" 3
check "missing file: path and reason" contains "$err" "$WORK/does-not-exist.tei.xml: error: cannot open: No such file or directory"
check "missing file: nothing written" empty_dir "$out_dir"

printf '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader/>\n<text><body><p>unclosed <hi>x</p></body></text>\n</TEI>\n' >"$WORK/malformed.tei.xml"
run_argraph map "$WORK/malformed.tei.xml" -o "$out_dir"
check "malformed: exit 3" equals "$rc" 3
check "malformed: file:line:col and libxml2's message" contains "$err" "$WORK/malformed.tei.xml:4:"
check "malformed: says what is wrong" contains "$err" "Opening and ending tag mismatch"
check "malformed: nothing written" empty_dir "$out_dir"

printf '<?xml version="1.0"?>\n<html><body><p>Not TEI.</p></body></html>\n' >"$WORK/page.xml"
run_argraph map "$WORK/page.xml" -o "$out_dir"
check "non-TEI: exit 3" equals "$rc" 3
check "non-TEI: clear message with line" contains "$err" "$WORK/page.xml:2: error: root element is <html>, not <TEI>: this is not a TEI document"
check "non-TEI: nothing written" empty_dir "$out_dir"

mkdir -p "$WORK/no-tei"
run_argraph map "$WORK/no-tei" -o "$out_dir"
check "directory with no TEI file: exit 3" equals "$rc" 3
check "directory with no TEI file: says so" contains "$err" "$WORK/no-tei: error: no TEI file (*.xml) in this directory"
check "directory with no TEI file: nothing written" empty_dir "$out_dir"

# an output directory that cannot be written: exit 3, no partial files
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$WORK/ro" && chmod 555 "$WORK/ro"
	run_argraph map "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/ro"
	check "read-only output dir: exit 3" equals "$rc" 3
	check "read-only output dir: empty" empty_dir "$WORK/ro"
fi
printf 'a file' >"$WORK/not-a-dir"
run_argraph map "$SRC/tests/data/tei/mini-zh.tei.xml" -o "$WORK/not-a-dir"
check "output path is a file: exit 3" equals "$rc" 3
check "output path is a file: says so" contains "$err" "cannot use as output directory"
finish
