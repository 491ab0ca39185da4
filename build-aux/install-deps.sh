#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 packages Abierto needs, only those missing.
#   build-aux/install-deps.sh run    what building and running needs
#   build-aux/install-deps.sh test   that, plus what the tests use
#   build-aux/install-deps.sh bench  that, plus what tests/bench/ compares against
set -eu

run_packages="build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev
  libjson-glib-dev libqrencode-dev libcairo2-dev libpango1.0-dev libspeechd-dev libarchive-dev
  libpng-dev
  desktop-file-utils appstream itstool
  fonts-cantarell fonts-noto-core fonts-noto-color-emoji"

test_packages="xvfb xauth dbus at-spi2-core python3 python3-dogtail python3-pyatspi
  xdotool imagemagick poppler-utils sqlite3 yelp-tools libgtk-4-bin locales
  clang libclang-rt-14-dev hyperfine flatpak-builder"

bench_packages="python3-matplotlib hyperfine time gnome-text-editor"

# The open data tests validate packages with Frictionless datapackage-js
# (tests/opendata), which needs Node.js and npm: Debian's, unless the
# machine already has them.
if ! command -v npm >/dev/null 2>&1; then
  test_packages="$test_packages nodejs npm"
fi

case "${1:-run}" in
  run) wanted=$run_packages ;;
  test) wanted="$run_packages $test_packages" ;;
  bench) wanted="$run_packages $test_packages $bench_packages" ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

missing=""
for pkg in $wanted; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing="$missing $pkg"
done

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

if [ -n "$missing" ]; then
  echo "Installing:$missing"
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
fi

# The tests check the Spanish interface under es_MX.UTF-8.
if [ "${1:-run}" != "run" ] && ! locale -a 2>/dev/null | grep -qi '^es_MX\.utf-\?8$'; then
  echo "Generating the es_MX.UTF-8 locale"
  $sudo sed -i 's/^# *\(es_MX.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^es_MX.UTF-8 UTF-8' /etc/locale.gen || echo 'es_MX.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
  $sudo locale-gen >/dev/null
fi
