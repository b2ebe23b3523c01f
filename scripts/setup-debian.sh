#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages scs-sim needs beyond Rust: the X11/Wayland and
# Vulkan/GL libraries the window loads at run time, and Mesa's CPU renderers (lavapipe,
# llvmpipe) that the GUI tests draw with on machines without a GPU. Run as root or with sudo.
# With --web, also what the browser build and its test need: Debian's Chromium and
# chromedriver, and the test's Python packages (selenium, Pillow) from PyPI in .web-venv/.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
    libvulkan1 mesa-vulkan-drivers libegl1 libgl1 libgl1-mesa-dri \
    libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0 \
    libwayland-client0 libwayland-cursor0 libwayland-egl1 ca-certificates
if [ "${1:-}" = "--web" ]; then
    $SUDO apt-get install -y --no-install-recommends chromium chromium-driver python3-venv
    # The test's own Python (Debian's refuses pip installs into the system).
    python3 -m venv "$(dirname "$0")/../.web-venv"
    "$(dirname "$0")/../.web-venv/bin/pip" install --quiet \
        --requirement "$(dirname "$0")/../tests/web/requirements.txt"
fi
