#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds Abierto and starts it on the default
# workshop file (or on the files given as arguments).
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh run
[ -f build/build.ninja ] || meson setup build
meson compile -C build
exec meson devenv -C build --workdir "$PWD" build/src/ui/abierto "$@"
