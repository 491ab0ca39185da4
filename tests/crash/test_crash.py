#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill a voting process with SIGKILL at random moments: every vote it
reported as saved must be in the file, and the file must stay whole."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

KILLS = 30


def check(db, acked):
    con = sqlite3.connect(db)
    try:
        assert con.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'
        assert con.execute('PRAGMA foreign_key_check').fetchall() == []
        ids = {i for (i,) in con.execute('SELECT id FROM vote')}
        lost = acked - ids
        assert not lost, f'{len(lost)} acknowledged votes lost, e.g. {sorted(lost)[:5]}'
        # the dot limit held through every crash
        over = con.execute('SELECT participant_id, sum(value) FROM vote '
                           'GROUP BY participant_id HAVING sum(value) > 100').fetchall()
        assert not over, over
        return len(ids)
    finally:
        con.close()


def main():
    writer = sys.argv[1]
    seed = int(os.environ.get('ABIERTO_CRASH_SEED', time.time_ns() % 100000))
    rng = random.Random(seed)
    print(f'# seed {seed}')
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'cortes.abierto')
        out = subprocess.run([writer, db, 'setup'], check=True, capture_output=True, text=True)
        round_id = out.stdout.strip()
        acked = set()
        for k in range(KILLS):
            p = subprocess.Popen([writer, db, round_id], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
            time.sleep(rng.uniform(0.02, 0.4))
            os.kill(p.pid, signal.SIGKILL)
            stdout, stderr = p.communicate()
            assert p.returncode == -signal.SIGKILL, f'writer failed by itself: {stderr}'
            acked |= {int(x) for x in stdout.split()}
            n = check(db, acked)
            print(f'ok {k + 1} - kill {k + 1}: {len(acked)} acknowledged, {n} in the file')
        assert len(acked) > KILLS, 'the writer hardly wrote anything; the test proves nothing'
        # the file still opens for the app after all that
        out = subprocess.run([writer, db, 'setup'], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        print(f'1..{KILLS}')


if __name__ == '__main__':
    main()
