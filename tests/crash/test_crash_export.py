#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill `abierto-cli export` with SIGKILL at random moments: the output is
either missing (or the one before, untouched) or a complete PDF, never
half of one; the only other files a kill may leave are the export's
temporary files, ".NAME.XXXXXX" beside the output; and the workshop file
stays whole.

Usage: test_crash_export.py PATH-TO-abierto-cli"""

import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time

KILLS = 50
TEMP = re.compile(r'^\.informe\.pdf\.[A-Za-z0-9]{6}$')


def run(cli, db, *args, env):
    return subprocess.run([cli, '--file', db, *args], capture_output=True, text=True, env=env,
                          timeout=120)


def pdf_pages(path):
    """The page count of a whole PDF; fails on anything else."""
    with open(path, 'rb') as f:
        data = f.read()
    assert data.startswith(b'%PDF-'), f'{path} does not start as a PDF'
    assert data.rstrip().endswith(b'%%EOF'), f'{path} is cut short ({len(data)} bytes)'
    out = subprocess.run(['pdfinfo', path], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, f'pdfinfo: {out.stderr}'
    pages = int(re.search(r'^Pages:\s+(\d+)', out.stdout, re.M).group(1))
    assert pages > 0
    return pages


def main():
    cli = sys.argv[1]
    seed = int(os.environ.get('ABIERTO_CRASH_SEED', time.time_ns() % 100000))
    rng = random.Random(seed)
    env = dict(os.environ, LC_ALL='C.UTF-8')
    print(f'# seed {seed}')
    print(f'1..{KILLS + 2}')

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'taller.abierto')
        out = os.path.join(tmp, 'informe.pdf')
        subprocess.run([cli, '--file', db, 'demo', '--sessions', '1', '--proposals', '300',
                        '--participants', '200', '--votes', '20000', '--seed', '7'],
                       check=True, capture_output=True, env=env, timeout=120)

        # how long a whole export takes here, to kill anywhere in it
        t0 = time.monotonic()
        proc = run(cli, db, 'export', '--session', '1', '--kind', 'report', '-o', out, env=env)
        took = time.monotonic() - t0
        assert proc.returncode == 0, proc.stderr
        pages = pdf_pages(out)
        print(f'ok 1 - a whole export: {pages} pages in {took:.2f} s')

        with open(out, 'rb') as f:
            earlier = f.read()

        outcomes = {'absent': 0, 'earlier': 0, 'new': 0}
        leftovers = 0
        for k in range(KILLS):
            # half the time there is an earlier output to replace
            if k % 2 == 0:
                if os.path.exists(out):
                    os.unlink(out)
            else:
                with open(out, 'wb') as f:
                    f.write(earlier)
                os.utime(out, (0, 0))
            p = subprocess.Popen([cli, '--file', db, 'export', '--session', '1', '--kind',
                                  'report', '-o', out], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, env=env)
            time.sleep(rng.uniform(0, took * 1.1))
            p.send_signal(signal.SIGKILL)
            _, stderr = p.communicate()
            assert p.returncode in (0, -signal.SIGKILL), f'export failed by itself: {stderr}'

            if not os.path.exists(out):
                assert k % 2 == 0, 'the earlier output was lost'
                outcome = 'absent'
            elif os.stat(out).st_mtime == 0:
                with open(out, 'rb') as f:
                    assert f.read() == earlier, 'the earlier output was changed in place'
                outcome = 'earlier'
            else:
                assert pdf_pages(out) == pages
                outcome = 'new'
            outcomes[outcome] += 1

            for name in os.listdir(tmp):
                if name in ('taller.abierto', 'taller.abierto-wal', 'taller.abierto-shm',
                            'informe.pdf'):
                    continue
                assert TEMP.match(name), f'unexpected file after a kill: {name}'
                # SIGKILL leaves no chance to clean up
                leftovers += 1
                os.unlink(os.path.join(tmp, name))
            print(f'ok {k + 2} - kill {k + 1}: output {outcome}')

        # the workshop file went through it all whole
        proc = run(cli, db, 'check', env=env)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        print(f'ok {KILLS + 2} - the workshop file is whole; outputs: {outcomes["new"]} new and '
              f'whole, {outcomes["earlier"]} earlier and untouched, {outcomes["absent"]} absent, '
              f'never half; {leftovers} temporary files left by kills')


if __name__ == '__main__':
    main()
