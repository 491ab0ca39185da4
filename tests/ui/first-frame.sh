#!/bin/sh
# first-frame.sh ABIERTO
#
# The start-up benchmark hook: with ABIERTO_QUIT_AFTER_FIRST_FRAME set,
# the app prints ABIERTO_FIRST_FRAME once its window has drawn, and quits.
set -eu

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"

out=$(ABIERTO_QUIT_AFTER_FIRST_FRAME=1 timeout 30 "$1")
echo "$out"
[ "$out" = ABIERTO_FIRST_FRAME ]
# It started on the default file, creating it.
[ -f "$XDG_DATA_HOME/abierto/talleres.abierto" ]
