#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Consent end to end in the real window, as a facilitator would, driven
only through AT-SPI (see TESTING.md §4 and test_workshop.py, whose helpers
this reuses).

Usage: test_privacy.py ABIERTO ABIERTO_CLI

The app starts on a new default file. A session for children is created
in the New Session dialog. An alias is typed in the Participants section
and Enter pressed: the consent dialog comes up with the privacy notice,
which is read, and who consents (a parent or guardian, for a child);
Enter says Agreed. A second alias is typed, and Did Not Agree clicked.
Ctrl+Q. The file then holds the first person only, with notice version 1
and the consent of a guardian, and not even the alias of the second.
"""

import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback

# test_workshop pops G_DEBUG for this process, reads ABIERTO and
# ABIERTO_CLI from the same command line, and sets dogtail up.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_workshop as tw  # noqa: E402
from test_workshop import (App, click, find, label_texts, list_items, log,  # noqa: E402
                           role_name, show_tab, text_of, view, wait_for)
from dogtail import rawinput  # noqa: E402

AGREED = 'Ana'
REFUSED = 'Berenice'


def consent_dialog(app, alias):
    title = f'Did “{alias}” agree?'
    return title, wait_for(f'the dialog “{title}”', lambda: app.toplevel(title))


def type_alias(app, alias):
    participants = view(app, 'AbiertoParticipantsView')
    entry = find(participants, role_name('text', 'Alias'))
    app.focus_window('Abierto')
    rawinput.typeText(alias)
    wait_for(f'“{alias}” typed in the Alias entry', lambda: text_of(entry) == alias,
             shown=lambda: text_of(entry))
    rawinput.pressKey('Return')
    return entry


def read_notice(dialog):
    notice = wait_for('the privacy notice', lambda: find(dialog,
                                                         role_name('text', 'Privacy notice')))
    text = wait_for('its text', lambda: text_of(notice))
    labels = label_texts(dialog)
    assert 'Privacy Notice, Version 1' in labels, labels
    return text


def agree(app):
    """Ana: Enter, the notice, Enter."""
    people = find(view(app, 'AbiertoParticipantsView'), role_name('list', 'Participants'))
    entry = type_alias(app, AGREED)
    title, dialog = consent_dialog(app, AGREED)
    notice = read_notice(dialog)
    assert notice.startswith('Simplified privacy notice'), notice[:80]
    assert 'ARCO' in notice or 'access' in notice, notice
    who = find(dialog, role_name('combo box', 'Consent Given By'))
    assert who is not None, 'no “Consent Given By” in the dialog'
    shown = label_texts(who)
    assert 'Parent or guardian' in shown, shown
    log(f'Enter on “{AGREED}”: the notice ({len(notice)} characters, version 1), '
        f'consent by {shown[-1]}')

    # Nothing is stored while they listen.
    assert [r.name for r in list_items(people)] == [], 'stored before consent'
    # The second Enter is Agreed, the default response.
    app.focus_window(re.escape(title))  # a regular expression: “agree?”
    rawinput.pressKey('Return')
    wait_for('the dialog to close', lambda: app.toplevel(title) is None)
    wait_for(f'“{AGREED}” in the list', lambda: [r.name for r in list_items(people)] == [AGREED])
    wait_for('the Alias entry to be empty', lambda: text_of(entry) == '')
    log(f'Enter again: Agreed, and “{AGREED}” is in the list')
    return notice


def refuse(app):
    """Berenice: Enter, then Did Not Agree."""
    people = find(view(app, 'AbiertoParticipantsView'), role_name('list', 'Participants'))
    entry = type_alias(app, REFUSED)
    title, dialog = consent_dialog(app, REFUSED)
    read_notice(dialog)
    button = wait_for('the Did Not Agree button', lambda: find(
        dialog, lambda n: n.getRoleName() == 'push button' and 'Did Not Agree' in n.name))
    click(button)
    wait_for('the dialog to close', lambda: app.toplevel(title) is None)
    wait_for('the Alias entry to be emptied', lambda: text_of(entry) == '')
    time.sleep(0.3)
    assert [r.name for r in list_items(people)] == [AGREED], [r.name for r in list_items(people)]
    toast = wait_for('the toast', lambda: [t for t in label_texts(app.win)
                                           if t.startswith('Nobody was recorded')])
    log(f'Did Not Agree on “{REFUSED}”: not in the list; the toast says “{toast[0]}”')


def check_file(data_home, notice):
    path = os.path.join(data_home, 'abierto', 'talleres.abierto')
    con = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
    try:
        rows = con.execute('SELECT alias, notice_version, consent, consent_date '
                           'FROM participant').fetchall()
        assert len(rows) == 1, rows
        alias, version, consent, date = rows[0]
        assert (alias, version, consent) == (AGREED, 1, 'guardian'), rows[0]
        assert date, rows[0]
        stored = con.execute('SELECT text FROM privacy_notice WHERE version = 1').fetchone()
        assert stored is not None and stored[0] == notice, 'the notice shown is not version 1'
    finally:
        con.close()
    with open(path, 'rb') as f:
        assert REFUSED.encode() not in f.read(), f'“{REFUSED}” is in the file'
    log(f'sqlite3: only {AGREED}, notice_version 1, consent by a guardian on {date}; '
        f'no trace of {REFUSED}')


def main(data_home):
    env = dict(os.environ, XDG_DATA_HOME=data_home, GTK_A11Y='atspi', LC_ALL='C.UTF-8')
    env.pop('LANGUAGE', None)
    if tw.APP_G_DEBUG is not None:
        env['G_DEBUG'] = tw.APP_G_DEBUG

    app = App(env, lambda s: s)
    try:
        sessions = find(app.win, role_name('list', 'Sessions'))
        assert sessions is not None and list_items(sessions) == [], 'the new file is not empty'
        tw.create_session(app)
        show_tab(app, 'Participants')
        participants = view(app, 'AbiertoParticipantsView')
        # Add with nothing typed puts the keyboard in the Alias entry.
        click(find(participants, role_name('push button', 'Add Participant')))
        time.sleep(0.4)  # a button's click comes 250 ms after its activation
        notice = agree(app)
        refuse(app)
        app.quit_with_keyboard()
    finally:
        app.kill()
    check_file(data_home, notice)
    log('all done')


if __name__ == '__main__':
    data_home = tempfile.mkdtemp(prefix='abierto-e2e-privacy-')
    try:
        main(data_home)
    except Exception:
        traceback.print_exc()
        print(f'The workshop file is left in {data_home}/abierto', file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(data_home, ignore_errors=True)
