#!/usr/bin/env bash
# CPU and frames of the window at rest under Xvfb (Mesa software rendering), after the
# given keys: `scripts/window-at-rest.sh BINARY "p F5"` pauses, presents the remote and
# reads the window's CPU over 10 s (utime + stime of /proc/PID/stat) and its frames
# (SCS_SIM_FRAME_LOG=1 prints a rate only after frames: none printed, none drawn).
# Needs the Debian packages xvfb and xdotool.
set -euo pipefail
bin=${1:?usage: window-at-rest.sh BINARY "KEYS" [WxH]}
keys=${2:-p}
size=${3:-1280x720}
disp=":$((100 + RANDOM % 400))"
Xvfb "$disp" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d)
cleanup() { kill "${app:-}" "$xvfb" 2>/dev/null || true; rm -rf "$home"; }
trap cleanup EXIT
sleep 1
# A fresh home: the default preferences, no autosave offered back.
DISPLAY=$disp HOME=$home XDG_RUNTIME_DIR=$home XDG_CONFIG_HOME=$home XDG_DATA_HOME=$home \
    SCS_SIM_FRAME_LOG=1 "$bin" >"$home/log" 2>&1 &
app=$!
sleep 6
win=$(DISPLAY=$disp xdotool search --pid "$app" | head -n1)
DISPLAY=$disp xdotool windowfocus --sync "$win"
for k in $keys; do
    DISPLAY=$disp xdotool key --window "$win" "$k"
    sleep 0.5
done
sleep 3
cpu() { awk '{ print $14 + $15 }' "/proc/$app/stat"; }
seen=$(wc -l <"$home/log")
before=$(cpu)
sleep 10
after=$(cpu)
sleep 1
echo "after keys [$keys]: $(awk -v t=$((after - before)) 'BEGIN { printf "%.2f", t / 100 / 10 }') cores over 10 s"
tail -n +"$((seen + 1))" "$home/log" | grep "frames per second" || echo "no frames drawn"
