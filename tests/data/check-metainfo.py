#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks what appstreamcli does not: that the merged metainfo agrees with
# the rest of the project and carries its Spanish text.
#   check-metainfo.py METAINFO SOURCE_ROOT APP_ID VERSION
import os
import sys
import xml.etree.ElementTree as ET

metainfo, source_root, app_id, version = sys.argv[1:5]
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
RAW_PREFIX = 'https://raw.githubusercontent.com/gobierto/abierto/main/'
MAX_SCREENSHOT_BYTES = 300 * 1024

problems = []
root = ET.parse(metainfo).getroot()


def texts(tag, lang):
    return [e for e in root.findall(tag) if e.get(XML_LANG) == lang]


if root.findtext('id') != app_id:
    problems.append(f'id is {root.findtext("id")!r}, not {app_id!r}')

# English and Spanish summary and description (Spanish comes from po/es.po;
# msgfmt translates a description paragraph by paragraph)
if not texts('summary', None):
    problems.append('no English <summary>')
if not texts('summary', 'es'):
    problems.append('no Spanish <summary xml:lang="es">: translate the metainfo strings in '
                    'po/es.po')
description = root.find('description')
paragraphs = list(description) if description is not None else []
english = [p for p in paragraphs if p.get(XML_LANG) is None]
spanish = [p for p in paragraphs if p.get(XML_LANG) == 'es']
spanish_items = [li for p in english if p.tag in ('ul', 'ol')
                 for li in p if li.get(XML_LANG) == 'es']
english_items = [li for p in english if p.tag in ('ul', 'ol')
                 for li in p if li.get(XML_LANG) is None]
if not english:
    problems.append('no English <description>')
if (len(spanish) != len([p for p in english if p.tag == 'p'])
        or len(spanish_items) != len(english_items)):
    problems.append('the <description> is not all in Spanish: translate the metainfo strings '
                    'in po/es.po')

developer = root.find('developer')
if developer is None or not developer.get('id') or not developer.findtext('name'):
    problems.append('<developer> needs an id and a <name>')

launchable = root.findtext('launchable[@type="desktop-id"]')
if launchable != app_id + '.desktop':
    problems.append(f'launchable is {launchable!r}, not {app_id}.desktop')
if not os.path.exists(os.path.join(source_root, 'data', app_id + '.desktop.in')):
    problems.append(f'data/{app_id}.desktop.in, the launchable, is missing')

mime = ET.parse(os.path.join(source_root, 'data', app_id + '.mime.xml')).getroot()
mime_types = {e.get('type') for e in mime.iter('{http://www.freedesktop.org/standards/shared-mime-info}mime-type')}
provided = {e.text for e in root.findall('provides/mediatype')}
if provided != mime_types:
    problems.append(f'provides mediatypes {sorted(provided)}, the MIME file has {sorted(mime_types)}')

binaries = {e.text for e in root.findall('provides/binary')}
if binaries != {'abierto', 'abierto-cli'}:
    problems.append(f'provides binaries {sorted(binaries)}')

# the newest release is the version being built
releases = root.findall('releases/release')
if not releases:
    problems.append('no <release>')
elif releases[0].get('version') != version:
    problems.append(f'newest release is {releases[0].get("version")}, meson says {version}: '
                    'add a <release> for it')

# screenshots point at files kept in this repository
images = root.findall('screenshots/screenshot/image')
if not images:
    problems.append('no screenshot')
for image in images:
    url = image.text.strip()
    if not url.startswith(RAW_PREFIX):
        problems.append(f'screenshot {url} is not a file of this repository ({RAW_PREFIX}…)')
        continue
    path = os.path.join(source_root, url[len(RAW_PREFIX):])
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        problems.append(f'screenshot {url}: {e}')
        continue
    if not data.startswith(b'\x89PNG\r\n\x1a\n'):
        problems.append(f'{path} is not a PNG')
    if len(data) > MAX_SCREENSHOT_BYTES:
        problems.append(f'{path} is {len(data)} bytes, more than {MAX_SCREENSHOT_BYTES}')

for p in problems:
    print(p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f'{metainfo}: in order')
