#!/usr/bin/env bash
# Every test: the import graph (no circles between files, no arrow up:
# scripts/imports.py), the Rust tests (core, command line, the window drawn on the CPU), then the
# browser build tested in headless Chromium (tests/web/browser_test.py). The browser test
# needs `scripts/setup-debian.sh --web` once.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/imports.py --quiet
cargo test --locked
bash scripts/build-web.sh dist
.web-venv/bin/python tests/web/browser_test.py dist --screenshot "${CARGO_TARGET_DIR:-target}/web-test/browser.png"
