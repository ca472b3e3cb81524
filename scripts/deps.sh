# deps.sh — install the Debian packages argraph needs, only those missing.
# Sourced by scripts/map-corpus.sh and scripts/test.sh; run as root on
# Debian 12 (bookworm). Usage: install_missing PACKAGE...
install_missing() {
	local missing=()
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
			|| missing+=("$pkg")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "installing: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "${missing[@]}"
	fi
}

# To build and run argraph: compiler, CMake, the four libraries, Graphviz's
# plugins (cairo renderers for PNG/PDF) and the one CJK font that gives
# Simplified Chinese glyph forms (Noto Sans CJK SC).
BUILD_PACKAGES=(build-essential cmake pkg-config libxml2-dev libgraphviz-dev graphviz
	libpcre2-dev libjansson-dev fonts-noto-cjk)
# To test: jing (reference RELAX NG validator), xmllint, python3 (corpus
# fidelity check), python3-lxml (the benchmark baseline reads the rules as
# argraph does), valgrind (leak check), GNU parallel (the sharded merge test).
TEST_PACKAGES=(jing libxml2-utils python3 python3-lxml valgrind parallel)
