#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds Abierto twice (warnings as errors; then
# with AddressSanitizer and UndefinedBehaviorSanitizer) and runs every
# test in both builds. The last line says "N passed, N failed".
set -u
cd "$(dirname "$0")/.."

build-aux/install-deps.sh test || exit 1

# The open data validator (Frictionless datapackage-js), at the versions
# of its lock file
npm ci --prefix tests/opendata --no-audit --no-fund || exit 1

status=0
logs=""
for kind in ci asan; do
  dir=build-$kind
  case $kind in
    ci) opts="-Dwerror=true" ;;
    asan) opts="-Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false" ;;
  esac
  if [ ! -f "$dir/build.ninja" ]; then
    # shellcheck disable=SC2086
    meson setup "$dir" $opts || { status=1; continue; }
  fi
  meson compile -C "$dir" || { status=1; continue; }
  rm -f "$dir/meson-logs/testlog.json"
  meson test -C "$dir" --print-errorlogs --num-processes 2 || status=1
  logs="$logs $dir/meson-logs/testlog.json"
done

# shellcheck disable=SC2086
/usr/bin/python3 - $logs <<'PY'
import json, sys
passed = failed = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding='utf-8').read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        result = json.loads(line)['result']
        if result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result != 'SKIP':
            failed += 1
print(f"{passed} passed, {failed} failed")
PY
exit $status
