#!/usr/bin/env bash
# Installs what is missing, builds the site and serves it with the bundled demo data on
# http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
build_release
port="${PORT:-8080}"
echo
echo "sitrep demo: http://127.0.0.1:$port/"
exec python3 -m http.server --bind 127.0.0.1 --directory dist "$port"
