#!/usr/bin/env bash
# Benchmarks the release build and rewrites BENCHMARKS.md (about 10 minutes on 2 cores):
# transfer size (and the size floor of the crates sitrep is built on), first incident visible
# with and without a snapshot against a static page (unthrottled and slow 4G),
# rendering and scrolling 10,000 incidents and a 500-update incident, 1,000 accelerated polls,
# criterion micro-benchmarks of the parsers and markdown, and the sitrep command on 10,000
# incidents. Not part of ./scripts/test.sh.
#
# Environment: BENCH_COLD_RUNS, BENCH_SCALE_RUNS, BENCH_POLLS, BENCH_SCROLL_MS (see
# benches/browser/run.mjs) to trade precision for time; SKIP_BUILD=1 to measure the dist/ already there.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh

step() { printf '\n== %s\n' "$*"; }
out=target/bench
mkdir -p "$out"
started=$(date +%s)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "release build"
  build_release
fi

step "size floor (benches/floor: the crates sitrep is built on, without sitrep)"
floor=target/floor
cargo build --quiet --release --target wasm32-unknown-unknown --manifest-path benches/floor/Cargo.toml \
  --target-dir "$floor"
wasm-bindgen --target web --out-dir "$floor/out" --out-name floor \
  "$floor/wasm32-unknown-unknown/release/sitrep-size-floor.wasm"
# The same optimisation scripts/postbuild.mjs gives sitrep's wasm modules.
wasm-opt -Oz --low-memory-unused --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types "$floor/out/floor_bg.wasm" -o "$floor/out/floor_bg.wasm"

step "criterion benchmarks (cargo bench --bench pipeline --bench publisher)"
since=$(($(date +%s) * 1000))
cargo bench --quiet --bench pipeline --bench publisher > "$out/criterion.log" 2>&1 || { cat "$out/criterion.log"; exit 1; }
echo "criterion: $(grep -cE 'time: +\[[0-9.]+ [nµum]?s ' "$out/criterion.log") benchmarks (log: $out/criterion.log)"

step "sitrep command (writes the snapshot the first-incident benchmark loads)"
cargo build --quiet --release --bin sitrep

step "browser benchmarks (nginx + headless Chromium)"
node benches/browser/run.mjs > "$out/browser.json"

step "BENCHMARKS.md"
node benches/browser/report.mjs --browser "$out/browser.json" --criterion-since "$since"
sed -n '/^## Goals/,/^## 1\./p' BENCHMARKS.md | sed '$d'
echo "bench: done in $(($(date +%s) - started)) s; raw results in $out/"
