#!/usr/bin/env bash
# check_threads.sh ARGRAPH — the corpus commands on four worker threads
# under ThreadSanitizer (a build with -DARGRAPH_TSAN=ON): every document
# runs read → structure → rules → validate → JSON on its own thread while
# the rules, the graph schema and libxml2 are shared, and the members of
# teiCorpus files are handed over one by one. Any data race,
# lock-order problem or other report fails (TSan's exit code 66), and the
# four-thread outputs must be the bytes of one thread's.
# Run by scripts/test.sh after the ASan+UBSan stage.
set -euo pipefail
ARGRAPH=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
export ARGRAPH_DATADIR=$SRC
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# twenty-odd documents: the bundled ones, the test ones, and copies
mkdir -p "$W/c"
cp "$SRC"/corpus/*.tei.xml "$SRC"/tests/data/grobid/*.tei.xml "$SRC"/tests/data/tei/*.tei.xml "$W/c/"
for k in 1 2 3 4 5; do
	for f in "$SRC"/corpus/*.tei.xml "$SRC"/tests/data/grobid/*.tei.xml; do
		cp "$f" "$W/c/copy$k-$(basename "$f")"
	done
done
# teiCorpus files: their members come back to the main thread one by one,
# as parts of the file's job (src/cli/pool.h), while other files run
if command -v python3 >/dev/null; then
	python3 "$SRC/tests/cli/teicorpus.py" make "$W/tc" "$SRC/tests/data/tei/mini-zh.tei.xml" \
		"$SRC/corpus/nato-alliance.tei.xml" "$SRC/corpus/alliance-persistence.en.tei.xml"
	for k in 1 2 3; do
		cp "$W/tc/col.xml" "$W/c/col$k.xml"
	done
fi
fail=0
step() { # step NAME COMMAND...
	local name=$1
	shift
	if "$@" >"$W/$name.out" 2>"$W/$name.err"; then
		echo "tsan: $name: clean"
	else
		echo "tsan: $name: FAILED (exit $?)" >&2
		grep -A30 -m1 "ThreadSanitizer" "$W/$name.err" >&2 || tail -20 "$W/$name.err" >&2
		fail=1
	fi
}
step jsonl-j4 "$ARGRAPH" jsonl -q -j 4 "$W/c"
step jsonl-j1 "$ARGRAPH" jsonl -q -j 1 "$W/c"
step map-j4 "$ARGRAPH" map -q -j 4 --formats json,jsonl,dot -o "$W/map" "$W/c"
step audit-j4 "$ARGRAPH" audit -q -j 4 --format json "$W/c"
if [ "$fail" -eq 0 ] && ! cmp -s "$W/jsonl-j4.out" "$W/jsonl-j1.out"; then
	echo "tsan: jsonl -j 4 and -j 1 differ" >&2
	fail=1
fi
exit "$fail"
