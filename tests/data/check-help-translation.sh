#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails unless help/LANG/LANG.po translates every message of the help pages
# as they are now, and the translated pages are valid Mallard.
#   check-help-translation.sh HELP_DIR LANG PAGE...
# The template is extracted afresh with itstool (as gnome.yelp does) and
# merged into a copy of the .po before counting, so a page changed without
# its translation fails here.
set -eu
help=$1
lang=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$help/C"
itstool -o "$tmp/help.pot" "$@"

po="$help/$lang/$lang.po"
own=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$po" 2>&1)
msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/help.pot" --output-file="$tmp/$lang.po"
merged=$(LC_ALL=C msgfmt -c --statistics -o "$tmp/$lang.mo" "$tmp/$lang.po" 2>&1)
echo "$lang.po: $own"
echo "$lang.po merged with the pages: $merged"
for stats in "$own" "$merged"; do
  case "$stats" in
    *untranslated*|*fuzzy*|*error*|*warning*) exit 1 ;;
  esac
done

# Obsolete (#~) entries mean the .po was not refreshed after a page changed.
if grep -q '^#~' "$po"; then
  echo "$po has obsolete entries: refresh it with msgmerge" >&2
  exit 1
fi

mkdir "$tmp/$lang"
itstool -m "$tmp/$lang.mo" --lang "$lang" -o "$tmp/$lang/" "$@"
cd "$tmp/$lang"
yelp-check validate "$@"
echo "translated pages are valid"
