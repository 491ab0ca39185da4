#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-table.py BENCH.txt [JSON]
#
# The table of build-aux/bench.sh, built only from the machine-readable
# lines the benchmarks print besides their human output ("-" reads them
# from standard input; any other line is skipped, so a whole log will do):
#
#   BENCH <figure>=<number> unit=<unit> [anchor=<figure>]
#       one figure, e.g. "BENCH vote_median_ms=0.1440 unit=ms
#       anchor=raw_insert_median_ms"; the anchor is the figure it is
#       compared with, measured in the same run
#   BENCH-INFO <key>=<text up to the end of the line>
#       what the figures were measured on, e.g. "BENCH-INFO commit=20ccc52"
#   BENCH-STATUS <benchmark>=ok|failed|skipped [<note>]
#       how a benchmark ended, written by bench.sh
#
# <figure>, <key> and <benchmark> are [a-z][a-z0-9_]*, a <number> is
# -?digits[.digits] in the C locale, a <unit> has no spaces; a figure's name
# ends with its unit where that helps (_ms, _mib). Prints the table,
# writes JSON (figures, units, targets, whether each is met, machine,
# commit) if asked, and exits 1 if a benchmark failed, a line is malformed
# or a benchmark that ran left a figure of the table out; "—" marks a
# figure not measured.

import json
import operator
import re
import sys

NAME = r'[a-z][a-z0-9_]*'
NUMBER = r'-?[0-9]+(?:\.[0-9]+)?'
FIGURE_RE = re.compile(rf'^BENCH ({NAME})=({NUMBER}) unit=(\S+)(?: anchor=({NAME}))?$')
INFO_RE = re.compile(rf'^BENCH-INFO ({NAME})=(.*)$')
STATUS_RE = re.compile(rf'^BENCH-STATUS ({NAME})=(ok|failed|skipped)(?: (.*))?$')

OPERATORS = {'<': operator.lt, '<=': operator.le, '>': operator.gt, '>=': operator.ge}


class Target:
    """A goal on the figure itself ('value') or on figure / anchor
    ('ratio'); text is how the table shows it."""

    def __init__(self, of, op, bound, text):
        self.of, self.op, self.bound, self.text = of, op, bound, text

    def met(self, value, ratio):
        x = value if self.of == 'value' else ratio
        # to 6 digits, so that 0.13 / 0.1 is 1.3, within ≤ 1.3
        return None if x is None else OPERATORS[self.op](float(f'{x:.6g}'), self.bound)

    def as_json(self):
        return {'of': self.of, 'op': self.op, 'value': self.bound, 'text': self.text}


class Row:
    """A line of the table. label and anchor_label are text, or a function
    of get(figure) -> number or None for labels that carry a count."""

    def __init__(self, bench, figure, label, anchor, anchor_label, unit, target=None):
        self.bench, self.figure, self.label = bench, figure, label
        self.anchor, self.anchor_label, self.unit, self.target = (anchor, anchor_label, unit,
                                                                  target)


def count(n):
    return '?' if n is None else f'{n:,.0f}'


def chart(get):
    return f'matplotlib, {count(get("chart_bars"))}-bar chart only'


RAW_INSERT = 'raw SQLite INSERT, same pragmas'
EDITOR = 'gnome-text-editor, 2,000 lines'

# ratio: figure / anchor, > 1 is Abierto slower (or bigger) for times and
# sizes, and faster for rates
ROWS = [
    Row('store', 'vote_median_ms', 'durable vote, median', 'raw_insert_median_ms', RAW_INSERT, 'ms',
        Target('ratio', '<=', 1.3, '≤ 1.3×')),
    Row('store', 'vote_p99_ms', 'durable vote, p99', 'raw_insert_p99_ms', RAW_INSERT, 'ms'),
    Row('store', 'results_median_ms',
        lambda get: f'results, {count(get("results_votes"))} votes, warm',
        'raw_results_median_ms', 'the same GROUP BY in SQLite alone', 'ms',
        Target('value', '<', 100, '< 100 ms')),
    Row('store', 'results_first_ms', 'results, first after opening', 'raw_results_first_ms',
        'the same GROUP BY, first', 'ms'),
    Row('store', 'demo_write_rate', 'demo generator write rate', 'raw_insert_select_rate',
        'one INSERT…SELECT, same pragmas', 'votes/s',
        Target('value', '>=', 300000, '≥ 300,000/s')),
    Row('export', 'report_wall_ms',
        lambda get: ('report PDF' + ('' if get('report_pages') is None
                                     else f', {count(get("report_pages"))} pages') + ', wall'),
        'chart_wall_ms', chart, 'ms', Target('ratio', '<=', 0.05, '≤ 0.05× (20× faster)')),
    Row('export', 'report_cpu_ms', 'report PDF, CPU', 'chart_cpu_ms', chart, 'ms'),
    Row('export', 'report_peak_mib', 'report PDF, peak memory', 'chart_peak_mib', chart, 'MiB'),
    Row('export', 'poster_wall_ms', 'poster PNG 1080×1350, wall', 'chart_wall_ms', chart, 'ms'),
    Row('export', 'poster_peak_mib', 'poster PNG, peak memory', 'chart_peak_mib', chart, 'MiB'),
    Row('startup', 'window_shown_ms', 'first frame, 100,000-vote file', 'editor_shown_ms', EDITOR,
        'ms'),
    Row('startup', 'window_rss_mib', 'resident memory 2 s after', 'editor_rss_mib', EDITOR, 'MiB'),
    Row('startup', 'window_pss_mib', 'proportional memory (PSS) 2 s after', 'editor_pss_mib',
        EDITOR, 'MiB'),
]

# the anchors bench.sh measures itself on the files bench-store leaves
ANCHOR_BENCH = {'raw_results_median_ms': 'anchors', 'raw_results_first_ms': 'anchors',
                'raw_insert_select_rate': 'anchors'}


def parse(lines):
    """Returns (figures, info, status, problems)."""
    figures, info, status, problems = {}, {}, {}, []
    for n, line in enumerate(lines, 1):
        line = line.rstrip('\r\n')
        if not line.startswith('BENCH'):
            continue
        if m := FIGURE_RE.match(line):
            name, value, unit, anchor = m.groups()
            if name in figures:
                problems.append(f'line {n}: {name} given twice')
            figures[name] = {'value': float(value) if '.' in value else int(value),
                             'unit': unit, 'anchor': anchor}
        elif m := INFO_RE.match(line):
            info[m.group(1)] = m.group(2).strip()
        elif m := STATUS_RE.match(line):
            status[m.group(1)] = {'status': m.group(2), 'note': m.group(3) or ''}
        else:
            problems.append(f'line {n}: not a BENCH line: {line!r}')
    return figures, info, status, problems


def fmt(v):
    if v is None:
        return '—'
    if abs(v) >= 100:
        return f'{v:,.0f}'
    return f'{v:.3g}' if abs(v) < 1 else f'{v:.1f}'


def with_unit(v, unit):
    return '—' if v is None else f'{fmt(v)} {unit}'


def build(figures, info, status, problems):
    """Returns the rows of the table as dicts, adding to problems."""

    def get(name):
        f = figures.get(name)
        return f and f['value']

    def check_measured(name, bench):
        problem = f'{bench} ran but left {name} out'
        if (name not in figures and status.get(bench, {}).get('status') == 'ok'
                and problem not in problems):
            problems.append(problem)

    def label(text):
        return text(get) if callable(text) else text

    rows = []
    for spec in ROWS:
        for name in (spec.figure, spec.anchor):
            f = figures.get(name)
            if f is not None and f['unit'] != spec.unit:
                problems.append(f'{name} is in {f["unit"]}, not {spec.unit}')
        f = figures.get(spec.figure)
        if f is not None and f['anchor'] != spec.anchor:
            problems.append(f'the anchor of {spec.figure} is {f["anchor"]}, not {spec.anchor}')
        check_measured(spec.figure, spec.bench)
        check_measured(spec.anchor, ANCHOR_BENCH.get(spec.anchor, spec.bench))

        value, anchor = get(spec.figure), get(spec.anchor)
        ratio = None if value is None or not anchor else value / anchor
        rows.append({
            'figure': spec.figure,
            'label': label(spec.label),
            'value': value,
            'unit': spec.unit,
            'anchor': spec.anchor,
            'anchor_label': label(spec.anchor_label),
            'anchor_value': anchor,
            'ratio': ratio,
            'target': spec.target and spec.target.as_json(),
            'met': spec.target and spec.target.met(value, ratio),
        })
    return rows


def render(rows, info, status):
    out = []
    table = []
    for r in rows:
        if r['target'] is None:
            target = ''
        else:
            met = {True: 'met', False: 'NOT met', None: '—'}[r['met']]
            target = f'{r["target"]["text"]}: {met}'
        table.append((r['label'], with_unit(r['value'], r['unit']), r['anchor_label'],
                      with_unit(r['anchor_value'], r['unit']),
                      '—' if r['ratio'] is None else f'{r["ratio"]:.2f}×', target))
    head = ('figure', 'Abierto', 'anchor (same run)', 'anchor', 'ratio', 'target')
    widths = [max(len(r[i]) for r in table + [head]) for i in range(len(head))]
    line = '  '.join('-' * w for w in widths)
    out.append('  '.join(h.ljust(w) for h, w in zip(head, widths)).rstrip())
    out.append(line)
    for r in table:
        out.append('  '.join(c.rjust(w) if i in (1, 3, 4) else c.ljust(w)
                             for i, (c, w) in enumerate(zip(r, widths))).rstrip())
    out.append(line)
    out.append('ratio: Abierto / anchor; below 1 is better for times and memory, '
               'above 1 for a rate.')
    out.append('"—": not measured, see the logs.')

    if 'machine' in info:
        load = ', '.join(f'{info[k]} {when}' for k, when in (('load_start', 'at the start'),
                                                           ('load_end', 'at the end'))
                         if k in info)
        out.append(f'machine: {info["machine"]}' + (f'; load {load}' if load else ''))
        try:
            cpus = int(info.get('cpus', ''))
            loads = [float(info[k].split()[0]) for k in ('load_start', 'load_end') if k in info]
            if any(x > 0.75 * cpus for x in loads):
                out.append(f'(load above {0.75 * cpus:g} on {cpus} CPUs: wall times are noisy, '
                           'the CPU figures are steadier)')
        except (ValueError, IndexError):
            pass
    if 'commit' in info:
        out.append(f'commit: {info["commit"]}'
                   + (f', {info["runs"]} runs of each export and start-up' if 'runs' in info
                      else ''))
    if 'abierto_version' in info:
        out.append(f'Abierto {info["abierto_version"]}, SQLite {info.get("sqlite_version", "?")}')
    if 'export_versions' in info:
        out.append(f'exports: {info["export_versions"]}')
    if 'startup_renderer' in info:
        out.append(f'window on screen and memory 2 s later, median of {info.get("runs", "?")}'
                   f' (GSK_RENDERER={info["startup_renderer"]})')
    for bench, s in status.items():
        if s['status'] != 'ok':
            out.append(f'{bench}: {s["status"]}' + (f', {s["note"]}' if s['note'] else ''))
    return '\n'.join(out) + '\n'


def main(argv):
    if len(argv) not in (2, 3):
        print('usage: bench-table.py BENCH.txt|- [JSON]', file=sys.stderr)
        return 2
    if argv[1] == '-':
        lines = sys.stdin.readlines()
    else:
        with open(argv[1], encoding='utf-8') as f:
            lines = f.readlines()

    figures, info, status, problems = parse(lines)
    rows = build(figures, info, status, problems)
    problems = list(dict.fromkeys(problems))
    sys.stdout.write(render(rows, info, status))

    failed = sorted(b for b, s in status.items() if s['status'] == 'failed')
    ok = not failed and not problems
    if len(argv) == 3:
        with open(argv[2], 'w', encoding='utf-8') as f:
            json.dump({
                'format': 1,
                'ok': ok,
                'commit': info.get('commit'),
                'machine': info.get('machine'),
                'info': info,
                'benchmarks': status,
                'problems': problems,
                'figures': figures,
                'table': rows,
            }, f, ensure_ascii=False, indent=2)
            f.write('\n')
    for p in problems:
        print(f'bench-table: {p}', file=sys.stderr)
    for b in failed:
        print(f'bench-table: {b} failed', file=sys.stderr)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
