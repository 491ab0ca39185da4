#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The table of build-aux/bench.sh, built by bench-table.py from a fixture
of BENCH lines instead of a real run: ratios, "—" for what was not
measured, targets met or not, the JSON beside it, and the exit status.
  test-bench-table.py BENCH-TABLE.py FIXTURE.txt"""

import json
import os
import re
import subprocess
import sys
import tempfile
import traceback

TABLE, FIXTURE = sys.argv[1:3]
with open(FIXTURE, encoding='utf-8') as f:
    LINES = f.read().splitlines()

tests = []


def test(func):
    tests.append(func)
    return func


class Run:
    """bench-table.py on lines: its exit status, output, table rows by
    label and JSON."""

    def __init__(self, lines, stdin=False):
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, 'bench.txt')
            out = os.path.join(tmp, 'bench.json')
            with open(src, 'w', encoding='utf-8') as f:
                f.write('\n'.join(lines) + '\n')
            if stdin:
                with open(src, encoding='utf-8') as f:
                    p = subprocess.run([sys.executable, TABLE, '-', out], stdin=f,
                                       capture_output=True, text=True, timeout=30)
            else:
                p = subprocess.run([sys.executable, TABLE, src, out], capture_output=True,
                                   text=True, timeout=30)
            self.rc, self.stdout, self.stderr = p.returncode, p.stdout, p.stderr
            with open(out, encoding='utf-8') as f:
                self.json = json.load(f)
        # the table is between two rules of dashes; its columns are apart by
        # two spaces or more, and an empty target leaves five
        text = self.stdout.splitlines()
        rules = [i for i, line in enumerate(text) if re.fullmatch(r'[- ]+', line)]
        assert len(rules) == 2, self.stdout
        assert text[0].split() == ['figure', 'Abierto', 'anchor', '(same', 'run)', 'anchor',
                                   'ratio', 'target'], text[0]
        self.rows = {}
        for line in text[rules[0] + 1:rules[1]]:
            cells = re.split(r'\s{2,}', line.strip())
            assert len(cells) in (5, 6), line
            self.rows[cells[0]] = cells[1:] + [''] * (6 - len(cells))
        self.footer = text[rules[1] + 1:]

    def row(self, label):
        assert label in self.rows, f'no row {label!r} in\n{self.stdout}'
        return self.rows[label]

    def figure(self, name):
        [r] = [r for r in self.json['table'] if r['figure'] == name]
        return r


def without(*names):
    """The fixture without the BENCH lines of these figures."""
    return [line for line in LINES
            if not any(line.startswith(f'BENCH {n}=') for n in names)]


def replace(old, new, lines=None):
    lines = LINES if lines is None else lines
    assert any(old in line for line in lines), old
    return [line.replace(old, new) for line in lines]


def close(a, b):
    return a is not None and abs(a - b) <= 1e-9 * abs(b)


@test
def fixture_table():
    r = Run(LINES)
    assert r.rc == 0, (r.rc, r.stderr)
    assert r.stderr == '', r.stderr
    assert len(r.rows) == 13, r.rows
    # 0.144 / 0.131 = 1.099…, within ≤ 1.3
    assert r.row('durable vote, median') == ['0.144 ms', 'raw SQLite INSERT, same pragmas',
                                             '0.131 ms', '1.10×', '≤ 1.3×: met']
    assert r.row('durable vote, p99') == ['0.299 ms', 'raw SQLite INSERT, same pragmas',
                                          '0.279 ms', '1.07×', '']
    # the count of votes comes from a figure into the label
    assert r.row('results, 1,000,000 votes, warm') == [
        '81.2 ms', 'the same GROUP BY in SQLite alone', '73.7 ms', '1.10×', '< 100 ms: met']
    assert r.row('results, first after opening')[3] == '1.24×'
    # 250,000 / 352,806 = 0.709: a rate below its target
    assert r.row('demo generator write rate') == [
        '250,000 votes/s', 'one INSERT…SELECT, same pragmas', '352,806 votes/s', '0.71×',
        '≥ 300,000/s: NOT met']
    # 105.3 / 1144 = 0.092, more than the 0.05 of "20 times faster"
    assert r.row('report PDF, 49 pages, wall') == [
        '105 ms', 'matplotlib, 200-bar chart only', '1,144 ms', '0.09×',
        '≤ 0.05× (20× faster): NOT met']
    assert r.row('report PDF, peak memory') == ['22.9 MiB', 'matplotlib, 200-bar chart only',
                                                '115 MiB', '0.20×', '']
    assert r.row('poster PNG 1080×1350, wall')[3] == '0.11×'
    # start-up was skipped: its figures and their ratio are "—", and that
    # is not a failure
    for label in ('first frame, 100,000-vote file', 'resident memory 2 s after',
                  'proportional memory (PSS) 2 s after'):
        assert r.row(label) == ['—', 'gnome-text-editor, 2,000 lines', '—', '—', ''], \
            r.row(label)
    assert 'startup: skipped, gnome-text-editor is not installed' in r.footer, r.footer
    assert 'Abierto 0.1.0, SQLite 3.40.1' in r.footer, r.footer
    # a load above three quarters of the CPUs at the end makes wall times noisy
    assert any(line.startswith('(load above 1.5 on 2 CPUs') for line in r.footer), r.footer


@test
def fixture_json():
    j = Run(LINES).json
    assert j['ok'] is True and j['problems'] == [], j['problems']
    assert j['commit'] == '20ccc52-dirty', j['commit']
    assert j['machine'] == '2 CPUs, AMD EPYC, 7.6 GiB RAM, Linux 6.1.0', j['machine']
    assert j['benchmarks']['startup'] == {'status': 'skipped',
                                          'note': 'gnome-text-editor is not installed'}
    assert j['benchmarks']['store']['status'] == 'ok'
    # every figure of the fixture, with its unit and anchor
    n = sum(1 for line in LINES if re.match(r'BENCH [a-z]', line))
    assert len(j['figures']) == n, (len(j['figures']), n)
    assert j['figures']['vote_median_ms'] == {'value': 0.144, 'unit': 'ms',
                                              'anchor': 'raw_insert_median_ms'}
    assert j['figures']['demo_votes'] == {'value': 1000000, 'unit': 'votes', 'anchor': None}
    assert j['info']['export_versions'].startswith('abierto-cli 0.1.0')
    vote = Run(LINES).figure('vote_median_ms')
    assert close(vote['ratio'], 0.144 / 0.131), vote
    assert vote['target'] == {'of': 'ratio', 'op': '<=', 'value': 1.3, 'text': '≤ 1.3×'}
    assert vote['met'] is True
    rows = {r['figure']: r for r in j['table']}
    assert rows['results_median_ms']['met'] is True
    assert rows['demo_write_rate']['met'] is False
    assert close(rows['demo_write_rate']['ratio'], 250000 / 352806)
    assert rows['report_wall_ms']['met'] is False
    assert close(rows['report_wall_ms']['ratio'], 105.3 / 1144.0)
    assert rows['report_wall_ms']['label'] == 'report PDF, 49 pages, wall'
    # no target: met is null, not false
    assert rows['vote_p99_ms']['target'] is None and rows['vote_p99_ms']['met'] is None
    window = rows['window_shown_ms']
    assert (window['value'], window['anchor_value'], window['ratio'], window['met']) == \
        (None, None, None, None), window
    assert window['unit'] == 'ms' and window['anchor'] == 'editor_shown_ms'


@test
def failed_benchmark():
    # export died before its BENCH lines: the table still comes, with "—",
    # and the exit status says so
    lines = [line for line in replace('BENCH-STATUS export=ok', 'BENCH-STATUS export=failed')
             if not re.match(r'BENCH (report|poster|chart)_', line)]
    r = Run(lines)
    assert r.rc == 1, r.rc
    assert 'export failed' in r.stderr, r.stderr
    # nor the counts of pages and bars for the labels
    assert r.row('report PDF, wall') == ['—', 'matplotlib, ?-bar chart only', '—', '—',
                                         '≤ 0.05× (20× faster): —']
    assert r.row('durable vote, median')[4] == '≤ 1.3×: met'
    assert 'export: failed' in r.footer, r.footer
    j = r.json
    assert j['ok'] is False and j['benchmarks']['export']['status'] == 'failed'
    report = r.figure('report_wall_ms')
    assert report['value'] is None and report['ratio'] is None and report['met'] is None


@test
def figure_left_out():
    # a benchmark that ran fine but no longer prints a figure of the table
    r = Run(without('vote_p99_ms'))
    assert r.rc == 1, r.rc
    assert 'store ran but left vote_p99_ms out' in r.stderr, r.stderr
    assert r.row('durable vote, p99') == ['—', 'raw SQLite INSERT, same pragmas', '0.279 ms',
                                          '—', '']
    assert r.json['ok'] is False
    assert r.json['problems'] == ['store ran but left vote_p99_ms out'], r.json['problems']


@test
def anchor_left_out():
    r = Run(without('raw_results_median_ms'))
    assert r.rc == 1, r.rc
    assert 'anchors ran but left raw_results_median_ms out' in r.stderr, r.stderr
    # the figure is there, the ratio is not; the target is on the figure
    assert r.row('results, 1,000,000 votes, warm') == [
        '81.2 ms', 'the same GROUP BY in SQLite alone', '—', '—', '< 100 ms: met']


@test
def malformed_lines():
    for old, new, problem in (
            # a decimal comma, as a Spanish locale would print it
            ('BENCH vote_median_ms=0.1440 ', 'BENCH vote_median_ms=0,1440 ', 'not a BENCH line'),
            ('BENCH vote_median_ms=0.1440 unit=ms', 'BENCH vote_median_ms=0.1440',
             'not a BENCH line'),
            ('BENCH report_pages=49', 'BENCH Report_pages=49', 'not a BENCH line'),
            ('BENCH-STATUS store=ok', 'BENCH-STATUS store=fine', 'not a BENCH line'),
            ('BENCH results_first_ms=91.20 unit=ms', 'BENCH results_first_ms=0.0912 unit=s',
             'results_first_ms is in s, not ms'),
            ('anchor=raw_insert_p99_ms', 'anchor=raw_insert_median_ms',
             'the anchor of vote_p99_ms is raw_insert_median_ms, not raw_insert_p99_ms'),
            ('BENCH vote_count=2000', 'BENCH vote_median_ms=2000', 'vote_median_ms given twice')):
        r = Run(replace(old, new))
        assert r.rc == 1, (new, r.rc)
        assert problem in r.stderr, (new, r.stderr)
        assert r.json['ok'] is False
        assert any(problem in p for p in r.json['problems']), r.json['problems']


@test
def target_bounds():
    # a ratio of exactly 1.3 is within ≤ 1.3 (0.13 / 0.1 is 1.3000000000000003
    # in floating point), a write rate of exactly 300,000 within ≥ 300,000/s,
    # 100 ms is not below 100 ms
    lines = replace('vote_median_ms=0.1440', 'vote_median_ms=0.13')
    lines = replace('raw_insert_median_ms=0.1310', 'raw_insert_median_ms=0.1', lines)
    lines = replace('demo_write_rate=250000', 'demo_write_rate=300000', lines)
    lines = replace('results_median_ms=81.20', 'results_median_ms=100', lines)
    r = Run(lines)
    assert r.rc == 0, r.stderr
    assert r.row('durable vote, median')[3:] == ['1.30×', '≤ 1.3×: met']
    assert r.row('demo generator write rate')[4] == '≥ 300,000/s: met'
    assert r.row('results, 1,000,000 votes, warm')[4] == '< 100 ms: NOT met'
    # an anchor of zero gives no ratio, and no verdict on a ratio target
    r = Run(replace('raw_insert_median_ms=0.1 ', 'raw_insert_median_ms=0 ', lines))
    assert r.row('durable vote, median')[3:] == ['—', '≤ 1.3×: —']
    assert r.figure('vote_median_ms')['met'] is None


@test
def standard_input():
    a, b = Run(LINES), Run(LINES, stdin=True)
    assert (b.rc, b.stdout, b.json) == (a.rc, a.stdout, a.json)


failed = 0
for i, func in enumerate(tests, 1):
    try:
        func()
    except AssertionError:
        failed += 1
        print(f'not ok {i} - {func.__name__}')
        for line in traceback.format_exc().splitlines():
            print(f'# {line}')
    else:
        print(f'ok {i} - {func.__name__}')
print(f'1..{len(tests)}')
sys.exit(1 if failed else 0)
