#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of fuzz-wal from the workshop files of
corpus/fuzz-open (run make-corpus.py first when those change):

    tests/fuzz/make-wal-corpus.py

Each seed is a workshop file and the -wal file beside it, as fuzz-wal.c
reads them: one byte of options, the length of the file in four bytes
(little-endian), the file, then the WAL. The WAL holds changes SQLite
made and did not fold into the file yet, as a crash leaves them, or a
WAL of another file, torn, empty, or with a frame that does not add up."""

import os
import shutil
import sqlite3
import struct
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OPEN = os.path.join(HERE, 'corpus', 'fuzz-open')
WAL = os.path.join(HERE, 'corpus', 'fuzz-wal')

SEAL = 0  # fuzz-wal sets the salts and checksums of every frame
RAW = 1   # fuzz-wal leaves the WAL as it is

NEW_SESSION = ("INSERT INTO session (uuid, title, grp, created, modified) VALUES "
               "(X'0123456789ABCDEF0123456789ABCDEF', 'Sesión del WAL 🌙', 'mixed', "
               "'2026-12-03T10:00:00Z', '2026-12-03T10:00:00Z')")
NEW_PARTICIPANT = ("INSERT INTO participant (uuid, session_id, alias, consent, consent_date, "
                   "created) VALUES (X'FEDCBA9876543210FEDCBA9876543210', 1, 'Luna', 'self', "
                   "'2026-12-03', '2026-12-03T10:00:00Z')")
NEW_VOTE = ("INSERT INTO vote (uuid, round_id, proposal_id, participant_id, value, created) "
            "VALUES (X'00112233445566778899AABBCCDDEEFF', 1, 2, 1, 1, 1796289900)")


def changed(name, *transactions):
    """The workshop file NAME in WAL mode, and the WAL of TRANSACTIONS
    made on it, each a list of statements, before any checkpoint."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'taller.abierto')
        shutil.copy(os.path.join(OPEN, name), path)
        db = sqlite3.connect(path, isolation_level=None)
        db.execute('PRAGMA journal_mode = WAL')
        db.execute('PRAGMA wal_autocheckpoint = 0')
        db.execute('PRAGMA secure_delete = ON')
        for statements in transactions:
            db.execute('BEGIN')
            for sql in statements:
                db.execute(sql)
            db.execute('COMMIT')
        with open(path, 'rb') as f:
            data = f.read()
        wal = b''
        if os.path.exists(path + '-wal'):
            with open(path + '-wal', 'rb') as f:
                wal = f.read()
            # closing would fold the WAL into the file
            os.unlink(path + '-wal')
        db.close()
    return data, wal


def page_size(wal):
    return struct.unpack('>I', wal[8:12])[0]


def write(name, data, wal, options=SEAL):
    blob = bytes([options]) + struct.pack('<I', len(data)) + data + wal
    assert len(blob) <= 128 * 1024, (name, len(blob))
    with open(os.path.join(WAL, name), 'wb') as f:
        f.write(blob)


def main():
    os.makedirs(WAL, exist_ok=True)
    for name in os.listdir(WAL):
        os.unlink(os.path.join(WAL, name))

    data, wal = changed('workshop', ["UPDATE session SET title = 'Cambiada en el WAL'"])
    write('one-change', data, wal)

    # the same, with checksums of big-endian words: SQLite reads either
    flipped = bytes([wal[0], wal[1], wal[2], wal[3] | 1]) + wal[4:]
    write('big-endian-checksums', data, flipped)

    data, wal = changed('workshop', [NEW_SESSION], [NEW_PARTICIPANT, NEW_VOTE],
                        ['DELETE FROM vote WHERE id = 3',
                         "UPDATE proposal SET text = 'Más árboles 🌳' WHERE id = 1"])
    write('three-changes', data, wal)

    # the last transaction without its commit frame: SQLite drops it
    size = page_size(wal) + 24
    frames = (len(wal) - 32) // size
    last = 32 + (frames - 1) * size
    write('uncommitted', data, wal[:last + 4] + b'\0\0\0\0' + wal[last + 8:])

    # torn in the middle of its last frame, as a power cut leaves it
    write('torn', data, wal[:last + size // 2])

    # a frame changed after it was written: it and all after it are dropped
    broken = bytearray(wal)
    broken[32 + size + 100] ^= 0xff
    write('bad-checksum', data, bytes(broken), RAW)

    write('empty-wal', data, b'')

    # an older format, migrated once opened
    data, wal = changed('format-1', ["UPDATE session SET place = 'Coyoacán'"])
    write('format-1', data, wal)

    # what someone erased, still in the WAL
    data, wal = changed('demo', ['DELETE FROM vote WHERE id % 2 = 0'],
                        ['DELETE FROM participant WHERE id = 1'])
    write('demo-erased', data, wal)

    # a WAL that makes the file another program's
    data, wal = changed('one-session', ['CREATE TABLE notas (texto TEXT)'])
    write('foreign-table', data, wal)

    # the WAL of another file beside this one: refused, both left alone
    data, _ = changed('workshop', [])
    _, wal = changed('one-session', ["UPDATE session SET title = 'Otra'"])
    write('other-files-wal', data, wal)

    # a WAL beside an empty file and beside a database of another program
    _, wal = changed('workshop', ["UPDATE session SET title = 'Sin archivo'"])
    write('empty-file', b'', wal)
    data, wal = changed('foreign-sqlite', ["INSERT INTO contacts VALUES ('Beto', '556')"])
    write('foreign-sqlite', data, wal)


if __name__ == '__main__':
    main()
