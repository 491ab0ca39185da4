#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-startup.sh ABIERTO ABIERTO-CLI [RUNS]
#
# Time until the window is on screen, and memory once it is, for Abierto
# with a 100,000-vote workshop file open, next to gnome-text-editor opening
# a text file, under the same X server and GSK_RENDERER in the same run.
# Run on demand (meson test --benchmark), under xvfb-run + dbus-run-session.
# Besides the text it prints each figure as a line
# "BENCH name=value unit=… [anchor=name]" for build-aux/bench.sh (grammar in
# tests/bench/bench-table.py).
set -eu

abierto=$1
cli=$2
runs=${3:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export GDK_BACKEND=x11
# gnome-text-editor 43 logs a critical at start-up; neither app is tested here
unset G_DEBUG

file="$tmp/taller.abierto"
"$cli" --file "$file" demo --sessions 1 --proposals 50 --participants 1000 --votes 100000 \
  >/dev/null
seq 1 2000 | sed 's/^/Propuesta número /' > "$tmp/notes.txt"

now_ms () {
  date +%s%3N
}

# Starts "$@", waits for a visible window of that process, prints the
# milliseconds it took and the resident memory (KiB) two seconds later.
measure () {
  start=$(now_ms)
  "$@" >/dev/null 2>&1 &
  pid=$!
  while ! xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "failed to start: $*" >&2
      exit 1
    fi
    sleep 0.01
  done
  shown=$(now_ms)
  sleep 2
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$((shown - start)) $rss $pss"
}

median () {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# run_many NAME KEY ANCHOR-KEY COMMAND…: the medians of RUNS starts, for
# people and as BENCH lines KEY_shown_ms, KEY_rss_mib and KEY_pss_mib
run_many () {
  name=$1
  key=$2
  anchor=$3
  shift 3
  : > "$tmp/$name"
  i=0
  while [ "$i" -lt "$runs" ]; do
    measure "$@" >> "$tmp/$name"
    i=$((i + 1))
  done
  ms=$(cut -d' ' -f1 "$tmp/$name" | median)
  rss=$(cut -d' ' -f2 "$tmp/$name" | median)
  pss=$(cut -d' ' -f3 "$tmp/$name" | median)
  awk -v n="$name" -v ms="$ms" -v rss="$rss" -v pss="$pss" \
    'BEGIN { printf "  %-44s %6d ms %8.1f MiB RSS %8.1f MiB PSS\n", n, ms, rss / 1024, pss / 1024 }'
  LC_ALL=C awk -v k="$key" -v a="${anchor:+ anchor=$anchor}" -v ms="$ms" -v rss="$rss" \
    -v pss="$pss" 'BEGIN {
    printf "BENCH %s_shown_ms=%.1f unit=ms%s\n", k, ms, (a == "") ? "" : a "_shown_ms"
    printf "BENCH %s_rss_mib=%.1f unit=MiB%s\n", k, rss / 1024, (a == "") ? "" : a "_rss_mib"
    printf "BENCH %s_pss_mib=%.1f unit=MiB%s\n", k, pss / 1024, (a == "") ? "" : a "_pss_mib"
  }' >> "$tmp/bench"
}

echo "window on screen and memory 2 s later, median of $runs (GSK_RENDERER=${GSK_RENDERER:-default})"
: > "$tmp/bench"
run_many "abierto, 100,000-vote file" window editor "$abierto" "$file"
run_many "gnome-text-editor --standalone, 2,000 lines" editor "" \
  gnome-text-editor --standalone "$tmp/notes.txt"
echo
echo "BENCH-INFO startup_renderer=${GSK_RENDERER:-default}"
echo "BENCH startup_runs=$runs unit=runs"
cat "$tmp/bench"
