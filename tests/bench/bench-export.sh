#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-export.sh BUILDDIR|ABIERTO-CLI [RUNS]
#
# Wall time and peak memory of the exports of a 200-proposal, 10,000-vote
# session (the whole report as PDF, and the poster as a 1080×1350 PNG), next
# to a matplotlib script drawing only the report's 200-bar chart from the
# same results, in the same run. Target: the whole report at least 20 times
# faster than that one chart. The three are run in turn, RUNS rounds
# (5 by default), after one warm-up round; the table gives medians.
# Run on demand: tests/bench/bench-export.sh build-bench, or
# meson test -C BUILDDIR --benchmark --verbose export.
# Needs python3-matplotlib and time: build-aux/install-deps.sh bench.
# Besides the table it prints each figure as a line
# "BENCH name=value unit=… [anchor=name]" for build-aux/bench.sh (grammar in
# tests/bench/bench-table.py).
set -eu

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILDDIR|ABIERTO-CLI [RUNS]" >&2
  exit 2
fi
if [ -d "$1" ]; then
  cli=$(cd "$1" && pwd)/src/cli/abierto-cli
else
  cli=$1
fi
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
gnu_time=/usr/bin/time

if [ ! -x "$cli" ]; then
  echo "no abierto-cli at $cli: build first (meson compile -C BUILDDIR)" >&2
  exit 1
fi
if [ ! -x "$gnu_time" ]; then
  echo "GNU time is missing: build-aux/install-deps.sh bench" >&2
  exit 1
fi
if ! "$python" -c 'import matplotlib' 2>/dev/null; then
  echo "python3-matplotlib is missing: build-aux/install-deps.sh bench" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# matplotlib's font cache and the exports' caches start cold in the warm-up
# round only; nothing is read from or written to the user's folders
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export MPLCONFIGDIR="$tmp/mpl"
export LC_ALL=C.UTF-8
# neither program is tested here
unset G_DEBUG

# the demo's first session is the older adults' dot vote, 100 dots each at
# most: 100 people give the 10,000 votes
file="$tmp/taller.abierto"
"$cli" --file "$file" demo --sessions 1 --proposals 200 --participants 100 --votes 10000 \
  --seed 1 >/dev/null
"$cli" --file "$file" results --round 1 --format json > "$tmp/results.json"
bars=$("$python" -c 'import json, sys; print(len(json.load(sys.stdin)["results"]))' \
  < "$tmp/results.json")

# measure SAMPLES COMMAND…: runs the command once, appends
# "wall-ms cpu-ms peak-rss-KiB" to the file SAMPLES.
measure () {
  sample=$1
  shift
  start=$(date +%s%N)
  if ! "$gnu_time" -o "$tmp/time" -f '%U %S %M' "$@" >/dev/null 2>"$tmp/stderr"; then
    echo "failed: $*" >&2
    cat "$tmp/stderr" >&2
    exit 1
  fi
  end=$(date +%s%N)
  awk -v wall="$(( (end - start) / 1000 ))" \
    '{ printf "%.1f %.0f %d\n", wall / 1000, ($1 + $2) * 1000, $3 }' "$tmp/time" >> "$sample"
}

report () {
  measure "$tmp/report" "$cli" --file "$file" export --session 1 --kind report \
    -o "$tmp/report.pdf"
}

poster () {
  measure "$tmp/poster" "$cli" --file "$file" export --session 1 --kind poster \
    --size social -o "$tmp/poster.png"
}

chart () {
  measure "$tmp/chart" "$python" "$here/bar-chart-matplotlib.py" "$tmp/results.json" \
    "$tmp/chart.png"
}

median () {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Prints "median-wall-ms fastest-wall-ms median-cpu-ms median-rss-KiB" of a sample file.
summary () {
  echo "$(cut -d' ' -f1 "$1" | median) $(cut -d' ' -f1 "$1" | sort -n | head -n 1)" \
    "$(cut -d' ' -f2 "$1" | median) $(cut -d' ' -f3 "$1" | median)"
}

row () {
  echo "$2" | awk -v n="$1" \
    '{ printf "  %-40s %9.0f %9.0f %9.0f %9.1f\n", n, $1, $2, $3, $4 / 1024 }'
}

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "machine: $(nproc) CPUs, ${cpu_model:-unknown CPU}, load $(cut -d' ' -f1-3 /proc/loadavg)"
versions="$("$cli" --version 2>&1 | head -n 1),\
 python3-matplotlib $(dpkg-query -W -f '${Version}' python3-matplotlib 2>/dev/null || echo '?')\
 (matplotlib $("$python" -c 'import matplotlib; print(matplotlib.__version__)')),\
 cairo $(dpkg-query -W -f '${Version}' libcairo2 2>/dev/null || echo '?'),\
 pango $(dpkg-query -W -f '${Version}' libpango-1.0-0 2>/dev/null || echo '?')"
echo "versions: $versions"
echo "data: 1 session, $bars proposals, 10,000 votes; $runs rounds after a warm-up, in turn"

report; poster; chart
rm -f "$tmp/report" "$tmp/poster" "$tmp/chart"
i=0
while [ "$i" -lt "$runs" ]; do
  report; poster; chart
  i=$((i + 1))
done

r=$(summary "$tmp/report")
p=$(summary "$tmp/poster")
c=$(summary "$tmp/chart")
pages=$(pdfinfo "$tmp/report.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }' || true)

echo
printf '  %-40s %9s %9s %9s %9s\n' "" "wall ms" "fastest" "CPU ms" "peak MiB"
row "report, PDF${pages:+, $pages pages}" "$r"
row "poster, PNG 1080x1350" "$p"
row "matplotlib, the $bars-bar chart only, PNG" "$c"
echo
awk -v n="$(nproc)" '$1 > 0.75 * n {
  printf "  (load %s on %d CPUs: wall times are noisy, the CPU column is steadier)\n", $1, n
}' /proc/loadavg
echo "$r $c" | awk '{
  ratio = $5 / $1
  printf "  matplotlib chart / whole report, median wall: %.1fx (fastest: %.1fx, CPU: %.1fx)\n",
    ratio, $6 / $2, $7 / $3
  printf "  target, report at least 20x faster than the chart: %s\n",
    (ratio >= 20) ? "met" : "NOT met"
}'

# bench NAME "SUMMARY" [ANCHOR]: the figures of a summary for machines (wall
# and CPU in ms, peak memory in MiB), each with the same figure of ANCHOR
bench () {
  echo "$2" | awk -v n="$1" -v a="${3:-}" '
    function line(what, value, unit) {
      printf "BENCH %s_%s=%s unit=%s%s\n", n, what, value, unit,
        (a == "") ? "" : " anchor=" a "_" what
    }
    {
      line("wall_ms", sprintf("%.1f", $1), "ms")
      line("fastest_ms", sprintf("%.1f", $2), "ms")
      line("cpu_ms", sprintf("%.0f", $3), "ms")
      line("peak_mib", sprintf("%.1f", $4 / 1024), "MiB")
    }'
}

echo
echo "BENCH-INFO export_versions=$versions"
echo "BENCH export_runs=$runs unit=runs"
echo "BENCH chart_bars=$bars unit=bars"
[ -z "$pages" ] || echo "BENCH report_pages=$pages unit=pages"
bench report "$r" chart
bench poster "$p" chart
bench chart "$c"
