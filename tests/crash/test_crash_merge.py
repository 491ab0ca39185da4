#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill a process that merges proposals and unmerges them again with
SIGKILL at random moments: afterwards the file is whole, every merge or
unmerge it reported as saved is there (and the one it was in the middle
of either wholly happened or not at all), and no dot was lost or made up
on the way: the votes of the round add up to what they did before.

Usage: test_crash_merge.py PATH-TO-crash-writer"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

KILLS = 30


def read(db):
    con = sqlite3.connect(db)
    try:
        assert con.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'
        assert con.execute('PRAGMA foreign_key_check').fetchall() == []
        merged = dict(con.execute('SELECT id, merged_into FROM proposal '
                                  'WHERE merged_into IS NOT NULL'))
        dots, votes = con.execute('SELECT coalesce(sum(value), 0), count(*) FROM vote').fetchone()
        return merged, dots, votes
    finally:
        con.close()


def apply(merged, op):
    merged = dict(merged)
    if op[0] == 'm':
        merged[int(op[1])] = int(op[2])
    else:
        merged.pop(int(op[1]), None)
    return merged


def main():
    writer = sys.argv[1]
    seed = int(os.environ.get('ABIERTO_CRASH_SEED', time.time_ns() % 100000))
    rng = random.Random(seed)
    print(f'# seed {seed}')
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'fusiones.abierto')
        out = subprocess.run([writer, db, 'setup'], check=True, capture_output=True, text=True)
        round_id = out.stdout.strip()
        # votes to move around: a second of dot voting
        p = subprocess.Popen([writer, db, round_id], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        time.sleep(1)
        os.kill(p.pid, signal.SIGKILL)
        p.communicate()
        merged, dots, votes = read(db)
        assert dots > 100 and not merged, (dots, merged)

        saved = 0
        for k in range(KILLS):
            left = ','.join(str(i) for i in sorted(merged))
            p = subprocess.Popen([writer, db, 'merge', round_id, *([left] if left else [])],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(rng.uniform(0.05, 0.5))
            os.kill(p.pid, signal.SIGKILL)
            stdout, stderr = p.communicate()
            assert p.returncode == -signal.SIGKILL, f'writer failed by itself: {stderr}'

            expected, pending = merged, None
            for line in stdout.splitlines():
                if line.startswith('T '):
                    pending = line.split()[1:]
                elif line == 'OK':
                    expected = apply(expected, pending)
                    pending = None
                    saved += 1
            now, now_dots, _ = read(db)
            allowed = [expected] + ([apply(expected, pending)] if pending else [])
            assert now in allowed, f'kill {k + 1}: {now} is none of {allowed}'
            assert now_dots == dots, f'kill {k + 1}: {now_dots} dots, {dots} before'
            merged = now
            print(f'ok {k + 1} - kill {k + 1}: {saved} steps saved in all, '
                  f'{len(now)} merged now, {now_dots} dots as before')
        assert saved > KILLS, 'the writer hardly merged anything; the test proves nothing'
        print(f'1..{KILLS}')


if __name__ == '__main__':
    main()
