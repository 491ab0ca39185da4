#!/usr/bin/python3
# test_triptych.py
#
# Copyright 2026 The Abierto developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tests of the tríptico, made with abierto-cli as a facilitator would.

A workshop with accents, emoji and a proposal of 10,000 characters, and
a demo workshop of 300 proposals, are exported as trípticos for every
audience; the PDFs are then read back with poppler's command-line tools
(pdfinfo, pdffonts, pdftotext) to check the sheet, the fonts, where the
words are and how big they are.

Usage: test_triptych.py PATH-TO-abierto-cli [unittest options]
"""

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zlib

CLI = os.environ.get('ABIERTO_CLI')

PAGE_W, PAGE_H = 792.0, 612.0
FOLDS = (264.0, 528.0)
# a quarter of an inch from the edge of the paper, as printers need
MARGIN = 18.0
# pdftotext gives a word the height of its font's box: 1.36 times the
# size for Noto Sans, 1.2 times for Cantarell (the charts): take the
# lower, with a little slack for rounding
HEIGHT_PER_POINT = 1.17
AUDIENCES = ('general', 'older-adults', 'children', 'women-reentry')

TITLE = 'Presupuesto participativo en Iztapalapa 🌳'
QUESTION = '¿Qué necesita su colonia para que todas las personas vivan mejor? 🏘️'
ALIASES = ('Zorro Ágil', 'Búho Sabio', 'Colibrí Veloz')
LONG_TEXT = ('Queremos más árboles 🌳 y bancas con sombra en el parque, ' * 200)[:10000]
# a title of some two hundred characters, which the cover shows whole,
# and one of a thousand, which it cuts after a word
LONG_TITLE = ('Taller de presupuesto participativo de la Alcaldía Iztapalapa: banquetas, parques, '
              'iluminación y señalización para que las niñas, los niños y las personas mayores '
              '¡caminen seguras por la colonia! 🌳')
LONG_QUESTION = ('¿Qué cambios concretos necesita su colonia —en las banquetas, los cruces, la luz '
                 'de las calles, los parques y los lugares para descansar— para que todas las '
                 'personas puedan salir de casa sin miedo? 🏘️')
HUGE_TITLE = ' '.join(f'palabra{i}' for i in range(120))

WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" '
                  r'yMax="([-\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


# the tokens of a PDF content stream, enough to follow text and matrices
TOKEN = re.compile(rb'\[(?:[^\]\\]|\\.)*\]|\((?:[^)\\]|\\.)*\)|<[0-9a-fA-F\s]*>|'
                   rb'/[^\s/\[\]()<>]+|[-+]?\d*\.?\d+|[A-Za-z*\'"]+')
NUMBER = re.compile(rb'[-+]?\d*\.?\d+')
STREAM = re.compile(rb'stream\r?\n(.*?)\r?\nendstream', re.S)


def multiply(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]]


def count_glyphs(operand):
    """Roughly how many glyphs a Tj or TJ operand shows."""
    n = 0
    for string in re.findall(rb'\((?:[^)\\]|\\.)*\)|<[0-9a-fA-F\s]*>', operand):
        if string.startswith(b'<'):
            n += len(re.sub(rb'\s', b'', string[1:-1])) // 4
        else:
            n += len(re.sub(rb'\\.', b'x', string[1:-1]))
    return n


def text_sizes(pdf):
    """The size in points of every run of text in @pdf, with its glyphs:
    the text matrix times the current transformation, as cairo writes
    them (a matrix per run, in FlateDecode content streams)."""
    with open(pdf, 'rb') as f:
        data = f.read()
    sizes = []
    for match in STREAM.finditer(data):
        try:
            stream = zlib.decompress(match[1])
        except zlib.error:
            continue
        if b'BT' not in stream:
            continue
        ctm, stack, numbers, tm, operand = [1, 0, 0, 1], [], [], None, b''
        for token in TOKEN.findall(stream):
            if NUMBER.fullmatch(token):
                numbers.append(float(token))
                continue
            if token[:1] in (b'[', b'(', b'<', b'/'):
                operand = token
                continue
            if token == b'q':
                stack.append(ctm)
            elif token == b'Q':
                ctm = stack.pop() if stack else [1, 0, 0, 1]
            elif token == b'cm' and len(numbers) >= 6:
                ctm = multiply(numbers[-6:-2], ctm)
            elif token == b'Tm' and len(numbers) >= 6:
                tm = numbers[-6:-2]
            elif token in (b'Tj', b'TJ') and tm is not None:
                m = multiply(tm, ctm)
                sizes.append((abs(m[0] * m[3] - m[1] * m[2]) ** 0.5, count_glyphs(operand)))
            numbers = []
    return sizes


def have_poppler():
    return all(shutil.which(tool) for tool in ('pdfinfo', 'pdffonts', 'pdftotext'))


@unittest.skipUnless(have_poppler(), 'poppler-utils is not installed')
class TriptychTestCase(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix='abierto-triptych-')
        cls.dir = cls.tmp.name
        cls.env = dict(os.environ)
        cls.env['XDG_DATA_HOME'] = os.path.join(cls.dir, 'data')
        cls.env['LC_ALL'] = 'C.UTF-8'
        cls.env.pop('LANGUAGE', None)
        cls.env.pop('LANG', None)
        cls.small = os.path.join(cls.dir, 'taller.abierto')
        cls.big = os.path.join(cls.dir, 'demo.abierto')
        cls.make_small_workshop()
        cls.cli(cls.big, 'demo', '--sessions', '1', '--proposals', '300',
                '--participants', '20', '--votes', '10000')
        cls.big_session = cls.cli(cls.big, 'session', 'list').split()[0]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    # Running the tools

    @classmethod
    def cli(cls, path, *args, env=None):
        proc = subprocess.run([CLI, '--file', path] + [str(a) for a in args],
                              capture_output=True, env=env or cls.env, timeout=100)
        if proc.returncode != 0:
            raise AssertionError(f'{args} failed: {proc.stderr.decode(errors="replace")}')
        return proc.stdout.decode()

    @staticmethod
    def tool(*args):
        proc = subprocess.run(list(args), capture_output=True, timeout=60)
        if proc.returncode != 0:
            raise AssertionError(f'{args} failed: {proc.stderr.decode(errors="replace")}')
        return proc.stdout.decode('utf-8', errors='replace')

    @classmethod
    def make_small_workshop(cls):
        path = cls.small
        session = cls.cli(path, 'session', 'add', '--title', TITLE, '--group', 'mixed',
                          '--date', '2026-05-10', '--place', 'Centro comunitario Benito Juárez',
                          '--question', QUESTION,
                          '--facilitators', 'Secretaría de Participación Ciudadana',
                          '--publication-url', 'https://example.org/talleres/iztapalapa').strip()
        people = [cls.cli(path, 'participant', 'add', '--session', session, '--alias', alias,
                          '--age-band', band, '--gender', gender).strip()
                  for alias, band, gender in zip(ALIASES, ('60-69', '30-44', '60-69'),
                                                 ('mujer', 'hombre', 'mujer'))]
        long_id = cls.cli(path, 'proposal', 'add', '--session', session, '--text', LONG_TEXT,
                          '--title', 'Más árboles 🌳 y sombra').strip()
        lights = cls.cli(path, 'proposal', 'add', '--session', session, '--text',
                         'Iluminación en la calle Niños Héroes para caminar seguras 💡',
                         '--category', 'Seguridad').strip()
        cls.cli(path, 'proposal', 'add', '--session', session, '--text',
                'Un mercado de trueque los domingos', '--category', 'Economía')
        round_id = cls.cli(path, 'round', 'add', '--session', session, '--method', 'approval',
                           '--title', '¿Con cuáles está de acuerdo?').strip()
        for person in people:
            cls.cli(path, 'vote', '--round', round_id, '--participant', person,
                    '--proposal', long_id)
        cls.cli(path, 'vote', '--round', round_id, '--participant', people[0],
                '--proposal', lights)
        cls.session = session
        cls.empty_session = cls.cli(path, 'session', 'add', '--title', 'Sin propuestas',
                                    '--group', 'children').strip()
        cls.long_session = cls.cli(path, 'session', 'add', '--title', LONG_TITLE,
                                   '--question', LONG_QUESTION, '--group', 'older-adults',
                                   '--date', '2026-05-10',
                                   '--place', 'Centro comunitario Benito Juárez, Iztapalapa',
                                   '--publication-url', 'https://example.org/talleres/iztapalapa'
                                   ).strip()
        cls.huge_session = cls.cli(path, 'session', 'add', '--title', HUGE_TITLE,
                                   '--question', LONG_QUESTION, '--group', 'mixed').strip()

    def export(self, path, session, audience=None, env=None, name='t'):
        out = os.path.join(self.dir, f'{name}-{session}-{audience or "default"}.pdf')
        args = ['export', '--session', session, '--kind', 'triptych', '-o', out]
        if audience:
            args += ['--audience', audience]
        self.cli(path, *args, env=env)
        return out

    def words(self, pdf):
        """The words of each page, as (x_min, y_min, x_max, y_max, text)."""
        html = self.tool('pdftotext', '-enc', 'UTF-8', '-bbox', pdf, '-')
        pages = []
        for page in PAGE.finditer(html):
            pages.append([(float(m[1]), float(m[2]), float(m[3]), float(m[4]), m[5])
                          for m in WORD.finditer(page[3])])
        return pages

    def cover_words(self, pdf):
        """The words a reader sees on the cover, the right third of the
        outside, in their order. Cairo gives an ellipsis the text it hides,
        which pdftotext reads as one word with spaces in it: such a word is
        "…" to a reader."""
        words = []
        for x0, y0, x1, y1, word in self.words(pdf)[0]:
            if x0 >= FOLDS[1]:
                word = html.unescape(word)
                words.append('…' if re.search(r'[ \t\n]', word) else word)
        return words

    def text(self, pdf, *args):
        return self.tool('pdftotext', '-enc', 'UTF-8', *args, pdf, '-')

    # Checks

    def check_sheet(self, pdf):
        info = self.tool('pdfinfo', pdf)
        self.assertRegex(info, r'Pages:\s+2\n')
        self.assertRegex(info, r'Page size:\s+792(\.0+)? x 612(\.0+)? pts')
        fonts = self.tool('pdffonts', pdf).splitlines()[2:]
        self.assertTrue(fonts, 'no fonts at all')
        for line in fonts:
            # name type encoding emb sub uni object ID
            self.assertEqual(line.split()[-5], 'yes', f'not embedded: {line}')

    def check_inside(self, pdf):
        """Every word inside the margins, and none across a fold."""
        pages = self.words(pdf)
        self.assertEqual(len(pages), 2)
        for number, words in enumerate(pages, 1):
            self.assertTrue(words, f'page {number} has no words')
            for x0, y0, x1, y1, word in words:
                where = f'“{word}” on page {number} at ({x0}, {y0})–({x1}, {y1})'
                self.assertGreaterEqual(x0, MARGIN, where)
                self.assertGreaterEqual(y0, MARGIN, where)
                self.assertLessEqual(x1, PAGE_W - MARGIN, where)
                self.assertLessEqual(y1, PAGE_H - MARGIN, where)
                for fold in FOLDS:
                    self.assertFalse(x0 < fold < x1, f'{where} crosses the fold at {fold}')

    def check_type_size(self, pdf, points):
        """No word smaller than @points (symbols such as "=" aside)."""
        heights = [(y1 - y0, word)
                   for words in self.words(pdf) for x0, y0, x1, y1, word in words
                   if any(c.isalnum() for c in word)]
        smallest = min(heights)
        self.assertGreaterEqual(smallest[0], points * HEIGHT_PER_POINT,
                                f'“{smallest[1]}” is smaller than {points} pt')

    def check_font_sizes(self, pdf, points):
        """No run of text below @points, but for a lone mark such as the
        small "=" of a tie in a chart."""
        sizes = text_sizes(pdf)
        self.assertTrue(sizes, 'no text found in the content streams')
        words = [size for size, glyphs in sizes if glyphs > 1]
        self.assertGreaterEqual(min(words), points - 0.01)
        self.assertGreaterEqual(min(size for size, glyphs in sizes), points * 0.8)

    def check_private(self, pdf):
        text = self.text(pdf)
        for alias in ALIASES:
            self.assertNotIn(alias, text)
            self.assertNotIn(alias.split()[0], text)

    # Tests

    def test_sheet_and_cover(self):
        pdf = self.export(self.small, self.session)
        self.check_sheet(pdf)
        # the cover is the right third of the outside
        cover = self.text(pdf, '-f', '1', '-l', '1', '-x', '528', '-y', '0', '-W', '264',
                          '-H', '612', '-layout')
        self.assertIn('Presupuesto', cover)
        self.assertIn('participativo', cover)
        # and only there on the outside
        rest = self.text(pdf, '-f', '1', '-l', '1', '-x', '0', '-y', '0', '-W', '528',
                         '-H', '612', '-layout')
        self.assertNotIn('Presupuesto', rest)
        # the back has the licence
        back = self.text(pdf, '-f', '1', '-l', '1', '-x', '264', '-y', '0', '-W', '264',
                         '-H', '612', '-layout')
        self.assertIn('CC BY 4.0', back)
        # the inside begins with the question
        inside = self.text(pdf, '-f', '2', '-l', '2', '-x', '0', '-y', '0', '-W', '264',
                           '-H', '612', '-raw')
        self.assertIn('colonia', inside)

    def test_every_audience(self):
        for audience in AUDIENCES:
            with self.subTest(audience=audience):
                pdf = self.export(self.small, self.session, audience)
                self.check_sheet(pdf)
                self.check_inside(pdf)
                self.check_private(pdf)
                self.check_type_size(pdf, 14 if audience == 'older-adults' else 10)
                self.check_font_sizes(pdf, 14 if audience == 'older-adults' else 10)

    def test_long_proposal_is_cut(self):
        pdf = self.export(self.small, self.session, 'general')
        text = self.text(pdf)
        # the first words are there, the whole text is not (an ellipsis
        # keeps a little of what it hides as the text of its glyph)
        self.assertIn('Queremos', text)
        self.assertLess(text.count('Queremos'), LONG_TEXT.count('Queremos') / 4)

    def test_long_title_on_cover(self):
        title_words = [w for w in LONG_TITLE.split() if any(c.isalnum() for c in w)]
        for audience in AUDIENCES:
            with self.subTest(audience=audience):
                pdf = self.export(self.small, self.long_session, audience, name='long')
                self.check_sheet(pdf)
                self.check_inside(pdf)
                self.check_type_size(pdf, 14 if audience == 'older-adults' else 10)
                self.check_font_sizes(pdf, 14 if audience == 'older-adults' else 10)
                cover = self.cover_words(pdf)
                # every word of the title, in its order, and no ellipsis in it
                found = [w for w in cover if w in title_words]
                self.assertEqual(found[:len(title_words)], title_words, f'cover: {cover}')
                start = cover.index(title_words[0])
                self.assertNotIn('…', cover[start:start + len(title_words)])
                # the question starts on the cover too
                self.assertIn('“¿Qué', cover)

    def test_huge_title_is_cut_after_a_word(self):
        title_words = HUGE_TITLE.split()
        for audience in AUDIENCES:
            with self.subTest(audience=audience):
                pdf = self.export(self.small, self.huge_session, audience, name='huge')
                self.check_inside(pdf)
                cover = self.cover_words(pdf)
                start = cover.index(title_words[0])
                shown = []
                for word in cover[start:]:
                    if word.endswith('…'):
                        shown.append(word[:-1])
                        break
                    shown.append(word)
                else:
                    self.fail(f'the title is not cut: {cover}')
                # whole words, from the first, and more than a few of them
                self.assertGreater(len(shown), 10)
                self.assertEqual(shown, title_words[:len(shown)])

    def test_place_is_discreet(self):
        pdf = self.export(self.small, self.session, 'women-reentry')
        self.assertNotIn('Benito', self.text(pdf))
        pdf = self.export(self.small, self.session, 'general')
        self.assertIn('Benito', self.text(pdf))

    def test_no_proposals(self):
        pdf = self.export(self.small, self.empty_session)
        self.check_sheet(pdf)
        self.check_inside(pdf)

    def test_300_proposals(self):
        for audience in AUDIENCES:
            with self.subTest(audience=audience):
                pdf = self.export(self.big, self.big_session, audience, name='big')
                self.check_sheet(pdf)
                self.check_inside(pdf)
                self.check_type_size(pdf, 14 if audience == 'older-adults' else 10)
                self.check_font_sizes(pdf, 14 if audience == 'older-adults' else 10)
        pdf = self.export(self.big, self.big_session, 'general', name='big')
        inside = self.text(pdf, '-f', '2', '-l', '2', '-raw')
        self.assertRegex(inside.replace('\n', ' '),
                         r'And \d+ more proposals: they are in the full report\.')

    def test_spanish(self):
        env = dict(self.env, LC_ALL='es_MX.UTF-8', LANG='es_MX.UTF-8')
        for path, session in ((self.small, self.session), (self.big, self.big_session)):
            with self.subTest(path=os.path.basename(path)):
                pdf = self.export(path, session, 'older-adults', env=env, name='es')
                self.check_sheet(pdf)
                self.check_inside(pdf)
                self.check_type_size(pdf, 14)
                self.check_font_sizes(pdf, 14)


if __name__ == '__main__':
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        CLI = os.path.abspath(sys.argv.pop(1))
    if not CLI:
        sys.exit('usage: test_triptych.py PATH-TO-abierto-cli [unittest options]')
    unittest.main(verbosity=2)
