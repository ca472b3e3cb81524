#!/usr/bin/env bash
# run.sh — corpus throughput, measured in one run (prints figures, asserts
# nothing; not a test). See bench/README.md.
#
#  1. builds a corpus of at least $BENCH_MB MB of TEI (default 50) in a
#     scratch directory: the real documents of ../shared/corpus-real/
#     (grobid/, chinese/, chinese-bulk/ — whichever are there), topped up with
#     varied copies of the bundled documents (corpus/, tests/data/tei/): each
#     copy has its file name and every xml:id and #pointer suffixed, so each
#     is a distinct document;
#  2. times, over the same file list:
#       xmllint --noout                     the parse floor (libxml2 alone)
#       argraph validate -j 1               the per-document extraction on one
#                                           worker thread (read, structure,
#                                           rules, graph-schema validation),
#                                           writing no graph (its warnings and
#                                           a line per document, to count),
#                                           as xmllint --noout writes none:
#                                           the run the 1.5 x target compares
#       argraph jsonl -j 1 / -j 2           the same on one and two worker
#                                           threads with its JSON Lines (five
#                                           times the input) written, one
#                                           process
#       argraph jsonl -j 1 --no-rules       the same without the cue rules:
#                                           what the pass costs besides them
#       argraph map -j 2                    the whole corpus run: the same,
#                                           merged, JSON + JSON Lines + views
#       bench/baseline.py, xargs -P1        the same extraction in Python
#                                           with lxml and re (a scholar's script)
#       argraph merge                       the corpus merge of argraph's lines
#       bench/stages.c                      where the -j 1 pass spends its CPU
#                                           time, stage by stage
#       bench/rulecost.c                    what each cue rule costs, one rule
#                                           at a time over every sentence
#     each with wall time, MB/s and peak RSS (GNU time: the largest single
#     process, i.e. the memory of one worker);
#  3. prints the ratios: argraph against the floor (the extraction writing
#     nothing, like xmllint --noout; and with its JSON Lines written), -j 2
#     against -j 1, argraph against the baseline (both writing JSON Lines).
#
# Environment: ARGRAPH (a binary; default: a Release build made here),
# BENCH_DIR (scratch; default /tmp/argraph-bench), BENCH_MB (default 50),
# CORPUS_REAL (default ../shared/corpus-real next to the source tree),
# BATCH (files per process, default 64), BENCH_REPS (how many times the
# runs the target ratios are made of — xmllint, argraph validate -j 1,
# jsonl -j 1 (with and without the rules) and -j 2, the baseline — are each
# run, taking turns; default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD
SCRATCH=${BENCH_DIR:-/tmp/argraph-bench}
TARGET_MB=${BENCH_MB:-50}
REAL=${CORPUS_REAL:-$SRC/../shared/corpus-real}
BATCH=${BATCH:-64}
REPS=${BENCH_REPS:-3}
PY=/usr/bin/python3 # Debian's, where python3-lxml is

. scripts/deps.sh
. bench/lib.sh
install_missing "${BUILD_PACKAGES[@]}" libxml2-utils python3-lxml time >&2
mkdir -p "$SCRATCH"

need_argraph "$SCRATCH"
if ! "$ARGRAPH" jsonl --help >/dev/null 2>&1; then
	echo "bench: $ARGRAPH has no 'jsonl' command (not wired into src/cli/main.c yet?);" >&2
	echo "       set ARGRAPH to a binary that has it" >&2
	exit 2
fi
export ARGRAPH_DATADIR=$SRC

# ---- 1. the corpus
C=$SCRATCH/corpus
rm -rf "$C"
mkdir -p "$C/real" "$C/varied"
real_sets=()
declare -A taken=() # a document once: chinese-bulk/ repeats two of chinese/
for d in grobid chinese chinese-bulk; do
	if [ -d "$REAL/$d" ] && ls "$REAL/$d"/*.xml >/dev/null 2>&1; then
		mkdir -p "$C/real/$d"
		for f in "$REAL/$d"/*.xml; do
			b=$(basename "$f")
			[ -n "${taken[$b]:-}" ] && continue
			taken[$b]=1
			cp "$f" "$C/real/$d/"
		done
		real_sets+=("$d")
	fi
done
seeds=(corpus/*.tei.xml tests/data/tei/*.tei.xml)
have=$(du -sb "$C" | cut -f1)
want=$((TARGET_MB * 1024 * 1024))
round=$(cat "${seeds[@]}" | wc -c)
copies=0
if [ "$have" -lt "$want" ]; then
	copies=$(((want - have + round - 1) / round))
fi
varied_copies "$C/varied" "$copies" "${seeds[@]}"
find "$C" -name '*.xml' -type f | LC_ALL=C sort >"$SCRATCH/files.txt"
nfiles=$(wc -l <"$SCRATCH/files.txt")
bytes=$(xargs -a "$SCRATCH/files.txt" -d '\n' cat | wc -c)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')

# ---- 2. the runs. run NAME COMMAND...: wall seconds and peak RSS (KB).
declare -A secs rss cpu
run() {
	local name=$1
	shift
	/usr/bin/time -f "%e %M %U %S" -o "$SCRATCH/time.$name" "$@" || true
	# the last line: GNU time first says "Command exited with non-zero status N"
	local u s
	read -r "secs[$name]" "rss[$name]" u s < <(tail -n 1 "$SCRATCH/time.$name")
	cpu[$name]=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
}
# best NAME N: secs, cpu and rss of NAME are the smallest of NAME.1 … NAME.N
# (each on its own: the fastest wall clock need not be the least CPU);
# spread[NAME] is the range of CPU seconds.
declare -A spread
best() {
	local name=$1 n=$2 k
	local -a w c r
	for ((k = 1; k <= n; k++)); do
		w+=("${secs[$name.$k]}")
		c+=("${cpu[$name.$k]}")
		r+=("${rss[$name.$k]}")
	done
	secs[$name]=$(printf '%s\n' "${w[@]}" | sort -g | head -n 1)
	cpu[$name]=$(printf '%s\n' "${c[@]}" | sort -g | head -n 1)
	rss[$name]=$(printf '%s\n' "${r[@]}" | sort -g | head -n 1)
	spread[$name]="$(printf '%s\n' "${c[@]}" | sort -g | head -n 1)-$(printf '%s\n' "${c[@]}" | sort -g | tail -n 1)"
}
X=(xargs -a "$SCRATCH/files.txt" -d '\n')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# The runs the ratios are made of take turns, REPS rounds: a burst of load
# from elsewhere on a shared machine then costs one sample of each, not a
# whole measurement; each figure is the best (smallest) of its samples, and
# the spread of CPU seconds is printed beside it.
for ((rep = 1; rep <= REPS; rep++)); do
	echo "round $rep of $REPS: xmllint, argraph validate -j 1, jsonl -j 1 (with and without rules) and -j 2, the Python baseline ..." >&2
	run "xmllint.$rep" "${X[@]}" -n "$BATCH" xmllint --noout 2>"$SCRATCH/xmllint.err"
	run "argraph_validate.$rep" sh -c '"$1" validate -j 1 - <"$2"' sh "$ARGRAPH" "$SCRATCH/files.txt" 2>"$SCRATCH/argraph-validate.err"
	rm -f "$SCRATCH/argraph-j1.jsonl"
	run "argraph_j1.$rep" sh -c '"$1" jsonl -q -j 1 - <"$2" >"$3"' sh "$ARGRAPH" "$SCRATCH/files.txt" "$SCRATCH/argraph-j1.jsonl" 2>"$SCRATCH/argraph-j1.err"
	run "argraph_norules.$rep" sh -c '"$1" jsonl -q -j 1 --no-rules - <"$2" >/dev/null' sh "$ARGRAPH" "$SCRATCH/files.txt" 2>"$SCRATCH/argraph-norules.err"
	rm -f "$SCRATCH/argraph-j2.jsonl"
	run "argraph_j2.$rep" sh -c '"$1" jsonl -q -j 2 - <"$2" >"$3"' sh "$ARGRAPH" "$SCRATCH/files.txt" "$SCRATCH/argraph-j2.jsonl" 2>"$SCRATCH/argraph-j2.err"
	rm -f "$SCRATCH/baseline.jsonl"
	run "baseline.$rep" "${X[@]}" -P 1 -n "$BATCH" "$PY" bench/baseline.py --rules rules -o "$SCRATCH/baseline.jsonl" 2>"$SCRATCH/baseline.err"
done
for name in xmllint argraph_validate argraph_j1 argraph_norules argraph_j2 baseline; do
	best "$name" "$REPS"
done
same_j=$(cmp -s "$SCRATCH/argraph-j1.jsonl" "$SCRATCH/argraph-j2.jsonl" && echo "the same bytes as -j 1" || echo "DIFFERS from -j 1")
echo "running argraph map -j 2 (the whole corpus run) ..." >&2
rm -rf "$SCRATCH/map"
run map_j2 "$ARGRAPH" map -q -j 2 --formats json,jsonl,dot,svg -o "$SCRATCH/map" - <"$SCRATCH/files.txt" 2>"$SCRATCH/map.err"

echo "running argraph merge ..." >&2
run merge "$ARGRAPH" merge -q "$SCRATCH/argraph-j1.jsonl" -o "$SCRATCH/merged.json" 2>"$SCRATCH/merge.err"

# run_tool NAME BASE DEFECT: the benchmark tool NAME (bench/BASE.c) over the
# corpus list into SCRATCH/BASE.txt, its stderr into BASE.err, where its exit
# 3 (DEFECT) or another failure is noted too.
run_tool() {
	need_tool "$1" "$SCRATCH"
	local rc=0
	"$TOOL" "$SRC" <"$SCRATCH/files.txt" >"$SCRATCH/$2.txt" 2>"$SCRATCH/$2.err" || rc=$?
	case $rc in
	0) ;;
	3) echo "bench/$2.c: $3" >>"$SCRATCH/$2.err" ;;
	*) echo "bench/$2.c failed (exit $rc)" >>"$SCRATCH/$2.err" ;;
	esac
}
echo "running the stage split (bench/stages.c) ..." >&2
run_tool argraph_stagebench stages "the tight loop found other matches than the file-by-file matching"
echo "running the per-rule costs (bench/rulecost.c) ..." >&2
run_tool argraph_rulecost rulecost "the rules one at a time found other matches than together"

# ---- 3. figures
lines() { [ -f "$1" ] && wc -l <"$1" || echo 0; }
mbs() { awk -v m="$mb" -v s="$1" 'BEGIN { if (s > 0) printf "%.2f", m / s; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
row() { printf "%-34s %8s %8s %8s %11s  %s\n" "$@"; }

echo
echo "argraph corpus bench — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $("$ARGRAPH" --version)"
echo "corpus: $nfiles files, $mb MB ($copies varied copies of ${#seeds[@]} bundled documents; real: ${real_sets[*]:-none})"
echo "argraph: one process, -j worker threads (rules compiled and their examples checked once); xmllint and the baseline: $BATCH files per process"
echo "load average before / after the runs: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "xmllint, argraph validate -j 1, jsonl -j 1 (with and without rules) and -j 2, and the baseline: the best of $REPS turns each (the range of their CPU seconds in the notes); the rest: one run"
$PY bench/baseline.py --rules rules --list-problems | sed 's/^/baseline rules: /'
echo
row "run" "wall s" "MB/s" "CPU s" "peak RSS" "notes"
row "xmllint --noout (parse floor)" "${secs[xmllint]}" "$(mbs "${secs[xmllint]}")" "${cpu[xmllint]}" "${rss[xmllint]} KB" \
	"$(grep -c 'parser error' "$SCRATCH/xmllint.err" || true) parser errors; CPU ${spread[xmllint]}"
row "argraph validate -j 1 (no graph)" "${secs[argraph_validate]}" "$(mbs "${secs[argraph_validate]}")" "${cpu[argraph_validate]}" "${rss[argraph_validate]} KB" \
	"$(grep -Ec ': [0-9]+ nodes, [0-9]+ edges: ' "$SCRATCH/argraph-validate.err" || true) graphs checked, $(grep -c ': error:' "$SCRATCH/argraph-validate.err" || true) errors; CPU ${spread[argraph_validate]}"
row "argraph jsonl -j 1" "${secs[argraph_j1]}" "$(mbs "${secs[argraph_j1]}")" "${cpu[argraph_j1]}" "${rss[argraph_j1]} KB" \
	"$(lines "$SCRATCH/argraph-j1.jsonl") documents out, $(grep -c ': error:' "$SCRATCH/argraph-j1.err" || true) errors; CPU ${spread[argraph_j1]}"
row "argraph jsonl -j 1 --no-rules" "${secs[argraph_norules]}" "$(mbs "${secs[argraph_norules]}")" "${cpu[argraph_norules]}" "${rss[argraph_norules]} KB" \
	"read, structure, validate, JSON without the cue rules; CPU ${spread[argraph_norules]}"
row "argraph jsonl -j 2" "${secs[argraph_j2]}" "$(mbs "${secs[argraph_j2]}")" "${cpu[argraph_j2]}" "${rss[argraph_j2]} KB" \
	"$(lines "$SCRATCH/argraph-j2.jsonl") documents out, $same_j; CPU ${spread[argraph_j2]}"
row "python3 baseline (lxml + re), -P1" "${secs[baseline]}" "$(mbs "${secs[baseline]}")" "${cpu[baseline]}" "${rss[baseline]} KB" \
	"$(lines "$SCRATCH/baseline.jsonl") documents out; CPU ${spread[baseline]}"
row "argraph merge (of the -P1 lines)" "${secs[merge]}" "-" "${cpu[merge]}" "${rss[merge]} KB" \
	"$(grep -c '"kind": "document"' "$SCRATCH/merged.json" 2>/dev/null || echo 0) documents merged"
row "argraph map -j 2 (jsonl+merge+views)" "${secs[map_j2]}" "$(mbs "${secs[map_j2]}")" "${cpu[map_j2]}" "${rss[map_j2]} KB" \
	"$(cmp -s "$SCRATCH/map/corpus.json" "$SCRATCH/merged.json" && echo "corpus.json = merge's" || echo "corpus.json DIFFERS from merge's")"
echo
echo "argraph -j1 / xmllint floor:        $(ratio "${secs[argraph_validate]}" "${secs[xmllint]}") x wall, $(ratio "${cpu[argraph_validate]}" "${cpu[xmllint]}") x CPU   (target: within 1.5; validate -j 1 against --noout: neither writes what it read)"
echo "  with its JSON Lines written:     $(ratio "${cpu[argraph_j1]}" "${cpu[xmllint]}") x CPU   (jsonl -j 1: $(awk -v a="${cpu[argraph_j1]}" -v b="${cpu[argraph_validate]}" 'BEGIN { printf "%.2f", a - b }') CPU s more)"
echo "  without the cue rules:           $(ratio "${cpu[argraph_norules]}" "${cpu[xmllint]}") x CPU; the rules cost $(awk -v a="${cpu[argraph_j1]}" -v b="${cpu[argraph_norules]}" 'BEGIN { printf "%.2f", a - b }') CPU s of jsonl -j1's"
echo "speed-up of -j2 over -j1:           $(ratio "${secs[argraph_j1]}" "${secs[argraph_j2]}") x wall   (ideal: 2; CPU $(ratio "${cpu[argraph_j2]}" "${cpu[argraph_j1]}") x of -j1's)"
echo "memory of one more worker:          $(( ${rss[argraph_j2]:-0} - ${rss[argraph_j1]:-0} )) KB   (peak RSS of -j 2 minus -j 1)"
echo "python baseline / argraph -j1:      $(ratio "${secs[baseline]}" "${secs[argraph_j1]}") x wall, $(ratio "${cpu[baseline]}" "${cpu[argraph_j1]}") x CPU   (target: at least 10)"
echo
cat "$SCRATCH/stages.txt" "$SCRATCH/stages.err"
echo
# the table's head (the costliest rules), the prefilter's lines and the check
awk '/^prefilter of|^matches:/ {print; next} {n++} n <= 14 {print}' "$SCRATCH/rulecost.txt"
echo "  (every rule: $SCRATCH/rulecost.txt)"
cat "$SCRATCH/rulecost.err"
echo
echo "outputs and stderr of each run: $SCRATCH"
