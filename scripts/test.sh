#!/usr/bin/env bash
# test.sh — install what is missing, build with AddressSanitizer +
# UndefinedBehaviorSanitizer and run the whole test suite; then build
# without sanitizers and run the unit tests and the fuzz corpora (every seed
# and every crasher found so far) under valgrind (leaks of our own fail the
# run; graphviz frames are suppressed, see supp/); in between, the corpus
# commands on several threads under ThreadSanitizer.
# Run from anywhere as root on Debian 12. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DARGRAPH_SANITIZE=ON -DARGRAPH_WERROR=ON
cmake --build build-asan -j"$(nproc)"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)"

# ThreadSanitizer: map/audit/jsonl on four worker threads over the test
# documents (tests/tsan/check_threads.sh); any report fails the run.
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARGRAPH_TSAN=ON -DBUILD_TESTING=OFF
cmake --build build-tsan -j"$(nproc)"
bash tests/tsan/check_threads.sh build-tsan/argraph

cmake -S . -B build-memcheck -DCMAKE_BUILD_TYPE=Debug -DARGRAPH_DEBUG_ARENA=ON
cmake --build build-memcheck -j"$(nproc)"
# valgrind: JIT code gives false reports (TECHNOTES §4), so the rule engine
# skips JIT under valgrind; failures come back as ctest failures.
ctest --test-dir build-memcheck -L 'unit|fuzz' -T memcheck --output-on-failure -j"$(nproc)"
defects=$(grep -l -E "Defect|definitely lost: [1-9]" build-memcheck/Testing/Temporary/MemoryChecker.*.log 2>/dev/null || true)
if [ -n "$defects" ]; then
	echo "valgrind found problems:" >&2
	cat $defects >&2
	exit 1
fi
echo "valgrind: no leaks or errors of our own"
