#!/usr/bin/python3
# test_opendata.py
#
# Copyright 2026 The Abierto developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tests of `abierto-cli opendata`, run as a user would run it, on the same
footing as test_cli.py (whose helpers they use).

A workshop file is seeded through the tool (and, for what it has no
command for, with SQL behind its back), published, and every file of the
package is read back: with Frictionless datapackage-js (tests/opendata,
installed by `npm ci --prefix tests/opendata`), with Python's csv, json
and zipfile modules, and byte by byte for anything that could name a
person.

Usage: test_opendata.py PATH-TO-abierto-cli [unittest options]
The environment may name node (ABIERTO_NODE) and the validator script
(ABIERTO_OPENDATA_VALIDATOR).
"""

import csv
import gettext
import hashlib
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest
import uuid
import zipfile

import test_cli
from test_cli import APPLICATION_ID, CliTestCase

HERE = os.path.dirname(os.path.abspath(__file__))
VALIDATOR = os.environ.get('ABIERTO_OPENDATA_VALIDATOR') or \
    os.path.join(HERE, '..', 'opendata', 'validate.js')
NODE = os.environ.get('ABIERTO_NODE') or shutil.which('node')

TABLES = ('sessions', 'proposals', 'rounds', 'results', 'participation', 'commitments',
          'commitment_proposals', 'commitment_updates')
FILES = {'datapackage.json', 'README.md'} | {f'{t}.csv' for t in TABLES}

# participants of the first session: five aged 60-69, two aged 70-79
FIVE = ['ZorroAzul-7731', 'GarzaRoja-0420', 'OsoPardo-5512', 'LinceGris-3308',
        'TortugaVerde-1199']
TWO = ['ColibriNegro-8842', 'AjoloteRosa-2267']
OPPOSED = 'HalconBlanco-6604'
DELETED = 'CuervoDorado-9915'
CHILDREN = ['PulpoMorado-4471', 'BuhoCeleste-3356', 'GatoNaranja-1188']
WOMEN = ['LunaPlateada-5050', 'SauceLlorón-6061', 'AmapolaRoja-7072', 'NubeGris-8083',
         'BrisaMarina-9094']
ALIASES = FIVE + TWO + [OPPOSED, DELETED] + CHILDREN + WOMEN

HIDDEN_PLACE = 'Centro Femenil de Reinserción Social Santa Martha Acatitla'
FIRST_TEXT = 'Más luz 💡, "ya", en el parque\ny bancas nuevas'
FIRST_TITLE = 'Luz, "ya"'
DELETED_TEXT = 'Propuesta que se borró QX-17'
DRAFT_ACTION = 'Borrador confidencial QZ-99'
UPDATE_NOTE = 'Se repararon 15 luminarias, "primera etapa"'
DROP_REASON = 'No hubo presupuesto, "por ahora"'

# Written once, then copied for each test.
_fixture = {}


def tearDownModule():
    if 'dir' in _fixture:
        _fixture['dir'].cleanup()


def db_uuid(value):
    return str(uuid.UUID(bytes=value))


def read_csv(path):
    """The header and the rows of a CSV file, as RFC 4180 has them."""
    with open(path, 'rb') as f:
        data = f.read()
    text = data.decode('utf-8')
    rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))
    return rows[0], rows[1:]


def read_table(folder, table):
    header, rows = read_csv(os.path.join(folder, f'{table}.csv'))
    return [dict(zip(header, row)) for row in rows]


class OpenDataTestCase(CliTestCase):

    def setUp(self):
        super().setUp()
        if not _fixture:
            _fixture['ids'] = self.seed()
            _fixture['dir'] = tempfile.TemporaryDirectory(prefix='abierto-opendata-')
            _fixture['file'] = os.path.join(_fixture['dir'].name, 'taller.abierto')
            shutil.copyfile(self.path, _fixture['file'])
        else:
            shutil.copyfile(_fixture['file'], self.path)
        self.ids = _fixture['ids']

    def sql(self, statement, *params):
        """Changes the file behind the tool's back, for what it has no
        command for."""
        db = sqlite3.connect(self.path)
        try:
            db.execute(statement, params)
            db.commit()
        finally:
            db.close()
        self.assert_no_side_files(self.path)

    def seed(self):
        ids = {}
        a = ids['a'] = self.add_session(
            'Parque Hundido 🌳', 'older-adults', '--date', '2026-05-10',
            '--place', 'Benito Juárez', '--question', '¿Qué necesita el parque, "de verdad"?',
            '--facilitators', 'Colectivo Luz, Alcaldía Benito Juárez')
        b = ids['b'] = self.add_session('Patio escolar', 'children', '--date', '2026-06-01',
                                        '--facilitators', 'Equipo Escuela Abierta')
        c = ids['c'] = self.add_session('Voces que cuentan', 'women-reentry',
                                        '--date', '2026-06-15', '--place', HIDDEN_PLACE,
                                        '--facilitators', 'Colectivo Luz')

        people = {}
        for alias in FIVE:
            people[alias] = self.add_participant(a, alias, '--age-band', '60-69',
                                                 '--gender', 'mujer')
        for alias in TWO:
            people[alias] = self.add_participant(a, alias, '--age-band', '70-79',
                                                 '--gender', 'hombre')
        people[OPPOSED] = self.add_participant(a, OPPOSED, '--age-band', '90+',
                                               '--gender', 'no binario')
        people[DELETED] = self.add_participant(a, DELETED, '--age-band', '80-89',
                                               '--gender', 'otro')
        for alias in CHILDREN:
            people[alias] = self.add_participant(b, alias, '--age-band', '8-9')
        for alias in WOMEN:
            people[alias] = self.add_participant(c, alias, '--age-band', '30-39',
                                                 '--gender', 'mujer')
        ids['people'] = people
        # what the tool has no command for (yet): opposition, and a
        # participant deleted with undo
        self.sql('UPDATE participant SET opposed = 1 WHERE id = ?', people[OPPOSED])
        self.sql('UPDATE participant SET deleted = 1 WHERE id = ?', people[DELETED])

        p = ids['p'] = {}
        p[1] = self.add_proposal(a, FIRST_TEXT, '--title', FIRST_TITLE, '--category',
                                 'Seguridad', '--author', people[FIVE[0]])
        p[2] = self.add_proposal(a, 'Bancas con sombra', '--title', 'Bancas',
                                 '--category', 'Mobiliario')
        p[3] = self.add_proposal(a, 'Bebederos de agua', '--category', 'Salud')
        p[4] = self.add_proposal(a, 'Más bancas, por favor')
        p[5] = self.add_proposal(a, DELETED_TEXT)
        p['b'] = self.add_proposal(b, 'Un patio con juegos')
        p['c'] = self.add_proposal(c, 'Talleres de oficios')
        self.sql('UPDATE proposal SET merged_into = ? WHERE id = ?', p[2], p[4])
        self.sql('UPDATE proposal SET deleted = 1 WHERE id = ?', p[5])

        voters = [people[x] for x in FIVE + TWO[:1]]
        r = ids['r'] = {}
        r['approval'] = self.add_round(a, 'approval', '--title', 'Primera votación')
        for v in voters[:5]:
            self.vote(r['approval'], v, p[1])
        for v in voters[:3]:
            self.vote(r['approval'], v, p[2])
        self.vote(r['approval'], voters[5], p[3])
        # three people: too few to show
        r['dot'] = self.add_round(a, 'dot', '--dots', 3)
        self.vote(r['dot'], voters[0], p[2], 2)
        self.vote(r['dot'], voters[1], p[3], 1)
        self.vote(r['dot'], voters[2], p[1], 3)
        r['tally'] = self.add_round(b, 'tally')
        self.ok('tally', '--round', r['tally'], '--proposal', p['b'], '--count', 4)
        r['c'] = self.add_round(c, 'approval')
        for alias in WOMEN:
            self.vote(r['c'], people[alias], p['c'])

        k = ids['k'] = {}
        k[1] = self.ok_id('commitment', 'add', '--session', a, '--proposal', p[1],
                          '--action', 'Reparar las luminarias del parque',
                          '--institution', 'Alcaldía Benito Juárez',
                          '--area', 'Dirección de Alumbrado',
                          '--indicator', 'Luminarias funcionando', '--baseline', 40,
                          '--target', 100, '--unit', 'luminarias', '--deadline', '2030-12-31',
                          '--budget', '250000.50', '--spent', '1200.25')
        k['u1'] = self.ok_id('commitment', 'update', '--commitment', k[1], '--value', 55,
                             '--date', '2025-07-01', '--note', UPDATE_NOTE,
                             '--evidence', 'https://example.org/avance-1')
        k['u2'] = self.ok_id('commitment', 'update', '--commitment', k[1], '--value', 70,
                             '--date', '2025-09-01', '--note', 'Segunda etapa')
        k['draft'] = self.ok_id('commitment', 'add', '--session', a, '--proposal', p[3],
                                '--action', DRAFT_ACTION, '--draft')
        k[2] = self.ok_id('commitment', 'add', '--session', a, '--proposal', f'{p[2]},{p[3]}',
                          '--action', 'Instalar bebederos', '--institution', 'SACMEX',
                          '--indicator', 'Bebederos', '--baseline', 0, '--target', 4,
                          '--deadline', '2020-01-31')
        k[3] = self.ok_id('commitment', 'add', '--session', a, '--proposal', p[3],
                          '--action', 'Poner sombra', '--institution', 'SEDEMA',
                          '--indicator', 'Árboles', '--baseline', 0, '--target', 10,
                          '--deadline', '2031-01-31')
        self.ok('commitment', 'status', '--commitment', k[3], '--status', 'dropped',
                '--reason', DROP_REASON)
        return ids

    # Running

    def publish(self, *args, name='paquete'):
        out = os.path.join(self.dir, name)
        self.assertEqual(self.ok('opendata', *args, '-o', out), '')
        return out

    def publish_all(self, *args):
        return self.publish('--all', *args)

    def validate(self, descriptor):
        """Runs Frictionless datapackage-js on a package; returns what it
        said and its exit status."""
        if not NODE:
            self.skipTest('node is not installed: the validator cannot run')
        modules = os.path.join(os.path.dirname(VALIDATOR), 'node_modules', 'datapackage')
        self.assertTrue(os.path.isdir(modules),
                        f'{modules} is missing: run npm ci --prefix tests/opendata')
        proc = subprocess.run([NODE, VALIDATOR, descriptor], capture_output=True, timeout=120)
        return proc.returncode, proc.stdout.decode() + proc.stderr.decode()

    def assert_valid(self, folder):
        status, said = self.validate(os.path.join(folder, 'datapackage.json'))
        self.assertEqual(status, 0, said)
        for table in TABLES:
            self.assertRegex(said, rf'(?m)^{table}: \d+ rows valid$')

    def uuids_of(self, table):
        return {db_uuid(u) for (u,) in self.query(f'SELECT uuid FROM {table}')}

    def uuid_of(self, table, row_id):
        (value,), = self.query(f'SELECT uuid FROM {table} WHERE id = ?', row_id)
        return db_uuid(value)

    def descriptor(self, folder):
        with open(os.path.join(folder, 'datapackage.json'), 'rb') as f:
            return json.loads(f.read().decode('utf-8'))


class TestPackage(OpenDataTestCase):

    def test_valid_for_frictionless(self):
        out = self.publish_all()
        self.assertEqual(set(os.listdir(out)), FILES)
        self.assert_valid(out)

    def test_validator_catches_errors(self):
        """The validator really reads the rows: a broken foreign key, a
        value of the wrong type and a repeated key each fail it."""
        out = self.publish_all()
        proposals = read_table(out, 'proposals')
        session = proposals[0]['session_uuid']
        cases = {
            'proposals.csv': (session, str(uuid.uuid4())),
            'sessions.csv': ('2026-05-10', '2026-13-10'),
            'commitments.csv': (',250000.5,', ',mucho,'),
        }
        for name, (old, new) in cases.items():
            with self.subTest(name=name):
                bad = os.path.join(self.dir, 'bad-' + name)
                shutil.copytree(out, bad)
                path = os.path.join(bad, name)
                with open(path, 'rb') as f:
                    data = f.read()
                self.assertIn(old.encode(), data)
                with open(path, 'wb') as f:
                    f.write(data.replace(old.encode(), new.encode(), 1))
                status, said = self.validate(os.path.join(bad, 'datapackage.json'))
                self.assertNotEqual(status, 0, said)
                self.assertIn('invalid data package', said)

        bad = os.path.join(self.dir, 'bad-key')
        shutil.copytree(out, bad)
        path = os.path.join(bad, 'participation.csv')
        with open(path, 'rb') as f:
            lines = f.read().split(b'\r\n')
        with open(path, 'wb') as f:
            f.write(b'\r\n'.join(lines[:2] + lines[1:]))
        status, said = self.validate(os.path.join(bad, 'datapackage.json'))
        self.assertNotEqual(status, 0, said)
        self.assertIn('unique', said)

    def test_descriptor(self):
        out = self.publish_all()
        package = self.descriptor(out)
        self.assertEqual(package['profile'], 'tabular-data-package')
        self.assertEqual(package['name'], 'abierto-talleres')
        self.assertRegex(package['name'], r'^[-a-z0-9._/]+$')
        self.assertTrue(package['title'])
        self.assertTrue(package['description'])
        self.assertEqual(package['licenses'], [{
            'name': 'CC-BY-4.0',
            'path': 'https://creativecommons.org/licenses/by/4.0/',
            'title': 'Creative Commons Attribution 4.0 International',
        }])
        # the facilitators, one by one, never a participant
        self.assertEqual(package['contributors'], [
            {'title': 'Colectivo Luz', 'role': 'author'},
            {'title': 'Alcaldía Benito Juárez', 'role': 'author'},
            {'title': 'Equipo Escuela Abierta', 'role': 'author'},
        ])
        self.assertRegex(package['created'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
        self.assertEqual(package['keywords'][:3], ['open government', 'Mexico City',
                                                   'citizen participation'])
        self.assertEqual(set(package['keywords'][3:]),
                         {'Older adults', 'Primary school children',
                          'Women in prison or reentry'})

        self.assertEqual([r['name'] for r in package['resources']], list(TABLES))
        for resource in package['resources']:
            with self.subTest(resource=resource['name']):
                self.assertEqual(resource['profile'], 'tabular-data-resource')
                self.assertEqual(resource['path'], resource['name'] + '.csv')
                self.assertEqual((resource['format'], resource['mediatype'],
                                  resource['encoding']), ('csv', 'text/csv', 'utf-8'))
                with open(os.path.join(out, resource['path']), 'rb') as f:
                    data = f.read()
                self.assertEqual(resource['bytes'], len(data))
                self.assertEqual(resource['hash'],
                                 'sha256:' + hashlib.sha256(data).hexdigest())
                schema = resource['schema']
                self.assertEqual(schema['missingValues'], [''])
                self.assertTrue(schema['primaryKey'])
                header, _ = read_csv(os.path.join(out, resource['path']))
                self.assertEqual(header, [f['name'] for f in schema['fields']])
                for field in schema['fields']:
                    self.assertIn(field['type'], ('string', 'integer', 'number', 'boolean',
                                                  'date', 'datetime'))
                    self.assertTrue(field['description'])
                for key in schema.get('foreignKeys', []):
                    self.assertIn(key['reference']['resource'], ('',) + TABLES)
        keys = {r['name']: r['schema'].get('foreignKeys', []) for r in package['resources']}
        self.assertIn({'fields': 'merged_into', 'reference': {'resource': '', 'fields': 'uuid'}},
                      keys['proposals'])
        self.assertIn({'fields': 'proposal_uuid',
                       'reference': {'resource': 'proposals', 'fields': 'uuid'}},
                      keys['commitment_proposals'])

    def test_csv_is_rfc_4180(self):
        out = self.publish_all()
        for table in TABLES:
            with self.subTest(table=table):
                with open(os.path.join(out, f'{table}.csv'), 'rb') as f:
                    data = f.read()
                self.assertFalse(data.startswith(b'\xef\xbb\xbf'), 'a byte order mark')
                self.assertTrue(data.endswith(b'\r\n'))
                header, rows = read_csv(os.path.join(out, f'{table}.csv'))
                # written again by Python's csv module, byte for byte the same:
                # CRLF after each record, quotes only where needed, doubled
                again = io.StringIO(newline='')
                writer = csv.writer(again, lineterminator='\r\n')
                writer.writerow(header)
                writer.writerows(rows)
                self.assertEqual(again.getvalue().encode('utf-8'), data)
                for row in rows:
                    self.assertEqual(len(row), len(header))

    def test_readme(self):
        out = self.publish_all()
        with open(os.path.join(out, 'README.md'), 'rb') as f:
            readme = f.read().decode('utf-8')
        package = self.descriptor(out)
        self.assertTrue(readme.startswith(f'# {package["title"]}\n'))
        for resource in package['resources']:
            self.assertIn(f'### {resource["path"]}', readme)
            for field in resource['schema']['fields']:
                self.assertIn(f'- `{field["name"]}`: {field["description"]}\n', readme)
        self.assertIn('https://creativecommons.org/licenses/by/4.0/', readme)
        self.assertIn('How to cite', readme)
        self.assertIn('fewer than 5', readme)


class TestContents(OpenDataTestCase):

    def test_sessions(self):
        out = self.publish_all()
        rows = {r['uuid']: r for r in read_table(out, 'sessions')}
        a = rows[self.uuid_of('session', self.ids['a'])]
        b = rows[self.uuid_of('session', self.ids['b'])]
        c = rows[self.uuid_of('session', self.ids['c'])]
        self.assertEqual(len(rows), 3)
        self.assertEqual(a, {
            'uuid': a['uuid'], 'title': 'Parque Hundido 🌳',
            'question': '¿Qué necesita el parque, "de verdad"?',
            'group': 'older-adults', 'group_label': 'Older adults', 'date': '2026-05-10',
            'place': 'Benito Juárez', 'facilitators': 'Colectivo Luz, Alcaldía Benito Juárez',
            'language': 'es-MX', 'license': 'CC-BY-4.0', 'status': 'open',
            # seven: the opposed and the deleted participants are not counted
            'participants': '7', 'participants_note': '',
        })
        self.assertEqual((b['participants'], b['participants_note']), ('', 'fewer than 5'))
        self.assertEqual((c['group'], c['place'], c['participants']),
                         ('women-reentry', '', '5'))

    def test_proposals(self):
        out = self.publish_all()
        p = self.ids['p']
        rows = {r['uuid']: r for r in read_table(out, 'proposals')}
        self.assertEqual(set(rows), {self.uuid_of('proposal', p[k])
                                     for k in (1, 2, 3, 4, 'b', 'c')})
        first = rows[self.uuid_of('proposal', p[1])]
        self.assertEqual(first['text'], FIRST_TEXT)
        self.assertEqual(first['title'], FIRST_TITLE)
        self.assertEqual(first['category'], 'Seguridad')
        self.assertEqual(first['session_uuid'], self.uuid_of('session', self.ids['a']))
        self.assertRegex(first['created'], r'^\d{4}-\d\d-\d\d$')
        self.assertEqual(first['merged_into'], '')
        self.assertEqual(rows[self.uuid_of('proposal', p[4])]['merged_into'],
                         self.uuid_of('proposal', p[2]))
        self.assertNotIn('author', first)

    def test_rounds_and_results(self):
        out = self.publish_all()
        r, p = self.ids['r'], self.ids['p']
        rounds = {x['uuid']: x for x in read_table(out, 'rounds')}
        approval = rounds[self.uuid_of('voting_round', r['approval'])]
        self.assertEqual((approval['method'], approval['title'], approval['voters'],
                          approval['voters_note'], approval['dots'], approval['status']),
                         ('approval', 'Primera votación', '6', '', '', 'open'))
        dot = rounds[self.uuid_of('voting_round', r['dot'])]
        self.assertEqual((dot['method'], dot['dots'], dot['voters'], dot['voters_note']),
                         ('dot', '3', '', 'fewer than 5'))
        tally = rounds[self.uuid_of('voting_round', r['tally'])]
        self.assertEqual((tally['voters'], tally['voters_note']), ('', 'fewer than 5'))

        results = read_table(out, 'results')
        shown = [x for x in results if x['round_uuid'] == approval['uuid']]
        self.assertEqual([(x['proposal_uuid'], x['rank'], x['score'], x['votes'],
                           x['suppressed']) for x in shown],
                         [(self.uuid_of('proposal', p[1]), '1', '5', '5', 'false'),
                          (self.uuid_of('proposal', p[2]), '2', '3', '3', 'false'),
                          (self.uuid_of('proposal', p[3]), '3', '1', '1', 'false')])
        # three voters: who voted what could be worked out, so nothing is shown
        for uuid_ in (dot['uuid'], tally['uuid']):
            hidden = [x for x in results if x['round_uuid'] == uuid_]
            self.assertTrue(hidden)
            for row in hidden:
                self.assertEqual((row['rank'], row['score'], row['votes'], row['first_places'],
                                  row['median'], row['suppressed']),
                                 ('', '', '', '', '', 'true'))

    def test_commitments(self):
        out = self.publish_all()
        k, p = self.ids['k'], self.ids['p']
        rows = {x['uuid']: x for x in read_table(out, 'commitments')}
        # the draft is not there: nothing was promised yet
        self.assertEqual(set(rows), {self.uuid_of('commitment', k[i]) for i in (1, 2, 3)})
        first = rows[self.uuid_of('commitment', k[1])]
        self.assertEqual(first, {
            'uuid': first['uuid'], 'session_uuid': self.uuid_of('session', self.ids['a']),
            'action': 'Reparar las luminarias del parque',
            'institution': 'Alcaldía Benito Juárez', 'area': 'Dirección de Alumbrado',
            'indicator': 'Luminarias funcionando', 'baseline': '40', 'target': '100',
            'unit': 'luminarias', 'deadline': '2030-12-31', 'budget_allocated': '250000.5',
            'budget_spent': '1200.25', 'status': 'in-progress', 'status_reason': '',
            'current_value': '70', 'current_value_date': '2025-09-01',
            'progress_percent': '50', 'overdue': 'false',
        })
        late = rows[self.uuid_of('commitment', k[2])]
        self.assertEqual((late['status'], late['overdue'], late['progress_percent']),
                         ('planned', 'true', '0'))
        dropped = rows[self.uuid_of('commitment', k[3])]
        self.assertEqual((dropped['status'], dropped['status_reason'], dropped['overdue']),
                         ('dropped', DROP_REASON, 'false'))

        links = {(x['commitment_uuid'], x['proposal_uuid'])
                 for x in read_table(out, 'commitment_proposals')}
        self.assertEqual(links, {
            (self.uuid_of('commitment', k[1]), self.uuid_of('proposal', p[1])),
            (self.uuid_of('commitment', k[2]), self.uuid_of('proposal', p[2])),
            (self.uuid_of('commitment', k[2]), self.uuid_of('proposal', p[3])),
            (self.uuid_of('commitment', k[3]), self.uuid_of('proposal', p[3])),
        })

        updates = read_table(out, 'commitment_updates')
        self.assertEqual([(x['uuid'], x['commitment_uuid'], x['date'], x['value'], x['note'],
                           x['evidence_url']) for x in updates], [
            (self.uuid_of('commitment_update', k['u1']), first['uuid'], '2025-07-01', '55',
             UPDATE_NOTE, 'https://example.org/avance-1'),
            (self.uuid_of('commitment_update', k['u2']), first['uuid'], '2025-09-01', '70',
             'Segunda etapa', ''),
        ])

    def test_identifiers_are_uuids_never_rows(self):
        out = self.publish_all()
        allowed = (self.uuids_of('session') | self.uuids_of('proposal')
                   | self.uuids_of('voting_round') | self.uuids_of('commitment')
                   | self.uuids_of('commitment_update'))
        found = set()
        for name in FILES:
            with open(os.path.join(out, name), 'rb') as f:
                found |= set(re.findall(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-'
                                        r'[0-9a-f]{12}', f.read().decode('utf-8')))
        self.assertTrue(found)
        self.assertLessEqual(found, allowed)
        self.assertFalse(found & self.uuids_of('participant'))
        for table in TABLES:
            for row in read_table(out, table):
                for column in ('uuid', 'session_uuid', 'proposal_uuid', 'round_uuid',
                               'commitment_uuid'):
                    if column in row:
                        self.assertRegex(row[column], r'^[0-9a-f-]{36}$')

    def test_session_or_all(self):
        a = self.uuid_of('session', self.ids['a'])
        one = self.publish('--session', self.ids['a'], name='uno')
        every = self.publish_all()
        self.assertEqual(self.descriptor(one)['name'], 'abierto-parque-hundido')
        self.assertEqual(self.descriptor(one)['title'], 'Parque Hundido 🌳')
        self.assertIn('Older adults', self.descriptor(one)['keywords'])
        self.assertNotIn('Primary school children', self.descriptor(one)['keywords'])
        self.assertEqual([r['uuid'] for r in read_table(one, 'sessions')], [a])
        for table in ('proposals', 'rounds', 'participation', 'commitments'):
            rows = read_table(one, table)
            self.assertTrue(rows, table)
            self.assertEqual({r['session_uuid'] for r in rows}, {a}, table)
            others = [r for r in read_table(every, table) if r['session_uuid'] != a]
            if table != 'commitments':
                self.assertTrue(others, table)
            self.assertEqual(len(rows) + len(others), len(read_table(every, table)), table)
        rounds = {r['uuid'] for r in read_table(one, 'rounds')}
        self.assertEqual({r['round_uuid'] for r in read_table(one, 'results')}, rounds)
        self.assertEqual(len(read_table(every, 'sessions')), 3)
        self.assert_valid(one)


class TestPrivacy(OpenDataTestCase):

    def every_byte(self, folder, archive=None):
        """Each file of a package, and each member of its zip file."""
        blobs = {}
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), 'rb') as f:
                blobs[name] = f.read()
        if archive:
            with zipfile.ZipFile(archive) as z:
                self.assertIsNone(z.testzip())
                for info in z.infolist():
                    blobs['zip:' + info.filename] = z.read(info)
        return blobs

    def test_nobody_is_named(self):
        out = self.publish_all()
        archive = self.publish('--all', '--zip', name='paquete.zip')
        one = self.publish('--session', self.ids['a'], name='uno')
        blobs = self.every_byte(out, archive)
        blobs.update({'one:' + k: v for k, v in self.every_byte(one).items()})
        self.assertGreater(len(blobs), 20)

        secrets = []
        for alias in ALIASES:
            secrets += [alias, alias.split('-')[0]]
        for (value,) in self.query('SELECT uuid FROM participant'):
            secrets += [value.hex(), db_uuid(value)]
        # the opposed person's answers, the deleted proposal, the draft,
        # and where the women in reentry meet
        secrets += ['90+', 'no binario', '80-89', DELETED_TEXT, DRAFT_ACTION, HIDDEN_PLACE,
                    'Santa Martha']
        for name, data in blobs.items():
            text = data.decode('utf-8').casefold()
            for secret in secrets:
                self.assertNotIn(secret.casefold(), text, f'{secret!r} is in {name}')

    def participation(self, folder, session):
        uuid_ = self.uuid_of('session', session)
        return {(r['dimension'], r['value']): (r['count'], r['count_note'])
                for r in read_table(folder, 'participation') if r['session_uuid'] == uuid_}

    def test_small_numbers(self):
        out = self.publish_all()
        hidden = ('', 'fewer than 5')
        # 5 and 2 of a total of 7 that is shown: the 2 is hidden, and the 5
        # with it, since 7 - 5 would give it away; nobody is not a person
        self.assertEqual(self.participation(out, self.ids['a']), {
            ('age_band', '60-69'): hidden,
            ('age_band', '70-79'): hidden,
            ('age_band', 'Not recorded'): ('0', ''),
            ('gender', 'mujer'): hidden,
            # two "hombre": too few to name the answer
            ('gender', 'Other answers'): hidden,
            ('gender', 'Not recorded'): ('0', ''),
        })
        # three children: the total is hidden too
        self.assertEqual(self.participation(out, self.ids['b']), {
            ('age_band', '8-9'): hidden,
            ('age_band', 'Not recorded'): ('0', ''),
            ('gender', 'Not recorded'): hidden,
        })
        self.assertEqual(self.participation(out, self.ids['c']), {
            ('age_band', '30-39'): ('5', ''),
            ('age_band', 'Not recorded'): ('0', ''),
            ('gender', 'mujer'): ('5', ''),
            ('gender', 'Not recorded'): ('0', ''),
        })
        self.assert_nothing_can_be_worked_out(out, 5)

    def test_threshold(self):
        low = self.publish_all('--threshold', 2)
        self.assertEqual(self.participation(low, self.ids['a']), {
            ('age_band', '60-69'): ('5', ''),
            ('age_band', '70-79'): ('2', ''),
            ('age_band', 'Not recorded'): ('0', ''),
            ('gender', 'hombre'): ('2', ''),
            ('gender', 'mujer'): ('5', ''),
            ('gender', 'Not recorded'): ('0', ''),
        })
        sessions = {r['uuid']: r for r in read_table(low, 'sessions')}
        self.assertEqual(sessions[self.uuid_of('session', self.ids['b'])]['participants'], '3')
        self.assert_nothing_can_be_worked_out(low, 2)

        high = self.publish('--all', '--threshold', 8, name='alto')
        sessions = {r['uuid']: r for r in read_table(high, 'sessions')}
        self.assertEqual(sessions[self.uuid_of('session', self.ids['a'])]['participants_note'],
                         'fewer than 8')
        self.assertEqual({r['suppressed'] for r in read_table(high, 'results')}, {'true'})
        self.assert_nothing_can_be_worked_out(high, 8)

    def assert_nothing_can_be_worked_out(self, folder, threshold):
        """No count below the threshold is shown, and when a total is
        shown, no breakdown hides a single cell."""
        totals = {r['uuid']: r['participants'] for r in read_table(folder, 'sessions')}
        cells = {}
        for row in read_table(folder, 'participation'):
            cells.setdefault((row['session_uuid'], row['dimension']), []).append(row)
            if row['count']:
                self.assertTrue(int(row['count']) == 0 or int(row['count']) >= threshold, row)
                self.assertEqual(row['count_note'], '')
            else:
                self.assertEqual(row['count_note'], f'fewer than {threshold}')
        for (session, dimension), rows in cells.items():
            hidden = [r for r in rows if not r['count']]
            shown = sum(int(r['count']) for r in rows if r['count'])
            if totals[session]:
                # a total less the shown cells would give a lone hidden one away
                self.assertNotEqual(len(hidden), 1, (dimension, rows))
                if not hidden:
                    self.assertEqual(shown, int(totals[session]))
        for row in read_table(folder, 'sessions'):
            if row['participants']:
                self.assertTrue(int(row['participants']) in (0,) or
                                int(row['participants']) >= threshold)
        for row in read_table(folder, 'rounds'):
            if row['voters']:
                self.assertTrue(int(row['voters']) == 0 or int(row['voters']) >= threshold)


class TestWriting(OpenDataTestCase):

    def test_zip(self):
        folder = self.publish_all()
        archive = self.publish('--all', '--zip', name='paquete.zip')
        with zipfile.ZipFile(archive) as z:
            self.assertIsNone(z.testzip())
            self.assertEqual(set(z.namelist()), FILES)
            for name in FILES:
                data = z.read(name)
                with open(os.path.join(folder, name), 'rb') as f:
                    expected = f.read()
                if name.endswith('.csv'):
                    self.assertEqual(data, expected, name)
            extracted = os.path.join(self.dir, 'extraido')
            z.extractall(extracted)
        self.assert_valid(extracted)
        # nothing left beside it
        self.assertEqual(sorted(n for n in os.listdir(self.dir) if n.startswith('.')), [])

        # written again, it replaces the file whole
        self.publish('--all', '--zip', name='paquete.zip')
        with zipfile.ZipFile(archive) as z:
            self.assertEqual(set(z.namelist()), FILES)

    def test_new_and_empty_folders(self):
        deep = self.publish('--all', name=os.path.join('nueva', 'carpeta'))
        self.assertEqual(set(os.listdir(deep)), FILES)
        empty = os.path.join(self.dir, 'vacia')
        os.mkdir(empty, 0o750)
        self.ok('opendata', '--all', '-o', empty + '/')
        self.assertEqual(set(os.listdir(empty)), FILES)
        self.assertEqual(os.stat(empty).st_mode & 0o777, 0o750)
        self.assertEqual(sorted(n for n in os.listdir(self.dir) if n.startswith('.')), [])

    def test_refused(self):
        full = os.path.join(self.dir, 'ocupada')
        os.mkdir(full)
        with open(os.path.join(full, 'notas.txt'), 'w') as f:
            f.write('mis notas')
        message = self.refused('opendata', '--all', '-o', full)
        self.assertIn('is not empty', message)
        self.assertEqual(os.listdir(full), ['notas.txt'])
        with open(os.path.join(full, 'notas.txt')) as f:
            self.assertEqual(f.read(), 'mis notas')

        a_file = os.path.join(self.dir, 'archivo')
        with open(a_file, 'w') as f:
            f.write('x')
        self.assertIn('is a file', self.refused('opendata', '--all', '-o', a_file))
        self.assertIn('is a folder', self.refused('opendata', '--all', '--zip', '-o', full))

        missing = os.path.join(self.dir, 'nada')
        self.assertIn('no session number 99',
                      self.refused('opendata', '--session', 99, '-o', missing))
        for args in (['--all'], ['-o', missing], ['--session', 1, '--all', '-o', missing],
                     ['--all', '--threshold', 1, '-o', missing],
                     ['--all', '--threshold', 101, '-o', missing],
                     ['--session', 'uno', '-o', missing]):
            with self.subTest(args=args):
                self.refused('opendata', *args, status=2)
        self.assertFalse(os.path.exists(missing))
        self.assertEqual(sorted(n for n in os.listdir(self.dir) if n.startswith('.')), [])

    def test_special_files_refused(self):
        """A pipe, a socket or a device as the folder or the zip file, or
        behind a link, is refused and left as it was; nothing is written
        beside it."""
        specials = {}
        fifo = specials['fifo'] = os.path.join(self.dir, 'tubo')
        os.mkfifo(fifo)
        sock = specials['socket'] = os.path.join(self.dir, 'enchufe')
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.addCleanup(server.close)
        server.bind(sock)
        device = os.path.join(self.dir, 'nulo')
        try:
            # the null device, made here: only root may
            os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
            specials['device'] = device
        except PermissionError:
            pass
        link = os.path.join(self.dir, 'enlace')
        os.symlink('tubo', link)
        kinds = {path: stat.S_IFMT(os.lstat(path).st_mode) for path in specials.values()}
        before = sorted(os.listdir(self.dir))

        for what, path in list(specials.items()) + [('link to a fifo', link)]:
            for zip_args in ([], ['--zip']):
                with self.subTest(what=what, zip=bool(zip_args)):
                    message = self.refused('opendata', '--all', *zip_args, '-o', path)
                    self.assertIn(f'{os.path.basename(path)}” is a special file', message)
                    self.assertEqual(sorted(os.listdir(self.dir)), before)
        for path, kind in kinds.items():
            self.assertEqual(stat.S_IFMT(os.lstat(path).st_mode), kind, path)
        self.assertEqual(os.readlink(link), 'tubo')

    def test_symlinks(self):
        """Through a link the package goes where it points, and the link
        stays a link; a link to nothing is refused."""
        real = os.path.join(self.dir, 'real')
        os.mkdir(real, 0o750)
        link = os.path.join(self.dir, 'enlace')
        os.symlink('real', link)
        real_zip = os.path.join(self.dir, 'real.zip')
        with open(real_zip, 'w') as f:
            f.write('viejo')
        link_zip = os.path.join(self.dir, 'enlace.zip')
        os.symlink('real.zip', link_zip)
        dangling = os.path.join(self.dir, 'roto')
        os.symlink(os.path.join('usb', 'datos'), dangling)
        before = sorted(os.listdir(self.dir))

        self.assertEqual(self.ok('opendata', '--all', '-o', link), '')
        self.assertEqual(self.ok('opendata', '--all', '--zip', '-o', link_zip), '')
        self.assertEqual(os.readlink(link), 'real')
        self.assertEqual(os.readlink(link_zip), 'real.zip')
        self.assertEqual(set(os.listdir(real)), FILES)
        self.assertEqual(os.stat(real).st_mode & 0o777, 0o750)
        self.assert_valid(real)
        with zipfile.ZipFile(real_zip) as z:
            self.assertIsNone(z.testzip())
            self.assertEqual(set(z.namelist()), FILES)

        for zip_args in ([], ['--zip']):
            with self.subTest(zip=bool(zip_args)):
                message = self.refused('opendata', '--all', *zip_args, '-o', dangling)
                self.assertIn('roto” is a link to “usb/datos”, which does not exist', message)
        self.assertEqual(os.readlink(dangling), os.path.join('usb', 'datos'))
        self.assertFalse(os.path.exists(os.path.join(self.dir, 'usb')))

        # a link to a folder that is not empty, or to a folder as the zip file
        self.assertIn('is not empty', self.refused('opendata', '--all', '-o', link))
        self.assertIn('is a folder', self.refused('opendata', '--all', '--zip', '-o', link))
        self.assertEqual(set(os.listdir(real)), FILES)
        self.assertEqual(sorted(os.listdir(self.dir)), before)

    def test_missing_file(self):
        os.unlink(self.path)
        out = os.path.join(self.dir, 'paquete')
        self.fails('opendata', '--all', '-o', out, status=1)
        self.assertFalse(os.path.exists(self.path))
        self.assertFalse(os.path.exists(out))

    def test_newer_format_refused(self):
        db = sqlite3.connect(self.path)
        db.execute('PRAGMA user_version = 99')
        db.close()
        out = os.path.join(self.dir, 'paquete')
        message = self.refused('opendata', '--all', '-o', out)
        self.assertIn('99', message)
        self.assertFalse(os.path.exists(out))
        (app_id,), = self.query('PRAGMA application_id')
        self.assertEqual(app_id, APPLICATION_ID)

    def test_reading_leaves_the_file_alone(self):
        with open(self.path, 'rb') as f:
            before = f.read()
        self.publish_all()
        self.publish('--all', '--zip', name='p.zip')
        with open(self.path, 'rb') as f:
            self.assert_same_bytes(before, f.read(), 'opendata')


class TestSpanish(OpenDataTestCase):
    """Under es_MX.UTF-8 the package speaks Spanish; its data do not
    change."""

    def test_spanish(self):
        localedir = os.environ.get('ABIERTO_LOCALEDIR')
        if not localedir:
            self.skipTest('ABIERTO_LOCALEDIR is not set')
        catalog = gettext.translation('abierto', localedir=localedir, languages=['es'])
        env = dict(self.env)
        env['LC_ALL'] = 'es_MX.UTF-8'
        out = os.path.join(self.dir, 'es')
        self.assertEqual(self.ok('opendata', '--all', '-o', out, env=env), '')
        sessions = {r['uuid']: r for r in read_table(out, 'sessions')}
        children = sessions[self.uuid_of('session', self.ids['b'])]
        self.assertEqual(children['participants_note'], 'menos de 5')
        self.assertEqual(children['group'], 'children')
        with open(os.path.join(out, 'README.md'), encoding='utf-8') as f:
            readme = f.read()
        for english in ('What this is', 'Files', 'Licence', 'How to cite'):
            spanish = catalog.gettext(english)
            self.assertNotEqual(spanish, english, f'no Spanish for {english!r}')
            self.assertIn(f'## {spanish}\n', readme)
        package = self.descriptor(out)
        self.assertEqual(package['licenses'][0]['title'],
                         'Creative Commons Atribución 4.0 Internacional')
        self.assertIn('gobierno abierto', package['keywords'])
        self.assertIn('Ciudad de México', package['keywords'])
        self.assertIn('participación ciudadana', package['keywords'])
        self.assert_valid(out)


if __name__ == '__main__':
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        test_cli.CLI = os.path.abspath(sys.argv.pop(1))
    if not test_cli.CLI:
        sys.exit('usage: test_opendata.py PATH-TO-abierto-cli [unittest options]')
    program = unittest.main(verbosity=2, exit=False)
    result = program.result
    if not result.wasSuccessful():
        sys.exit(1)
    # Without node the package was not validated: say so, rather than pass.
    if not NODE:
        print('node is not installed: the packages were not validated', file=sys.stderr)
        sys.exit(77)
