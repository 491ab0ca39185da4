#!/usr/bin/python3
# test_privacy.py
#
# Copyright 2026 The Abierto developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tests of the privacy commands of abierto-cli: the privacy notice and its
versions, and the ARCO rights of a participant (access as JSON and PDF,
opposition, cancellation), run as a user would run them, on the same
footing as test_cli.py (whose helpers they use). An erasure is checked on
the raw bytes of the file, as a forensic reader would look at it.

Usage: test_privacy.py PATH-TO-abierto-cli [unittest options]
"""

import gettext
import json
import os
import re
import stat
import subprocess
import sys
import unittest

import test_cli
from test_cli import CliTestCase

# Distinctive on purpose: any of these left in the file after an erasure
# is a copy that survived it.
ALIAS = 'ZorroAzul-7731'
GENDER = 'Persona no binaria 4417'
AGE_BAND = '70-79 Zorro'
NOTICE = ('Aviso de privacidad simplificado del DIF Coyoacán.\n\n'
          'Responsable: la Dirección de Participación Ciudadana. Registramos un alias, '
          'tu rango de edad y tus votos para contar los resultados. Puedes pedir acceso, '
          'rectificación, cancelación u oposición (derechos ARCO) en el taller.')


def squash(text):
    return ' '.join(text.split())


def printable_runs(data, minimum=4):
    """What strings(1) would print: runs of printable ASCII."""
    return [m.group().decode('ascii') for m in re.finditer(rb'[\x20-\x7e]{%d,}' % minimum, data)]


def pdftext(path, *args):
    return subprocess.run(['pdftotext', '-enc', 'UTF-8', *args, path, '-'], check=True,
                          capture_output=True, timeout=60).stdout.decode('utf-8')


class PrivacyTestCase(CliTestCase):

    def setUp(self):
        super().setUp()
        # LeakSanitizer lists the suppressions it used (fontconfig's, for
        # every PDF) on stderr, which is not something the tool said
        lsan = self.env.get('LSAN_OPTIONS')
        if lsan:
            self.env['LSAN_OPTIONS'] = lsan + ':print_suppressions=0'

    def set_notice(self, text, path=None):
        """notice set --from -, with @text on standard input."""
        proc = subprocess.run([test_cli.CLI, '--file', path or self.path, 'notice', 'set',
                               '--from', '-'], input=text.encode('utf-8'),
                              capture_output=True, env=self.env, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors='replace'))
        self.assertEqual(proc.stderr, b'')
        return int(proc.stdout)

    def notice(self, *args):
        return json.loads(self.ok('notice', 'show', '--format', 'json', *args))

    def file_bytes(self):
        with open(self.path, 'rb') as f:
            return f.read()


class TestNotice(PrivacyTestCase):

    def test_default_then_versions(self):
        self.add_session()
        # a new file has the default notice as version 1, stored on first use
        first = self.notice()
        self.assertEqual(first['version'], 1)
        self.assertIn('ARCO', first['text'])
        self.assertIn('responsible', first['text'])
        self.assertRegex(first['created'], r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')
        self.assertEqual(self.count('privacy_notice'), 1)

        text = self.ok('notice', 'show')
        self.assertTrue(text.startswith('Privacy notice, version 1, saved on '), text)
        self.assertIn(first['text'], text)

        # from a file, then the same text again: one new version only
        source = os.path.join(self.dir, 'aviso.txt')
        with open(source, 'w', encoding='utf-8') as f:
            f.write('\n  ' + NOTICE + '  \n\n')
        self.assertEqual(self.ok_id('notice', 'set', '--from', source), 2)
        self.assertEqual(self.ok_id('notice', 'set', '--from', source), 2)
        self.assertEqual(self.set_notice(NOTICE), 2)
        # from standard input
        self.assertEqual(self.set_notice('Tercera versión'), 3)

        rows = self.query('SELECT version, text FROM privacy_notice ORDER BY version')
        self.assertEqual([r[0] for r in rows], [1, 2, 3])
        self.assertEqual(rows[0][1], first['text'])
        self.assertEqual(rows[1][1], NOTICE)  # trimmed
        self.assertEqual(self.notice()['text'], 'Tercera versión')
        self.assertEqual(self.notice('--number', 2)['text'], NOTICE)
        self.assertEqual(self.notice('--number', 1)['text'], first['text'])

    def test_refusals(self):
        self.add_session()
        self.notice()
        empty = os.path.join(self.dir, 'vacio.txt')
        with open(empty, 'w') as f:
            f.write('  \n\n ')
        self.refused('notice', 'set', '--from', empty)
        self.refused('notice', 'set', '--from', os.path.join(self.dir, 'no-existe.txt'))
        self.refused('notice', 'show', '--number', 9)
        self.refused('notice', 'show', '--number', 0, status=2)
        self.refused('notice', 'set', status=2)
        self.assertEqual(self.count('privacy_notice'), 1)

    def test_consent_records_the_version(self):
        session = self.add_session()
        first = self.add_participant(session, 'Girasol')
        self.set_notice(NOTICE)
        second = self.add_participant(session, 'Nopal')
        rows = self.query('SELECT id, notice_version FROM participant ORDER BY id')
        self.assertEqual(rows, [(first, 1), (second, 2)])

        listed = json.loads(self.ok('participant', 'list', '--session', session,
                                    '--format', 'json'))
        by_id = {p['id']: p for p in listed}
        self.assertEqual(by_id[first]['notice_version'], 1)
        self.assertEqual(by_id[second]['notice_version'], 2)
        self.assertFalse(by_id[first]['opposed'])
        self.assertEqual(by_id[first]['consent'], 'self')
        text = self.ok('participant', 'list', '--session', session)
        self.assertRegex(text, r'(?m)^%d\s+self\s+v2\s+-\s+-\s+Nopal$' % second)


class TestAccess(PrivacyTestCase):

    def setUp(self):
        super().setUp()
        self.session = self.add_session('Calles para todas las personas', 'older-adults',
                                        '--date', '2026-03-14', '--place', 'Casa de Cultura')
        self.set_notice(NOTICE)
        self.zorro = self.add_participant(self.session, ALIAS, '--age-band', AGE_BAND,
                                          '--gender', GENDER)
        self.other = self.add_participant(self.session, 'Girasol')
        self.mine = self.add_proposal(self.session, 'Más bancas con sombra en la plaza',
                                      '--title', 'Bancas', '--author', self.zorro)
        self.theirs = self.add_proposal(self.session, 'Un mercado los domingos',
                                        '--author', self.other)
        self.round = self.add_round(self.session, 'dot', '--dots', '3', '--title', 'Prioridades')
        self.vote(self.round, self.zorro, self.theirs, 2)
        self.vote(self.round, self.other, self.mine, 3)

    def test_json(self):
        out = os.path.join(self.dir, 'datos.json')
        self.assertEqual(self.ok('participant', 'export', '--participant', self.zorro,
                                 '-o', out), '')
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        with open(out, encoding='utf-8') as f:
            record = json.load(f)
        self.assertEqual(record['id'], self.zorro)
        self.assertEqual(record['alias'], ALIAS)
        self.assertEqual(record['age_band'], AGE_BAND)
        self.assertEqual(record['gender'], GENDER)
        self.assertEqual(record['consent'], 'self')
        self.assertRegex(record['consent_date'], r'^\d{4}-\d{2}-\d{2}$')
        self.assertEqual(record['notice_version'], 2)
        self.assertEqual(record['notice_text'], NOTICE)
        self.assertFalse(record['opposed'])
        self.assertEqual(record['session'], {'id': self.session,
                                             'title': 'Calles para todas las personas',
                                             'date': '2026-03-14', 'place': 'Casa de Cultura'})
        self.assertEqual([(p['id'], p['title'], p['text']) for p in record['proposals']],
                         [(self.mine, 'Bancas', 'Más bancas con sombra en la plaza')])
        self.assertEqual(record['votes'], [{
            'round_id': self.round, 'round_title': 'Prioridades', 'method': 'dot',
            'proposal_id': self.theirs, 'proposal_title': None,
            'proposal_text': 'Un mercado los domingos', 'value': 2}])
        # the other person's data is not in it
        self.assertNotIn('Girasol', json.dumps(record, ensure_ascii=False))

    def test_pdf(self):
        out = os.path.join(self.dir, 'mis-datos.pdf')
        self.ok('participant', 'export', '--participant', self.zorro, '-o', out)
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        text = squash(pdftext(out))
        self.assertIn(ALIAS, text)
        self.assertIn(GENDER, text)
        self.assertIn('Más bancas con sombra en la plaza', text)
        self.assertIn('Un mercado los domingos', text)
        self.assertIn(squash(NOTICE), text)
        self.assertIn('Your data in this workshop', text)
        self.assertIn('How to ask for changes', text)
        self.assertNotIn('Girasol', text)

        info = subprocess.run(['pdfinfo', out], capture_output=True, check=True).stdout.decode()
        self.assertRegex(info, r'Page size:\s+612 x 792 pts')
        self.assertNotIn(ALIAS, info)
        fonts = subprocess.run(['pdffonts', out], capture_output=True, check=True).stdout.decode()
        self.assertIn('NotoSans', fonts)
        # no word smaller than 12 pt: Noto Sans at 12 pt has a 16.3 pt tall box
        heights = [float(m.group(2)) - float(m.group(1)) for m in
                   re.finditer(r'yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)"',
                               pdftext(out, '-bbox'))]
        self.assertGreater(len(heights), 100)
        self.assertGreaterEqual(min(heights), 16.0)

    def test_pdf_in_spanish(self):
        localedir = os.environ.get('ABIERTO_LOCALEDIR')
        if not localedir:
            self.skipTest('ABIERTO_LOCALEDIR is not set')
        catalog = gettext.translation('abierto', localedir=localedir, languages=['es'])
        es = dict(self.env)
        es['LC_ALL'] = 'es_MX.UTF-8'
        out = os.path.join(self.dir, 'mis-datos-es.pdf')
        self.ok('participant', 'export', '--participant', self.zorro, '-o', out, env=es)
        text = squash(pdftext(out))
        self.assertIn(catalog.gettext('Your data in this workshop'), text)
        self.assertIn(ALIAS, text)
        self.assertIn(squash(NOTICE), text)

    def test_refusals(self):
        for name in ('datos.txt', 'datos', 'datos.json.bak'):
            with self.subTest(name=name):
                self.refused('participant', 'export', '--participant', self.zorro,
                             '-o', os.path.join(self.dir, name), status=2)
                self.assertFalse(os.path.exists(os.path.join(self.dir, name)))
        self.refused('participant', 'export', '--participant', 999,
                     '-o', os.path.join(self.dir, 'x.json'))
        self.refused('participant', 'export', '-o', os.path.join(self.dir, 'x.json'), status=2)
        # nothing half-written is left behind
        self.assertEqual([n for n in os.listdir(self.dir) if n not in ('data', 'taller.abierto')],
                         [])


class TestOpposition(PrivacyTestCase):

    def report_text(self, session):
        out = os.path.join(self.dir, 'informe.pdf')
        self.ok('export', '--session', session, '--kind', 'report', '-o', out)
        return squash(pdftext(out))

    def test_left_out_of_exports(self):
        session = self.add_session('Taller', 'mixed')
        people = [self.add_participant(session, f'Persona {i}', '--age-band', '60-69')
                  for i in range(6)]
        self.assertIn('6 participants', self.report_text(session))

        out = self.ok('participant', 'oppose', '--participant', people[0])
        self.assertIn(str(people[0]), out)
        self.assertEqual(self.query('SELECT opposed FROM participant WHERE id = ?', people[0]),
                         [(1,)])
        text = self.report_text(session)
        self.assertIn('5 participants', text)
        self.assertNotIn('6 participants', text)
        listed = json.loads(self.ok('participant', 'list', '--session', session,
                                    '--format', 'json'))
        self.assertEqual([p['id'] for p in listed if p['opposed']], [people[0]])
        self.assertRegex(self.ok('participant', 'list', '--session', session),
                         r'(?m)^%d\s+self\s+v1\s+opposed\s+60-69\s+Persona 0$' % people[0])

        # still in the file, and counted again once withdrawn
        self.ok('participant', 'oppose', '--participant', people[0], '--undo')
        self.assertIn('6 participants', self.report_text(session))
        self.refused('participant', 'oppose', '--participant', 999)


class TestErase(PrivacyTestCase):

    def setUp(self):
        super().setUp()
        self.session = self.add_session('Taller', 'mixed')
        self.others = [self.add_participant(self.session, f'Persona {i}') for i in range(5)]
        self.zorro = self.add_participant(self.session, ALIAS, '--age-band', AGE_BAND,
                                          '--gender', GENDER)
        self.proposal = self.add_proposal(self.session, 'Talleres de lectura en voz alta',
                                          '--author', self.zorro)
        self.other_proposal = self.add_proposal(self.session, 'Más luminarias',
                                                '--author', self.others[0])
        self.round = self.add_round(self.session, 'dot', '--dots', '3')
        self.vote(self.round, self.zorro, self.proposal, 2)
        self.vote(self.round, self.zorro, self.other_proposal, 1)
        for p in self.others:
            self.vote(self.round, p, self.other_proposal, 1)

    def test_erase(self):
        before = self.by_proposal(self.results(self.round))
        self.assertIn(ALIAS.encode(), self.file_bytes())

        # it cannot be undone, so it is not done without --yes
        self.refused('participant', 'erase', '--participant', self.zorro, status=2)

        out = self.ok('participant', 'erase', '--participant', self.zorro, '--yes')
        self.assertIn(f'Participant {self.zorro} was erased', out)
        self.assertIn('1 proposal they wrote stays, without an author.', out)
        self.assertIn('2 votes still count, as anonymous votes.', out)
        self.assertNotIn(ALIAS, out)

        # the raw bytes: neither the alias nor the details are anywhere
        data = self.file_bytes()
        for secret in (ALIAS, GENDER, AGE_BAND):
            self.assertNotIn(secret.encode('utf-8'), data)
        runs = printable_runs(data)
        self.assertTrue(any('Talleres de lectura' in r for r in runs))  # the scan sees text
        self.assertFalse([r for r in runs if 'Zorro' in r or '7731' in r or '4417' in r])

        # the votes still count; the proposal stays, without an author
        after = self.by_proposal(self.results(self.round))
        self.assertEqual(after, before)
        self.assertEqual(self.query('SELECT author_id, text FROM proposal WHERE id = ?',
                                    self.proposal),
                         [(None, 'Talleres de lectura en voz alta')])
        self.assertEqual(self.query('SELECT count(*) FROM vote WHERE participant_id IS NULL'),
                         [(2,)])
        self.assertEqual(self.count('participant'), 5)
        self.ok('check')

        self.refused('participant', 'erase', '--participant', self.zorro, '--yes')
        self.refused('participant', 'export', '--participant', self.zorro,
                     '-o', os.path.join(self.dir, 'x.json'))


if __name__ == '__main__':
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        test_cli.CLI = os.path.abspath(sys.argv.pop(1))
    if not test_cli.CLI:
        sys.exit('usage: test_privacy.py PATH-TO-abierto-cli [unittest options]')
    unittest.main(verbosity=2)
