#!/usr/bin/python3
# test_full_disk.py
#
# Copyright 2026 The Abierto developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A workshop file on a full disk: a 1 MiB tmpfs, mounted in a user and
mount namespace of its own (`unshare -rm`), so that no root mount is
needed and nothing is left mounted. Once the disk is full abierto-cli
says so in one line and exits with 1; everything it acknowledged before
is still in the file, which stays whole; an export fails without leaving
a partial file; and once space is freed, work goes on.

Skipped (TAP "1..0 # SKIP") where namespaces or tmpfs mounts are not
allowed.

Usage: test_full_disk.py PATH-TO-abierto-cli"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

CLI = None
MARGIN = 200 * 1024     # left free before adding, so that some work fits
LONG = 'Que la biblioteca abra también los domingos. ' * 450   # ~20 KB
N = 0


def ok(condition, description, detail=''):
    global N
    N += 1
    description = ' '.join(description.split())
    detail = ' '.join(str(detail).split())
    if condition:
        print(f'ok {N} - {description}')
    else:
        print(f'not ok {N} - {description}: {detail}')
        raise SystemExit(1)
    sys.stdout.flush()


def cli(path, *args):
    return subprocess.run([CLI, '--file', path, *[str(a) for a in args]], capture_output=True,
                          text=True, timeout=120)


def must(path, *args):
    out = cli(path, *args)
    assert out.returncode == 0, f'{args}: {out.stderr}'
    return out.stdout.strip()


def one_line(out):
    lines = out.stderr.splitlines()
    return (out.returncode == 1 and not out.stdout and len(lines) == 1
            and lines[0].startswith('abierto-cli: '))


def ids(path, tmp, table):
    """The ids of @table as SQLite sees them, WAL included, read from a
    copy outside the full disk."""
    copy = os.path.join(tmp, 'lectura.abierto')
    for suffix in ('', '-wal'):
        if os.path.exists(copy + suffix):
            os.unlink(copy + suffix)
        if os.path.exists(path + suffix):
            shutil.copyfile(path + suffix, copy + suffix)
    db = sqlite3.connect(copy)
    try:
        assert db.execute('PRAGMA integrity_check').fetchall() == [('ok',)]
        return {i for (i,) in db.execute(f'SELECT id FROM {table}')}
    finally:
        db.close()


def fill(disk, margin):
    """Fills @disk, then frees @margin bytes of it."""
    filler = os.path.join(disk, 'relleno')
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (64 * 1024, 4096, 512, 1):
            block = os.urandom(size)
            try:
                while True:
                    os.write(fd, block)
            except OSError:
                pass
    finally:
        os.close(fd)
    os.truncate(filler, max(0, os.path.getsize(filler) - margin))
    return filler


def run(tmp, disk):
    path = os.path.join(disk, 'taller.abierto')
    session = must(path, 'session', 'add', '--title', 'Biblioteca', '--group', 'mixed')
    people = [must(path, 'participant', 'add', '--session', session, '--alias', f'Persona {i}')
              for i in range(5)]
    rnd = must(path, 'round', 'add', '--session', session, '--method', 'dot', '--dots', 100)
    first = must(path, 'proposal', 'add', '--session', session, '--text', 'Abrir en domingo')
    proposals = {int(first)}
    votes = set()

    filler = fill(disk, MARGIN)
    st = os.statvfs(disk)
    ok(st.f_bavail * st.f_frsize <= MARGIN + 8192, 'the disk is full but for a margin',
       f'{st.f_bavail * st.f_frsize} bytes free')

    # work until the disk is full
    failed = None
    for i in range(100):
        out = cli(path, 'proposal', 'add', '--session', session, '--text', f'{LONG} {i}')
        if out.returncode != 0:
            failed = out
            break
        proposals.add(int(out.stdout.strip()))
        out = cli(path, 'vote', '--round', rnd, '--participant', people[i % 5], '--proposal', first)
        if out.returncode != 0:
            failed = out
            break
        votes.add(int(out.stdout.strip()))
    ok(failed is not None, f'the disk filled up after {len(proposals) - 1} proposals and '
       f'{len(votes)} votes', 'it never did')
    ok(one_line(failed), 'a full disk is one line and exit status 1',
       f'{failed.returncode}: {failed.stderr!r}')
    ok('disk is full' in failed.stderr, f'and says so: {failed.stderr.strip()}', failed.stderr)
    ok(len(votes) > 0 and len(proposals) > 1, 'some work was acknowledged before',
       f'{len(proposals)} proposals, {len(votes)} votes')

    # nothing acknowledged was lost, nothing refused was kept
    ok(ids(path, tmp, 'proposal') == proposals, 'every acknowledged proposal is in the file',
       f'{sorted(ids(path, tmp, "proposal"))} != {sorted(proposals)}')
    ok(ids(path, tmp, 'vote') == votes, 'every acknowledged vote is in the file',
       f'{sorted(ids(path, tmp, "vote"))} != {sorted(votes)}')
    out = cli(path, 'check')
    ok(out.returncode == 0, 'the file passes check on the full disk', out.stdout + out.stderr)

    # an export to the full disk leaves nothing behind
    pdf = os.path.join(disk, 'informe.pdf')
    out = cli(path, 'export', '--session', session, '--kind', 'report', '-o', pdf)
    ok(one_line(out), f'an export to the full disk fails: {out.stderr.strip()}',
       f'{out.returncode}: {out.stderr!r}')
    ok('the disk is full' in out.stderr, 'and says the disk is full', out.stderr)
    left = sorted(set(os.listdir(disk)) - {'taller.abierto', 'taller.abierto-wal',
                                           'taller.abierto-shm', 'relleno'})
    ok(left == [], 'and leaves no partial file', f'{left}')

    # space is back: work goes on
    os.unlink(filler)
    p = must(path, 'proposal', 'add', '--session', session, '--text', 'Después de liberar espacio')
    proposals.add(int(p))
    votes.add(int(must(path, 'vote', '--round', rnd, '--participant', people[0], '--proposal', p)))
    ok(ids(path, tmp, 'proposal') == proposals and ids(path, tmp, 'vote') == votes,
       'once space is freed, a proposal and a vote are saved again')
    out = cli(path, 'check')
    ok(out.returncode == 0 and 'good order' in out.stdout, 'and the file passes check',
       out.stdout + out.stderr)
    out = cli(path, 'export', '--session', session, '-o', pdf)
    ok(out.returncode == 0 and os.path.getsize(pdf) > 0, 'and exports again', out.stderr)


def inside():
    with tempfile.TemporaryDirectory(prefix='abierto-disk-') as tmp:
        disk = os.path.join(tmp, 'memoria')
        os.mkdir(disk)
        mount = subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=1m,mode=0755', 'tmpfs', disk],
                               capture_output=True, text=True)
        if mount.returncode != 0:
            print(f'1..0 # SKIP no tmpfs can be mounted here: {mount.stderr.strip()}')
            return 0
        try:
            print('1..14')
            run(tmp, disk)
        finally:
            subprocess.run(['umount', disk], capture_output=True)
    return 0


def main():
    global CLI
    # what LeakSanitizer forgave is no business of stderr here
    lsan = os.environ.get('LSAN_OPTIONS')
    if lsan:
        os.environ['LSAN_OPTIONS'] = lsan + ':print_suppressions=0'
    if sys.argv[1] == '--inside':
        CLI = sys.argv[2]
        return inside()

    unshare = shutil.which('unshare')
    if unshare is None:
        print('1..0 # SKIP unshare (util-linux) is not installed')
        return 0
    # a user namespace, so that the mount needs no root; and a mount
    # namespace, so that it vanishes with the test
    probe = subprocess.run([unshare, '-rm', 'true'], capture_output=True, text=True)
    if probe.returncode != 0:
        print(f'1..0 # SKIP no user and mount namespaces here: {probe.stderr.strip()}')
        return 0
    sys.stdout.flush()
    return subprocess.run([unshare, '-rm', sys.executable, os.path.abspath(__file__),
                           '--inside', os.path.abspath(sys.argv[1])]).returncode


if __name__ == '__main__':
    sys.exit(main())
