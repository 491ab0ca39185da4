#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Commitments end to end in the real window, as a facilitator would,
driven only through AT-SPI (see TESTING.md §4 and test_workshop.py, whose
helpers this reuses).

Usage: test_commitments.py ABIERTO ABIERTO_CLI

abierto-cli prepares the default file with a session and three proposals.
In the window: Alt+5 goes to Commitments, Enter on Add Commitment opens
the editor, where the action is typed and the rest filled in; Save adds
it. Alt+5 and Enter open it again; a progress update is added and the
percentage shown is read back; Save, Ctrl+Q. abierto-cli then reads the
commitment, its progress and its update from the file.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

# test_workshop pops G_DEBUG for this process, reads ABIERTO and
# ABIERTO_CLI from the same command line, and sets dogtail up.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_workshop as tw  # noqa: E402
from test_workshop import (App, button_named, click, do_action, find, find_all,  # noqa: E402
                           has_state, label_texts, list_items, log, role_name,
                           session_page, set_text, text_of, wait_for)
from dogtail import rawinput  # noqa: E402
import pyatspi  # noqa: E402

SESSION_TITLE = 'Parques y espacios públicos'
PROPOSALS = ['Luz en los senderos', 'Bancas a la sombra', 'Baños limpios']
ACTION = 'Reparar las luminarias de los senderos'
INSTITUTION = 'Alcaldía Coyoacán'


def cli(path, *args):
    out = subprocess.run([tw.ABIERTO_CLI, '--file', path, *args], capture_output=True,
                         text=True, timeout=30, check=True)
    return out.stdout.strip()


def prepare(path):
    session = cli(path, 'session', 'add', '--title', SESSION_TITLE, '--group', 'older-adults',
                  '--date', '2026-03-14')
    for text in PROPOSALS:
        cli(path, 'proposal', 'add', '--session', session, '--text', text)
    log(f'abierto-cli: session {session} with {len(PROPOSALS)} proposals')


def commitments_view(app):
    page = session_page(app)
    return wait_for('the Commitments view',
                    lambda: find(page, role_name('filler', 'AbiertoCommitmentsView')))


def alt_5(app):
    """Alt+5: the Commitments section, with the keyboard in it."""
    app.focus_window('Abierto')
    rawinput.keyCombo('<Alt>5')
    page = session_page(app)
    tabs = wait_for('the Commitments tabs', lambda: find_all(page, role_name('page tab',
                                                                              'Commitments')))
    wait_for('the Commitments tab to be selected',
             lambda: any(has_state(t, pyatspi.STATE_SELECTED) for t in tabs))


def entry(dialog, name):
    return wait_for(f'the “{name}” entry', lambda: find(dialog, role_name('text', name)))


def add_commitment(app):
    alt_5(app)
    view = commitments_view(app)
    add = find(view, button_named('Add Commitment'))
    wait_for('the keyboard on Add Commitment', lambda: has_state(add, pyatspi.STATE_FOCUSED))
    rawinput.pressKey('Return')
    dialog = wait_for('the New Commitment dialog', lambda: app.toplevel('New Commitment'))

    # The action is typed: the editor opens with the keyboard in it.
    action = entry(dialog, 'Action (required)')
    app.focus_window('New Commitment')
    rawinput.typeText(ACTION)
    wait_for('the typed action', lambda: text_of(action) == ACTION, shown=lambda: text_of(action))

    # GTK 4.8 names it after its label and its row's title: “1. Luz… 1. Luz…”
    check = wait_for('the first proposal’s check box', lambda: find(
        dialog, lambda n: n.getRoleName() == 'check box'
        and n.name.startswith(f'1. {PROPOSALS[0]}')),
        shown=lambda: [(n.getRoleName(), n.name) for n in find_all(
            dialog, lambda n: n.getRoleName() == 'check box')])
    # GTK 4.8 gives a check box no action: Tab to its row, Space ticks it.
    row = find(dialog, lambda n: n.getRoleName() == 'list item'
               and n.name == f'1. {PROPOSALS[0]}')
    for _ in range(10):
        if has_state(row, pyatspi.STATE_FOCUSED) or has_state(check, pyatspi.STATE_FOCUSED):
            break
        rawinput.pressKey('Tab')
        time.sleep(0.2)
    assert has_state(row, pyatspi.STATE_FOCUSED) or has_state(check, pyatspi.STATE_FOCUSED), \
        'Tab never reached the first proposal'
    rawinput.pressKey('space')
    wait_for('the first proposal checked', lambda: has_state(check, pyatspi.STATE_CHECKED))
    for name, text in [('Responsible institution', INSTITUTION),
                       ('Indicator', 'Luminarias funcionando'),
                       ('Baseline', '40'), ('Target', '100'), ('Unit', 'luminarias'),
                       ('Deadline (YYYY-MM-DD)', '2099-12-31')]:
        node = entry(dialog, name)
        set_text(node, text)
        wait_for(f'“{text}” in {name}', lambda: text_of(node) == text)
    click(find(dialog, button_named('Save')))
    wait_for('the editor to close', lambda: app.toplevel('New Commitment') is None)

    shown = find(view, role_name('list', 'Commitments'))
    wait_for('the commitment in the list', lambda: [r.name for r in list_items(shown)] == [ACTION],
             shown=lambda: [r.name for r in list_items(shown)])
    row = list_items(shown)[0]
    wait_for('Planned and 0 % on its row',
             lambda: 'Planned' in label_texts(row) and '0 %' in label_texts(row),
             shown=lambda: label_texts(row))
    log(f'commitment added through the editor: “{ACTION}”, planned, 0 %')


def add_progress(app):
    # Alt+5 again puts the keyboard on the first commitment; Enter opens it.
    alt_5(app)
    view = commitments_view(app)
    shown = find(view, role_name('list', 'Commitments'))
    row = list_items(shown)[0]
    wait_for('the keyboard on the commitment', lambda: has_state(row, pyatspi.STATE_FOCUSED))
    rawinput.pressKey('Return')
    dialog = wait_for('the Edit Commitment dialog', lambda: app.toplevel('Edit Commitment'))
    wait_for('0 % in the editor', lambda: '0 %' in label_texts(dialog),
             shown=lambda: label_texts(dialog))

    value = entry(dialog, 'Value measured')
    set_text(value, '70')
    note = entry(dialog, 'Note')
    set_text(note, 'La primera cuadrilla terminó')
    click(find(dialog, button_named('Add Progress')))
    # 70 from 40 towards 100
    wait_for('50 % in the editor', lambda: '50 %' in label_texts(dialog),
             shown=lambda: label_texts(dialog))
    updates = find(dialog, role_name('list', 'Progress Updates'))
    wait_for('the update in its list', lambda: len(list_items(updates)) == 1)
    log('progress update added in the editor: 50 %')

    click(find(dialog, button_named('Save')))
    wait_for('the editor to close', lambda: app.toplevel('Edit Commitment') is None)
    wait_for('In progress and 50 % on the row',
             lambda: 'In progress' in label_texts(list_items(shown)[0])
             and '50 %' in label_texts(list_items(shown)[0]),
             shown=lambda: label_texts(list_items(shown)[0]))
    log('the list shows it in progress, at 50 %')


def check_file(path):
    commitments = json.loads(cli(path, 'commitment', 'list', '--format', 'json'))
    assert len(commitments) == 1, commitments
    c = commitments[0]
    assert (c['action'], c['institution'], c['status'], c['deadline']) \
        == (ACTION, INSTITUTION, 'in-progress', '2099-12-31'), c
    assert (c['baseline'], c['target'], c['current_value'], c['progress']) \
        == (40.0, 100.0, 70.0, 50.0), c
    assert len(c['proposals']) == 1, c
    assert [(u['value'], u['note']) for u in c['updates']] \
        == [(70.0, 'La primera cuadrilla terminó')], c['updates']
    log('abierto-cli commitment list --format json agrees with the window')


def main(data_home):
    env = dict(os.environ, XDG_DATA_HOME=data_home, GTK_A11Y='atspi', LC_ALL='C.UTF-8')
    env.pop('LANGUAGE', None)
    if tw.APP_G_DEBUG is not None:
        env['G_DEBUG'] = tw.APP_G_DEBUG
    path = os.path.join(data_home, 'abierto', 'talleres.abierto')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    prepare(path)

    app = App(env, lambda s: s)
    try:
        sessions = wait_for('the Sessions list', lambda: find(app.win, role_name('list', 'Sessions')))
        wait_for('the session in the sidebar',
                 lambda: [i.name for i in list_items(sessions)] == [SESSION_TITLE])
        if not has_state(list_items(sessions)[0], pyatspi.STATE_SELECTED):
            sessions.querySelection().selectChild(0)
        wait_for('the session page', lambda: SESSION_TITLE in label_texts(session_page(app)))
        add_commitment(app)
        add_progress(app)
        time.sleep(0.3)
        app.quit_with_keyboard()
    finally:
        app.kill()
    check_file(path)
    log('all done')


if __name__ == '__main__':
    data_home = tempfile.mkdtemp(prefix='abierto-e2e-commitments-')
    try:
        main(data_home)
    except Exception:
        traceback.print_exc()
        print(f'The workshop file is left in {data_home}/abierto', file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(data_home, ignore_errors=True)
