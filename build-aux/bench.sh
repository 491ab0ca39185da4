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
# votes written by one INSERT … SELECT with the same pragmas. The output
# of each benchmark is kept in BUILDDIR/bench-logs/.
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
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$logs" "$work/store"
: > "$logs/anchors.txt"
echo "Benchmarks of $(git -C "$src" describe --always --dirty 2>/dev/null || echo '?')," \
  "release build in $dir; logs in $logs"

# 1. the workshop file, and its anchors on the files it leaves
echo "bench-store (a million votes: a minute or two)…"
if ABIERTO_BENCH_DIR="$work/store" "$dir/tests/bench/bench-store" >"$logs/store.txt" 2>&1; then
  /usr/bin/python3 - "$work/store/demo.abierto" >>"$logs/anchors.txt" <<'PY' \
    || echo "raw SQLite anchors failed" >&2
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
print(f'RAW results_first_ms={times[0]:.1f} results_median_ms={statistics.median(times[1:]):.1f}'
      f' votes={n}')
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
print(f'RAW insert_votes={n} insert_s={took:.3f} insert_rate={n / took:.0f}')
PY
else
  echo "bench-store failed: see $logs/store.txt" >&2
fi

# 2. the exports, against matplotlib
echo "bench-export.sh…"
tests/bench/bench-export.sh "$dir" "$runs" >"$logs/export.txt" 2>&1 \
  || echo "bench-export.sh failed: see $logs/export.txt" >&2

# 3. the window, against gnome-text-editor, on a virtual screen as the tests
if [ "$app_ok" = 1 ] && command -v gnome-text-editor >/dev/null 2>&1; then
  echo "bench-startup.sh…"
  GSETTINGS_SCHEMA_DIR="$dir/data" GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
    xvfb-run -a -s '-screen 0 1280x1024x24' dbus-run-session -- \
    tests/bench/bench-startup.sh "$dir/src/ui/abierto" "$dir/src/cli/abierto-cli" "$runs" \
    >"$logs/startup.txt" 2>&1 \
    || echo "bench-startup.sh failed: see $logs/startup.txt" >&2
elif [ "$app_ok" = 0 ]; then
  echo "the app did not build (see $dir/app-build.log): no start-up figures" >"$logs/startup.txt"
else
  echo "gnome-text-editor is not installed: no start-up figures" >"$logs/startup.txt"
fi

echo
/usr/bin/python3 - "$logs" <<'PY'
"""The table: parses the human-readable output of each benchmark."""
import os
import re
import sys

logs = sys.argv[1]


def read(name):
    try:
        with open(os.path.join(logs, name), encoding='utf-8') as f:
            return f.read()
    except OSError:
        return ''


def num(pattern, text, group=1):
    m = re.search(pattern, text, re.M)
    return float(m.group(group).replace(',', '')) if m else None


store, export, startup, anchors = (read(n) for n in ('store.txt', 'export.txt',
                                                     'startup.txt', 'anchors.txt'))
rows = []


def row(what, figure, anchor_name, anchor, unit, higher_is_better=False, target=''):
    """Ratio: how many times the anchor Abierto is, the way that reads
    well: > 1 is Abierto slower (or bigger) for times and sizes, and
    faster for rates."""
    if figure is None or anchor is None or anchor == 0:
        ratio = '—'
    else:
        ratio = f'{figure / anchor:.2f}×'
    fmt = (lambda v: '—' if v is None else
           (f'{v:,.0f}' if abs(v) >= 100 else f'{v:.3g}' if abs(v) < 1 else f'{v:.1f}'))
    rows.append((what, f'{fmt(figure)} {unit}', anchor_name, f'{fmt(anchor)} {unit}', ratio,
                 target))


# durable vote
vote = re.search(r'Abierto add_vote.*?median\s+([\d.]+) ms\s+p99\s+([\d.]+) ms', store)
raw = re.search(r'raw SQLite INSERT.*?median\s+([\d.]+) ms\s+p99\s+([\d.]+) ms', store)
for i, label in ((1, 'median'), (2, 'p99')):
    row(f'durable vote, {label}', vote and float(vote.group(i)), 'raw SQLite INSERT, same pragmas',
        raw and float(raw.group(i)), 'ms', target='≤ 1.3×' if i == 1 else '')

# results of a million votes
n_votes = num(r'^results of one round of (\d+) votes', store)
cold = num(r'compute_results\s+first\s+([\d.]+) ms', store)
warm = num(r'median of 10\s+([\d.]+) ms', store)
row(f'results, {n_votes and int(n_votes):,} votes, warm', warm,
    'the same GROUP BY in SQLite alone', num(r'results_median_ms=([\d.]+)', anchors), 'ms',
    target='< 100 ms')
row('results, first after opening', cold, 'the same GROUP BY, first',
    num(r'results_first_ms=([\d.]+)', anchors), 'ms')

# demo generator
rate = num(r'write rate\s+([\d.]+) votes/s', store)
row('demo generator write rate', rate, 'one INSERT…SELECT, same pragmas',
    num(r'insert_rate=([\d.]+)', anchors), 'votes/s', target='≥ 300,000/s')

# exports: wall ms, fastest, CPU ms, peak MiB


def export_row(prefix):
    m = re.search(r'^\s*' + re.escape(prefix) + r'.*?([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$',
                  export, re.M)
    return [float(x) for x in m.groups()] if m else None


report = export_row('report, PDF')
poster = export_row('poster, PNG')
chart = export_row('matplotlib,')
pages = num(r'report, PDF, (\d+) pages', export)
bars = num(r'matplotlib, the (\d+)-bar chart', export)
anchor_name = f'matplotlib, {int(bars) if bars else "?"}-bar chart only'
row(f'report PDF{f", {int(pages)} pages" if pages else ""}, wall', report and report[0],
    anchor_name, chart and chart[0], 'ms', target='≤ 0.05× (20× faster)')
row('report PDF, CPU', report and report[2], anchor_name, chart and chart[2], 'ms')
row('report PDF, peak memory', report and report[3], anchor_name, chart and chart[3], 'MiB')
row('poster PNG 1080×1350, wall', poster and poster[0], anchor_name, chart and chart[0], 'ms')
row('poster PNG, peak memory', poster and poster[3], anchor_name, chart and chart[3], 'MiB')

# start-up
app = re.search(r'^\s*abierto.*?(\d+) ms\s+([\d.]+) MiB RSS\s+([\d.]+) MiB PSS', startup, re.M)
gte = re.search(r'^\s*gnome-text-editor.*?(\d+) ms\s+([\d.]+) MiB RSS\s+([\d.]+) MiB PSS',
                startup, re.M)
for i, what, unit in ((1, 'first frame, 100,000-vote file', 'ms'),
                      (2, 'resident memory 2 s after', 'MiB'),
                      (3, 'proportional memory (PSS) 2 s after', 'MiB')):
    row(what, app and float(app.group(i)), 'gnome-text-editor, 2,000 lines',
        gte and float(gte.group(i)), unit)

head = ('figure', 'Abierto', 'anchor (same run)', 'anchor', 'ratio', 'target')
widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
line = '  '.join('-' * w for w in widths)
print('  '.join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
print(line)
for r in rows:
    print('  '.join(c.rjust(w) if i in (1, 3, 4) else c.ljust(w)
                    for i, (c, w) in enumerate(zip(r, widths))).rstrip())
print(line)
print('ratio: Abierto / anchor; below 1 is better for times and memory, above 1 for a rate.')
print('"—": not measured, see the logs.')
for text, pattern in ((export, r'^machine: .*$'), (store, r'^Abierto .*SQLite.*$'),
                      (startup, r'^window on screen.*$'), (export, r'^\s*\(load .*$')):
    m = re.search(pattern, text, re.M)
    if m:
        print(m.group(0).strip())
PY
