#!/usr/bin/env bash
# Installs what is missing and runs every check and test: formatting, lints (native and
# wasm32), native unit tests, the release build, the size of the build, and the browser tests in
# headless Chromium (among them the first visit's transfer, tests/browser/budget.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (native)"
cargo clippy --all-targets --quiet -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings
step "cargo test (native unit tests)"
cargo test --quiet
step "release build"
build_release
step "size of every file of the build (brotli) against benches/budget.json"
node scripts/check-size.mjs
step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/
