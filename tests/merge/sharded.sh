#!/usr/bin/env bash
# sharded.sh — the corpus run of docs/cluster.md, on one machine: the TEI
# documents (corpus/ and every TEI file under tests/data/) are split into
# shards, the shards are mapped to JSON Lines by GNU parallel, and the
# shards are merged in several groupings and orders — a flat merge in
# reverse order, a two-level tree of `merge --jsonl` run by parallel, and
# the lines shuffled into three new shards. Each result must be the
# one-shot merge of all the documents, byte for byte.
#   $1 = the argraph binary, $2 = the source dir, $3 = a scratch dir.
# Exit 77 (skipped) while `argraph merge` is not wired into the CLI, or
# when GNU parallel is missing (scripts/deps.sh installs it).
set -u
ARGRAPH=$1
SRC=$2
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
pass=0
fail=0
check() { # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAILED: $what" >&2
	fi
}
same() { cmp -s "$1" "$2" || { echo "  $1 and $2 differ: $(cmp "$1" "$2" 2>&1)" >&2; return 1; }; }

if ! "$ARGRAPH" merge --help >/dev/null 2>&1 || ! "$ARGRAPH" jsonl --help >/dev/null 2>&1; then
	echo "sharded: argraph has no merge/jsonl command yet: skipped"
	exit 77
fi
if ! command -v parallel >/dev/null; then
	echo "sharded: GNU parallel is not installed: skipped"
	exit 77
fi
export PARALLEL_HOME="$WORK/.parallel"
PAR=(parallel --will-cite --halt now,fail=1)

# The documents, as paths relative to the source dir (provenance records
# the path as given, so every run below must name them alike), one per
# document key, each one argraph can read.
cd "$SRC" || exit 1
declare -A seen=()
docs=()
while IFS= read -r f; do
	key=$(basename "$f")
	key=${key%.xml}
	key=${key%.tei}
	[ -n "${seen[$key]:-}" ] && continue
	if "$ARGRAPH" jsonl -q "$f" >/dev/null 2>&1; then
		seen[$key]=1
		docs+=("$f")
	fi
done < <({ ls corpus/*.xml; find tests/data -name '*.xml' -type f | LC_ALL=C sort; })
check "at least the three known documents" test "${#docs[@]}" -ge 3
printf '%s\n' "${docs[@]}" >"$WORK/docs.txt"

# One shot: every document in one process, one merge.
"$ARGRAPH" jsonl -q "${docs[@]}" >"$WORK/all.jsonl"
check "jsonl: one line per document" test "$(wc -l <"$WORK/all.jsonl")" -eq "${#docs[@]}"
"$ARGRAPH" merge -q "$WORK/all.jsonl" -o "$WORK/oneshot.json"
check "one-shot merge written" test -s "$WORK/oneshot.json"

# Map: at least three shards of one or more documents, two jobs at a time
# (docs.txt on stdin, a shard per job, named by the job's number).
per=$(( ${#docs[@]} / 3 ))
[ "$per" -ge 1 ] || per=1
mkdir -p "$WORK/shards"
"${PAR[@]}" -j 2 -N "$per" "'$ARGRAPH'" jsonl -q {} '>' "'$WORK/shards/{#}.jsonl'" <"$WORK/docs.txt"
check "parallel made the shards" test "$(ls "$WORK/shards" | wc -l)" -ge 3
check "the shards hold every document" test "$(cat "$WORK"/shards/*.jsonl | wc -l)" -eq "${#docs[@]}"

# Reduce 1: all shards at once, in reverse order.
mapfile -t shards < <(ls "$WORK"/shards/*.jsonl | LC_ALL=C sort -r)
"$ARGRAPH" merge -q "${shards[@]}" >"$WORK/flat.json"
check "flat merge of the shards, reverse order = one shot" same "$WORK/flat.json" "$WORK/oneshot.json"

# Reduce 2: a tree. Level 1 merges pairs of shards (last with first …)
# with --jsonl, in parallel; level 2 merges the partial results.
mkdir -p "$WORK/level1"
n=${#shards[@]}
for ((i = 0, j = n - 1; i <= j; i++, j--)); do
	echo "${shards[i]}"
	[ "$i" -lt "$j" ] && echo "${shards[j]}"
done | "${PAR[@]}" -j 2 -N 2 "'$ARGRAPH'" merge -q --jsonl {} -o "'$WORK/level1/{#}.jsonl'"
check "level 1 made partial merges" test "$(ls "$WORK/level1" | wc -l)" -ge 1
cat "$WORK"/level1/*.jsonl | "$ARGRAPH" merge -q - >"$WORK/tree.json"
check "tree of merges = one shot" same "$WORK/tree.json" "$WORK/oneshot.json"

# Reduce 3: the per-document lines shuffled and cut into three shards;
# one of them merged first, the result merged with the other two.
mkdir -p "$WORK/shuffled"
shuf --random-source=<(yes 42) "$WORK/all.jsonl" >"$WORK/shuffled/all.jsonl"
(cd "$WORK/shuffled" && split -n l/3 -d all.jsonl part.)
"$ARGRAPH" merge -q --jsonl "$WORK/shuffled/part.01" >"$WORK/shuffled/p1.jsonl"
"$ARGRAPH" merge -q "$WORK/shuffled/part.02" "$WORK/shuffled/p1.jsonl" "$WORK/shuffled/part.00" >"$WORK/shuffled.json"
check "shuffled shards, another grouping = one shot" same "$WORK/shuffled.json" "$WORK/oneshot.json"

# Merging the result again, or adding a shard twice, changes nothing.
"$ARGRAPH" merge -q "$WORK/oneshot.json" "${shards[0]}" >"$WORK/again.json"
check "merge is idempotent" same "$WORK/again.json" "$WORK/oneshot.json"

# The merged graph is one graph of several documents: the persons they
# share are single nodes that name their documents.
check "several documents" test "$(grep -c '"kind": "document"' "$WORK/oneshot.json")" -eq "${#docs[@]}"
check "a shared person names both documents" grep -q '"documents": "alliance-persistence.en nato-alliance"' "$WORK/oneshot.json"

echo "sharded: $pass passed, $fail failed (${#docs[@]} documents, ${#shards[@]} shards)"
[ "$fail" -eq 0 ]
