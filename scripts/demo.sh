#!/usr/bin/env bash
# Installs what is missing, builds the site and serves it with the bundled demo data on
# http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
build_release
port="${PORT:-8080}"
# The demo bucket is rebuilt from its markdown sources with times relative to now, so the demo
# never looks stale, its feeds are written beside index.html (config.json's feed_url), and
# a snapshot of its status is put into index.html.
cargo run --quiet --bin sitrep -- build demo/sitrep/incidents dist/demo/sitrep
cargo run --quiet --bin sitrep -- feed dist/demo/sitrep --site-url "http://127.0.0.1:$port/" \
  --data-url demo/sitrep/ --title "Acme Cloud Status" dist
# The current status goes into index.html, so it shows before the app has loaded.
cargo run --quiet --bin sitrep -- snapshot dist
echo
echo "sitrep demo: http://127.0.0.1:$port/"
exec python3 -m http.server --bind 127.0.0.1 --directory dist "$port"
