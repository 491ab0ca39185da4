#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kiosk's “Read aloud”, end to end through AT-SPI, against a speech
server that listens instead of speaking.

Usage: test_speech.py ABIERTO ABIERTO_CLI

libspeechd talks to Speech Dispatcher in SSIP, a line protocol, over the
socket named by SPEECHD_ADDRESS. This test serves that socket itself: it
answers as Speech Dispatcher does and keeps what it was asked to say, so
the test reads back exactly the words a participant would have heard,
on a machine without a sound card. Checked: with a server, every card of
the ballot has a “Read aloud” button named after its proposal, and
tapping one sends that proposal's text, in Spanish, as a message; with
no server at that address, no card has the button (it is hidden where it
cannot work).
"""

import os
import socket
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_kiosk as k  # noqa: E402
import test_workshop as w  # noqa: E402

import shutil  # noqa: E402
import tempfile  # noqa: E402
import traceback  # noqa: E402

from test_workshop import find_all, log, wait_for  # noqa: E402


class FakeSpeechDispatcher:
    """An SSIP server on a Unix socket that records what it is told."""

    def __init__(self, path):
        self.path = path
        self.commands = []
        self.spoken = []
        self.lock = threading.Lock()
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(4)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        lines = conn.makefile('rb')
        data = None
        for raw in lines:
            line = raw.decode('utf-8').rstrip('\r\n')
            if data is not None:
                if line == '.':
                    with self.lock:
                        self.spoken.append('\n'.join(data))
                    data = None
                    conn.sendall(b'225-1\r\n225 OK MESSAGE QUEUED\r\n')
                else:
                    # a line starting with a dot is sent with it doubled
                    data.append(line[1:] if line.startswith('..') else line)
                continue
            command = line.upper()
            with self.lock:
                self.commands.append(command)
            if command.startswith('SET SELF CLIENT_NAME'):
                conn.sendall(b'208 OK CLIENT NAME SET\r\n')
            elif command == 'SPEAK':
                data = []
                conn.sendall(b'230 OK RECEIVING DATA\r\n')
            elif command.startswith('QUIT'):
                conn.sendall(b'231 HAPPY HACKING\r\n')
                break
            else:
                conn.sendall(b'200 OK\r\n')
        conn.close()

    def close(self):
        self.sock.close()


def read_aloud_buttons(kiosk):
    return find_all(kiosk.page('ballot'), lambda n: n.getRoleName() in k.BUTTON_ROLES
                    and n.name.startswith('Read aloud: '))


def main(data_home):
    k.FILE = os.path.join(data_home, 'kiosco.abierto')
    server = FakeSpeechDispatcher(os.path.join(data_home, 'speechd.sock'))
    env = dict(os.environ, XDG_DATA_HOME=data_home, GTK_A11Y='atspi', LC_ALL='C.UTF-8',
               SPEECHD_ADDRESS=f'unix_socket:{server.path}')
    env.pop('LANGUAGE', None)
    env.pop('ABIERTO_KIOSK_NO_SPEECH', None)
    if w.APP_G_DEBUG is not None:
        env['G_DEBUG'] = w.APP_G_DEBUG

    _, _, rounds = k.prepare()

    kiosk = k.Kiosk(env, rounds['approval'], 'approval, with a speech server')
    try:
        k.type_pin(kiosk, 'set-pin', k.PIN)
        page = kiosk.wait_page('set-pin')
        wait_for('“Type the same PIN again”',
                 lambda: 'Type the same PIN again' in k.shown_texts(page))
        k.type_pin(kiosk, 'set-pin', k.PIN)
        kiosk.wait_page('welcome')
        kiosk.tap('welcome', 'Start voting')
        kiosk.wait_page('who')
        kiosk.tap('who', 'Vote without my name')
        kiosk.wait_page('ballot')

        names = sorted(n.name for n in read_aloud_buttons(kiosk))
        assert names == sorted(f'Read aloud: {s}' for s in k.SHORT), names
        log(f'{len(names)} “Read aloud” buttons, one per card, named after their proposal')

        # the second card has a title: its title and its text are read
        kiosk.tap('ballot', f'Read aloud: {k.SHORT[1]}')
        wait_for('the words to reach the speech server', lambda: server.spoken,
                 shown=lambda: server.commands)
        with server.lock:
            spoken = list(server.spoken)
            commands = list(server.commands)
        assert spoken == [k.CARD[1]], spoken
        assert 'SET SELF LANGUAGE ES' in commands, commands
        assert 'SET SELF PRIORITY MESSAGE' in commands, commands
        log(f'read aloud, in Spanish: {spoken[0]!r}')

        kiosk.tap('ballot', f'Read aloud: {k.SHORT[3]}')
        wait_for('the second card read', lambda: len(server.spoken) == 2)
        assert server.spoken[1] == k.CARD[3], server.spoken
        # what was being said stops before the next one starts
        with server.lock:
            last = server.commands[server.commands.index('SPEAK') + 1:]
        assert 'CANCEL SELF' in last, last
        log(f'then {server.spoken[1]!r}, the first one cancelled')
    finally:
        kiosk.kill()
        server.close()

    # nobody at that address: no button that would do nothing
    env['SPEECHD_ADDRESS'] = f'unix_socket:{os.path.join(data_home, "nobody.sock")}'
    kiosk = k.Kiosk(env, rounds['dot'], 'dot voting, no speech server')
    try:
        k.type_pin(kiosk, 'set-pin', k.PIN)
        page = kiosk.wait_page('set-pin')
        wait_for('“Type the same PIN again”',
                 lambda: 'Type the same PIN again' in k.shown_texts(page))
        k.type_pin(kiosk, 'set-pin', k.PIN)
        kiosk.wait_page('welcome')
        kiosk.tap('welcome', 'Start voting')
        kiosk.wait_page('who')
        kiosk.tap('who', 'Vote without my name')
        kiosk.wait_page('ballot')
        shown = [n for n in read_aloud_buttons(kiosk)
                 if w.has_state(n, k.pyatspi.STATE_SHOWING)]
        assert shown == [], [n.name for n in shown]
        log('without a speech server, no “Read aloud” button is shown')
    finally:
        kiosk.kill()
    log('all done')


if __name__ == '__main__':
    data_home = tempfile.mkdtemp(prefix='abierto-e2e-speech-')
    try:
        main(data_home)
    except Exception:
        traceback.print_exc()
        print(f'The workshop file is left in {data_home}', file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(data_home, ignore_errors=True)
