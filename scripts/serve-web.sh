#!/usr/bin/env bash
# Serves the browser build (dist/, from scripts/build-web.sh) on http://127.0.0.1:8080/
# for trying it on this machine; any static web server does the same job.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-dist}"
port="${PORT:-8080}"
if [ ! -f "$dir/index.html" ]; then
    echo "serve-web.sh: $dir/index.html is missing; build it first with scripts/build-web.sh" >&2
    exit 1
fi
echo "scs-sim in a browser: http://127.0.0.1:$port/  (Ctrl+C stops)"
exec python3 -m http.server --bind 127.0.0.1 --directory "$dir" "$port"
