#!/usr/bin/env bash
# The benchmark in one command: the Debian packages (maaltal's and the pandas
# peer's), a release build, then bench/run.py beside the peer.
#   bench/run.sh                 # N = 10^4, 10^5, 10^6
#   BENCH_LARGE=1 bench/run.sh   # and 10^7 (about 800 MB of CSV)
#   bench/run.sh 50000           # any sizes
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
launcher=(); command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake --preset release "${launcher[@]}" >/dev/null
cmake --build --preset release >/dev/null
exec /usr/bin/python3 bench/run.py "$@"
