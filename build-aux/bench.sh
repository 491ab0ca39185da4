#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/bench.sh [BUILDDIR] [RUNS]
#
# Runs every benchmark of tests/bench in a release build of its own
# (build-bench by default) and prints one table: each figure of Abierto
# next to its anchor, measured in the same run, and the ratio.
#
#   bench-store        a durable vote against a raw SQLite INSERT; the
#                      demo generator's write rate; results of a round of
#                      a million votes
#   bench-export.sh    the whole report and the poster against the
#                      matplotlib chart of the same results
#   bench-startup.sh   first frame and memory against gnome-text-editor
#
# The results and the write rate have no anchor of their own in
# bench-store, so this script measures one on the files bench-store
# leaves: the same GROUP BY through SQLite alone, and the same number of
# votes written by one INSERT … SELECT with the same pragmas.
#
# Each benchmark prints, besides its text for people, one line per figure:
# "BENCH name=value unit=… [anchor=name]" (the grammar is in
# tests/bench/bench-table.py). The table is built from those lines only,
# by tests/bench/bench-table.py. BUILDDIR/bench-logs/ keeps the output of
# each benchmark, all the BENCH lines (bench.txt) and the table as JSON
# (bench.json). A figure not measured shows as "—"; the script exits 1,
# after the table, if a benchmark failed.
set -u
cd "$(dirname "$0")/.." || exit 1
src=$(pwd)

dir=${1:-build-bench}
runs=${2:-5}
case $dir in
  /*) ;;
  *) dir=$src/$dir ;;
esac

build-aux/install-deps.sh bench || exit 1

if [ ! -f "$dir/build.ninja" ]; then
  meson setup "$dir" --buildtype=release -Dtests=true || exit 1
fi
ninja -C "$dir" src/cli/abierto-cli tests/bench/bench-store || exit 1
# the window is measured only if it builds and gnome-text-editor is there
app_ok=1
ninja -C "$dir" src/ui/abierto data/gschemas.compiled >"$dir/app-build.log" 2>&1 \
  || app_ok=0

logs=$dir/bench-logs
bench=$logs/bench.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$logs" "$work/store"
rm -f "$logs/anchors.txt" "$logs/bench.json"
commit=$(git -C "$src" describe --always --dirty 2>/dev/null || echo '?')
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
  echo "BENCH-INFO commit=$commit"
  echo "BENCH-INFO machine=$(nproc) CPUs, ${cpu_model:-unknown CPU}, $memory RAM, Linux $(uname -r)"
  echo "BENCH-INFO cpus=$(nproc)"
  echo "BENCH-INFO load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "BENCH-INFO runs=$runs"
  echo "BENCH-INFO build=$dir (release)"
  echo "BENCH-INFO date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$bench"
echo "Benchmarks of $commit, release build in $dir; logs in $logs"

# collect NAME LOG ok|failed|skipped [NOTE]: appends the BENCH lines of
# LOG to bench.txt, and how NAME ended
failed=0
collect () {
  name=$1
  log=$2
  status=$3
  shift 3
  grep -a '^BENCH' "$logs/$log" >> "$bench"
  echo "BENCH-STATUS $name=$status${*:+ $*}" >> "$bench"
  if [ "$status" = failed ]; then
    echo "$name failed: see $logs/$log" >&2
    failed=1
  fi
}

# 1. the workshop file, and its anchors on the files it leaves
echo "bench-store (a million votes: a minute or two)…"
if ABIERTO_BENCH_DIR="$work/store" "$dir/tests/bench/bench-store" >"$logs/store.txt" 2>&1; then
  collect store store.txt ok
  if /usr/bin/python3 - "$work/store/demo.abierto" >"$logs/anchors.txt" 2>&1 <<'PY'; then
import shutil
import sqlite3
import statistics
import sys
import time

path = sys.argv[1]

# the aggregate compute_results() runs, through SQLite alone, on the same
# file: first (cold) and the median of ten more
db = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
db.execute('PRAGMA cache_size = -65536')
round_id, n = db.execute('SELECT round_id, count(*) FROM vote GROUP BY round_id '
                         'ORDER BY 2 DESC LIMIT 1').fetchone()
times = []
for _ in range(11):
    t0 = time.perf_counter()
    db.execute('SELECT proposal_id, value, count(*) FROM vote WHERE round_id = ? '
               'GROUP BY proposal_id, value', (round_id,)).fetchall()
    times.append((time.perf_counter() - t0) * 1000)
print(f'BENCH raw_results_votes={n} unit=votes')
print(f'BENCH raw_results_first_ms={times[0]:.2f} unit=ms')
print(f'BENCH raw_results_median_ms={statistics.median(times[1:]):.2f} unit=ms')
people = db.execute('SELECT min(id), max(id) FROM participant').fetchone()
props = db.execute('SELECT min(id), max(id) FROM proposal').fetchone()
db.close()

# as many votes in one INSERT … SELECT, into the same schema with the same
# rows around them and the pragmas Abierto writes with
raw = path + '.raw'
shutil.copyfile(path, raw)
db = sqlite3.connect(raw, isolation_level=None)
db.executescript('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; '
                 'PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; '
                 'PRAGMA temp_store = MEMORY; DELETE FROM vote; DELETE FROM vote_trash; '
                 'PRAGMA wal_checkpoint(TRUNCATE);')
t0 = time.perf_counter()
db.execute('BEGIN IMMEDIATE')
db.execute('WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < ?1) '
           'INSERT INTO vote (uuid, round_id, proposal_id, participant_id, value, created) '
           'SELECT randomblob(16), ?2, ?3 + (i * 7919) % ?4, ?5 + i % ?6, 1, unixepoch() FROM s',
           (n, round_id, props[0], props[1] - props[0] + 1, people[0],
            people[1] - people[0] + 1))
db.execute('COMMIT')
took = time.perf_counter() - t0
db.close()
print(f'BENCH raw_insert_select_votes={n} unit=votes')
print(f'BENCH raw_insert_select_s={took:.3f} unit=s')
print(f'BENCH raw_insert_select_rate={n / took:.0f} unit=votes/s')
PY
    collect anchors anchors.txt ok
  else
    collect anchors anchors.txt failed
  fi
else
  collect store store.txt failed
  echo "bench-store failed: no files to measure the anchors on" > "$logs/anchors.txt"
  collect anchors anchors.txt skipped bench-store failed
fi

# 2. the exports, against matplotlib
echo "bench-export.sh…"
if tests/bench/bench-export.sh "$dir" "$runs" >"$logs/export.txt" 2>&1; then
  collect export export.txt ok
else
  collect export export.txt failed
fi

# 3. the window, against gnome-text-editor, on a virtual screen as the tests
if [ "$app_ok" = 1 ] && command -v gnome-text-editor >/dev/null 2>&1; then
  echo "bench-startup.sh…"
  if GSETTINGS_SCHEMA_DIR="$dir/data" GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
    xvfb-run -a -s '-screen 0 1280x1024x24' dbus-run-session -- \
    tests/bench/bench-startup.sh "$dir/src/ui/abierto" "$dir/src/cli/abierto-cli" "$runs" \
    >"$logs/startup.txt" 2>&1; then
    collect startup startup.txt ok
  else
    collect startup startup.txt failed
  fi
elif [ "$app_ok" = 0 ]; then
  echo "the app did not build (see $dir/app-build.log): no start-up figures" >"$logs/startup.txt"
  collect startup startup.txt failed the app did not build, see app-build.log
else
  echo "gnome-text-editor is not installed: no start-up figures" >"$logs/startup.txt"
  collect startup startup.txt skipped gnome-text-editor is not installed
fi
echo "BENCH-INFO load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$bench"

echo
/usr/bin/python3 tests/bench/bench-table.py "$bench" "$logs/bench.json" || failed=1
exit "$failed"
