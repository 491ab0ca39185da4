#!/usr/bin/python3
# test_export.py
#
# Copyright 2026 The Abierto developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tests of the exports, read back as a reader would see them.

A workshop is recorded through abierto-cli, as a facilitator would, with
aliases that must never be printed, accents, emoji and a 10,000-character
proposal. Every kind of export is then made in Spanish and read back with
poppler's tools (pdfinfo, pdftotext, pdffonts, pdftoppm) and ImageMagick:
the pages, the metadata, the words, the fonts, the sizes, and the pixels
of the margins.

Usage: test_export.py PATH-TO-abierto-cli [unittest options]
"""

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

from pixels import ink_in_margins, read_ppm

CLI = None
LOCALEDIR = os.environ.get('ABIERTO_LOCALEDIR')

# Distinctive on purpose: if any of these shows up in an export, a name
# has leaked.
ALIASES = ('Zanahoria Secreta', 'Colibrí Nocturno', 'Tlacuache Veloz',
           'Ajolote Sereno', 'Quetzal Dormido', 'Nopal Azul', 'Jacaranda Lila')

PROPOSALS = (
    ('Bancas con sombra', 'Poner bancas con sombra en la plaza, ¿por qué no?', 'Espacio público'),
    ('Baños accesibles', '¡Baños limpios y accesibles para todas las personas!', 'Espacio público'),
    ('Cruces seguros', 'Semáforos con más tiempo para cruzar la calle', 'Movilidad'),
    ('Pequeñas huertas', 'Huertas comunitarias en la niñez 🌱 y para vecinas y vecinos', 'Medio ambiente'),
    ('Señalización', 'Señales con letras grandes, pictogramas y braille', 'Movilidad'),
    ('Información clara', 'Explicar los trámites en palabras sencillas, sin tecnicismos', 'Gobierno'),
)

LONG_WORDS = ('participación', 'ciudadanía', 'acompañamiento', 'señalización',
              'niñas', 'niños', 'pequeñas', 'año', 'corazón', 'búsqueda')


def long_text(length):
    """Accented Spanish words, numbered so that a lost piece shows."""
    words = []
    size = 0
    i = 0
    while size < length:
        word = f'{LONG_WORDS[i % len(LONG_WORDS)]}{i}'
        words.append(word)
        size += len(word) + 1
        i += 1
    return ' '.join(words)[:length].rstrip()


def squash(text):
    """Text without whitespace or hyphens, so line and page breaks (and
    the hyphens Pango adds when it breaks a word) do not matter."""
    return re.sub(r'[\s\-\u00ad\u2010]+', '', text)


def run(*args, env=None, check=True):
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f'{" ".join(args)} failed ({result.returncode}):\n'
                             f'{result.stdout}\n{result.stderr}')
    return result


def pdfinfo(path):
    info = {}
    for line in run('pdfinfo', '-isodates', path).stdout.splitlines():
        key, _, value = line.partition(':')
        info[key.strip()] = value.strip()
    return info


def pdftext(path, *args):
    return run('pdftotext', '-enc', 'UTF-8', *args, path, '-').stdout


FOOTER = re.compile(r'^(.* · CC BY 4\.0|(Page|Página) \d+ (of|de) \d+)$')


def body_text(path, *args):
    """The text without the running footers, so that a text flowing
    across pages reads as one."""
    return '\n'.join(line for line in pdftext(path, *args).splitlines()
                     if not FOOTER.match(line.strip()))


class ExportTestCase(unittest.TestCase):
    """One workshop, recorded once, exported by every test."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix='abierto-export-')
        cls.dir = cls.tmp.name
        cls.path = os.path.join(cls.dir, 'taller.abierto')
        cls.env = dict(os.environ)
        cls.env['XDG_DATA_HOME'] = os.path.join(cls.dir, 'data')
        cls.env['LANG'] = 'es_MX.UTF-8'
        cls.env['LC_ALL'] = 'es_MX.UTF-8'
        cls.env['LANGUAGE'] = 'es_MX:es'
        cls.env['G_DEBUG'] = 'fatal-warnings'
        cls.long = long_text(10000)
        cls.session = cls.make_workshop()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def cli(cls, *args, check=True):
        return run(CLI, '--file', cls.path, *args, env=cls.env, check=check)

    @classmethod
    def add(cls, *args):
        return cls.cli(*args).stdout.strip()

    @classmethod
    def make_workshop(cls):
        session = cls.add('session', 'add', '--title', 'Calles y plazas para todas las personas',
                          '--group', 'older-adults', '--date', '2026-03-14',
                          '--place', 'Casa de Cultura, Alcaldía Coyoacán',
                          '--question', '¿Qué necesita tu colonia para caminar con seguridad?',
                          '--facilitators', 'Equipo de participación',
                          '--publication-url', 'https://datos.example.org/talleres/calles')
        people = []
        # three in 60-69 and four in 70-79: the first band is below the
        # threshold and must print as "menos de 5"
        for i, alias in enumerate(ALIASES):
            people.append(cls.add('participant', 'add', '--session', session, '--alias', alias,
                                  '--age-band', '60-69' if i < 3 else '70-79',
                                  '--consent', 'self'))
        proposals = []
        for i, (title, text, category) in enumerate(PROPOSALS):
            proposals.append(cls.add('proposal', 'add', '--session', session, '--title', title,
                                     '--text', text, '--category', category,
                                     '--author', people[i % len(people)]))
        proposals.append(cls.add('proposal', 'add', '--session', session,
                                 '--title', 'Una propuesta muy larga',
                                 '--text', cls.long, '--category', 'Gobierno',
                                 '--author', people[0]))
        dots = cls.add('round', 'add', '--session', session, '--method', 'dot', '--dots', '3',
                       '--title', 'Prioridades con puntos')
        for i, person in enumerate(people):
            for j in range(3):
                cls.add('vote', '--round', dots, '--participant', person,
                        '--proposal', proposals[(i + j * j) % len(proposals)])
        scale = cls.add('round', 'add', '--session', session, '--method', 'scale', '--points', '5',
                        '--title', '¿Qué tan de acuerdo está?')
        for i, person in enumerate(people):
            for j, proposal in enumerate(proposals[:4]):
                cls.add('vote', '--round', scale, '--participant', person,
                        '--proposal', proposal, '--value', str(1 + (i + j) % 5))
        # what an institution promised, with its progress; and a draft,
        # which is not a promise yet and must not be published
        commitment = cls.add('commitment', 'add', '--session', session,
                             '--proposal', proposals[0],
                             '--action', 'Poner veinte bancas con sombra en la plaza',
                             '--institution', 'Secretaría de Obras y Servicios',
                             '--indicator', 'Bancas puestas', '--baseline', '0',
                             '--target', '20', '--unit', 'bancas', '--deadline', '2027-06-30')
        cls.add('commitment', 'update', '--commitment', commitment, '--value', '5',
                '--date', '2026-11-01')
        cls.add('commitment', 'add', '--session', session, '--proposal', proposals[1],
                '--action', 'Borrador que nadie prometió todavía', '--draft')
        return session

    def export(self, name, *args, session=None, check=True):
        out = os.path.join(self.dir, name)
        result = self.cli('export', '--session', session or self.session, *args, '-o', out,
                          check=check)
        return out, result

    def assert_no_alias(self, text):
        for alias in ALIASES:
            self.assertNotIn(alias, text)
            self.assertNotIn(alias.split()[0], text)

    def assert_margins_empty(self, ppm, margin_fraction):
        width, height, pixels = read_ppm(ppm)
        margin = int(min(width, height) * margin_fraction)
        self.assertGreater(margin, 2)
        bad = ink_in_margins(width, height, pixels, margin)
        self.assertEqual(bad, [], f'ink in the {margin}-pixel margin of a {width}x{height} page')
        # and the page is not blank
        inked = sum(1 for i in range(0, len(pixels), 3 * 7) if min(pixels[i:i + 3]) < 128)
        self.assertGreater(inked, 50)

    def assert_fonts_embedded(self, pdf):
        lines = run('pdffonts', pdf).stdout.splitlines()[2:]
        self.assertTrue(lines, 'no fonts at all')
        for line in lines:
            # name type encoding emb sub uni id gen: emb is the 5th field
            # from the end
            self.assertEqual(line.split()[-5], 'yes', line)

    # The report

    def test_report(self):
        pdf, _ = self.export('informe.pdf', '--kind', 'report')
        info = pdfinfo(pdf)
        pages = int(info['Pages'])
        # cover, method, participation, two rounds, proposals, licence
        self.assertGreaterEqual(pages, 7)
        self.assertRegex(info['Page size'], r'^612 x 792 pts')
        self.assertEqual(info['Title'], 'Calles y plazas para todas las personas')
        self.assertEqual(info['Subject'], '¿Qué necesita tu colonia para caminar con seguridad?')
        self.assertEqual(info['Author'], 'Equipo de participación')
        self.assertIn('Personas adultas mayores', info['Keywords'])
        self.assertRegex(info['Creator'], r'^Abierto \d+\.\d+')
        self.assertRegex(info['CreationDate'], r'^\d{4}-\d\d-\d\dT')
        self.assert_fonts_embedded(pdf)

        text = pdftext(pdf)
        flat = squash(body_text(pdf))
        self.assert_no_alias(text)
        # every proposal, whole, with its accents and signs
        for _, proposal, _ in PROPOSALS:
            self.assertIn(squash(proposal.replace('🌱', '')), flat.replace('🌱', ''))
        self.assertIn(squash(self.long), flat)
        for category in ('Espacio público', 'Movilidad', 'Medio ambiente', 'Gobierno'):
            self.assertIn(category, text)
        self.assertIn('menos de 5', text)
        self.assertIn('CC BY 4.0', text)
        # the commitment with its progress; not the draft
        self.assertIn(squash('Poner veinte bancas con sombra en la plaza'), flat)
        self.assertIn('25 %', text)
        self.assertNotIn('Borrador que nadie', text)
        # page numbers
        self.assertIn(f'{pages}', pdftext(pdf, '-f', str(pages), '-l', str(pages)))

        # an outline, one entry per section at least
        with open(pdf, 'rb') as f:
            raw = f.read()
        self.assertIn(b'/Outlines', raw)
        self.assertGreaterEqual(raw.count(b'/Dest'), 5)

        # the long proposal flows across pages: it starts on one page and
        # ends on a later one
        def page_of(fragment):
            for page in range(1, pages + 1):
                if fragment in squash(pdftext(pdf, '-f', str(page), '-l', str(page))):
                    return page
            return None
        first = page_of(squash(self.long[:40]))
        last = page_of(squash(self.long[-40:]))
        self.assertIsNotNone(first)
        self.assertIsNotNone(last)
        self.assertGreater(last, first)

        # nothing drawn in the margins of any page (0.5 in on paper)
        ppm_dir = os.path.join(self.dir, 'report-pages')
        os.mkdir(ppm_dir)
        run('pdftoppm', '-r', '40', pdf, os.path.join(ppm_dir, 'p'))
        for name in sorted(os.listdir(ppm_dir)):
            with open(os.path.join(ppm_dir, name), 'rb') as f:
                with self.subTest(page=name):
                    self.assert_margins_empty(f.read(), 0.4 / 8.5)

    # What was done with the proposals

    def test_accountability(self):
        pdf, _ = self.export('que-se-hizo.pdf', '--kind', 'accountability')
        info = pdfinfo(pdf)
        self.assertEqual(info['Title'],
                         'Qué se hizo con tus propuestas: Calles y plazas para todas las personas')
        self.assert_fonts_embedded(pdf)
        text = pdftext(pdf)
        flat = squash(body_text(pdf))
        self.assert_no_alias(text)
        self.assertIn(squash('¿Qué se hizo con tus propuestas?'), flat)
        # the promise, who keeps it, how it is measured, its dates and progress
        self.assertIn(squash('Poner veinte bancas con sombra en la plaza'), flat)
        self.assertIn(squash('Responsable: Secretaría de Obras y Servicios'), flat)
        self.assertIn(squash('Cómo se mide: Bancas puestas: de 0 a 20 bancas'), flat)
        self.assertIn(squash('Fecha límite: 30 de junio de 2027'), flat)
        self.assertIn('25 % hecho', text)
        self.assertIn(squash('Último avance, 1 de noviembre de 2026: 5 bancas'), flat)
        self.assertIn(squash('1 compromiso: 1 en curso.'), flat)
        # the proposal it answers, by its title
        self.assertIn('“Bancas con sombra”', text)
        # the others are said to be waiting, the long one too; the draft is no promise
        self.assertIn('Propuestas que todavía no tienen compromiso', text)
        for title, _, _ in PROPOSALS[1:]:
            self.assertIn(squash(title), flat)
        self.assertIn(squash('Una propuesta muy larga'), flat)
        self.assertNotIn('Borrador que nadie', text)
        self.assertIn('https://datos.example.org/talleres/calles', text)
        self.assertIn('CC BY 4.0', text)

        # the same as an image to share: one page, and it says where the rest is
        png, _ = self.export('que-se-hizo.png', '--kind', 'accountability', '--format', 'png')
        ppm = subprocess.run(['convert', png, 'ppm:-'], capture_output=True, check=True).stdout
        width, height, _ = read_ppm(ppm)
        self.assertEqual((width, height), (1275, 1650))
        self.assert_margins_empty(ppm, 0.04)

        # an SVG is refused in plain words, and nothing is written
        svg, result = self.export('que-se-hizo.svg', '--kind', 'accountability', '--format', 'svg',
                                  check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn('PDF', result.stderr)
        self.assertFalse(os.path.exists(svg))

    def test_accountability_children(self):
        session = self.add('session', 'add', '--title', 'Nuestra escuela', '--group', 'children',
                           '--date', '2025-05-10')
        ideas = [self.add('proposal', 'add', '--session', session, '--text', text)
                 for text in ('Más árboles en el patio 🌳', 'Un bebedero nuevo',
                              'Pintar la barda con colores')]
        self.add('commitment', 'add', '--session', session, '--proposal', ideas[0],
                        '--action', 'Plantar diez árboles', '--institution', 'Alcaldía',
                        '--indicator', 'Árboles plantados', '--baseline', '0', '--target', '10',
                        '--unit', 'árboles', '--deadline', '2025-12-31')
        dropped = self.add('commitment', 'add', '--session', session,
                           '--proposal', f'{ideas[1]},{ideas[2]}',
                           '--action', 'Cambiar el bebedero', '--institution', 'Escuela',
                           '--indicator', 'Bebederos', '--baseline', '0', '--target', '1',
                           '--unit', 'bebedero', '--deadline', '2027-01-31')
        self.cli('commitment', 'status', '--commitment', dropped, '--status', 'dropped',
                 '--reason', 'La escuela ya tenía uno nuevo')
        # done, and nobody said how much: neither an empty bar nor a full one
        done = self.add('commitment', 'add', '--session', session, '--proposal', ideas[2],
                        '--action', 'Pintar la barda', '--institution', 'Escuela',
                        '--indicator', 'Metros pintados', '--baseline', '0', '--target', '30',
                        '--unit', 'metros', '--deadline', '2027-01-31')
        self.cli('commitment', 'status', '--commitment', done, '--status', 'done')
        pdf, _ = self.export('ninas.pdf', '--kind', 'accountability', session=session)
        text = pdftext(pdf)
        flat = squash(body_text(pdf))
        self.assertIn('¿Qué pasó con nuestras ideas?', text)
        # late, in words, not only by a colour or a shape
        self.assertIn('Va con retraso', text)
        self.assertIn('Todavía no hay noticias.', text)
        self.assertIn(squash('Por qué: La escuela ya tenía uno nuevo'), flat)
        self.assertIn('Nuestras ideas:', text)
        self.assertIn('“Un bebedero nuevo”', text)
        self.assertIn('“Pintar la barda con colores”', text)
        # every idea has an answer: none is listed as waiting
        self.assertNotIn('Ideas que todavía esperan respuesta', text)
        self.assertIn(squash('3 compromisos: 1 cumplido, 1 sin empezar, 1 cancelado.'), flat)
        self.assertIn(squash('Dicen que ya está hecho, pero no nos dijeron cuánto.'), flat)
        # the only bar is the late one's, at 0 %: none for the one done
        self.assertEqual(text.count('% hecho'), 1)

    # The poster

    def test_poster_pdf(self):
        pdf, _ = self.export('cartel.pdf', '--kind', 'poster')
        info = pdfinfo(pdf)
        self.assertEqual(info['Pages'], '1')
        self.assertRegex(info['Page size'], r'^612 x 792 pts')
        self.assertEqual(info['Title'], 'Calles y plazas para todas las personas')
        self.assert_fonts_embedded(pdf)
        text = pdftext(pdf)
        self.assert_no_alias(text)
        self.assertIn('Calles y plazas', text)
        self.assertIn('CC BY 4.0', text)
        self.assertIn('7', text)
        # the publication address, written out beside its QR code
        # (whitespace aside: a hyphen added where it breaks would change it)
        self.assertIn('https://datos.example.org/talleres/calles', re.sub(r'\s+', '', text))
        # large print on letter paper keeps the chart of the three leading
        # proposals, where the breakdown by age gives way
        self.assertIn('Qué tan de acuerdo están las personas con cada propuesta', text)
        flat = squash(text)
        places = [flat.find(squash(title))
                  for title in ('Pequeñas huertas', 'Cruces seguros', 'Baños accesibles')]
        self.assertNotIn(-1, places)
        self.assertEqual(places, sorted(places))
        # which a larger sheet has room for, its small counts unprinted
        pdf, _ = self.export('cartel-a3.pdf', '--kind', 'poster', '--size', 'a3')
        text = pdftext(pdf)
        self.assertIn('Por edad', text)
        self.assertIn('menos de 5', text)
        self.assertIn('Qué tan de acuerdo están las personas con cada propuesta', text)

    def test_poster_pdf_margins(self):
        pdf, _ = self.export('cartel-margenes.pdf', '--kind', 'poster', '--size', 'a4')
        self.assertRegex(pdfinfo(pdf)['Page size'], r'^595(\.\d+)? x 84[12]')
        ppm = subprocess.run(['pdftoppm', '-r', '50', '-singlefile', pdf],
                             capture_output=True, check=True).stdout
        self.assert_margins_empty(ppm, 0.04)

    def test_poster_png_sizes(self):
        for size, expected in (('social', (1080, 1350)), ('story', (1080, 1920)),
                               ('16x9', (1920, 1080)), ('square', (1080, 1080))):
            with self.subTest(size=size):
                png, _ = self.export(f'cartel-{size}.png', '--size', size)
                with open(png, 'rb') as f:
                    head = f.read(24)
                self.assertEqual(head[:8], b'\x89PNG\r\n\x1a\n')
                width = int.from_bytes(head[16:20], 'big')
                height = int.from_bytes(head[20:24], 'big')
                self.assertEqual((width, height), expected)
                ppm = subprocess.run(['convert', png, '-alpha', 'remove', '-background', 'white',
                                      'ppm:-'], capture_output=True, check=True).stdout
                self.assert_margins_empty(ppm, 0.04)

    def test_png_resolution(self):
        """A page as an image says its resolution, so that it prints at its
        size: a US Letter poster is 8.5 × 11 inches at 150 pixels each."""
        png, _ = self.export('cartel-carta.png', '--size', 'letter')
        with open(png, 'rb') as f:
            data = f.read()
        width = int.from_bytes(data[16:20], 'big')
        height = int.from_bytes(data[20:24], 'big')
        self.assertEqual((width, height), (1275, 1650))
        at = data.find(b'pHYs')
        self.assertGreater(at, 0)
        per_metre = int.from_bytes(data[at + 4:at + 8], 'big')
        self.assertEqual(int.from_bytes(data[at + 8:at + 12], 'big'), per_metre)
        self.assertEqual(data[at + 12], 1)  # the unit is the metre
        self.assertAlmostEqual(width / (per_metre * 0.0254), 8.5, places=2)

    def test_poster_svg(self):
        svg, _ = self.export('cartel.svg', '--kind', 'poster', '--size', 'letter')
        root = ElementTree.parse(svg).getroot()
        self.assertTrue(root.tag.endswith('svg'))
        self.assertEqual(root.get('width').rstrip('pt'), '612')
        self.assertEqual(root.get('height').rstrip('pt'), '792')

    def test_audiences(self):
        for audience in ('general', 'older-adults', 'children', 'women-reentry'):
            with self.subTest(audience=audience):
                pdf, _ = self.export(f'cartel-{audience}.pdf', '--audience', audience)
                text = pdftext(pdf)
                self.assert_no_alias(text)
                if audience == 'women-reentry':
                    # discreet: the place is not printed unless asked for
                    self.assertNotIn('Coyoacán', text)
                    pdf, _ = self.export('cartel-lugar.pdf', '--audience', audience,
                                         '--show-place')
                    self.assertIn('Coyoacán', pdftext(pdf))
                else:
                    self.assertIn('Coyoacán', text)

    def test_many_proposals(self):
        """300 proposals: every one in the report, nothing in the margins."""
        session = self.add('session', 'add', '--title', 'Trescientas ideas', '--group', 'children')
        person = self.add('participant', 'add', '--session', session, '--alias', ALIASES[0],
                          '--consent', 'guardian')
        ids = []
        for i in range(300):
            ids.append(self.add('proposal', 'add', '--session', session,
                                '--text', f'Idea número {i:03d}: más árboles y bancas en la colonia',
                                '--category', f'Tema {i % 7}'))
        rnd = self.add('round', 'add', '--session', session, '--method', 'approval')
        for proposal in ids[::3]:
            self.add('vote', '--round', rnd, '--participant', person, '--proposal', proposal)
        pdf, _ = self.export('trescientas.pdf', '--kind', 'report', session=session)
        text = squash(pdftext(pdf))
        for i in range(300):
            self.assertIn(squash(f'Idea número {i:03d}'), text)
        self.assert_no_alias(pdftext(pdf))
        self.assertIn('menos de 5', pdftext(pdf))
        ppm_dir = os.path.join(self.dir, 'many-pages')
        os.mkdir(ppm_dir)
        run('pdftoppm', '-r', '30', pdf, os.path.join(ppm_dir, 'p'))
        for name in sorted(os.listdir(ppm_dir)):
            with open(os.path.join(ppm_dir, name), 'rb') as f:
                with self.subTest(page=name):
                    self.assert_margins_empty(f.read(), 0.4 / 8.5)
        png, _ = self.export('trescientas.png', '--size', 'social', session=session)
        ppm = subprocess.run(['convert', png, '-alpha', 'remove', 'ppm:-'],
                             capture_output=True, check=True).stdout
        self.assert_margins_empty(ppm, 0.04)

    def test_empty_session(self):
        session = self.add('session', 'add', '--title', 'Sin datos todavía', '--group', 'mixed')
        for kind in ('poster', 'report'):
            with self.subTest(kind=kind):
                pdf, _ = self.export(f'vacio-{kind}.pdf', '--kind', kind, session=session)
                self.assertIn('Sin datos todavía', pdftext(pdf))

    # Failures lose nothing

    def test_failure_leaves_file_untouched(self):
        out = os.path.join(self.dir, 'existente.pdf')
        with open(out, 'wb') as f:
            f.write(b'previous contents')
        result = self.cli('export', '--session', '9999', '-o', out, check=False)
        self.assertEqual(result.returncode, 1)
        self.assertTrue(result.stderr.strip())
        with open(out, 'rb') as f:
            self.assertEqual(f.read(), b'previous contents')

        result = self.cli('export', '--session', self.session, '--kind', 'poster',
                          '--size', 'nonsense', '-o', out, check=False)
        self.assertEqual(result.returncode, 2)
        with open(out, 'rb') as f:
            self.assertEqual(f.read(), b'previous contents')

        missing = os.path.join(self.dir, 'no-such-folder', 'cartel.pdf')
        result = self.cli('export', '--session', self.session, '-o', missing, check=False)
        self.assertEqual(result.returncode, 1)
        self.assertTrue(result.stderr.strip())
        self.assertFalse(os.path.exists(os.path.dirname(missing)))

        # no temporary file is left behind by any of the exports
        leftovers = [n for n in os.listdir(self.dir) if n.startswith('.') or '~' in n
                     or n.endswith('.tmp')]
        self.assertEqual(leftovers, [])

    def test_destinations(self):
        """A link is followed and stays a link; what is not a file is refused
        and left as it was; a private file stays private."""
        folder = os.path.join(self.dir, 'destinos')
        os.mkdir(folder)

        real = os.path.join(folder, 'real.pdf')
        with open(real, 'wb') as f:
            f.write(b'previous contents')
        os.chmod(real, 0o600)
        link = os.path.join(folder, 'enlace.pdf')
        os.symlink('real.pdf', link)
        self.export(os.path.join('destinos', 'enlace.pdf'), '--kind', 'poster')
        self.assertTrue(os.path.islink(link))
        self.assertEqual(os.readlink(link), 'real.pdf')
        with open(real, 'rb') as f:
            self.assertEqual(f.read(5), b'%PDF-')
        self.assertEqual(stat.S_IMODE(os.stat(real).st_mode), 0o600)

        # a link to nowhere may be a disk that is not plugged in
        dangling = os.path.join(folder, 'pendiente.pdf')
        os.symlink('nuevo.pdf', dangling)
        _, result = self.export(os.path.join('destinos', 'pendiente.pdf'), check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn('no existe', result.stderr)
        self.assertTrue(os.path.islink(dangling))

        loop = os.path.join(folder, 'bucle.pdf')
        os.symlink('bucle.pdf', loop)
        _, result = self.export(os.path.join('destinos', 'bucle.pdf'), check=False)
        self.assertEqual(result.returncode, 1)
        self.assertTrue(os.path.islink(loop))

        fifo = os.path.join(folder, 'tuberia.pdf')
        os.mkfifo(fifo)
        _, result = self.export(os.path.join('destinos', 'tuberia.pdf'), check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn('no es un archivo', result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1)
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))

        _, result = self.export('destinos', check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn('carpeta', result.stderr)

        self.assertEqual(sorted(os.listdir(folder)),
                         ['bucle.pdf', 'enlace.pdf', 'pendiente.pdf', 'real.pdf', 'tuberia.pdf'])

    def test_read_only_destination(self):
        """A file that may not be written is not replaced behind its owner's
        back, even in a folder where the export could rename over it (as
        root, the export runs as nobody, for whom root's file is read-only)."""
        as_nobody = os.geteuid() == 0
        shared = os.path.join(self.dir, 'compartida')
        os.mkdir(shared)
        os.chmod(shared, 0o777)
        os.chmod(self.dir, 0o711)
        workshop = os.path.join(shared, 'taller.abierto')
        shutil.copy(self.path, workshop)
        os.chmod(workshop, 0o644)
        target = os.path.join(shared, 'solo-lectura.pdf')
        with open(target, 'wb') as f:
            f.write(b'previous contents')
        os.chmod(target, 0o444)
        env = dict(self.env, XDG_DATA_HOME=os.path.join(shared, 'data'),
                   XDG_CONFIG_HOME=os.path.join(shared, 'config'),
                   XDG_CACHE_HOME=os.path.join(shared, 'cache'), HOME=shared)

        def nobody():
            os.setgid(65534)
            os.setuid(65534)

        try:
            result = subprocess.run([CLI, '--file', workshop, 'export', '--session',
                                     self.session, '--kind', 'poster', '-o', target],
                                    capture_output=True, text=True, env=env, timeout=120,
                                    preexec_fn=nobody if as_nobody else None)
        finally:
            os.chmod(self.dir, 0o700)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('solo lectura', result.stderr)
        with open(target, 'rb') as f:
            self.assertEqual(f.read(), b'previous contents')
        self.assertEqual([n for n in os.listdir(shared) if n.startswith('.')], [])


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    for tool in ('pdfinfo', 'pdftotext', 'pdffonts', 'pdftoppm', 'convert'):
        if shutil.which(tool) is None:
            sys.exit(f'{tool} is missing: run build-aux/install-deps.sh test')
    unittest.main(verbosity=2)
