# lib.sh — what the benchmarks share (sourced).

# varied_copies DIR COUNT FILE... : COUNT copies of each FILE in DIR, the
# k-th as NAME-vk.tei.xml with every xml:id and #pointer suffixed -vk, so
# each copy is a distinct document (its own key and ids) citing the same
# works as the original.
varied_copies() {
	local dir=$1 count=$2 k f b
	shift 2
	for ((k = 1; k <= count; k++)); do
		for f in "$@"; do
			b=$(basename "$f" .tei.xml)
			sed -e "s/xml:id=\"\([^\"]*\)\"/xml:id=\"\1-v$k\"/g" \
			    -e "s/\([\"' ]\)#\([A-Za-z_][A-Za-z0-9_.-]*\)/\1#\2-v$k/g" \
			    "$f" >"$dir/$b-v$k.tei.xml"
		done
	done
}

# need_argraph SCRATCH: set ARGRAPH to a binary — the one given in the
# environment, else a Release build made in SCRATCH/build.
need_argraph() {
	if [ -z "${ARGRAPH:-}" ]; then
		echo "building argraph (Release) in $1/build ..." >&2
		cmake -S . -B "$1/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
		cmake --build "$1/build" -j"$(nproc)" >/dev/null
		ARGRAPH=$1/build/argraph
	fi
}

# need_tool NAME SCRATCH: set TOOL to the benchmark tool NAME's binary
# (argraph_stagebench, argraph_rulecost) — the one beside $ARGRAPH (the same
# build), else one built in SCRATCH/build.
need_tool() {
	TOOL=$(dirname "$ARGRAPH")/$1
	if [ ! -x "$TOOL" ]; then
		echo "building $1 (Release) in $2/build ..." >&2
		cmake -S . -B "$2/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
		cmake --build "$2/build" -j"$(nproc)" --target "$1" >/dev/null
		TOOL=$2/build/$1
	fi
}
