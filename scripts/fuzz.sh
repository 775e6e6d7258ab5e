#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (preset `fuzz`: AddressSanitizer and
# UndefinedBehaviorSanitizer too) and runs each for FUZZ_SECONDS (default 30),
# seeded with the samples. A crash, a leak, a sanitizer finding or a time-out
# stops it with a non-zero exit and the input that did it under build/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

corpus=build/fuzz/corpus
rm -rf "$corpus"
mkdir -p "$corpus"/{csv,project,json,template}
for f in sample-data/*/*.csv; do cp "$f" "$corpus/csv/$(basename "$(dirname "$f")")-$(basename "$f")"; done
for p in sample-data/*/project.json; do cp "$p" "$corpus/project/$(basename "$(dirname "$p")").json"; done
cp templates/*.mustache "$corpus/template/"
cp "$corpus"/project/*.json "$corpus/json/"

run() {
  local target=$1 seeds=$2
  echo "fuzz: $target for ${seconds}s"
  (cd build/fuzz && "tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
     -timeout=10 -print_final_stats=1 "corpus/$seeds" 2>&1 | tail -n 12)
}
run fuzz_csv csv
run fuzz_project project
run fuzz_json json
run fuzz_template template
echo "fuzz: no finding"
