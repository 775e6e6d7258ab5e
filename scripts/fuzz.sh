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
mkdir -p "$corpus"/{csv,json,json-parser,project,counts,as-of,markdown,template}
for f in sample-data/*/*.csv; do cp "$f" "$corpus/csv/$(basename "$(dirname "$f")")-$(basename "$f")"; done
for p in sample-data/*/project.json; do cp "$p" "$corpus/project/$(basename "$(dirname "$p")").json"; done
cp tests/fuzz/seeds/json/* "$corpus/json/"
# A counts seed's first byte picks the format: even for CSV, odd for JSON.
for f in sample-data/*/antal-*.csv; do { printf '\0'; cat "$f"; } >"$corpus/counts/$(basename "$f")"; done
for f in tests/fuzz/seeds/counts/*.json; do { printf '\1'; cat "$f"; } >"$corpus/counts/$(basename "$f")"; done
i=0
for d in 2021-06-30 31-12-2022 30.06.2021 01/01/2019 44561 2040-01-01; do i=$((i + 1)); printf '%s' "$d" >"$corpus/as-of/$i"; done
cp sample-data/*/tekst/*.md tests/fuzz/seeds/markdown/* "$corpus/markdown/"
cp templates/*.mustache "$corpus/template/"
cp "$corpus"/project/*.json "$corpus"/json/*.json "$corpus/json-parser/"

run() {
  local target=$1 seeds=$2
  echo "fuzz: $target for ${seconds}s"
  (cd build/fuzz && "tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
     -timeout=10 -print_final_stats=1 "corpus/$seeds" 2>&1 | tail -n 12)
}
run fuzz_csv csv
run fuzz_registrations_json json
run fuzz_project project
run fuzz_json json-parser
run fuzz_counts counts
run fuzz_as_of as-of
run fuzz_markdown markdown
run fuzz_template template
echo "fuzz: no finding"
