#!/usr/bin/python3
# test_poster_fit.py
#
# Copyright 2026 The Abierto developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tests that a poster keeps what it must show, however long its texts.

A session with a title of some two hundred characters and a guiding
question of three hundred, with accents, ñ, ¿¡ and emoji, is exported as
a poster for every audience, at every size, as a PDF and as a PNG. Each
poster must show the title and the question whole (or, if one cannot fit
even in the audience's smallest type, its start cut after a word with
"…"), and the chart of the results with at least the three leading
proposals; in type no smaller than the audience's body text on paper,
and with nothing in the margins. The PDFs are read back with poppler's
pdftotext and pdftoppm, the PNGs with ImageMagick.

Usage: test_poster_fit.py PATH-TO-abierto-cli [unittest options]
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import unittest
from html import unescape

from pixels import ink_in_margins, read_ppm

CLI = os.environ.get('ABIERTO_CLI')

AUDIENCES = ('older-adults', 'children', 'women-reentry', 'general')
SIZES = ('letter', 'a4', 'a3', 'square', 'story', '16x9')
# the body size of each audience, in points: the smallest a title or a
# question may get on paper
BODY = {'older-adults': 14, 'children': 13, 'women-reentry': 11, 'general': 11}
# pdftotext gives a word the height of its font's box, 1.36 times the
# size for Noto Sans: take a little less, for rounding
HEIGHT_PER_POINT = 1.3

TITLE = ('Taller de presupuesto participativo de la Alcaldía Iztapalapa: banquetas, parques, '
         'iluminación y señalización para que las niñas, los niños y las personas mayores '
         'caminen seguras por la colonia 🌳')
QUESTION = ('¿Qué cambios concretos necesita su colonia —en las banquetas, los cruces, la luz de '
            'las calles, los parques y los lugares para descansar— para que todas las personas, '
            'sin importar su edad o condición, puedan salir de casa, caminar con tranquilidad y '
            'llegar a donde necesitan sin miedo ni obstáculos? ¡Cuéntenos su idea! 🏘️')
# words found only in the title or the question, to measure their type
OWN_WORDS = ('presupuesto', 'participativo', 'señalización', 'cambios', 'concretos',
             'tranquilidad', 'obstáculos?')

# by the number of people who approve each: a ranking without ties
PROPOSALS = (('Banquetas parejas', 10), ('Más luz', 8), ('Bancas con sombra', 6),
             ('Cruces seguros', 4), ('Señales grandes', 2), ('Baños públicos', 1))
CHART_CAPTION = 'People who approved each proposal'

WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" '
                  r'yMax="([-\d.]+)">([^<]*)</word>')


def plain(text):
    """@text without its emoji, whitespace and the hyphens Pango adds
    where it breaks a word, so that lines do not matter."""
    text = ''.join(c for c in text if unicodedata.category(c) not in ('So', 'Sk', 'Mn', 'Cf'))
    return re.sub(r'[\s\-\u00ad\u2010]+', '', text)


def ink_in_margins_of(data, fraction):
    """Pixels that are not white within @fraction of the short side of
    the page's edges, and how many pixels are inked at all."""
    width, height, pixels = read_ppm(data)
    margin = int(min(width, height) * fraction)
    assert margin > 2
    bad = ink_in_margins(width, height, pixels, margin)
    if len(bad) > 20:
        return bad, 0
    inked = sum(1 for i in range(0, len(pixels), 3 * 7) if min(pixels[i:i + 3]) < 128)
    return bad, inked


def have_tools():
    return all(shutil.which(tool) for tool in ('pdftotext', 'pdftoppm', 'convert'))


@unittest.skipUnless(have_tools(), 'poppler-utils or ImageMagick is not installed')
class PosterFitTestCase(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix='abierto-poster-fit-')
        cls.dir = cls.tmp.name
        cls.path = os.path.join(cls.dir, 'taller.abierto')
        cls.env = dict(os.environ)
        cls.env['XDG_DATA_HOME'] = os.path.join(cls.dir, 'data')
        cls.env['LC_ALL'] = 'C.UTF-8'
        cls.env['G_DEBUG'] = 'fatal-warnings'
        cls.env.pop('LANGUAGE', None)
        cls.env.pop('LANG', None)
        cls.session = cls.make_workshop()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def cli(cls, *args):
        proc = subprocess.run([CLI, '--file', cls.path] + [str(a) for a in args],
                              capture_output=True, env=cls.env, timeout=100)
        if proc.returncode != 0:
            raise AssertionError(f'{args} failed: {proc.stderr.decode(errors="replace")}')
        return proc.stdout.decode().strip()

    @staticmethod
    def tool(*args):
        proc = subprocess.run(list(args), capture_output=True, timeout=60)
        if proc.returncode != 0:
            raise AssertionError(f'{args} failed: {proc.stderr.decode(errors="replace")}')
        return proc.stdout

    @classmethod
    def make_workshop(cls):
        session = cls.cli('session', 'add', '--title', TITLE, '--question', QUESTION,
                          '--group', 'older-adults', '--date', '2026-05-10',
                          '--place', 'Centro comunitario Benito Juárez, Iztapalapa',
                          '--facilitators', 'Secretaría de Participación Ciudadana',
                          '--publication-url', 'https://example.org/talleres/iztapalapa')
        people = [cls.cli('participant', 'add', '--session', session, '--alias', f'Persona {i}',
                          '--age-band', ('60-69', '70-79')[i % 2], '--consent', 'self')
                  for i in range(10)]
        round_id = cls.cli('round', 'add', '--session', session, '--method', 'approval')
        for title, approvals in PROPOSALS:
            proposal = cls.cli('proposal', 'add', '--session', session, '--title', title,
                               '--text', f'{title}: lo que hace falta en la colonia')
            for person in people[:approvals]:
                cls.cli('vote', '--round', round_id, '--participant', person,
                        '--proposal', proposal)
        return session

    def export(self, audience, size, fmt):
        out = os.path.join(self.dir, f'cartel-{audience}-{size}.{fmt}')
        self.cli('export', '--session', self.session, '--kind', 'poster', '--format', fmt,
                 '--audience', audience, '--size', size, '-o', out)
        return out

    def text(self, pdf):
        """The text of @pdf as a reader sees it: in the order it is drawn,
        so that a text reads as one even in two columns, and with "…"
        where a text was ellipsized. (Cairo gives the ellipsis the text it
        hides, so pdftotext alone would read it whole.)"""
        raw = plain(self.tool('pdftotext', '-enc', 'UTF-8', '-raw', pdf, '-').decode())
        html = self.tool('pdftotext', '-enc', 'UTF-8', '-bbox', pdf, '-').decode(errors='replace')
        for m in WORD.finditer(html):
            x0, y0, x1, y1 = (float(m[i]) for i in range(1, 5))
            word = unescape(m[5])
            # a word with spaces in it, or squeezed into far less room
            # than its letters take, is an ellipsis
            squeezed = (x1 - x0) < 0.1 * len(word) * (y1 - y0)
            if plain(word) and (re.search(r'[ \t\n]', word) or squeezed):
                raw = raw.replace(plain(word), '…', 1)
        return raw

    # Checks

    def assert_whole_or_cut(self, expected, text, what):
        """@expected is in @text whole, or its start is, cut after a word
        and followed by "…"."""
        if plain(expected) in text:
            return
        words = expected.split(' ')
        for n in range(len(words) - 1, 2, -1):
            start = plain(' '.join(words[:n]).rstrip(',;:.—'))
            if start + '…' in text:
                return
        self.fail(f'the {what} is neither whole nor cut after a word with “…”:\n{text}')

    def assert_chart(self, text):
        """The chart, not a list in its place, with the three leading
        proposals in their order."""
        self.assertIn(plain(CHART_CAPTION), text, 'no chart')
        after = text[text.index(plain(CHART_CAPTION)):]
        places = [after.find(plain(title)) for title, _ in PROPOSALS[:3]]
        self.assertNotIn(-1, places, f'not all of the three leading proposals:\n{text}')
        self.assertEqual(places, sorted(places), 'the leading proposals out of order')

    def assert_type_size(self, pdf, points):
        """The words of the title and the question are at least @points."""
        html = self.tool('pdftotext', '-enc', 'UTF-8', '-bbox', pdf, '-').decode(errors='replace')
        heights = [(float(m[4]) - float(m[2]), m[5])
                   for m in WORD.finditer(html) if m[5] in OWN_WORDS]
        self.assertTrue(heights, 'none of the words of the title and the question')
        smallest = min(heights)
        self.assertGreaterEqual(smallest[0], points * HEIGHT_PER_POINT,
                                f'“{smallest[1]}” is smaller than {points} pt')

    def assert_margins(self, ppm):
        bad, inked = ink_in_margins_of(ppm, 0.04)
        self.assertEqual(bad, [], 'ink in the margins')
        self.assertGreater(inked, 50, 'a blank page')

    # Tests

    def test_older_adults_letter(self):
        """The case that was seen: large print on US Letter."""
        pdf = self.export('older-adults', 'letter', 'pdf')
        text = self.text(pdf)
        self.assertIn(plain(TITLE), text)
        self.assert_whole_or_cut(QUESTION, text, 'question')
        self.assert_chart(text)
        self.assert_type_size(pdf, 14)

    def test_pdf(self):
        for audience in AUDIENCES:
            for size in SIZES:
                with self.subTest(audience=audience, size=size):
                    pdf = self.export(audience, size, 'pdf')
                    text = self.text(pdf)
                    self.assert_whole_or_cut(TITLE, text, 'title')
                    self.assert_whole_or_cut(QUESTION, text, 'question')
                    self.assert_chart(text)
                    self.assert_type_size(pdf, BODY[audience])
                    self.assert_margins(self.tool('pdftoppm', '-r', '40', '-singlefile', pdf))

    def test_png(self):
        for audience in AUDIENCES:
            for size in SIZES:
                with self.subTest(audience=audience, size=size):
                    png = self.export(audience, size, 'png')
                    self.assert_margins(self.tool('convert', png, '-alpha', 'remove',
                                                  '-background', 'white', 'ppm:-'))


if __name__ == '__main__':
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        CLI = os.path.abspath(sys.argv.pop(1))
    if not CLI:
        sys.exit('usage: test_poster_fit.py PATH-TO-abierto-cli [unittest options]')
    unittest.main(verbosity=2)
