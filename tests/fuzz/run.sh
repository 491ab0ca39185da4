#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one fuzz target with libFuzzer for a given time, building it first
# with clang if needed (in build-fuzz, or $FUZZ_BUILD_DIR).
#
#   tests/fuzz/run.sh fuzz-open 600
#   tests/fuzz/run.sh fuzz-wal 600
#   tests/fuzz/run.sh fuzz-layout 600 -jobs=2   (more libFuzzer flags)
#
# Inputs that reach new code collect in BUILD/fuzz-corpus/TARGET (the seed
# corpus in tests/fuzz/corpus is only read). A crash is written to
# BUILD/fuzz-artifacts/TARGET/; copy it into tests/fuzz/regressions/TARGET/
# once fixed, so that every build replays it. Exit status: 0 when the time
# ran out without a crash.
set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 fuzz-open|fuzz-wal|fuzz-layout SECONDS [LIBFUZZER-FLAG…]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD_DIR:-$src/build-fuzz}

case $target in
  fuzz-open) max_len=65536 ;;
  # a workshop file and its -wal
  fuzz-wal) max_len=131072 ;;
  fuzz-layout) max_len=32768 ;;
  *) echo "unknown target: $target" >&2; exit 2 ;;
esac

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" -Dfuzzing=true
fi
meson compile -C "$build" "tests/fuzz/$target"

corpus=$build/fuzz-corpus/$target
artifacts=$build/fuzz-artifacts/$target
mkdir -p "$corpus" "$artifacts"

# as the tests run: no settings written, warnings are bugs
export GSETTINGS_BACKEND=memory
export G_DEBUG=fatal-warnings
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:handle_sigtrap=1}"
# only the toolkit's own leaks are forgiven, as in the test suite
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

exec "$build/tests/fuzz/$target" \
  -max_total_time="$seconds" \
  -max_len="$max_len" \
  -timeout=20 \
  -rss_limit_mb=2048 \
  -print_final_stats=1 \
  -artifact_prefix="$artifacts/" \
  "$@" \
  "$corpus" "$src/tests/fuzz/corpus/$target"
