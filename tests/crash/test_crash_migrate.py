#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill abierto-cli with SIGKILL at random moments while it opens a file
of format 1, which it migrates to the current format: afterwards the file
is either still format 1 or the current format, whole, with every row it
had; and it opens (migrating if needed) the next time.

Half the files are in rollback-journal mode, as a file made by another
SQLite program or copied without its WAL can be, so that the switch to WAL
is killed too.

Usage: test_crash_migrate.py PATH-TO-abierto-cli"""

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

KILLS = 50
FORMAT = 3  # ABIERTO_FORMAT_VERSION


def cli(path, *args, env, check=True):
    out = subprocess.run([CLI, '--file', path, *args], capture_output=True, text=True, env=env,
                         timeout=120)
    if check:
        assert out.returncode == 0, f'{args}: {out.stdout}{out.stderr}'
    return out


def snapshot(path, tmp):
    """Format, schema and row counts of @path as SQLite would see it, WAL
    included, read from a copy so that reading changes nothing."""
    copy = os.path.join(tmp, 'lectura.abierto')
    for suffix in ('', '-wal', '-journal'):
        if os.path.exists(copy + suffix):
            os.unlink(copy + suffix)
        if os.path.exists(path + suffix):
            shutil.copyfile(path + suffix, copy + suffix)
    db = sqlite3.connect(copy)
    try:
        assert db.execute('PRAGMA integrity_check').fetchall() == [('ok',)]
        assert db.execute('PRAGMA foreign_key_check').fetchall() == []
        version = db.execute('PRAGMA user_version').fetchone()[0]
        schema = db.execute("SELECT type, name, sql FROM sqlite_schema "
                            "WHERE name NOT LIKE 'sqlite%' ORDER BY type, name").fetchall()
        counts = {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                  for (name,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite%'")}
        return version, schema, counts
    finally:
        db.close()


def make_templates(tmp, env):
    """A file of format 1 with data in every table, in WAL and in rollback
    mode; and the schema a current file has."""
    path = os.path.join(tmp, 'formato1.abierto')
    cli(path, 'demo', '--sessions', '2', '--proposals', '30', '--participants', '300',
        '--votes', '40000', '--seed', '5', env=env)
    for i in range(1, 41):
        cli(path, 'commitment', 'add', '--session', '1', '--proposal', str(i % 30 + 1),
            '--action', f'Compromiso {i}', '--institution', 'Alcaldía', '--indicator', 'Avance',
            '--target', '100', '--deadline', '2027-01-31', env=env)
    current = os.path.join(tmp, 'actual.abierto')
    shutil.copyfile(path, current)

    db = sqlite3.connect(path, isolation_level=None)
    db.executescript('ALTER TABLE commitment DROP COLUMN deleted; DROP TABLE privacy_notice;'
                     'PRAGMA user_version = 1;')
    db.close()
    rollback = os.path.join(tmp, 'formato1-rollback.abierto')
    shutil.copyfile(path, rollback)
    db = sqlite3.connect(rollback, isolation_level=None)
    db.execute('PRAGMA journal_mode = DELETE')
    db.close()

    old = snapshot(path, tmp)
    new = snapshot(current, tmp)
    assert old[0] == 1 and new[0] == FORMAT, (old[0], new[0])
    assert snapshot(rollback, tmp) == old
    return (path, rollback), old, new


def assert_same_rows(got, old):
    for table, n in old[2].items():
        assert got[2].get(table) == n, f'{table}: {got[2].get(table)} rows, not {n}'


def main():
    global CLI
    CLI = sys.argv[1]
    seed = int(os.environ.get('ABIERTO_CRASH_SEED', time.time_ns() % 100000))
    rng = random.Random(seed)
    env = dict(os.environ, LC_ALL='C.UTF-8')
    print(f'# seed {seed}')
    print(f'1..{KILLS + 1}')

    with tempfile.TemporaryDirectory() as tmp:
        templates, old, new = make_templates(tmp, env)
        path = os.path.join(tmp, 'taller.abierto')

        # how long opening and migrating takes here
        shutil.copyfile(templates[0], path)
        t0 = time.monotonic()
        cli(path, 'session', 'list', env=env)
        took = time.monotonic() - t0
        got = snapshot(path, tmp)
        assert got[0] == FORMAT and got[1] == new[1]
        assert_same_rows(got, old)
        print(f'ok 1 - a whole migration in {took:.2f} s')

        seen = {1: 0, FORMAT: 0}
        for k in range(KILLS):
            for suffix in ('', '-wal', '-shm', '-journal'):
                if os.path.exists(path + suffix):
                    os.unlink(path + suffix)
            shutil.copyfile(templates[k % 2], path)

            p = subprocess.Popen([CLI, '--file', path, 'session', 'list'],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            # most of the time goes to checking the file before migrating
            # it, and to reading it after: aim at the start more often
            time.sleep(rng.uniform(0, took * (0.5 if k % 4 < 2 else 1.2)))
            p.send_signal(signal.SIGKILL)
            _, stderr = p.communicate()
            assert p.returncode in (0, -signal.SIGKILL), f'failed by itself: {stderr}'

            # old or new, never between, nothing lost
            got = snapshot(path, tmp)
            assert got[0] in (1, FORMAT), got[0]
            assert got[1] == (old if got[0] == 1 else new)[1], 'a schema between two formats'
            assert_same_rows(got, old)
            seen[got[0]] += 1
            killed_as = got[0]

            # and it opens, migrated, the next time
            out = cli(path, 'check', env=env, check=False)
            assert out.returncode == 0, out.stdout + out.stderr
            got = snapshot(path, tmp)
            assert got[0] == FORMAT and got[1] == new[1]
            assert_same_rows(got, old)
            print(f'ok {k + 2} - kill {k + 1} '
                  f'({"rollback journal" if k % 2 else "WAL"}): left as format {killed_as}, '
                  f'all {sum(old[2].values())} rows kept')

        print(f'# after the kills: {seen[1]} files still format 1, {seen[FORMAT]} already '
              f'format {FORMAT}; all opened afterwards')


if __name__ == '__main__':
    main()
