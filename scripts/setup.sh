#!/usr/bin/env bash
# One command from a fresh clone: install dependencies, build a release binary
# and run it on the sample project. The reports land in out/vi-goer-en-forskel/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
build/release/maaltal build sample-data/vi-goer-en-forskel/project.json --out out/vi-goer-en-forskel
