#!/usr/bin/env bash
# map-corpus.sh — install what is missing, build (Release), and map the
# bundled corpus into output/. Run from anywhere as root on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_missing "${BUILD_PACKAGES[@]}"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
cmake --build build -j"$(nproc)"
./build/argraph map -o output
