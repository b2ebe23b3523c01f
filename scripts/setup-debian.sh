#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages scs-sim needs beyond Rust: the X11/Wayland and
# Vulkan/GL libraries the window loads at run time, and Mesa's CPU renderers (lavapipe,
# llvmpipe) that the GUI tests draw with on machines without a GPU. Run as root or with sudo.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
    libvulkan1 mesa-vulkan-drivers libegl1 libgl1 libgl1-mesa-dri \
    libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0 \
    libwayland-client0 libwayland-cursor0 libwayland-egl1 ca-certificates
