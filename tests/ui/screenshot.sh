#!/bin/sh
# screenshot.sh ABIERTO MAKE_DEMO_FILE OUT_DIR [ABIERTO_CLI]
#
# Starts the window on a small demo file at 1280×800 and at 360×720 (a
# phone), each on an X server of that size, and saves OUT_DIR/main-WxH.png
# (the screen) and OUT_DIR/main-WxH-win.png (the window). With ABIERTO_CLI,
# the wide window shows the newest session, as when it was the last one
# chosen; the narrow one shows the list. Fails unless each picture has the
# right size and is not blank.
#
# ABIERTO_SCREENSHOT_DARK=1 asks for the dark style, and
# ABIERTO_SCREENSHOT_SCALE=1.5 for large text, to look at by hand.
set -eu

if [ -z "${ABIERTO_SCREENSHOT_SIZE:-}" ]; then
  for size in 1280x800 360x720; do
    ABIERTO_SCREENSHOT_SIZE=$size xvfb-run -a -s "-screen 0 ${size}x24" "$0" "$@"
  done
  exit 0
fi

app=$1
make_demo=$2
out_dir=$3
cli=${4:-}
size=$ABIERTO_SCREENSHOT_SIZE
width=${size%x*}
height=${size#*x}
out=$out_dir/main-$size.png

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

"$make_demo" "$tmp/demo.abierto"

last=
if [ -n "$cli" ] && [ "$width" -gt 600 ]; then
  last=$("$cli" --file "$tmp/demo.abierto" session list --format json \
         | sed -n 's/^ *"uuid" : "\([0-9a-f-]*\)",$/\1/p' | head -1)
fi
printf "[org/gobierto/Abierto]\nwindow-width=%s\nwindow-height=%s\nlast-session='%s'\n" \
  "$width" "$height" "$last" > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"

# What a GNOME session would give through XSETTINGS; large text scales
# the font as the text scaling factor does.
font_size=$(awk "BEGIN { print 11 * ${ABIERTO_SCREENSHOT_SCALE:-1} }")
printf '[Settings]\ngtk-font-name=Cantarell %s\n' "$font_size" \
  > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
if [ -n "${ABIERTO_SCREENSHOT_DARK:-}" ]; then
  export ADW_DEBUG_COLOR_SCHEME=prefer-dark
fi

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

shot=$(identify -format '%w %h' "$out")
colours=$(identify -format '%k' "$out")
echo "$out: ${shot% *}x${shot#* }, $colours colours"
set -- $shot
if [ "$1" -lt $((width - 10)) ] || [ "$1" -gt $((width + 10)) ] \
   || [ "$2" -lt $((height - 10)) ] || [ "$2" -gt $((height + 10)) ]; then
  echo "expected about ${width}x${height}" >&2
  exit 1
fi
if [ "$colours" -le 10 ]; then
  echo "the screenshot is blank" >&2
  exit 1
fi
