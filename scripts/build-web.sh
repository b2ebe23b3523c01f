#!/usr/bin/env bash
# Builds the browser version of scs-sim into a static folder (default dist/): index.html,
# scs-sim.js and scs-sim_bg.wasm. Serve that folder from any static web server, or let the
# class server serve it at its own address: `scs-sim serve` serves dist/ at / (--web DIR).
# Installs what it needs the first time: the wasm32 target (rustup) and wasm-bindgen-cli
# at exactly the version in Cargo.lock (cargo install, about 7 minutes once).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"
target_dir="${CARGO_TARGET_DIR:-target}"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi
# wasm-bindgen's command line must match the library in Cargo.lock exactly.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $version"; then
    # Without --locked: with it, a dependency pinned in its lock file is missing.
    cargo install wasm-bindgen-cli --version "$version"
fi

cargo build --release --locked --target wasm32-unknown-unknown --bin scs-sim
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name scs-sim \
    "$target_dir/wasm32-unknown-unknown/release/scs-sim.wasm"
cp web/index.html "$out/"
wasm="$out/scs-sim_bg.wasm"
echo "Built $out/: $(du -k "$wasm" | cut -f1) kB of WebAssembly ($(gzip -9 -c "$wasm" | wc -c | awk '{ printf "%d", $1 / 1024 }') kB gzipped)"
