#!/usr/bin/env bash
# layout.sh — layout at scale: how long a view of a merged corpus takes to
# draw, by layout choice (prints figures, asserts nothing). The argument
# view by default: every copy's claims stay its own, so it grows with the
# corpus (the citation view of copies citing the same works does not).
#
# Builds a corpus of COPIES varied copies of the bundled and GROBID test
# documents (distinct file names and xml:ids, so each is its own document
# citing the same works) and draws a view (VIEW, default argument) of the
# merged graph as SVG:
#   default           summarised to the 300 best-connected nodes, dot
#   --top 0           every node; --engine auto picks sfdp past 2,000
#   --top 0 --engine dot   every node with dot, stopped after DOT_TIMEOUT s
#                     (argraph's own --render-timeout)
# Environment: ARGRAPH (a binary; default: a Release build made here),
# BENCH_DIR (default /tmp/argraph-layout), COPIES (default 330: an
# argument view of about 32,000 nodes), DOT_TIMEOUT (default 600), VIEW.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD
SCRATCH=${BENCH_DIR:-/tmp/argraph-layout}
COPIES=${COPIES:-330}
DOT_TIMEOUT=${DOT_TIMEOUT:-600}
VIEW=${VIEW:-argument}
. scripts/deps.sh
. bench/lib.sh
install_missing "${BUILD_PACKAGES[@]}" time >&2
mkdir -p "$SCRATCH"
need_argraph "$SCRATCH"
export ARGRAPH_DATADIR=$SRC

C=$SCRATCH/corpus
rm -rf "$C"
mkdir -p "$C"
seeds=(corpus/*.tei.xml tests/data/grobid/*.tei.xml)
varied_copies "$C" "$COPIES" "${seeds[@]}"
ndocs=$(ls "$C" | wc -l)

draw() { # draw NAME ARGS...: wall seconds, or "stopped after N s"
	local name=$1
	shift
	local t0 t1 rc=0
	rm -rf "$SCRATCH/$name"
	t0=$(date +%s.%N)
	"$ARGRAPH" map -q -j "$(nproc)" --view "$VIEW" --formats dot,svg --render-timeout "$DOT_TIMEOUT" \
		-o "$SCRATCH/$name" "$@" "$C" 2>"$SCRATCH/$name.err" || rc=$?
	t1=$(date +%s.%N)
	local nodes
	# node statements of the DOT, the legend's left out
	nodes=$(grep -E '^\s*"[^"]+"\s*\[' "$SCRATCH/$name/corpus.$VIEW.dot" 2>/dev/null | grep -vc '^\s*"legend ' || true)
	if grep -q 'render.timeout' "$SCRATCH/$name.err"; then
		printf "%-34s %8s nodes  layout stopped after %s s (--render-timeout)\n" "$name" "$nodes" "$DOT_TIMEOUT"
	else
		printf "%-34s %8s nodes  %8.1f s  (exit %s)\n" "$name" "$nodes" \
			"$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$rc"
	fi
}

echo "argraph layout bench — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $("$ARGRAPH" --version)"
echo "corpus: $ndocs documents ($COPIES copies of ${#seeds[@]}); the $VIEW view; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "each run maps the corpus too (on $(nproc) threads); the first row is mostly that"
draw "default (top 300, dot)"
draw "--top 0 (auto: sfdp past 2,000)" --top 0
draw "--top 0 --engine dot" --top 0 --engine dot
