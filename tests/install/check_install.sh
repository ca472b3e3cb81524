#!/usr/bin/env bash
# check_install.sh BUILD_DIR SRC_DIR WORK_DIR EXTRA_CFLAGS
# `cmake --install` puts the CLI, libargraph, the headers, argraph.pc and
# the data files in place; a program builds against them with pkg-config
# alone and runs; every public header compiles on its own as C and C++.
set -u
build=$1 src=$2 work=$3 extra=${4:-}
rm -rf "$work" && mkdir -p "$work"
pass=0 fail=0
check() { local what=$1; shift; if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAILED: $what" >&2; fi; }

prefix="$work/prefix"
check "cmake --install" cmake --install "$build" --prefix "$prefix" >/dev/null
check "CLI installed" test -x "$prefix/bin/argraph"
check "headers installed" test -f "$prefix/include/argraph/argraph.h"
libdir=$(dirname "$(find "$prefix" -name argraph.pc | head -1)")/..
check "pkg-config file installed" test -f "$libdir/pkgconfig/argraph.pc"
check "shared library installed" test -e "$libdir/libargraph.so"

export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags=$(pkg-config --cflags --libs argraph)
check "pkg-config knows argraph" test -n "$flags"
check "example builds with pkg-config" cc -std=c11 $extra "$src/examples/hello.c" $flags -o "$work/hello"
LD_LIBRARY_PATH="$libdir" "$work/hello" "$src/tests/data/tei/mini-zh.tei.xml" >"$work/hello.json" 2>"$work/hello.err"
check "example runs" test $? -eq 0
check "example prints the graph" grep -q '"kind": "claim"' "$work/hello.json"

for h in "$src"/include/argraph/*.h; do
	check "$(basename "$h") compiles alone as C" cc -std=c11 -Wall -Werror -fsyntax-only -I"$src/include" -x c "$h"
	if command -v c++ >/dev/null; then
		check "$(basename "$h") compiles alone as C++" c++ -Wall -Werror -fsyntax-only -I"$src/include" -x c++ "$h"
	fi
done
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
