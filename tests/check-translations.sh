#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails unless po/es.po translates every string in the sources as they are
# now: the template is extracted afresh (as meson's glib preset does) and
# merged into a copy of es.po before counting.
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src"

# Every source file with translatable strings must be in POTFILES.in, or
# its strings would silently stay in English.
missing=""
for file in $(grep -rlE '(^|[^A-Za-z0-9_])(N|C|NC)?_ ?\(|translatable="yes"' src --include='*.c' --include='*.ui' | sort); do
  grep -qx "$file" po/POTFILES.in || missing="$missing $file"
done
if [ -n "$missing" ]; then
  echo "Not in po/POTFILES.in:$missing"
  exit 1
fi
xgettext --package-name=abierto --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in --output="$tmp/abierto.pot"
msgmerge --quiet --no-fuzzy-matching "po/es.po" "$tmp/abierto.pot" --output-file="$tmp/es.po"
stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$tmp/es.po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*|*error*) exit 1 ;;
esac
msgfmt -c -o /dev/null po/es.po
