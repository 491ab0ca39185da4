#!/usr/bin/python3
# test_hostile.py
#
# Copyright 2026 The Abierto developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Hostile workshop files, built at test time from a file abierto-cli made.

A workshop file can come from anyone. For every file here abierto-cli must
refuse to open it: exit status 1, one clear line on stderr, no crash, no
hang, and the file exactly as it was (bytes, size and modification time),
with nothing new beside it.

Usage: test_hostile.py PATH-TO-abierto-cli
"""

import hashlib
import os
import shutil
import sqlite3
import stat
import struct
import subprocess
import sys
import tempfile

CLI = None
NOBODY = 65534
TIMEOUT = 60
HUGE = 50 * 1024 * 1024

# Run on each file: reading, checking and writing.
COMMANDS = (
    ('session', 'list'),
    ('check',),
    ('session', 'add', '--title', 'Intrusa', '--group', 'mixed'),
)

CASES = []


def case(expect=None, as_nobody=False):
    """Registers a builder: builder(dir, template) returns the path to open.
    @expect is a piece of the message, when one is specific to the case."""
    def register(builder):
        CASES.append((builder.__name__.replace('_', '-'), builder, expect, as_nobody))
        return builder
    return register


def copy(d, template, name='taller.abierto'):
    path = os.path.join(d, name)
    shutil.copyfile(template, path)
    os.chmod(path, 0o600)
    return path


def sql(path, script):
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.executescript(script)
    finally:
        db.close()


def patch(path, offset, fmt, value):
    with open(path, 'r+b') as f:
        f.seek(offset)
        f.write(struct.pack(fmt, value))


def truncate(path, size):
    with open(path, 'r+b') as f:
        f.truncate(size)


# What another program, or a careless hand, can put in a file

@case()
def extra_table(d, t):
    p = copy(d, t)
    sql(p, 'CREATE TABLE notas (texto TEXT); INSERT INTO notas VALUES (\'hola\');')
    return p


@case()
def extra_index(d, t):
    p = copy(d, t)
    sql(p, 'CREATE INDEX espia ON participant (alias, gender);')
    return p


@case()
def trigger(d, t):
    p = copy(d, t)
    sql(p, 'CREATE TRIGGER espia AFTER INSERT ON session BEGIN DELETE FROM proposal; END;')
    return p


@case()
def view(d, t):
    p = copy(d, t)
    sql(p, 'CREATE VIEW todos AS SELECT alias, gender FROM participant;')
    return p


@case()
def column_type(d, t):
    p = copy(d, t)
    sql(p, "PRAGMA writable_schema = ON;"
           "UPDATE sqlite_schema SET sql = replace(sql, 'value INTEGER NOT NULL', "
           "'value TEXT NOT NULL') WHERE name = 'vote';"
           "PRAGMA writable_schema = OFF;")
    return p


@case()
def strict_type(d, t):
    """text in an INTEGER column of a STRICT table, by taking STRICT away
    for a moment"""
    p = copy(d, t)
    sql(p, "PRAGMA writable_schema = ON;"
           "UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'vote';"
           "PRAGMA writable_schema = OFF;")
    sql(p, "UPDATE vote SET value = 'mucho' WHERE id = (SELECT min(id) FROM vote);")
    sql(p, "PRAGMA writable_schema = ON;"
           "UPDATE sqlite_schema SET sql = sql || ' STRICT' WHERE name = 'vote';"
           "PRAGMA writable_schema = OFF;")
    return p


@case()
def check_constraint(d, t):
    """what fuzzing found: a value no CHECK constraint allows, which a
    read-only connection does not look at"""
    p = copy(d, t)
    sql(p, 'PRAGMA ignore_check_constraints = ON;'
           'UPDATE voting_round SET dots = -4, points = -6 WHERE id = (SELECT min(id) FROM '
           'voting_round);')
    return p


@case()
def huge_text(d, t):
    p = copy(d, t)
    db = sqlite3.connect(p)
    db.execute('UPDATE proposal SET text = ? WHERE id = (SELECT min(id) FROM proposal)',
               ('Más bancas. ' * (HUGE // 12),))
    db.commit()
    db.close()
    return p


@case()
def huge_blob(d, t):
    p = copy(d, t)
    sql(p, 'PRAGMA ignore_check_constraints = ON;'
           f'UPDATE participant SET uuid = zeroblob({HUGE}) '
           'WHERE id = (SELECT min(id) FROM participant);')
    return p


# The 100-byte header

@case()
def page_count(d, t):
    """an absurd database size in the header, made trustworthy by copying
    the change counter into version-valid-for"""
    p = copy(d, t)
    patch(p, 28, '>I', 0x7fffffff)
    with open(p, 'r+b') as f:
        counter = f.read(28)[24:28]
        f.seek(92)
        f.write(counter)
    return p


@case()
def page_size(d, t):
    p = copy(d, t)
    patch(p, 16, '>H', 768)
    return p


@case()
def page_size_large(d, t):
    p = copy(d, t)
    patch(p, 16, '>H', 1)  # 65536
    return p


@case()
def freelist(d, t):
    p = copy(d, t)
    patch(p, 32, '>I', 0x7ffffff0)
    patch(p, 36, '>I', 0x7fffffff)
    return p


@case(expect='another program')
def application_id(d, t):
    p = copy(d, t)
    sql(p, 'PRAGMA application_id = 305419896;')
    return p


@case(expect='newer version')
def future_version(d, t):
    p = copy(d, t)
    sql(p, 'PRAGMA user_version = 99;')
    return p


@case()
def negative_version(d, t):
    p = copy(d, t)
    sql(p, 'PRAGMA user_version = -1;')
    return p


@case()
def version_zero(d, t):
    """ours, but claims to be empty"""
    p = copy(d, t)
    sql(p, 'PRAGMA user_version = 0;')
    return p


@case()
def truncated(d, t):
    p = copy(d, t)
    truncate(p, os.path.getsize(p) // 2)
    return p


@case()
def truncated_to_header(d, t):
    p = copy(d, t)
    truncate(p, 100)
    return p


@case()
def truncated_to_page(d, t):
    p = copy(d, t)
    truncate(p, 4096)
    return p


@case()
def scribbled(d, t):
    p = copy(d, t)
    with open(p, 'r+b') as f:
        data = bytearray(f.read())
        for i in range(4096, len(data), 97):
            data[i] = (i * 131) & 0xff
        f.seek(0)
        f.write(data)
    return p


# Files beside it

@case(expect='-wal')
def foreign_wal(d, t):
    """a WAL of another program's database, as if copied by mistake"""
    p = copy(d, t)
    other = os.path.join(d, 'otro', 'agenda.db')
    os.mkdir(os.path.dirname(other))
    db = sqlite3.connect(other, isolation_level=None)
    db.execute('PRAGMA journal_mode = WAL')
    db.execute('PRAGMA wal_autocheckpoint = 0')
    db.execute('CREATE TABLE contactos (nombre TEXT, telefono TEXT)')
    db.executemany('INSERT INTO contactos VALUES (?, ?)', [('Ana', '555-0101')] * 300)
    shutil.copyfile(other + '-wal', p + '-wal')
    db.close()
    shutil.rmtree(os.path.dirname(other))
    return p


@case(expect='-wal')
def abierto_wal(d, t):
    """the WAL of another workshop file: a crashed file's WAL left where a
    colleague's copy was put"""
    p = copy(d, t)
    other = copy(d, t, 'otro.abierto')
    subprocess.run([CLI, '--file', other, 'session', 'add', '--title', 'Otra sesión',
                    '--group', 'children'], check=True, capture_output=True, timeout=TIMEOUT)
    db = sqlite3.connect(other, isolation_level=None)
    db.execute('PRAGMA wal_autocheckpoint = 0')
    db.execute("UPDATE session SET title = 'Cambiada en otro archivo'")
    shutil.copyfile(other + '-wal', p + '-wal')
    db.close()
    os.unlink(other)
    return p


# Things that are not files

@case()
def symlink_to_device(d, t):
    p = os.path.join(d, 'taller.abierto')
    os.symlink('/dev/zero', p)
    return p


@case()
def symlink_loop(d, t):
    p = os.path.join(d, 'taller.abierto')
    os.symlink('taller.abierto', p)
    return p


@case()
def symlink_dangling(d, t):
    p = os.path.join(d, 'taller.abierto')
    os.symlink(os.path.join(d, 'no-existe', 'taller.abierto'), p)
    return p


@case()
def directory(d, t):
    p = os.path.join(d, 'taller.abierto')
    os.mkdir(p)
    shutil.copyfile(t, os.path.join(p, 'dentro.abierto'))
    return p


@case()
def fifo(d, t):
    p = os.path.join(d, 'taller.abierto')
    os.mkfifo(p)
    return p


@case(as_nobody=True)
def unreadable(d, t):
    p = copy(d, t)
    os.chmod(p, 0)
    return p


# Checking

def fingerprint(path):
    """What must not change: type, size, times and bytes of the path and of
    what it points to, when that is a regular file."""
    st = os.lstat(path)
    parts = [stat.S_IFMT(st.st_mode), st.st_mode, st.st_size, st.st_mtime_ns]
    if stat.S_ISLNK(st.st_mode):
        parts.append(os.readlink(path))
    try:
        target = os.stat(path)
    except OSError:
        target = None
    if target is not None and stat.S_ISREG(target.st_mode):
        h = hashlib.sha256()
        with open(path, 'rb') as f:
            for block in iter(lambda: f.read(1 << 20), b''):
                h.update(block)
        parts += [target.st_size, target.st_mtime_ns, h.hexdigest()]
    return parts


def side_files(d):
    return {name: fingerprint(os.path.join(d, name)) for name in os.listdir(d)}


def drop_privileges():
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def check(name, path, command, expect, as_nobody, env):
    d = os.path.dirname(path)
    before = side_files(d)
    if as_nobody and os.geteuid() != 0:
        as_nobody = False
    try:
        proc = subprocess.run([CLI, '--file', path, *command], capture_output=True, env=env,
                              timeout=TIMEOUT, preexec_fn=drop_privileges if as_nobody else None)
    except subprocess.TimeoutExpired:
        return f'hung for more than {TIMEOUT} s'
    after = side_files(d)
    stderr = proc.stderr.decode('utf-8', errors='replace')
    lines = stderr.splitlines()

    if proc.returncode != 1:
        return f'exit status {proc.returncode}, stderr: {stderr[-2000:]!r}'
    if proc.stdout:
        return f'printed {proc.stdout[:300]!r}'
    if len(lines) != 1 or not lines[0].startswith('abierto-cli: ') or len(lines[0]) < 40:
        return f'not one clear line: {stderr[-2000:]!r}'
    if expect is not None and expect not in lines[0]:
        return f'expected “{expect}” in {lines[0]!r}'
    # nothing may appear, not even the -shm index SQLite makes to read a
    # WAL beside the file: the store removes the one it made
    if before != after:
        changed = sorted(set(before) ^ set(after)
                         | {k for k in before if k in after and before[k] != after[k]})
        return f'changed on disk: {changed}'
    print(f'# {name}, {" ".join(command)}: {lines[0]}')
    return None


def make_template(d, env):
    path = os.path.join(d, 'plantilla.abierto')
    subprocess.run([CLI, '--file', path, 'demo', '--sessions', '1', '--proposals', '4',
                    '--participants', '6', '--votes', '20'], check=True, capture_output=True,
                   env=env, timeout=TIMEOUT)
    # the template itself opens and is whole
    out = subprocess.run([CLI, '--file', path, 'check'], capture_output=True, env=env,
                         timeout=TIMEOUT)
    assert out.returncode == 0, out.stderr
    return path


def main():
    global CLI
    CLI = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix='abierto-hostile-')
    os.chmod(tmp, 0o755)  # the unreadable case runs as nobody
    env = dict(os.environ)
    env['XDG_DATA_HOME'] = os.path.join(tmp, 'data')
    env['LC_ALL'] = 'C.UTF-8'
    env['G_DEBUG'] = 'fatal-warnings'
    env.pop('LANGUAGE', None)
    # what LeakSanitizer forgave is no business of stderr here
    if env.get('LSAN_OPTIONS'):
        env['LSAN_OPTIONS'] += ':print_suppressions=0'

    failed = 0
    n = 0
    try:
        template = make_template(tmp, env)
        print(f'1..{len(CASES) * len(COMMANDS)}')
        for name, builder, expect, as_nobody in CASES:
            d = os.path.join(tmp, name)
            os.mkdir(d)
            os.chmod(d, 0o755)
            path = builder(d, template)
            for command in COMMANDS:
                n += 1
                problem = check(name, path, command, expect, as_nobody, env)
                if problem is None:
                    print(f'ok {n} - {name}: {" ".join(command)}')
                else:
                    failed += 1
                    problem = ' '.join(problem.split())
                    print(f'not ok {n} - {name}: {" ".join(command)}: {problem}')
                sys.stdout.flush()
            shutil.rmtree(d)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
