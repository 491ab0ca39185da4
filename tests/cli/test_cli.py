#!/usr/bin/python3
# test_cli.py
#
# Copyright 2026 The Abierto developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tests of abierto-cli, run as a user would run it.

Every command is run as a separate process on a workshop file in a
temporary folder, and what it says is checked against what the file holds,
read back with Python's own sqlite3 module (on a copy, so that reading
never touches the file under test).

Usage: test_cli.py PATH-TO-abierto-cli [unittest options]
"""

import csv
import gettext
import io
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest
import uuid

CLI = os.environ.get('ABIERTO_CLI')

APPLICATION_ID = 0x41425254
SIDE_FILES = ('-wal', '-shm', '-journal')

# SQLite's file change counter and version-valid-for number, in the
# 100-byte header: the only bytes that move when a connection does
# nothing but switch journal modes.


def db_uuid(value):
    """The text form of a UUID column, stored as text or as 16 bytes."""
    if isinstance(value, bytes):
        return str(uuid.UUID(bytes=value))
    return value


class CliTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix='abierto-cli-')
        self.dir = self.tmp.name
        self.path = os.path.join(self.dir, 'taller.abierto')
        self.env = dict(os.environ)
        self.env['XDG_DATA_HOME'] = os.path.join(self.dir, 'data')
        self.env['LC_ALL'] = 'C.UTF-8'
        self.env['G_DEBUG'] = 'fatal-warnings'
        self.env.pop('LANGUAGE', None)

    def tearDown(self):
        self.tmp.cleanup()

    # Running the tool

    def run_cli(self, *args, path=None, env=None, use_file=True):
        argv = [CLI]
        if use_file:
            argv += ['--file', path or self.path]
        argv += [str(a) for a in args]
        return subprocess.run(argv, capture_output=True, env=env or self.env,
                              timeout=120)

    def ok(self, *args, path=None, env=None, use_file=True):
        """Runs a command that must succeed; returns its stdout as text."""
        proc = self.run_cli(*args, path=path, env=env, use_file=use_file)
        self.assertEqual(proc.returncode, 0,
                         f'{args} failed: {proc.stderr.decode(errors="replace")}')
        self.assertEqual(proc.stderr, b'', f'{args} wrote to stderr')
        if use_file:
            self.assert_no_side_files(path or self.path)
        return proc.stdout.decode('utf-8')

    def ok_id(self, *args, **kwargs):
        out = self.ok(*args, **kwargs)
        self.assertRegex(out, r'^[1-9][0-9]*\n$')
        return int(out)

    def fails(self, *args, status, path=None, env=None, use_file=True):
        """Runs a command that must fail with @status and one line on
        stderr; returns that line."""
        proc = self.run_cli(*args, path=path, env=env, use_file=use_file)
        err = proc.stderr.decode('utf-8')
        self.assertEqual(proc.returncode, status,
                         f'{args}: expected status {status}, got {proc.returncode}: {err}')
        self.assertEqual(proc.stdout, b'', f'{args} wrote to stdout on failure')
        self.assertTrue(err.startswith('abierto-cli: '), err)
        self.assertTrue(err.endswith('\n'), err)
        self.assertEqual(err.count('\n'), 1, f'more than one line: {err!r}')
        self.assertGreater(len(err.strip()), len('abierto-cli: ') + 10)
        return err.strip()

    def refused(self, *args, status=1, path=None):
        """Runs a command that must be refused and leave the file byte for
        byte as it was, with no side file left behind."""
        path = path or self.path
        with open(path, 'rb') as f:
            before = f.read()
        message = self.fails(*args, status=status, path=path)
        with open(path, 'rb') as f:
            after = f.read()
        self.assert_same_bytes(before, after, args)
        self.assert_no_side_files(path)
        return message

    def assert_same_bytes(self, before, after, what):
        if before == after:
            return
        self.assertEqual(len(before), len(after), f'{what} changed the size of the file')
        moved = [i for i in range(len(before)) if before[i] != after[i]]
        self.fail(f'{what} changed {len(moved)} bytes of the file, the first at {moved[0]}')

    def assert_no_side_files(self, path):
        for suffix in SIDE_FILES:
            self.assertFalse(os.path.exists(path + suffix), f'{path + suffix} was left behind')

    # Reading the file back

    def query(self, sql, *params, path=None):
        copy = os.path.join(self.dir, 'copy-for-reading.sqlite')
        shutil.copyfile(path or self.path, copy)
        db = sqlite3.connect(copy)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()
            for suffix in ('',) + SIDE_FILES:
                if os.path.exists(copy + suffix):
                    os.unlink(copy + suffix)

    def count(self, table, path=None):
        return self.query(f'SELECT count(*) FROM {table}', path=path)[0][0]

    # Building workshops

    def add_session(self, title='Parque Hundido', group='older-adults', *extra, path=None):
        return self.ok_id('session', 'add', '--title', title, '--group', group, *extra,
                          path=path)

    def add_participant(self, session, alias, *extra, path=None):
        return self.ok_id('participant', 'add', '--session', session, '--alias', alias, *extra,
                          path=path)

    def add_proposal(self, session, text, *extra, path=None):
        return self.ok_id('proposal', 'add', '--session', session, '--text', text, *extra,
                          path=path)

    def add_round(self, session, method, *extra, path=None):
        return self.ok_id('round', 'add', '--session', session, '--method', method, *extra,
                          path=path)

    def workshop(self, group='mixed', n_participants=3, labels=('A', 'B', 'C')):
        """A session with participants and proposals; returns their ids."""
        session = self.add_session(f'Taller {group}', group)
        people = [self.add_participant(session, f'Persona {i + 1}')
                  for i in range(n_participants)]
        proposals = {label: self.add_proposal(session, f'Propuesta {label}',
                                              '--title', label)
                     for label in labels}
        return session, people, proposals

    def vote(self, round_id, participant, proposal, value=None):
        args = ['vote', '--round', round_id, '--participant', participant,
                '--proposal', proposal]
        if value is not None:
            args += ['--value', value]
        return self.ok_id(*args)

    def rank(self, round_id, participant, proposals):
        ballot = ','.join(str(p) for p in proposals)
        out = self.ok('vote', '--round', round_id, '--participant', participant,
                      '--ranking', ballot)
        self.assertEqual(out, ballot + '\n')

    def results(self, round_id):
        data = json.loads(self.ok('results', '--round', round_id, '--format', 'json'))
        self.assertEqual(data['round'], round_id)
        return data

    def by_proposal(self, data):
        return {row['proposal']: row for row in data['results']}


class TestCommandLine(CliTestCase):

    def test_help(self):
        out = self.ok('--help', use_file=False)
        self.assertIn('Usage:', out)
        for words in ('session add', 'session list', 'participant add', 'participant list',
                      'proposal add', 'proposal list', 'round add', 'round list', 'vote',
                      'tally', 'results', 'demo', 'check'):
            self.assertRegex(out, rf'\n  {words}  ')
            sub = self.ok(*words.split(), '--help', use_file=False)
            self.assertIn(f'abierto-cli [OPTION…] {words}\n', sub)
            self.assertIn('--file=PATH', sub)
        self.assertIn('session add', self.ok('session', '--help', use_file=False))
        self.assertIn('--title=TITLE', self.ok('session', 'add', '--help', use_file=False))
        self.assertFalse(os.path.exists(self.path))

    def test_version(self):
        self.assertRegex(self.ok('--version', use_file=False), r'^abierto-cli \d+\.\d+\.\d+\n$')
        self.assertRegex(self.ok('session', 'list', '--version', use_file=False),
                         r'^abierto-cli \d')

    def test_usage_errors(self):
        cases = [
            [],
            ['frobnicate'],
            ['session'],
            ['session', 'frobnicate'],
            ['session', 'add', '--group', 'mixed'],
            ['session', 'add', '--title', 'T'],
            ['session', 'add', '--title', 'T', '--group', 'mixed', '--colour', 'red'],
            ['session', 'add', '--title', 'T', '--group', 'mixed', 'extra'],
            ['session', 'add', '--title'],
            ['session', 'list', '--format', 'xml'],
            ['participant', 'list'],
            ['participant', 'list', '--session', 'abc'],
            ['participant', 'list', '--session', '1x'],
            ['participant', 'list', '--session', ' 1'],
            ['participant', 'list', '--session', '0'],
            ['participant', 'list', '--session', '-3'],
            ['participant', 'list', '--session', '99999999999999999999'],
            ['participant', 'add', '--session', '1'],
            ['proposal', 'add', '--session', '1'],
            ['round', 'add', '--session', '1'],
            ['round', 'add', '--session', '1', '--method', 'lottery'],
            ['round', 'add', '--session', '1', '--method', 'dot', '--dots', 'many'],
            ['round', 'add', '--session', '1', '--method', 'approval', '--dots', '3'],
            ['round', 'add', '--session', '1', '--method', 'dot', '--points', '5'],
            ['vote', '--round', '1', '--participant', '1'],
            ['vote', '--round', '1', '--proposal', '1'],
            ['vote', '--round', '1', '--participant', '1', '--proposal', '1', '--value', 'x'],
            ['vote', '--round', '1', '--participant', '1', '--proposal', '1',
             '--ranking', '1,2'],
            ['vote', '--round', '1', '--participant', '1', '--ranking', '1,,2'],
            ['vote', '--round', '1', '--participant', '1', '--ranking', '1,dos'],
            ['vote', '--round', '1', '--participant', '1', '--ranking', '2,1', '--value', '3'],
            ['tally', '--round', '1', '--proposal', '1'],
            ['tally', '--round', '1', '--proposal', '1', '--count', '-1'],
            ['tally', '--round', '1', '--proposal', '1', '--count', 'diez'],
            ['results'],
            ['results', '--round', '1', '--format', 'pdf'],
            ['demo', '--sessions', 'cuatro'],
            ['demo', '--seed', '-1'],
            ['check', 'now'],
        ]
        for args in cases:
            with self.subTest(args=args):
                self.fails(*args, status=2)
                self.assertFalse(os.path.exists(self.path), f'{args} created the file')

    def test_usage_error_names_the_help(self):
        message = self.fails('session', 'add', '--title', 'T', status=2)
        self.assertIn('--group', message)
        self.assertIn('abierto-cli session add --help', message)
        self.assertIn('frobnicate', self.fails('frobnicate', status=2))

    def test_global_options_anywhere(self):
        first = self.ok_id('--file', self.path, 'session', 'add', '--title', 'Uno',
                           '--group', 'mixed', use_file=False)
        second = self.ok_id('session', 'add', '--title', 'Dos', '--group', 'mixed',
                            '--file', self.path, use_file=False)
        third = self.ok_id('session', '--file', self.path, 'add', '--title', 'Tres',
                           '--group', 'mixed', use_file=False)
        fourth = self.ok_id('session', 'add', f'--file={self.path}', '--title', 'Cuatro',
                            '--group', 'mixed', use_file=False)
        self.assertEqual([first, second, third, fourth], [1, 2, 3, 4])
        self.assertEqual(self.query('SELECT id, title FROM session ORDER BY id'),
                         [(1, 'Uno'), (2, 'Dos'), (3, 'Tres'), (4, 'Cuatro')])

    def test_default_file(self):
        data = self.env['XDG_DATA_HOME']
        default = os.path.join(data, 'abierto', 'talleres.abierto')
        self.assertEqual(self.ok_id('session', 'add', '--title', 'Sin archivo', '--group',
                                    'children', use_file=False), 1)
        self.assertTrue(os.path.isfile(default))
        self.assertEqual(stat.S_IMODE(os.stat(os.path.dirname(default)).st_mode), 0o700)
        self.assertEqual(stat.S_IMODE(os.stat(default).st_mode), 0o600)
        self.assert_no_side_files(default)
        self.assertEqual(self.query('SELECT title, grp FROM session', path=default),
                         [('Sin archivo', 'children')])
        self.assertIn('Sin archivo', self.ok('session', 'list', use_file=False))

    def test_new_file_mode(self):
        # even with a permissive umask: the file holds personal data
        proc = subprocess.run([CLI, '--file', self.path, 'session', 'add', '--title', 'T',
                               '--group', 'mixed'], capture_output=True, env=self.env,
                              preexec_fn=lambda: os.umask(0), timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o600)
        self.assert_no_side_files(self.path)
        (app_id,), = self.query('PRAGMA application_id')
        self.assertEqual(app_id, APPLICATION_ID)

    def test_reading_a_missing_file(self):
        for args in (['session', 'list'], ['participant', 'list', '--session', '1'],
                     ['results', '--round', '1'], ['check']):
            with self.subTest(args=args):
                self.fails(*args, status=1)
                self.assertFalse(os.path.exists(self.path))


class TestFiles(CliTestCase):

    def assert_file_refused(self, contents_path):
        with open(contents_path, 'rb') as f:
            before = f.read()
        for args in (['session', 'list'], ['check'],
                     ['session', 'add', '--title', 'T', '--group', 'mixed'],
                     ['demo']):
            with self.subTest(args=args):
                # refused before SQLite writes anything: strictly the same
                message = self.refused(*args, path=contents_path)
                self.assertIn('left as it is', message)
        with open(contents_path, 'rb') as f:
            self.assertEqual(f.read(), before)
        return message

    def test_refuse_not_sqlite(self):
        with open(self.path, 'w') as f:
            f.write('Lista de asistencia\nAna\nBeto\n' * 10)
        self.assert_file_refused(self.path)

    def test_refuse_other_application(self):
        db = sqlite3.connect(self.path)
        db.execute('CREATE TABLE contacts (name TEXT, phone TEXT)')
        db.execute("INSERT INTO contacts VALUES ('Ana', '555')")
        db.commit()
        db.close()
        self.assert_file_refused(self.path)

    def test_refuse_other_application_id(self):
        db = sqlite3.connect(self.path)
        db.execute('PRAGMA application_id = 1234')
        db.execute('CREATE TABLE session (id INTEGER PRIMARY KEY)')
        db.commit()
        db.close()
        self.assert_file_refused(self.path)

    def test_refuse_newer_version(self):
        db = sqlite3.connect(self.path)
        db.execute(f'PRAGMA application_id = {APPLICATION_ID}')
        db.execute('PRAGMA user_version = 99')
        db.execute('CREATE TABLE session (id INTEGER PRIMARY KEY, future TEXT)')
        db.commit()
        db.close()
        message = self.assert_file_refused(self.path)
        self.assertIn('99', message)

    def test_check(self):
        self.ok('demo')
        out = self.ok('check')
        self.assertIn('good order', out)

        # a row pointing to nothing, written behind Abierto's back
        db = sqlite3.connect(self.path)
        db.execute('UPDATE participant SET session_id = 999 WHERE id = 1')
        db.commit()
        db.close()
        proc = self.run_cli('check')
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn('problems', proc.stdout.decode())
        self.assert_no_side_files(self.path)


class TestSessions(CliTestCase):

    def test_add_and_list(self):
        first = self.add_session('Parque Hundido', 'older-adults', '--date', '2026-03-14',
                                 '--place', 'Benito Juárez', '--question',
                                 '¿Qué necesita tu parque?', '--facilitators', 'Ana y Luis')
        second = self.add_session('Escuela y juego', 'children', '--date', '2026-05-02')
        third = self.add_session('Sin fecha', 'women-reentry')
        self.assertEqual([first, second, third], [1, 2, 3])

        rows = self.query('SELECT id, title, question, grp, date, place, facilitators '
                          'FROM session ORDER BY id')
        self.assertEqual(rows, [
            (1, 'Parque Hundido', '¿Qué necesita tu parque?', 'older-adults', '2026-03-14',
             'Benito Juárez', 'Ana y Luis'),
            (2, 'Escuela y juego', '', 'children', '2026-05-02', '', ''),
            (3, 'Sin fecha', '', 'women-reentry', None, '', ''),
        ])

        sessions = json.loads(self.ok('session', 'list', '--format', 'json'))
        self.assertEqual({s['id'] for s in sessions}, {1, 2, 3})
        for s in sessions:
            self.assertEqual(set(s), {'id', 'uuid', 'title', 'question', 'group', 'date',
                                      'place', 'facilitators'})
        by_id = {s['id']: s for s in sessions}
        self.assertEqual(by_id[1]['place'], 'Benito Juárez')
        self.assertEqual(by_id[1]['question'], '¿Qué necesita tu parque?')
        self.assertEqual(by_id[1]['facilitators'], 'Ana y Luis')
        self.assertEqual(by_id[2]['group'], 'children')
        self.assertIsNone(by_id[3]['date'])
        uuids = dict((i, db_uuid(u)) for i, u in self.query('SELECT id, uuid FROM session'))
        for i, s in by_id.items():
            self.assertEqual(s['uuid'], uuids[i])
            uuid.UUID(s['uuid'])

        lines = self.ok('session', 'list').splitlines()
        self.assertEqual(len(lines), 3)
        cells = [re.split(r'\s{2,}', line, maxsplit=3) for line in lines]
        self.assertIn(['1', '2026-03-14', 'older-adults', 'Parque Hundido'], cells)
        self.assertIn(['2', '2026-05-02', 'children', 'Escuela y juego'], cells)
        self.assertIn(['3', '-', 'women-reentry', 'Sin fecha'], cells)
        # newest first, in both formats
        ids = [int(c[0]) for c in cells]
        self.assertLess(ids.index(2), ids.index(1))
        self.assertEqual(ids, [s['id'] for s in sessions])
        # aligned: every title starts in the same column
        self.assertEqual(len({line.index(c[3]) for line, c in zip(lines, cells)}), 1)

    def test_empty_list(self):
        self.ok('demo', '--sessions', 0)
        self.assertEqual(self.ok('session', 'list'), '')
        self.assertEqual(json.loads(self.ok('session', 'list', '--format', 'json')), [])

    def test_refusals(self):
        self.add_session()
        for args, status in [
            (['--title', '', '--group', 'mixed'], 1),
            (['--title', '   \t ', '--group', 'mixed'], 1),
            (['--title', 'T', '--group', 'teenagers'], 2),
            (['--title', 'T', '--group', ''], 2),
            (['--title', 'T', '--group', 'mixed', '--date', '2026-02-30'], 1),
            (['--title', 'T', '--group', 'mixed', '--date', '2026-13-01'], 1),
            (['--title', 'T', '--group', 'mixed', '--date', '14/03/2026'], 1),
            (['--title', 'T', '--group', 'mixed', '--date', 'mañana'], 1),
            (['--title', 'T', '--group', 'mixed', '--date', '2026-3-1'], 1),
        ]:
            with self.subTest(args=args):
                self.refused('session', 'add', *args, status=status)
        self.assertEqual(self.count('session'), 1)

    def test_reading_leaves_the_file_alone(self):
        # listing or counting opens and closes the file without writing to it
        self.add_session()
        with open(self.path, 'rb') as f:
            before = f.read()
        self.ok('session', 'list')
        self.ok('check')
        with open(self.path, 'rb') as f:
            self.assert_same_bytes(before, f.read(), 'session list')
        self.assert_no_side_files(self.path)

    def test_title_is_trimmed(self):
        self.add_session('  Mercado  ', 'mixed')
        self.assertEqual(self.query('SELECT title FROM session'), [('Mercado',)])


class TestParticipants(CliTestCase):

    def test_add_and_list(self):
        adults = self.add_session('Adultos', 'older-adults')
        children = self.add_session('Niñas y niños', 'children')
        a = self.add_participant(adults, 'Girasol', '--age-band', '60-69', '--gender', 'mujer')
        b = self.add_participant(children, 'Ajolote', '--age-band', '9-10')
        c = self.add_participant(children, 'Colibrí', '--consent', 'self')
        d = self.add_participant(adults, 'Nopal', '--consent', 'guardian')
        self.assertEqual([a, b, c, d], [1, 2, 3, 4])
        rows = self.query('SELECT id, session_id, alias, age_band, gender, consent '
                          'FROM participant ORDER BY id')
        self.assertEqual(rows, [
            (1, adults, 'Girasol', '60-69', 'mujer', 'self'),
            (2, children, 'Ajolote', '9-10', None, 'guardian'),
            (3, children, 'Colibrí', None, None, 'self'),
            (4, adults, 'Nopal', None, None, 'guardian'),
        ])

        listed = json.loads(self.ok('participant', 'list', '--session', children,
                                    '--format', 'json'))
        self.assertEqual(sorted(p['id'] for p in listed), [2, 3])
        for p in listed:
            self.assertTrue({'id', 'uuid', 'alias', 'age_band', 'consent',
                             'consent_date'} <= set(p))
            self.assertRegex(p['consent_date'], r'^\d{4}-\d{2}-\d{2}$')
        by_id = {p['id']: p for p in listed}
        self.assertEqual(by_id[2]['alias'], 'Ajolote')
        self.assertEqual(by_id[2]['consent'], 'guardian')
        self.assertIsNone(by_id[3]['age_band'])
        (db_id,), = self.query('SELECT uuid FROM participant WHERE id = 2')
        self.assertEqual(by_id[2]['uuid'], db_uuid(db_id))

        text = self.ok('participant', 'list', '--session', adults)
        self.assertEqual(len(text.splitlines()), 2)
        self.assertIn('Girasol', text)
        self.assertNotIn('Ajolote', text)

    def test_refusals(self):
        session = self.add_session()
        other = self.add_session('Otra', 'mixed')
        self.add_participant(session, 'Girasol')
        for args, status in [
            (['--session', session, '--alias', ''], 1),
            (['--session', session, '--alias', '   '], 1),
            (['--session', session, '--alias', 'girasol'], 1),
            (['--session', session, '--alias', 'x' * 81], 1),
            (['--session', 99, '--alias', 'Nuevo'], 1),
            (['--session', session, '--alias', 'Nuevo', '--consent', 'parent'], 2),
        ]:
            with self.subTest(args=args):
                self.refused('participant', 'add', *args, status=status)
        self.assertEqual(self.count('participant'), 1)
        # the same alias in another session is fine
        self.assertEqual(self.add_participant(other, 'Girasol'), 2)
        self.refused('participant', 'list', '--session', 99)


class TestProposals(CliTestCase):

    def test_add_and_list(self):
        session = self.add_session()
        author = self.add_participant(session, 'Girasol')
        first = self.add_proposal(session, 'Poner más bancas con sombra.')
        second = self.add_proposal(session, 'Instalar baños accesibles en el parque.',
                                   '--title', 'Baños', '--category', 'Servicios',
                                   '--author', author)
        self.assertEqual([first, second], [1, 2])
        rows = self.query('SELECT id, session_id, title, text, category, author_id '
                          'FROM proposal ORDER BY id')
        self.assertEqual(rows, [
            (1, session, '', 'Poner más bancas con sombra.', '', None),
            (2, session, 'Baños', 'Instalar baños accesibles en el parque.', 'Servicios',
             author),
        ])
        listed = json.loads(self.ok('proposal', 'list', '--session', session,
                                    '--format', 'json'))
        self.assertEqual([p['id'] for p in listed], [1, 2])
        self.assertEqual(listed[1]['title'], 'Baños')
        self.assertEqual(listed[1]['category'], 'Servicios')
        self.assertEqual(listed[1]['author'], author)
        self.assertIsNone(listed[0]['author'])
        self.assertEqual(listed[0]['text'], 'Poner más bancas con sombra.')
        text = self.ok('proposal', 'list', '--session', session).splitlines()
        self.assertEqual([re.split(r'\s{2,}', line, maxsplit=1) for line in text],
                         [['1', 'Poner más bancas con sombra.'], ['2', 'Baños']])

    def test_refusals(self):
        session = self.add_session()
        other = self.add_session('Otra', 'mixed')
        stranger = self.add_participant(other, 'Ajolote')
        for args, status in [
            (['--session', session, '--text', ''], 1),
            (['--session', session, '--text', ' \n\t '], 1),
            (['--session', 99, '--text', 'Algo'], 1),
            (['--session', session, '--text', 'Algo', '--author', stranger], 1),
            (['--session', session, '--text', 'Algo', '--author', 99], 1),
            (['--session', session, '--text', 'x' * 100001], 1),
        ]:
            with self.subTest(args=[a if len(str(a)) < 50 else '…' for a in args]):
                self.refused('proposal', 'add', *args, status=status)
        self.assertEqual(self.count('proposal'), 0)

    def long_text(self):
        pieces = ['Más árboles', ' y bancas ', '😀', 'ñandú', ' — ', 'e\u0301', '👩🏽‍🌾',
                  '日本語', ' «comillas» ', '\n', 'Ünïcödé', ' 🇲🇽 ']
        text = ''
        i = 0
        while len(text) < 10000:
            text += pieces[i % len(pieces)]
            i += 1
        text = 'Inicio ' + text[:10000 - len('Inicio ') - len(' fin')] + ' fin'
        self.assertEqual(len(text), 10000)
        return text

    def test_long_text_round_trip(self):
        session = self.add_session()
        text = self.long_text()
        proposal = self.add_proposal(session, text, '--title', 'Título ✨')
        (stored, title), = self.query('SELECT text, title FROM proposal WHERE id = ?', proposal)
        self.assertEqual(stored, text)
        self.assertEqual(title, 'Título ✨')
        listed = json.loads(self.ok('proposal', 'list', '--session', session,
                                    '--format', 'json'))
        self.assertEqual(listed[0]['text'], text)

    def test_utf8_in_c_locale(self):
        # a script or a service may run in the C locale: text still is UTF-8
        env = dict(self.env, LC_ALL='C')
        session = self.add_session()
        text = self.long_text()
        proposal = self.ok_id('proposal', 'add', '--session', session, '--text', text,
                              env=env)
        (stored,), = self.query('SELECT text FROM proposal WHERE id = ?', proposal)
        self.assertEqual(stored, text)
        listed = json.loads(self.ok('proposal', 'list', '--session', session, '--format',
                                    'json', env=env))
        self.assertEqual(listed[0]['text'], text)

    def test_invalid_utf8(self):
        session = self.add_session()
        with open(self.path, 'rb') as f:
            before = f.read()
        proc = subprocess.run([CLI.encode(), b'--file', self.path.encode(), b'proposal', b'add',
                               b'--session', str(session).encode(), b'--text', b'caf\xe9 \xff'],
                              capture_output=True, env=self.env, timeout=120)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stderr.count(b'\n'), 1)
        with open(self.path, 'rb') as f:
            self.assertEqual(f.read(), before)


class TestRounds(CliTestCase):

    def test_add_and_list(self):
        adults = self.add_session('Adultos', 'older-adults')
        children = self.add_session('Niñez', 'children')
        dot = self.add_round(adults, 'dot', '--title', 'Priorización')
        dot5 = self.add_round(adults, 'dot', '--dots', 5)
        scale_adults = self.add_round(adults, 'scale')
        scale_children = self.add_round(children, 'scale')
        scale_forced = self.add_round(children, 'scale', '--points', 5)
        approval = self.add_round(adults, 'approval')
        ranking = self.add_round(adults, 'ranking')
        tally = self.add_round(adults, 'tally')
        self.assertEqual([dot, dot5, scale_adults, scale_children, scale_forced, approval,
                          ranking, tally], list(range(1, 9)))
        rows = self.query('SELECT id, session_id, title, method, dots, points '
                          'FROM voting_round ORDER BY id')
        self.assertEqual([r[:4] for r in rows], [
            (1, adults, 'Priorización', 'dot'), (2, adults, '', 'dot'),
            (3, adults, '', 'scale'), (4, children, '', 'scale'), (5, children, '', 'scale'),
            (6, adults, '', 'approval'), (7, adults, '', 'ranking'), (8, adults, '', 'tally'),
        ])
        self.assertEqual(rows[0][4], 3)
        self.assertEqual(rows[1][4], 5)
        self.assertEqual(rows[2][5], 5)
        self.assertEqual(rows[3][5], 3)
        self.assertEqual(rows[4][5], 5)

        listed = json.loads(self.ok('round', 'list', '--session', adults, '--format', 'json'))
        self.assertEqual([r['id'] for r in listed], [1, 2, 3, 6, 7, 8])
        self.assertEqual(listed[0]['method'], 'dot')
        self.assertEqual(listed[0]['dots'], 3)
        self.assertEqual(listed[0]['title'], 'Priorización')
        self.assertEqual(listed[2]['points'], 5)
        text = self.ok('round', 'list', '--session', children).splitlines()
        self.assertEqual([re.split(r'\s{2,}', line) for line in text],
                         [['4', 'scale', '3 points'], ['5', 'scale', '5 points']])

    def test_refusals(self):
        session = self.add_session()
        for args, status in [
            (['--method', 'dot', '--dots', 0], 1),
            (['--method', 'dot', '--dots', 101], 1),
            (['--method', 'dot', '--dots', -5], 1),
            (['--method', 'dot', '--dots', '1e3'], 2),
            (['--method', 'scale', '--points', 4], 1),
            (['--method', 'scale', '--points', 10], 1),
            (['--method', 'scale', '--points', 0], 1),
            (['--method', 'Dot'], 2),
        ]:
            with self.subTest(args=args):
                message = self.refused('round', 'add', '--session', session, *args,
                                       status=status)
                if status == 1 and '--dots' in args:
                    self.assertIn('100', message)
        self.refused('round', 'add', '--session', 99, '--method', 'dot')
        self.assertEqual(self.count('voting_round'), 0)
        self.assertEqual(self.add_round(session, 'dot', '--dots', 1), 1)
        self.assertEqual(self.add_round(session, 'dot', '--dots', 100), 2)
        self.assertEqual(self.add_round(session, 'scale', '--points', 3), 3)


class TestVoting(CliTestCase):

    def test_dot(self):
        session, (p1, p2, p3), props = self.workshop()
        a, b, c = props['A'], props['B'], props['C']
        round_id = self.add_round(session, 'dot', '--dots', 3)

        v1 = self.vote(round_id, p1, a, 2)
        v2 = self.vote(round_id, p1, b)
        v3 = self.vote(round_id, p2, a, 3)
        v4 = self.vote(round_id, p3, c)
        v5 = self.vote(round_id, p3, c)
        v6 = self.vote(round_id, p3, b, 1)
        self.assertEqual(self.query('SELECT id, participant_id, proposal_id, value FROM vote '
                                    'WHERE round_id = ? ORDER BY id', round_id),
                         [(v1, p1, a, 2), (v2, p1, b, 1), (v3, p2, a, 3), (v4, p3, c, 1),
                          (v5, p3, c, 1), (v6, p3, b, 1)])

        # everyone has used their 3 dots
        for person in (p1, p2, p3):
            self.refused('vote', '--round', round_id, '--participant', person,
                         '--proposal', a)
        self.refused('vote', '--round', round_id, '--participant', p1, '--proposal', c,
                     '--value', 0)
        self.refused('vote', '--round', round_id, '--participant', p1, '--proposal', c,
                     '--value', -1)
        p4 = self.add_participant(session, 'Persona 4')
        self.refused('vote', '--round', round_id, '--participant', p4, '--proposal', c,
                     '--value', 4)
        self.assertEqual(self.count('vote'), 6)

        data = self.results(round_id)
        self.assertEqual(data['method'], 'dot')
        self.assertEqual(data['dots_per_person'], 3)
        self.assertEqual(data['voters'], 3)
        self.assertEqual([(r['proposal'], r['rank'], r['score']) for r in data['results']],
                         [(a, 1, 5), (b, 2, 2), (c, 2, 2)])
        self.assertEqual(len(data['ties']), 1)
        self.assertIn('B', data['ties'][0])
        self.assertIn('C', data['ties'][0])

        rows = list(csv.DictReader(io.StringIO(self.ok('results', '--round', round_id,
                                                       '--format', 'csv'))))
        self.assertEqual([(int(r['proposal_id']), int(r['rank']), int(r['score']), r['label'])
                          for r in rows], [(a, 1, 5, 'A'), (b, 2, 2, 'B'), (c, 2, 2, 'C')])

        text = self.ok('results', '--round', round_id)
        self.assertIn('5 dots', text)
        self.assertIn('3 people voted', text)
        self.assertEqual(text, self.ok('results', '--round', round_id, '--format', 'text'))

    def test_dot_votes_counts_votes(self):
        # "votes" counts the votes cast; one vote may stack several dots
        session, (p1, p2, _), props = self.workshop()
        round_id = self.add_round(session, 'dot', '--dots', 3)
        self.vote(round_id, p1, props['A'])
        self.vote(round_id, p1, props['A'])
        self.vote(round_id, p2, props['B'], 2)
        rows = self.by_proposal(self.results(round_id))
        self.assertEqual((rows[props['A']]['votes'], rows[props['A']]['score']), (2, 2))
        self.assertEqual((rows[props['B']]['votes'], rows[props['B']]['score']), (1, 2))

    def test_approval(self):
        session, (p1, p2, p3), props = self.workshop()
        a, b, c = props['A'], props['B'], props['C']
        round_id = self.add_round(session, 'approval')
        self.vote(round_id, p1, a)
        self.vote(round_id, p1, b, 5)  # the value of an approval is ignored
        self.vote(round_id, p2, a)
        self.vote(round_id, p3, c)
        self.refused('vote', '--round', round_id, '--participant', p1, '--proposal', a)
        self.refused('vote', '--round', round_id, '--participant', p3, '--proposal', c)
        self.assertEqual(self.query('SELECT DISTINCT value FROM vote'), [(1,)])
        self.assertEqual(self.count('vote'), 4)

        data = self.results(round_id)
        self.assertEqual(data['voters'], 3)
        self.assertEqual([(r['proposal'], r['rank'], r['score'], r['votes'])
                          for r in data['results']],
                         [(a, 1, 2, 2), (b, 2, 1, 1), (c, 2, 1, 1)])
        self.assertIn('2 approvals', self.ok('results', '--round', round_id))

    def test_scale_5_points(self):
        session, (p1, p2, p3), props = self.workshop('older-adults')
        a, b, c = props['A'], props['B'], props['C']
        round_id = self.add_round(session, 'scale')
        for person, proposal, value in [(p1, a, 2), (p2, a, 2), (p3, a, 5),
                                        (p1, b, 1), (p2, b, 4), (p3, b, 4),
                                        (p1, c, 5), (p2, c, 4)]:
            self.vote(round_id, person, proposal, value)
        self.refused('vote', '--round', round_id, '--participant', p3, '--proposal', c,
                     '--value', 6)
        self.refused('vote', '--round', round_id, '--participant', p3, '--proposal', c,
                     '--value', 0)
        self.refused('vote', '--round', round_id, '--participant', p1, '--proposal', a,
                     '--value', 3)

        data = self.results(round_id)
        self.assertEqual(data['points'], 5)
        self.assertEqual(data['voters'], 3)
        rows = data['results']
        # C: mean 4.5; B and A both mean 3, B wins on its median 4 against 2
        self.assertEqual([(r['proposal'], r['rank']) for r in rows], [(c, 1), (b, 2), (a, 3)])
        expected = {c: (4.5, 4.5, [0, 0, 0, 1, 1], 2),
                    b: (3.0, 4.0, [1, 0, 0, 2, 0], 3),
                    a: (3.0, 2.0, [0, 2, 0, 0, 1], 3)}
        for r in rows:
            mean, median, distribution, votes = expected[r['proposal']]
            self.assertAlmostEqual(r['mean'], mean)
            self.assertAlmostEqual(r['score'], mean)
            self.assertAlmostEqual(r['median'], median)
            self.assertEqual(r['distribution'], distribution)
            self.assertEqual(r['votes'], votes)
        self.assertEqual(len(data['ties']), 1)
        self.assertIn('median', data['ties'][0])

        rows = list(csv.DictReader(io.StringIO(self.ok('results', '--round', round_id,
                                                       '--format', 'csv'))))
        self.assertEqual([r['rated_4'] for r in rows], ['1', '2', '0'])
        self.assertAlmostEqual(float(rows[0]['mean']), 4.5)

    def test_scale_3_faces(self):
        session, (p1, p2, p3), props = self.workshop('children')
        a, b, c = props['A'], props['B'], props['C']
        round_id = self.add_round(session, 'scale')
        for person, proposal, value in [(p1, a, 3), (p2, a, 1),
                                        (p1, b, 2), (p2, b, 2), (p3, b, 3)]:
            self.vote(round_id, person, proposal, value)
        self.refused('vote', '--round', round_id, '--participant', p3, '--proposal', c,
                     '--value', 4)

        data = self.results(round_id)
        self.assertEqual(data['points'], 3)
        rows = data['results']
        self.assertEqual([(r['proposal'], r['rank']) for r in rows], [(b, 1), (a, 2), (c, 3)])
        got = {r['proposal']: r for r in rows}
        self.assertAlmostEqual(got[b]['mean'], 7 / 3)
        self.assertAlmostEqual(got[b]['median'], 2.0)
        self.assertEqual(got[b]['distribution'], [0, 2, 1])
        self.assertAlmostEqual(got[a]['mean'], 2.0)
        self.assertAlmostEqual(got[a]['median'], 2.0)  # between 1 and 3
        self.assertEqual(got[a]['distribution'], [1, 0, 1])
        self.assertEqual((got[c]['mean'], got[c]['median'], got[c]['votes']), (0, 0, 0))

    def test_ranking_borda(self):
        session, people, props = self.workshop('mixed', 3, ('A', 'B', 'C', 'D'))
        p1, p2, p3 = people
        a, b, c, d = props['A'], props['B'], props['C'], props['D']
        round_id = self.add_round(session, 'ranking')
        self.rank(round_id, p1, [a, b, c])
        self.rank(round_id, p2, [b, a, d, c])
        self.rank(round_id, p3, [b, c])
        self.assertEqual(self.query('SELECT proposal_id, value FROM vote WHERE '
                                    'participant_id = ? ORDER BY value', p2),
                         [(b, 1), (a, 2), (d, 3), (c, 4)])

        # with n = 4 proposals, place k is worth 4 - k points
        data = self.results(round_id)
        self.assertEqual(data['voters'], 3)
        self.assertEqual([(r['proposal'], r['rank'], r['score'], r['first_preferences'],
                           r['votes']) for r in data['results']],
                         [(b, 1, 2 + 3 + 3, 2, 3),
                          (a, 2, 3 + 2, 1, 2),
                          (c, 3, 1 + 0 + 2, 0, 3),
                          (d, 4, 1, 0, 1)])
        self.assertEqual(data['ties'], [])

    def test_ranking_tie_broken_by_first_places(self):
        session, people, props = self.workshop('mixed', 5, ('A', 'B', 'C'))
        a, b, c = props['A'], props['B'], props['C']
        round_id = self.add_round(session, 'ranking')
        for person, ballot in zip(people, [[c, b], [c, b], [a, b], [b, a], [b, a]]):
            self.rank(round_id, person, ballot)
        data = self.results(round_id)
        # B 1+1+1+2+2 = 7; C 2+2 = 4 with two first places; A 2+1+1 = 4 with one
        self.assertEqual([(r['proposal'], r['rank'], r['score'], r['first_preferences'])
                          for r in data['results']],
                         [(b, 1, 7, 2), (c, 2, 4, 2), (a, 3, 4, 1)])
        self.assertEqual(len(data['ties']), 1)
        self.assertIn('first', data['ties'][0])

    def test_ranking_refusals(self):
        session, (p1, p2, _), props = self.workshop('mixed', 3, ('A', 'B', 'C'))
        a, b, c = props['A'], props['B'], props['C']
        other, (stranger,), other_props = self.workshop('older-adults', 1, ('X',))
        round_id = self.add_round(session, 'ranking')
        base = ['vote', '--round', round_id]
        self.refused(*base, '--participant', p1, '--ranking', f'{a},{b},{a}')
        self.refused(*base, '--participant', p1, '--ranking', f'{a},{other_props["X"]}')
        self.refused(*base, '--participant', p1, '--ranking', f'{a},999')
        self.refused(*base, '--participant', stranger, '--ranking', f'{a},{b}')
        self.refused(*base, '--participant', p1, '--proposal', a)
        self.assertEqual(self.count('vote'), 0)
        self.rank(round_id, p1, [c, a])
        self.refused(*base, '--participant', p1, '--ranking', f'{b}')
        self.assertEqual(self.count('vote'), 2)
        # spaces around the commas are fine
        out = self.ok(*base, '--participant', p2, '--ranking', f'{b}, {c} ,{a}')
        self.assertEqual(out, f'{b},{c},{a}\n')

    def test_tally(self):
        session, _, props = self.workshop()
        a, b, c = props['A'], props['B'], props['C']
        round_id = self.add_round(session, 'tally')
        self.assertEqual(self.ok('tally', '--round', round_id, '--proposal', a, '--count', 9),
                         '9\n')
        self.ok('tally', '--round', round_id, '--proposal', a, '--count', 12)
        self.ok('tally', '--round', round_id, '--proposal', b, '--count', 7)
        self.ok('tally', '--round', round_id, '--proposal', c, '--count', 12)
        self.assertEqual(self.query('SELECT proposal_id, value, participant_id FROM vote '
                                    'ORDER BY proposal_id'),
                         [(a, 12, None), (b, 7, None), (c, 12, None)])
        data = self.results(round_id)
        self.assertEqual(data['hands'], 31)
        self.assertEqual([(r['proposal'], r['rank'], r['score']) for r in data['results']],
                         [(a, 1, 12), (c, 1, 12), (b, 3, 7)])
        self.assertEqual(len(data['ties']), 1)

        self.assertEqual(self.ok('tally', '--round', round_id, '--proposal', b, '--count', 0),
                         '0\n')
        self.assertEqual(self.count('vote'), 2)
        self.refused('tally', '--round', round_id, '--proposal', a, '--count', 1000001)
        self.refused('vote', '--round', round_id, '--participant', 1, '--proposal', a)
        dot = self.add_round(session, 'dot')
        self.refused('tally', '--round', dot, '--proposal', a, '--count', 3)
        self.refused('tally', '--round', 99, '--proposal', a, '--count', 3)

    def test_other_session(self):
        session, (p1,), props = self.workshop('mixed', 1, ('A',))
        other, (stranger,), other_props = self.workshop('children', 1, ('X',))
        for method in ('dot', 'approval', 'scale'):
            with self.subTest(method=method):
                round_id = self.add_round(session, method)
                self.refused('vote', '--round', round_id, '--participant', p1,
                             '--proposal', other_props['X'])
                self.refused('vote', '--round', round_id, '--participant', stranger,
                             '--proposal', props['A'])
                self.refused('vote', '--round', round_id, '--participant', 999,
                             '--proposal', props['A'])
                self.refused('vote', '--round', round_id, '--participant', p1,
                             '--proposal', 999)
        tally = self.add_round(session, 'tally')
        self.refused('tally', '--round', tally, '--proposal', other_props['X'], '--count', 3)
        self.refused('vote', '--round', 999, '--participant', p1, '--proposal', props['A'])
        self.refused('results', '--round', 999)
        self.assertEqual(self.count('vote'), 0)

    def test_empty_results(self):
        session, _, props = self.workshop()
        round_id = self.add_round(session, 'approval')
        data = self.results(round_id)
        self.assertEqual(data['voters'], 0)
        self.assertEqual({r['score'] for r in data['results']}, {0})
        self.assertEqual({r['rank'] for r in data['results']}, {1})


class TestDemo(CliTestCase):

    SUMMARY = (r'^(\d+) sessions?, (\d+) participants?, (\d+) proposals?, (\d+) votes? '
               r'written in \d+\.\d\d s \(\d+ votes/s\)\n$')

    def counts(self, path):
        return tuple(self.count(t, path=path)
                     for t in ('session', 'participant', 'proposal', 'vote'))

    def test_defaults(self):
        out = self.ok('demo')
        match = re.match(self.SUMMARY, out)
        self.assertIsNotNone(match, out)
        printed = tuple(int(n) for n in match.groups())
        self.assertEqual(printed[:3], (4, 4 * 12, 4 * 8))
        self.assertEqual(self.counts(self.path), printed)
        self.assertEqual(self.count('voting_round'), 4)
        self.assertIn('good order', self.ok('check'))
        self.assertEqual(len(json.loads(self.ok('session', 'list', '--format', 'json'))), 4)

    def test_seed_is_deterministic(self):
        first = os.path.join(self.dir, 'uno.abierto')
        second = os.path.join(self.dir, 'dos.abierto')
        args = ['demo', '--sessions', 6, '--proposals', 5, '--participants', 7, '--votes', 20,
                '--seed', 42]
        out1 = self.ok(*args, path=first)
        out2 = self.ok(*args, path=second)
        self.assertEqual(re.match(self.SUMMARY, out1).groups(),
                         re.match(self.SUMMARY, out2).groups())
        self.assertEqual(self.counts(first), self.counts(second))
        self.assertEqual(self.counts(first)[:3], (6, 6 * 7, 6 * 5))
        votes = 'SELECT round_id, proposal_id, participant_id, value FROM vote ORDER BY id'
        self.assertEqual(self.query(votes, path=first), self.query(votes, path=second))
        self.assertIn('good order', self.ok('check', path=first))

    def test_results_of_demo_rounds(self):
        self.ok('demo', '--seed', 3)
        for (round_id,) in self.query('SELECT id FROM voting_round'):
            data = self.results(round_id)
            self.assertGreater(len(data['results']), 0)
            ranks = [r['rank'] for r in data['results']]
            self.assertEqual(ranks, sorted(ranks))
            self.assertEqual(ranks[0], 1)

    def test_too_large(self):
        self.add_session()
        self.refused('demo', '--sessions', 20000)
        self.assertEqual(self.count('session'), 1)

    def test_adds_to_a_file(self):
        self.add_session()
        out = self.ok('demo', '--sessions', 1, '--proposals', 2, '--participants', 1,
                      '--votes', 1)
        self.assertRegex(out, r'^1 session, 1 participant, 2 proposals, 1 vote written')
        self.assertEqual(self.count('session'), 2)


class TestSpanish(CliTestCase):
    """Under es_MX.UTF-8 the tool speaks Spanish, from the built catalog."""

    def setUp(self):
        super().setUp()
        localedir = os.environ.get('ABIERTO_LOCALEDIR')
        if not localedir:
            self.skipTest('ABIERTO_LOCALEDIR is not set')
        self.catalog = gettext.translation('abierto', localedir=localedir, languages=['es'])
        self.es = dict(self.env)
        self.es['LC_ALL'] = 'es_MX.UTF-8'

    def spanish(self, english):
        translated = self.catalog.gettext(english)
        self.assertNotEqual(translated, english, f'no Spanish for {english!r}')
        return translated

    def test_refusal(self):
        self.add_session()
        message = self.fails('session', 'add', '--title', ' ', '--group', 'mixed', status=1,
                             env=self.es)
        field = self.spanish('title')
        self.assertEqual(message,
                         'abierto-cli: ' + self.spanish('The %s cannot be empty.') % field)

    def test_results(self):
        session = self.add_session()
        people = [self.add_participant(session, a) for a in ('Ana', 'Beto')]
        a = self.ok_id('proposal', 'add', '--session', session, '--text', 'Bancas')
        round_id = self.add_round(session, 'approval')
        for p in people:
            self.vote(round_id, p, a)
        text = self.ok('results', '--round', round_id, env=self.es)
        self.assertIn(self.catalog.ngettext('%u person voted\n', '%u people voted\n', 2) % 2,
                      text)
        self.assertIn(self.catalog.ngettext('%lld approval', '%lld approvals', 2).replace('%lld', '2'), text)
        self.assertIn(self.spanish('Approval'), text)
        # the English sentence is gone
        self.assertNotIn('people voted', text)


if __name__ == '__main__':
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        CLI = os.path.abspath(sys.argv.pop(1))
    if not CLI:
        sys.exit('usage: test_cli.py PATH-TO-abierto-cli [unittest options]')
    unittest.main(verbosity=2)
