#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a fresh temporary DESTDIR and checks the layout a
# distribution package (or the Flatpak) gets.
#   test-install.sh MESON BUILD_ROOT PREFIX BINDIR DATADIR LOCALEDIR APP_ID
# It runs beside other tests, so it never rebuilds what they use: it only
# makes sure the translations and the translated help are built (meson
# test builds only what tests depend on, and gnome.yelp and i18n.gettext
# give no target to depend on), then installs with --no-rebuild. The
# post-install scripts (schemas, icon cache, …) skip themselves under
# DESTDIR.
set -eu
meson=$1
build=$2
prefix=$3
bindir=$4
datadir=$5
localedir=$6
app_id=$7

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$meson" compile -C "$build" abierto-gmo help-abierto-es >"$tmp/compile.log" 2>&1 \
  || { cat "$tmp/compile.log" >&2; exit 1; }
"$meson" install -C "$build" --no-rebuild --destdir "$tmp/root" >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log" >&2; exit 1; }

# Relative install dirs are relative to the prefix.
under_prefix() {
  case "$1" in
    /*) echo "$tmp/root$1" ;;
    *) echo "$tmp/root$prefix/$1" ;;
  esac
}
bin=$(under_prefix "$bindir")
share=$(under_prefix "$datadir")
locale=$(under_prefix "$localedir")

status=0
check() {
  if [ -f "$1" ] && [ -s "$1" ]; then
    echo "ok: ${1#$tmp/root}"
  else
    echo "MISSING: ${1#$tmp/root}" >&2
    status=1
  fi
}

check "$bin/abierto"
check "$bin/abierto-cli"
check "$share/applications/$app_id.desktop"
check "$share/metainfo/$app_id.metainfo.xml"
check "$share/icons/hicolor/scalable/apps/$app_id.svg"
check "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
check "$share/glib-2.0/schemas/$app_id.gschema.xml"
check "$share/mime/packages/$app_id.xml"
check "$locale/es/LC_MESSAGES/abierto.mo"
check "$share/help/C/abierto/index.page"
check "$share/help/es/abierto/index.page"

for exe in "$bin/abierto" "$bin/abierto-cli"; do
  if [ -f "$exe" ] && [ ! -x "$exe" ]; then
    echo "NOT EXECUTABLE: ${exe#$tmp/root}" >&2
    status=1
  fi
done

# The Spanish help is the translated page, not a copy of the English one.
if [ -f "$share/help/es/abierto/index.page" ] \
   && ! grep -q 'Ayuda de Abierto' "$share/help/es/abierto/index.page"; then
  echo "share/help/es/abierto/index.page is not in Spanish" >&2
  status=1
fi

exit $status
