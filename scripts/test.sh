#!/usr/bin/env bash
# One command runs every test: unit tests, golden files and the end-to-end
# tests that run the real binary on the samples and read the outputs back with
# openpyxl and cmark-gfm. Warnings are errors here, as in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci --parallel 2
