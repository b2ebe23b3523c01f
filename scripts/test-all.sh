#!/usr/bin/env bash
# Every test: the import graph (no circles between files, no arrow up:
# scripts/imports.py), the Rust tests (core, command line, the window drawn on the CPU), then the
# browser build tested in headless Chromium (tests/web/browser_test.py), then the teacher's
# dashboard with three students against a real class server (tests/web/dashboard_test.py). What the tests use
# beyond Rust (the window's libraries, Mesa's CPU renderers, Chromium, chromedriver, the
# browser test's Python) is installed first by scripts/setup-debian.sh --web when any of it
# is missing (with sudo when not root), and left alone when it is all there.
set -euo pipefail
cd "$(dirname "$0")/.."
needs_setup() {
    [ -x .web-venv/bin/python ] || return 0
    command -v chromedriver >/dev/null || return 0
    dpkg -s mesa-vulkan-drivers libgl1-mesa-dri libxkbcommon-x11-0 chromium >/dev/null 2>&1 || return 0
    return 1
}
if needs_setup; then
    echo "test-all: installing what the tests need (scripts/setup-debian.sh --web)" >&2
    bash scripts/setup-debian.sh --web
fi
python3 scripts/imports.py --quiet
cargo test --locked
bash scripts/build-web.sh dist
.web-venv/bin/python tests/web/browser_test.py dist --screenshot "${CARGO_TARGET_DIR:-target}/web-test/browser.png"
# The teacher's dashboard with three students, against a real class server serving dist/.
cargo build --locked --bin scs-sim --example class_ways
.web-venv/bin/python tests/web/dashboard_test.py --dist dist --screenshots "${CARGO_TARGET_DIR:-target}/web-test"
