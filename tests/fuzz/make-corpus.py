#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of the fuzz targets: small workshop files made
with abierto-cli for fuzz-open, texts in many scripts for fuzz-layout.

    tests/fuzz/make-corpus.py BUILD/src/cli/abierto-cli

Workshop files are rewritten with 512-byte pages, so that each stays a
few KiB: small inputs are what a fuzzer mutates best."""

import os
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OPEN = os.path.join(HERE, 'corpus', 'fuzz-open')
LAYOUT = os.path.join(HERE, 'corpus', 'fuzz-layout')


def cli(path, *args):
    out = subprocess.run([CLI, '--file', path, *args], check=True, capture_output=True,
                         text=True)
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else ''


def compact(path, dest):
    db = sqlite3.connect(path)
    db.execute('PRAGMA journal_mode = DELETE')
    db.execute('PRAGMA page_size = 512')
    db.execute('VACUUM')
    db.close()
    with open(path, 'rb') as f:
        data = f.read()
    assert len(data) < 64 * 1024, (dest, len(data))
    with open(os.path.join(OPEN, dest), 'wb') as f:
        f.write(data)


def workshop(tmp):
    path = os.path.join(tmp, 'taller.abierto')
    s = cli(path, 'session', 'add', '--title', 'Parque Hundido 🌳', '--group', 'older-adults',
            '--date', '2026-05-10', '--place', 'Benito Juárez',
            '--question', '¿Qué le falta al parque?', '--facilitators', 'Equipo CDMX',
            '--publication-url', 'https://datos.cdmx.gob.mx/taller')
    people = [cli(path, 'participant', 'add', '--session', s, '--alias', a, '--age-band', '60-69',
                  '--gender', g)
              for a, g in (('Girasol', 'mujer'), ('Colibrí', 'hombre'), ('نور', 'no binaria'))]
    props = [cli(path, 'proposal', 'add', '--session', s, '--text', t, '--category', c)
             for t, c in (('Más bancas con sombra 🪑', 'Espacio'),
                          ('Baños accesibles ♿ para personas en silla de ruedas', 'Salud'),
                          ('إضاءة أفضل في الليل — mejor luz', 'Seguridad'))]
    rounds = {m: cli(path, 'round', 'add', '--session', s, '--method', m)
              for m in ('dot', 'approval', 'scale', 'ranking', 'tally')}
    for i, who in enumerate(people):
        cli(path, 'vote', '--round', rounds['dot'], '--participant', who, '--proposal', props[i])
        cli(path, 'vote', '--round', rounds['approval'], '--participant', who,
            '--proposal', props[0])
        cli(path, 'vote', '--round', rounds['scale'], '--participant', who, '--proposal', props[1],
            '--value', str(i + 2))
        cli(path, 'vote', '--round', rounds['ranking'], '--participant', who,
            '--ranking', ','.join(props[i:] + props[:i]))
    cli(path, 'tally', '--round', rounds['tally'], '--proposal', props[2], '--count', '7')
    c = cli(path, 'commitment', 'add', '--session', s, '--proposal', props[2],
            '--action', 'Reparar las luminarias', '--institution', 'Alcaldía Benito Juárez',
            '--indicator', 'Luminarias funcionando', '--baseline', '40', '--target', '100',
            '--deadline', '2026-12-31')
    cli(path, 'commitment', 'update', '--commitment', c, '--value', '55', '--date', '2026-06-01',
        '--note', 'Primeras 15')
    return path


def main():
    for d in (OPEN, LAYOUT):
        for name in os.listdir(d):
            os.unlink(os.path.join(d, name))

    with tempfile.TemporaryDirectory() as tmp:
        empty = os.path.join(tmp, 'vacio.abierto')
        cli(empty, 'session', 'add', '--title', 'Borrada', '--group', 'mixed')
        db = sqlite3.connect(empty)
        db.execute('DELETE FROM session')
        db.commit()
        db.close()
        compact(empty, 'empty-workshop')

        one = os.path.join(tmp, 'una.abierto')
        cli(one, 'session', 'add', '--title', 'Sesión', '--group', 'children')
        compact(one, 'one-session')

        path = workshop(tmp)
        compact(path, 'workshop')

        # format 1: no deleted column on commitments, no privacy notices
        db = sqlite3.connect(path)
        db.executescript('ALTER TABLE commitment DROP COLUMN deleted;'
                         'DROP TABLE privacy_notice; PRAGMA user_version = 1;')
        db.close()
        compact(path, 'format-1')

        demo = os.path.join(tmp, 'demo.abierto')
        cli(demo, 'demo', '--sessions', '1', '--proposals', '4', '--participants', '6',
            '--votes', '12')
        compact(demo, 'demo')

        other = os.path.join(tmp, 'otro.db')
        db = sqlite3.connect(other)
        db.executescript("CREATE TABLE contacts (name TEXT, phone TEXT);"
                         "INSERT INTO contacts VALUES ('Ana', '555');")
        db.close()
        compact(other, 'foreign-sqlite')

    long_word = 'Ñandú' * 2000
    long_text = ' '.join(['La biblioteca de la colonia abre los sábados'] * 222)[:10000]
    texts = {
        # three bytes of options (see fuzz-layout.c), then the texts
        'plain': (0x00, 0x00, 0x50, ['Parque Hundido', '¿Qué le falta al parque?', 'Benito Juárez',
                               'Equipo CDMX', 'Bancas', 'Más bancas con sombra', 'Espacio',
                               'Puntos', 'Mujer', 'Poner bancas', 'Alcaldía', 'Bancas puestas',
                               'taller-1']),
        'emoji': (0x81, 0x42, 0x29, ['👩🏽‍🦳👨🏿‍🦽 Taller 🇲🇽', '¿🌳 o 🏗️?', '🏫', '👩‍👩‍👧',
                               '🚻♿', '🧓🏻🧒🏾🫶 ' * 40, '🌱', '⭐⭐⭐', '🏳️‍⚧️', '💡',
                               '🏛️', '📈', '🙂']),
        'rtl': (0x82, 0x13, 0x1e, ['مشاركة المواطنين في الحديقة', 'מה חסר בפארק?',
                             'كويوأكان Coyoacán', 'فريق', 'إضاءة',
                             'نريد إضاءة أفضل في الليل، mejor luz 123 للمسنين', 'أمن',
                             'تصويت', 'امرأة', 'إصلاح', 'بلدية', 'مصابيح', 'سؤال']),
        'combining': (0x03, 0x74, 0x0b, ['Z̷̢̛a̶̡l̵g̴o̸ ̷t̶a̷l̵l̴e̸r̵', 'q̃̃̃̃ue͡e',
                                   'नमस्ते क्षत्रिय', 'ញ៉ុំ', 'e\u0301\u0302\u0303' * 50,
                                   'a' + '\u0308' * 300, 'กิ่ก้ก๊ก๋', '\u200d\u200c\u2060',
                                   'ﷺ', '\u00ad' * 20, 'Ǆǅǆ', 'ﬃ', '\u202e\u2066x\u2069']),
        'long-word': (0x11, 0x05, 0x64, ['Un título', '', '', '', long_word[:300], long_word,
                                         '', '', '', '', '', '', '']),
        'long-text': (0x84, 0xc1, 0x80, ['T' * 500, long_text, 'L' * 300, '', '', long_text,
                                          'C' * 200, 'R' * 200, 'G' * 100, long_text[:3000],
                                          'I' * 400, long_text[:2000], 'x' * 1500]),
        'controls': (0xa8, 0x86, 0x05, ['línea\nnueva\r\n\ttab', '\x01\x02\x1b[31m',
                                                '\ufffe\uffff', '<b>no</b> &amp; %s %n', '',
                                                '\u2028\u2029 párrafo', '', '', '', '', '',
                                                '', '']),
        'empty': (0xff, 0xff, 0xff, [''] * 13),
        'social-png': (0xc4, 0x20, 0x40, ['Taller en la Alcaldía Iztapalapa', '¿Qué hacemos?',
                                          '', '', 'Agua', 'Que llegue el agua todos los días 💧',
                                          'Agua', '', '', '', '', '', '']),
    }
    for name, (b0, b1, b2, fields) in texts.items():
        data = bytes([b0, b1, b2]) + '\x1f'.join(fields).encode('utf-8')
        with open(os.path.join(LAYOUT, name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    CLI = os.path.abspath(sys.argv[1])
    main()
