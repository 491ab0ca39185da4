#!/usr/bin/python3
# test_commitments.py
#
# Copyright 2026 The Abierto developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tests of the commitment commands of abierto-cli, run as a user would run
them, on the same footing as test_cli.py (whose helpers they use).

Usage: test_commitments.py PATH-TO-abierto-cli [unittest options]
"""

import datetime
import json
import os
import sys
import unittest

import test_cli
from test_cli import CliTestCase


class CommitmentTestCase(CliTestCase):

    def setUp(self):
        super().setUp()
        self.session = self.add_session('Parque Hundido', 'older-adults')
        self.lamps = self.add_proposal(self.session, 'Más luminarias en el parque')
        self.waiting = self.add_proposal(self.session, 'Menos espera en el centro de salud')

    def complete(self, *extra, proposal=None, action='Reparar las luminarias del parque'):
        """The arguments of a commitment that passes the check."""
        return ['commitment', 'add', '--session', self.session,
                '--proposal', proposal or self.lamps, '--action', action,
                '--institution', 'Alcaldía Coyoacán', '--indicator', 'Luminarias funcionando',
                '--baseline', '40', '--target', '100', '--unit', 'luminarias',
                '--deadline', '2030-12-31', *extra]

    def listed(self, *extra):
        return json.loads(self.ok('commitment', 'list', '--format', 'json', *extra))

    def by_id(self, *extra):
        return {c['id']: c for c in self.listed(*extra)}


class TestAdd(CommitmentTestCase):

    def test_add(self):
        cid = self.ok_id(*self.complete('--area', 'Dirección de Alumbrado',
                                        '--budget', '250000.50'))
        rows = self.query('SELECT session_id, action, institution, area, indicator, baseline, '
                          'target, unit, deadline, budget_allocated, budget_spent, status, '
                          'deleted FROM commitment WHERE id = ?', cid)
        self.assertEqual(rows, [(self.session, 'Reparar las luminarias del parque',
                                 'Alcaldía Coyoacán', 'Dirección de Alumbrado',
                                 'Luminarias funcionando', 40.0, 100.0, 'luminarias',
                                 '2030-12-31', 250000.5, None, 'planned', 0)])
        links = self.query('SELECT proposal_id FROM commitment_proposal WHERE commitment_id = ?',
                           cid)
        self.assertEqual(links, [(self.lamps,)])

    def test_several_proposals(self):
        cid = self.ok_id(*self.complete('--proposal', self.waiting))
        self.assertEqual(self.by_id()[cid]['proposals'], sorted([self.lamps, self.waiting]))
        cid = self.ok_id(*self.complete(proposal=f'{self.waiting},{self.lamps}'))
        self.assertEqual(self.by_id()[cid]['proposals'], sorted([self.lamps, self.waiting]))

    def test_not_measurable_is_refused(self):
        message = self.refused('commitment', 'add', '--session', self.session,
                               '--proposal', self.lamps, '--action', 'Poner luminarias')
        self.assertEqual(message,
                         'abierto-cli: A commitment must be specific, achievable and '
                         'measurable, and this one still lacks an indicator to measure it, a '
                         'numeric target, a deadline and a responsible institution. Add them, '
                         'or save the commitment as a draft.')
        self.assertEqual(self.count('commitment'), 0)

        # only what is missing is named
        args = self.complete()
        i = args.index('--deadline')
        del args[i:i + 2]
        message = self.refused(*args)
        self.assertIn('still lacks a deadline. Add it,', message)
        self.assertNotIn('indicator', message)

    def test_draft(self):
        cid = self.ok_id('commitment', 'add', '--session', self.session, '--proposal',
                         self.lamps, '--action', 'Revisar el alumbrado', '--draft')
        self.assertEqual(self.query('SELECT status, target, deadline FROM commitment'),
                         [('draft', None, None)])
        c = self.by_id()[cid]
        self.assertEqual(c['status'], 'draft')
        self.assertIsNone(c['progress'])
        self.assertFalse(c['overdue'])

    def test_long_action_is_refused_not_cut(self):
        message = self.refused(*self.complete(action='á' * 10000))
        self.assertEqual(message, 'abierto-cli: The action has 10000 characters, more than the '
                                  '2000 it can have; shorten it.')
        # at the limit it is kept whole
        cid = self.ok_id(*self.complete(action='á' * 2000))
        self.assertEqual(self.query('SELECT length(action) FROM commitment WHERE id = ?', cid),
                         [(2000,)])

    def test_refusals(self):
        other = self.add_session('Otra', 'children')
        foreign = self.add_proposal(other, 'Un patio con juegos')
        for args in (self.complete('--deadline', '2030-02-30'),
                     self.complete('--deadline', '31/12/2030'),
                     self.complete('--budget', '-5'),
                     self.complete(proposal=foreign),
                     self.complete(proposal=9999),
                     self.complete(action='   ')):
            self.refused(*args)
        message = self.refused(*self.complete(proposal=foreign))
        self.assertIn('another session', message)
        self.assertEqual(self.count('commitment'), 0)

    def test_usage_errors(self):
        cases = [
            ['commitment'],
            ['commitment', 'frobnicate'],
            ['commitment', 'add', '--session', self.session, '--action', 'x'],
            ['commitment', 'add', '--proposal', self.lamps, '--action', 'x'],
            ['commitment', 'add', '--session', self.session, '--proposal', self.lamps],
            self.complete('--target', 'cien'),
            self.complete('--target', 'nan'),
            self.complete('--target', 'inf'),
            self.complete('--target', '1e999'),
            self.complete('--baseline', ''),
            self.complete(proposal='1,,2'),
            self.complete(proposal='uno'),
            ['commitment', 'update', '--value', '3'],
            ['commitment', 'update', '--commitment', '1'],
            ['commitment', 'update', '--commitment', '1', '--value', 'tres'],
            ['commitment', 'status', '--commitment', '1'],
            ['commitment', 'status', '--commitment', '1', '--status', 'finished'],
            ['commitment', 'list', '--format', 'xml'],
            ['commitment', 'list', '--status', 'planned,late'],
            ['commitment', 'list', '--session', '0'],
        ]
        for args in cases:
            with self.subTest(args=args):
                self.refused(*args, status=2)
        self.assertEqual(self.count('commitment'), 0)

    def test_help(self):
        out = self.ok('--help', use_file=False)
        for words in ('commitment add', 'commitment update', 'commitment status',
                      'commitment list'):
            self.assertRegex(out, rf'\n  {words}  ')
            sub = self.ok(*words.split(), '--help', use_file=False)
            self.assertIn(f'abierto-cli [OPTION…] {words}\n', sub)
        self.assertIn('--draft', self.ok('commitment', 'add', '--help', use_file=False))


class TestProgress(CommitmentTestCase):

    def test_update_and_list(self):
        cid = self.ok_id(*self.complete())
        first = self.ok_id('commitment', 'update', '--commitment', cid, '--value', '55',
                           '--date', '2026-03-01', '--note', 'Van 15 más',
                           '--evidence', 'https://datos.cdmx.gob.mx/alumbrado')
        # entered out of order: the latest by date counts
        self.ok_id('commitment', 'update', '--commitment', cid, '--value', '85',
                   '--date', '2026-05-01')
        self.ok_id('commitment', 'update', '--commitment', cid, '--value', '70',
                   '--date', '2026-04-01')
        c = self.by_id()[cid]
        self.assertEqual(c['status'], 'in-progress')
        self.assertEqual(c['current_value'], 85)
        self.assertEqual(c['current_date'], '2026-05-01')
        self.assertEqual(c['progress'], 75)
        self.assertFalse(c['overdue'])
        self.assertEqual([u['date'] for u in c['updates']],
                         ['2026-03-01', '2026-04-01', '2026-05-01'])
        self.assertEqual(c['updates'][0]['id'], first)
        self.assertEqual(c['updates'][0]['note'], 'Van 15 más')
        self.assertEqual(c['updates'][0]['evidence'], 'https://datos.cdmx.gob.mx/alumbrado')
        self.assertIsNone(c['updates'][1]['evidence'])

        text = self.ok('commitment', 'list', '--session', self.session)
        self.assertRegex(text, rf'^{cid}  in-progress  75 %  2030-12-31  -  +Alcaldía Coyoacán  '
                               r'Reparar las luminarias del parque\n$')

    def test_date_defaults_to_today(self):
        cid = self.ok_id(*self.complete())
        self.ok_id('commitment', 'update', '--commitment', cid, '--value', '41')
        today = datetime.date.today().isoformat()
        self.assertEqual(self.by_id()[cid]['current_date'], today)

    def test_decreasing_indicator(self):
        cid = self.ok_id('commitment', 'add', '--session', self.session,
                         '--proposal', self.waiting, '--action', 'Reducir la espera',
                         '--institution', 'Secretaría de Salud', '--indicator',
                         'Minutos de espera', '--baseline', '90', '--target', '30',
                         '--unit', 'minutos', '--deadline', '2030-06-30')
        self.assertEqual(self.by_id()[cid]['progress'], 0)
        self.ok_id('commitment', 'update', '--commitment', cid, '--value', '45',
                   '--date', '2026-02-01')
        self.assertEqual(self.by_id()[cid]['progress'], 75)
        self.ok_id('commitment', 'update', '--commitment', cid, '--value', '20.5',
                   '--date', '2026-03-01')
        self.assertEqual(self.by_id()[cid]['progress'], 100)
        self.ok_id('commitment', 'update', '--commitment', cid, '--value', '120',
                   '--date', '2026-04-01')
        self.assertEqual(self.by_id()[cid]['progress'], 0)

    def test_overdue(self):
        late = self.ok_id(*self.complete('--deadline', '2020-01-31'))
        on_time = self.ok_id(*self.complete())
        data = self.by_id()
        self.assertTrue(data[late]['overdue'])
        self.assertFalse(data[on_time]['overdue'])
        text = self.ok('commitment', 'list', '--session', self.session)
        self.assertRegex(text, rf'(?m)^{late} .* 2020-01-31  overdue  ')
        self.assertRegex(text, rf'(?m)^{on_time} .* 2030-12-31  -  ')
        # done is not late
        self.ok('commitment', 'status', '--commitment', late, '--status', 'done')
        self.assertFalse(self.by_id()[late]['overdue'])

    def test_update_refusals(self):
        cid = self.ok_id(*self.complete())
        draft = self.ok_id('commitment', 'add', '--session', self.session, '--proposal',
                           self.lamps, '--action', 'Idea', '--draft')
        tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
        for args, words in (
                (['--commitment', cid, '--value', '5', '--date', '2026-02-30'], 'YYYY-MM-DD'),
                (['--commitment', cid, '--value', '5', '--date', tomorrow], 'still to come'),
                (['--commitment', cid, '--value', '5', '--evidence', 'ftp://x.mx/a'],
                 'web address'),
                (['--commitment', cid, '--value', '5', '--evidence', 'javascript:alert(1)'],
                 'web address'),
                (['--commitment', cid, '--value', '5', '--note', 'n' * 2001], '2000'),
                (['--commitment', 999, '--value', '5'], 'no commitment number 999'),
                (['--commitment', draft, '--value', '5'], 'draft')):
            with self.subTest(args=args):
                message = self.refused('commitment', 'update', *args)
                self.assertIn(words, message)
        self.assertEqual(self.count('commitment_update'), 0)
        self.assertEqual(self.query('SELECT status FROM commitment WHERE id = ?', cid),
                         [('planned',)])


class TestStatusAndList(CommitmentTestCase):

    def test_drop_needs_a_reason(self):
        cid = self.ok_id(*self.complete())
        message = self.refused('commitment', 'status', '--commitment', cid, '--status', 'dropped')
        self.assertIn('Say why', message)
        self.assertEqual(self.ok('commitment', 'status', '--commitment', cid, '--status',
                                 'dropped', '--reason', 'El parque pasó a Obras.'), '')
        c = self.by_id()[cid]
        self.assertEqual((c['status'], c['status_reason']), ('dropped', 'El parque pasó a Obras.'))
        # a draft can be dropped as it is
        draft = self.ok_id('commitment', 'add', '--session', self.session, '--proposal',
                           self.lamps, '--action', 'Idea', '--draft')
        self.ok('commitment', 'status', '--commitment', draft, '--status', 'dropped',
                '--reason', 'Nadie la tomó.')
        # but a draft becomes a promise only once complete
        draft = self.ok_id('commitment', 'add', '--session', self.session, '--proposal',
                           self.lamps, '--action', 'Otra idea', '--draft')
        message = self.refused('commitment', 'status', '--commitment', draft,
                               '--status', 'planned')
        self.assertIn('still lacks', message)
        self.refused('commitment', 'status', '--commitment', 999, '--status', 'done')

    def test_filters(self):
        other = self.add_session('Otra', 'children')
        patio = self.add_proposal(other, 'Un patio con juegos')
        a = self.ok_id(*self.complete())
        b = self.ok_id('commitment', 'add', '--session', self.session,
                       '--proposal', self.waiting, '--action', 'Reducir la espera',
                       '--institution', 'Secretaría de Salud', '--indicator', 'Minutos',
                       '--baseline', '90', '--target', '30', '--unit', 'minutos',
                       '--deadline', '2030-06-30')
        c = self.ok_id('commitment', 'add', '--session', other, '--proposal', patio,
                       '--action', 'Arreglar el patio', '--draft')
        self.assertEqual(sorted(self.by_id()), [a, b, c])
        self.assertEqual(sorted(self.by_id('--session', self.session)), [a, b])
        self.assertEqual(sorted(self.by_id('--session', other)), [c])
        self.assertEqual(sorted(self.by_id('--institution', 'ALCALDÍA COYOACÁN')), [a])
        self.assertEqual(sorted(self.by_id('--status', 'draft')), [c])
        self.assertEqual(sorted(self.by_id('--status', 'planned, draft')), [a, b, c])
        self.assertEqual(self.listed('--session', self.session, '--status', 'done'), [])
        self.assertEqual(self.ok('commitment', 'list', '--status', 'done'), '')
        self.refused('commitment', 'list', '--session', 999)

    def test_no_alias_anywhere(self):
        person = self.add_participant(self.session, 'Lupita')
        mine = self.add_proposal(self.session, 'Bancas con sombra', '--author', person)
        cid = self.ok_id(*self.complete(proposal=mine))
        self.ok_id('commitment', 'update', '--commitment', cid, '--value', '50',
                   '--date', '2026-01-15')
        for out in (self.ok('commitment', 'list', '--format', 'json'),
                    self.ok('commitment', 'list')):
            self.assertNotIn('Lupita', out)
        self.assertNotIn('author', self.by_id()[cid])

    def test_reading_leaves_the_file_alone(self):
        self.ok_id(*self.complete())
        with open(self.path, 'rb') as f:
            before = f.read()
        self.ok('commitment', 'list', '--format', 'json')
        self.ok('commitment', 'list')
        with open(self.path, 'rb') as f:
            self.assert_same_bytes(before, f.read(), 'commitment list')


if __name__ == '__main__':
    if len(sys.argv) > 1 and not sys.argv[1].startswith('-'):
        test_cli.CLI = os.path.abspath(sys.argv.pop(1))
    if not test_cli.CLI:
        sys.exit('usage: test_commitments.py PATH-TO-abierto-cli [unittest options]')
    unittest.main(verbosity=2)
