#!/bin/sh
# screenshot.sh ABIERTO MAKE_DEMO_FILE OUT_DIR
#
# Starts the window on a small demo file at 1280×800, on an X server of
# that size, and saves OUT_DIR/main-1280x800.png (the screen) and
# OUT_DIR/main-1280x800-win.png (the window). Fails unless the picture has
# the right size and is not blank.
set -eu

if [ -z "${ABIERTO_SCREENSHOT_INNER:-}" ]; then
  ABIERTO_SCREENSHOT_INNER=1 exec xvfb-run -a -s '-screen 0 1280x800x24' "$0" "$@"
fi

app=$1
make_demo=$2
out_dir=$3
out=$out_dir/main-1280x800.png

tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# A private home; the window size comes from GSettings, as for a user.
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export GSETTINGS_BACKEND=keyfile
export LC_ALL=C.UTF-8
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings" "$XDG_CONFIG_HOME/gtk-4.0" "$out_dir"
printf '[org/gobierto/Abierto]\nwindow-width=1280\nwindow-height=800\n' \
  > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
# What a GNOME session would give through XSETTINGS.
printf '[Settings]\ngtk-font-name=Cantarell 11\n' > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"

"$make_demo" "$tmp/demo.abierto"
rm -f "$out" "${out%.png}-win.png"

"$app" "$tmp/demo.abierto" &
pid=$!
wid=$(timeout 20 xdotool search --sync --onlyvisible --name '^Abierto$' | head -1)
if [ -z "$wid" ]; then
  echo "no window named Abierto appeared" >&2
  exit 1
fi
sleep 1
import -window root "$out"
import -window "$wid" "${out%.png}-win.png"

size=$(identify -format '%w %h' "$out")
colours=$(identify -format '%k' "$out")
echo "$out: ${size% *}x${size#* }, $colours colours"
set -- $size
if [ "$1" -lt 1270 ] || [ "$1" -gt 1290 ] || [ "$2" -lt 790 ] || [ "$2" -gt 810 ]; then
  echo "expected about 1280x800" >&2
  exit 1
fi
if [ "$colours" -le 10 ]; then
  echo "the screenshot is blank" >&2
  exit 1
fi
