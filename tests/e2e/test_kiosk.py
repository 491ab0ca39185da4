#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kiosk (abierto --kiosk=ROUND FILE) end to end, as the facilitator
and the participants would use it, driven only through AT-SPI (pyatspi
and dogtail; see TESTING.md §4).

Usage: test_kiosk.py ABIERTO ABIERTO_CLI

A workshop file is prepared with abierto-cli: a session, 3 participants,
4 proposals, a dot round (2 dots each), an approval round and a ranking
round. The kiosk is started on each round in turn; the facilitator
chooses a PIN on the PIN pad (twice), then every participant casts a
ballot: Start voting, their name, the ballot, Review my vote, Confirm
my vote, Thank you. abierto-cli then reads from the file exactly the
counts cast. Checked along the way: whoever voted is not offered again,
and one more ballot without a name is taken; every button on every page
is at least 64×64; “Change” goes back to the ballot as it was; the
facilitator gets out only with the PIN (Ctrl+Alt+Q held, a wrong PIN
refused, the right one opens the main window); the corner pressed for
three seconds asks for the PIN too; and a ballot left alone goes back
to the welcome page with nothing saved (ABIERTO_KIOSK_IDLE_SECONDS=2).

GTK 4.8 quirks this relies on, besides those of test_workshop.py: the
pages of the kiosk's stack are all in the tree, and a page once shown
keeps its extents when hidden; the page shown is found by asking the
window what is at a point (Component.getAccessibleAtPoint picks among
mapped widgets only) and going up to its GtkStackPage. A button whose
label is a child of its own (every button the kiosk builds in code) is
named “GtkButton” unless given an accessible label: the test checks that
none is, as a screen reader would read it.
"""

import os
import sys

# Imports the helpers of the workshop test; that module takes G_DEBUG out
# of this process (see there), sets dogtail up and reads the same two
# arguments. Its scenario runs only as a script.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_workshop as w  # noqa: E402

import json  # noqa: E402
import shutil  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402

from dogtail import rawinput  # noqa: E402
import pyatspi  # noqa: E402

from test_workshop import (find, find_all, has_state, label_texts, log,  # noqa: E402
                           text_of, wait_for)

ABIERTO, ABIERTO_CLI = w.ABIERTO, w.ABIERTO_CLI

SESSION_TITLE = 'Escuela Benito Juárez'
SESSION_QUESTION = '¿Qué cambiamos en el patio de la escuela?'
ALIASES = ['Ana', 'Beto', 'Ñandú']
# (title, text): a proposal with a title is named by its title
PROPOSALS = [
    (None, 'Árboles en la calle de la escuela'),
    ('Agua', 'Agua para beber en el recreo'),
    (None, 'Una biblioteca abierta en las vacaciones'),
    (None, 'Juegos para todas las edades'),
]
SHORT = [title or text for title, text in PROPOSALS]        # accessible names
CARD = [f'{title}. {text}' if title else text for title, text in PROPOSALS]  # shown
PIN = '2580'
WRONG_PIN = '1234'

# Pages of the kiosk's stack, in the order of the .ui file
PAGES = ['set-pin', 'welcome', 'who', 'ballot', 'review', 'thanks', 'unlock']
BUTTON_ROLES = ('push button', 'toggle button')
MIN_TARGET = 64


# Finding things on the kiosk

def label_of(node):
    """The text of the label a button holds: what is shown, where its
    accessible name may say more."""
    for child in node:
        if child is not None and child.getRoleName() == 'label':
            return text_of(child)
    return None


def button(text):
    """A push or toggle button by its accessible name."""
    def predicate(n):
        return n.getRoleName() in BUTTON_ROLES and n.name == text
    return predicate


def button_starting(prefix, suffix):
    def predicate(n):
        return (n.getRoleName() in BUTTON_ROLES and n.name.startswith(prefix)
                and n.name.endswith(suffix))
    return predicate


def shown_texts(node):
    """The labels under @node, without the empty ones (hidden labels)."""
    return [t for t in label_texts(node) if t]


class Kiosk(w.App):
    """The kiosk's process, found in the AT-SPI tree by its process id."""

    def __init__(self, env, round_id, what):
        self.env = env
        self.tr = lambda s: s
        self.proc = subprocess.Popen([ABIERTO, f'--kiosk={round_id}', FILE], env=env)
        w.RUNNING[:] = [self.proc]
        self.node = wait_for('the kiosk on the AT-SPI bus', self._find_app, timeout=20)
        self.win = wait_for('the kiosk window “Voting”', self.kiosk_frame)
        self.pages = wait_for('the pages of the kiosk', lambda: self._pages())
        assert find(self.pages[PAGES.index('welcome')], button('Start voting'))
        assert find(self.pages[PAGES.index('unlock')], button('Go back to voting'))
        log(f'kiosk up on round {round_id}, {what} (pid {self.proc.pid})')

    def kiosk_frame(self):
        return w.find_child(self.node, w.role_name('frame', 'Voting'))

    def _pages(self):
        pages = find_all(self.win, lambda n: n.name == 'GtkStackPage')
        return pages if len(pages) == len(PAGES) else None

    def page(self, name):
        return self.pages[PAGES.index(name)]

    def shown(self):
        """The name of the page shown: what the window has at a few
        points belongs to it."""
        component = self.win.queryComponent()
        extents = component.getExtents(pyatspi.WINDOW_COORDS)
        for fx, fy in ((0.5, 0.5), (0.5, 0.08), (0.5, 0.3), (0.5, 0.7)):
            node = component.getAccessibleAtPoint(int(extents.width * fx),
                                                  int(extents.height * fy),
                                                  pyatspi.WINDOW_COORDS)
            while node is not None:
                if node in self.pages:
                    return PAGES[self.pages.index(node)]
                node = node.parent
        return None

    def wait_page(self, name, timeout=w.TIMEOUT):
        wait_for(f'the “{name}” page', lambda: self.shown() == name, timeout=timeout,
                 shown=self.shown)
        return self.page(name)

    def press(self, page, predicate, what):
        """Clicks a sensitive button of @page, as a finger would."""
        node = wait_for(f'the button “{what}”', lambda: find(self.page(page), predicate),
                        shown=lambda: [(n.name, label_of(n)) for n in find_all(
                            self.page(page), lambda n: n.getRoleName() in BUTTON_ROLES)])
        wait_for(f'the button “{what}” to be sensitive',
                 lambda: has_state(node, pyatspi.STATE_SENSITIVE))
        w.click(node)
        return node

    def tap(self, page, text):
        return self.press(page, button(text), text)


# What the participants see

def check_targets(kiosk, page, checked):
    """Every button shown on @page is at least 64×64, and has a name of
    its own for screen readers; once per page and method."""
    if page in checked:
        return
    checked.add(page)
    buttons = find_all(kiosk.page(page), lambda n: n.getRoleName() in BUTTON_ROLES
                       and has_state(n, pyatspi.STATE_VISIBLE))
    assert buttons, f'no button on the “{page}” page'
    sizes, small = [], []
    for b in buttons:
        e = b.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        sizes.append((e.width, e.height))
        if e.width < MIN_TARGET or e.height < MIN_TARGET:
            small.append((b.name, label_of(b), e.width, e.height))
    assert not small, f'buttons smaller than {MIN_TARGET}×{MIN_TARGET} on “{page}”: {small}'
    unnamed = [label_of(b) for b in buttons if not b.name or b.name.startswith('Gtk')]
    assert not unnamed, f'buttons without an accessible name on “{page}”: {unnamed}'
    log(f'“{page}”: {len(buttons)} buttons, each at least {MIN_TARGET}×{MIN_TARGET} '
        f'(narrowest {min(s[0] for s in sizes)}, lowest {min(s[1] for s in sizes)})')


def pin_display(kiosk, page):
    return wait_for('the PIN display', lambda: find(kiosk.page(page), lambda n: (
        n.getRoleName() == 'label' and len(text_of(n)) == 4
        and set(text_of(n)) <= {'●', '○'})))


def type_pin(kiosk, page, pin):
    """Taps the digits of @pin and OK on the PIN pad of @page."""
    display = pin_display(kiosk, page)
    for i, digit in enumerate(pin):
        kiosk.tap(page, digit)
        want = '●' * (i + 1) + '○' * (len(pin) - i - 1)
        wait_for(f'{i + 1} digits shown', lambda: text_of(display) == want,
                 shown=lambda: text_of(display))
    kiosk.tap(page, 'OK')


def choose_pin(kiosk, checked):
    page = kiosk.wait_page('set-pin')
    assert 'Choose a PIN of 4 digits' in shown_texts(page), shown_texts(page)
    check_targets(kiosk, 'set-pin', checked)
    type_pin(kiosk, 'set-pin', PIN)
    wait_for('“Type the same PIN again”',
             lambda: 'Type the same PIN again' in shown_texts(page),
             shown=lambda: shown_texts(page))
    assert text_of(pin_display(kiosk, 'set-pin')) == '○○○○'
    type_pin(kiosk, 'set-pin', PIN)
    welcome = kiosk.wait_page('welcome')
    texts = shown_texts(welcome)
    assert SESSION_QUESTION in texts, texts
    check_targets(kiosk, 'welcome', checked)
    log(f'PIN chosen on the pad and typed again; welcome page: {texts[:3]}')


def offered(kiosk):
    """The names on “Who is voting?”."""
    page = kiosk.page('who')
    return [n.name for n in find_all(page, lambda n: n.getRoleName() == 'push button'
                                     and n.parent.getRoleName() == 'table cell')]


def start_ballot(kiosk, voter, checked, expect_offered):
    """Start voting, then the person's name (None: without a name)."""
    kiosk.tap('welcome', 'Start voting')
    kiosk.wait_page('who')
    wait_for(f'{expect_offered} on “Who is voting?”', lambda: offered(kiosk) == expect_offered,
             shown=lambda: offered(kiosk))
    check_targets(kiosk, 'who', checked)
    if voter is None:
        kiosk.tap('who', 'Vote without my name')
        title = 'Your vote'
    else:
        kiosk.tap('who', voter)
        title = f'Your vote, {voter}'
    page = kiosk.wait_page('ballot')
    wait_for(f'“{title}”', lambda: shown_texts(page)[:1] == [title],
             shown=lambda: shown_texts(page)[:1])
    return page


def review_and_confirm(kiosk, voter, rows, checked, change=False):
    """Review my vote: the page lists @rows (value, card text); Confirm
    my vote; thanks; back on welcome by itself."""
    kiosk.tap('ballot', 'Review my vote')
    page = kiosk.wait_page('review')
    title = f'Is this your vote, {voter}?' if voter else 'Is this your vote?'
    want = [title] + [t for row in rows for t in row] + ['Change', 'Confirm my vote']
    wait_for(f'the review of {voter or "a ballot without a name"}',
             lambda: shown_texts(page) == want, shown=lambda: shown_texts(page))
    check_targets(kiosk, 'review', checked)
    if change:
        # Change: back to the ballot as it was, and to the review again
        kiosk.tap('review', 'Change')
        kiosk.wait_page('ballot')
        kiosk.tap('ballot', 'Review my vote')
        kiosk.wait_page('review')
        wait_for('the same review', lambda: shown_texts(page) == want,
                 shown=lambda: shown_texts(page))
    kiosk.tap('review', 'Confirm my vote')
    thanks = kiosk.wait_page('thanks')
    assert shown_texts(thanks) == ['Thank you!', 'Your vote is saved.'], shown_texts(thanks)
    kiosk.wait_page('welcome')


# Dot voting

def dots_left(page, left):
    want = f'You have {left} dot left' if left == 1 else f'You have {left} dots left'
    wait_for(f'“{want}”', lambda: want in shown_texts(page), shown=lambda: shown_texts(page))


def give(kiosk, page, number, left):
    kiosk.press('ballot', button(f'Give a dot to: {SHORT[number - 1]}'), f'+ Give a dot {number}')
    dots_left(page, left)


def take(kiosk, page, number, left):
    kiosk.press('ballot', button(f'Take a dot back from: {SHORT[number - 1]}'),
                f'− Take one back {number}')
    dots_left(page, left)


def dot_review_rows(dots):
    """(value, card) of the review, in the order of the proposals."""
    given = {}
    for number in dots:
        given[number] = given.get(number, 0) + 1
    return [(f'{given[n]} dot' if given[n] == 1 else f'{given[n]} dots', CARD[n - 1])
            for n in sorted(given)]


def dot_ballot(kiosk, voter, dots, checked, expect_offered, change=False):
    page = start_ballot(kiosk, voter, checked, expect_offered)
    dots_left(page, 2)
    for i, number in enumerate(dots):
        give(kiosk, page, number, 2 - i - 1)
    check_targets(kiosk, 'ballot', checked)
    if len(dots) == 2:
        # nobody gives more dots than they have
        gives = find_all(page, button_starting('Give a dot to: ', ''))
        assert len(gives) == len(PROPOSALS), [b.name for b in gives]
        wait_for('the “+ Give a dot” buttons to be off', lambda: not any(
            has_state(b, pyatspi.STATE_SENSITIVE) for b in gives))
    review_and_confirm(kiosk, voter, dot_review_rows(dots), checked, change)
    log(f'{voter or "without a name"}: dots to proposals {dots}, confirmed')


def run_dot(env, round_id, checked):
    kiosk = Kiosk(env, round_id, 'dot voting, 2 dots')
    try:
        choose_pin(kiosk, checked)
        dot_ballot(kiosk, 'Ana', [1, 1], checked, ALIASES)
        # Beto gives a dot, takes it back and gives two elsewhere
        page = start_ballot(kiosk, 'Beto', checked, ['Beto', 'Ñandú'])
        give(kiosk, page, 1, 1)
        take(kiosk, page, 1, 2)
        give(kiosk, page, 2, 1)
        give(kiosk, page, 3, 0)
        review_and_confirm(kiosk, 'Beto', dot_review_rows([2, 3]), checked, change=True)
        log('Beto: a dot to 1 taken back; dots to 2 and 3; Change and back; confirmed')
        dot_ballot(kiosk, 'Ñandú', [2], checked, ['Ñandú'])
        # Everybody voted: nobody is offered, a ballot without a name is taken
        dot_ballot(kiosk, None, [4, 4], checked, [])
        leave_with_pin(kiosk, checked)
    finally:
        kiosk.kill()


# Leaving

def hold_keys(kiosk, keys, seconds):
    """Holds @keys down for @seconds, with xdotool (XTest)."""
    xdotool = shutil.which('xdotool')
    subprocess.run([xdotool, 'keydown', keys], check=True, timeout=w.TIMEOUT, env=kiosk.env)
    time.sleep(seconds)
    subprocess.run([xdotool, 'keyup', keys], check=True, timeout=w.TIMEOUT, env=kiosk.env)


def leave_with_pin(kiosk, checked):
    """Ctrl+Alt+Q held two seconds asks for the PIN; a wrong one leaves
    the kiosk where it was; the right one opens the main window."""
    kiosk.wait_page('welcome')
    kiosk.focus_window('Voting')
    hold_keys(kiosk, 'ctrl+alt+q', 2.5)
    page = kiosk.wait_page('unlock')
    check_targets(kiosk, 'unlock', checked)
    log('Ctrl+Alt+Q held for 2.5 s: the kiosk asks for the PIN')

    # A wrong PIN, typed on the keyboard
    rawinput.typeText(WRONG_PIN)
    display = pin_display(kiosk, 'unlock')
    wait_for('4 digits typed', lambda: text_of(display) == '●●●●',
             shown=lambda: text_of(display))
    rawinput.pressKey('Return')
    wait_for('“That is not the PIN. Try again.”',
             lambda: 'That is not the PIN. Try again.' in shown_texts(page),
             shown=lambda: shown_texts(page))
    time.sleep(0.5)
    assert kiosk.proc.poll() is None, 'the kiosk ended on a wrong PIN'
    assert kiosk.kiosk_frame() is not None, 'the kiosk window went away on a wrong PIN'
    assert kiosk.shown() == 'unlock', kiosk.shown()
    assert text_of(display) == '○○○○', text_of(display)
    assert w.find_child(kiosk.node, w.role_name('frame', 'Abierto')) is None
    log(f'wrong PIN {WRONG_PIN} typed: refused, still in the kiosk')

    # The right one, on the pad
    type_pin(kiosk, 'unlock', PIN)
    kiosk.win = wait_for('the main window “Abierto”',
                         lambda: w.find_child(kiosk.node, w.role_name('frame', 'Abierto')))
    wait_for('the kiosk window to go', lambda: kiosk.kiosk_frame() is None)
    sessions = wait_for('the Sessions list',
                        lambda: find(kiosk.win, w.role_name('list', 'Sessions')))
    wait_for('the session in the sidebar', lambda: [
        i.name for i in w.list_items(sessions)] == [SESSION_TITLE])
    log('the right PIN on the pad: the kiosk left, the main window shows the file')
    kiosk.quit_with_keyboard()


def leave_by_corner(kiosk):
    """The top right corner pressed for three seconds asks for the PIN;
    “Go back to voting” goes back."""
    kiosk.wait_page('welcome')
    xdotool = shutil.which('xdotool')
    found = subprocess.run([xdotool, 'search', '--all', '--onlyvisible', '--pid',
                            str(kiosk.proc.pid), '--name', '^Voting$'],
                           capture_output=True, text=True, timeout=w.TIMEOUT, env=kiosk.env)
    wid = found.stdout.split()[0]
    corner = wait_for('the corner', lambda: find(kiosk.win, lambda n: (
        n.getRoleName() == 'panel' and n.parent.getRoleName() == 'filler'
        and n.parent.name == 'GtkOverlay' and n not in kiosk.pages
        and n.queryComponent().getExtents(pyatspi.WINDOW_COORDS).width == MIN_TARGET)))
    e = corner.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x, y = e.x + e.width // 2, e.y + e.height // 2
    subprocess.run([xdotool, 'mousemove', '--window', wid, str(x), str(y), 'mousedown', '1'],
                   check=True, timeout=w.TIMEOUT, env=kiosk.env)
    time.sleep(1.5)
    assert kiosk.shown() == 'welcome', f'the PIN asked for after 1.5 s: {kiosk.shown()}'
    time.sleep(2.0)
    subprocess.run([xdotool, 'mouseup', '1'], check=True, timeout=w.TIMEOUT, env=kiosk.env)
    page = kiosk.wait_page('unlock')
    assert 'Participants: tap “Go back to voting”.' in shown_texts(page), shown_texts(page)
    log('the top right corner pressed for 3.5 s: the kiosk asks for the PIN')
    kiosk.tap('unlock', 'Go back to voting')
    kiosk.wait_page('welcome')
    assert kiosk.proc.poll() is None
    log('“Go back to voting”: the welcome page again')


# Approval

def is_pressed(node):
    """A toggle button that is on (“pressed”, or “checked”)."""
    return has_state(node, pyatspi.STATE_PRESSED) or has_state(node, pyatspi.STATE_CHECKED)


def approve(kiosk, page, number, on):
    node = kiosk.press('ballot', button(f'I support: {SHORT[number - 1]}'),
                       f'I support it {number}')
    text = '✓ I support it' if on else 'I support it'
    wait_for(f'“{text}” on proposal {number}',
             lambda: is_pressed(node) == on and label_of(node) == text,
             shown=lambda: (label_of(node), node.getState().getStates()))


def approval_ballot(kiosk, voter, taps, checked, expect_offered):
    """@taps: the proposals tapped, in order; a second tap takes back."""
    page = start_ballot(kiosk, voter, checked, expect_offered)
    chosen = set()
    for number in taps:
        on = number not in chosen
        approve(kiosk, page, number, on)
        chosen ^= {number}
    check_targets(kiosk, 'ballot', checked)
    rows = [('✓', CARD[n - 1]) for n in sorted(chosen)]
    review_and_confirm(kiosk, voter, rows, checked)
    log(f'{voter}: taps on {taps}, supports {sorted(chosen)}, confirmed')
    return sorted(chosen)


def run_approval(env, round_id, checked):
    kiosk = Kiosk(env, round_id, 'approval voting')
    try:
        choose_pin(kiosk, checked)
        cast = {}
        cast['Ana'] = approval_ballot(kiosk, 'Ana', [1, 2], checked, ALIASES)
        cast['Beto'] = approval_ballot(kiosk, 'Beto', [2, 3, 3], checked, ['Beto', 'Ñandú'])
        cast['Ñandú'] = approval_ballot(kiosk, 'Ñandú', [1, 3, 4], checked, ['Ñandú'])
        leave_by_corner(kiosk)
    finally:
        kiosk.kill()
    return cast


# Ranking

def places(page):
    """The proposals in the order of the cards, with their place."""
    cards = []
    for card_text in CARD:
        label = find(page, lambda n: n.getRoleName() == 'label' and text_of(n) == card_text)
        top = label.parent
        place = [text_of(n) for n in top if n is not None and n.getRoleName() == 'label'
                 and text_of(n).isdigit()]
        y = label.queryComponent().getExtents(pyatspi.WINDOW_COORDS).y
        cards.append((y, CARD.index(card_text) + 1, int(place[0]) if place else None))
    return [(number, place) for _, number, place in sorted(cards)]


def rank_ballot(kiosk, voter, steps, checked, expect_offered):
    """@steps: ('choose', n), ('up', n), ('down', n) or ('out', n)."""
    page = start_ballot(kiosk, voter, checked, expect_offered)
    order = []
    for step, number in steps:
        short = SHORT[number - 1]
        if step == 'choose':
            kiosk.press('ballot', button_starting('Choose as number ', f': {short}'),
                        f'Choose as number … {number}')
            order.append(number)
        elif step == 'out':
            kiosk.press('ballot', button(f'Take out of my order: {short}'), f'Take out {number}')
            order.remove(number)
        else:
            i = order.index(number)
            j = i - 1 if step == 'up' else i + 1
            kiosk.press('ballot', button(f'Move {step}: {short}'), f'Move {step} {number}')
            order[i], order[j] = order[j], order[i]
        want = [(n, i + 1) for i, n in enumerate(order)] \
            + [(n, None) for n in range(1, len(PROPOSALS) + 1) if n not in order]
        # the cards follow the order: the chosen first, best first
        wait_for(f'the cards in the order {order}', lambda: places(page)[:len(order)]
                 == want[:len(order)], shown=lambda: places(page))
        check_targets(kiosk, 'ballot', checked)
    rows = [(f'{i + 1}.', CARD[n - 1]) for i, n in enumerate(order)]
    review_and_confirm(kiosk, voter, rows, checked)
    log(f'{voter}: {", ".join(f"{s} {n}" for s, n in steps)} → order {order}, confirmed')
    return order


def run_ranking(env, round_id, checked):
    kiosk = Kiosk(env, round_id, 'ranking')
    try:
        choose_pin(kiosk, checked)
        cast = {}
        cast['Ana'] = rank_ballot(kiosk, 'Ana', [('choose', 3), ('choose', 1), ('choose', 2),
                                                 ('up', 2)], checked, ALIASES)
        cast['Beto'] = rank_ballot(kiosk, 'Beto', [('choose', 1), ('choose', 4), ('out', 1),
                                                   ('choose', 2)], checked, ['Beto', 'Ñandú'])
        cast['Ñandú'] = rank_ballot(kiosk, 'Ñandú', [('choose', 2), ('choose', 1),
                                                     ('choose', 3), ('choose', 4),
                                                     ('down', 2)], checked, ['Ñandú'])
    finally:
        kiosk.kill()
    return cast


# Left alone

def run_idle(env, round_id, before):
    """A ballot left alone for the idle time: back on welcome, nothing
    saved."""
    kiosk = Kiosk(dict(env, ABIERTO_KIOSK_IDLE_SECONDS='2'), round_id,
                  'dot voting, 2 s of idle time')
    try:
        page = kiosk.wait_page('set-pin')
        type_pin(kiosk, 'set-pin', PIN)
        wait_for('“Type the same PIN again”',
                 lambda: 'Type the same PIN again' in shown_texts(page))
        type_pin(kiosk, 'set-pin', PIN)
        kiosk.wait_page('welcome')
        kiosk.tap('welcome', 'Start voting')
        kiosk.wait_page('who')
        kiosk.tap('who', 'Vote without my name')
        ballot = kiosk.wait_page('ballot')
        give(kiosk, ballot, 3, 1)
        given = time.monotonic()
        assert kiosk.shown() == 'ballot'
        log('a ballot without a name, a dot given to proposal 3, then nothing')
        kiosk.wait_page('welcome', timeout=6)
        waited = time.monotonic() - given
        assert waited > 1.2, f'back on welcome {waited:.1f} s after the last tap'
        log(f'back on the welcome page {waited:.1f} s after the last tap')
        time.sleep(1.0)
        assert kiosk.shown() == 'welcome'
    finally:
        kiosk.kill()
    after = results(round_id)
    assert after == before, ('a ballot left alone reached the file', before, after)
    log('nothing new in the file')


# The file

def cli(*args):
    out = subprocess.run([ABIERTO_CLI, '--file', FILE, *args], capture_output=True, text=True,
                         timeout=30)
    assert out.returncode == 0, (args, out.stderr)
    return out.stdout.strip()


def results(round_id):
    return json.loads(cli('results', '--round', str(round_id), '--format', 'json'))


def prepare():
    session = cli('session', 'add', '--title', SESSION_TITLE, '--group', 'children',
                  '--question', SESSION_QUESTION)
    people = {a: int(cli('participant', 'add', '--session', session, '--alias', a))
              for a in ALIASES}
    proposals = []
    for title, text in PROPOSALS:
        args = ['--title', title] if title else []
        proposals.append(int(cli('proposal', 'add', '--session', session, '--text', text, *args)))
    rounds = {m: int(cli('round', 'add', '--session', session, '--method', m, *extra))
              for m, extra in (('dot', ['--dots', '2']), ('approval', []), ('ranking', []))}
    log(f'{os.path.basename(FILE)} prepared with abierto-cli: session {session}, '
        f'participants {people}, proposals {proposals}, rounds {rounds}')
    return people, proposals, rounds


def votes_in_file(round_id, proposals):
    """(alias or None, proposal number, value) of every vote of the round."""
    con = sqlite3.connect(FILE)
    try:
        rows = con.execute('SELECT p.alias, v.proposal_id, v.value FROM vote v '
                           'LEFT JOIN participant p ON p.id = v.participant_id '
                           'WHERE v.round_id = ?', (round_id,)).fetchall()
    finally:
        con.close()
    return sorted(((a, proposals.index(pid) + 1, value) for a, pid, value in rows),
                  key=lambda r: (r[0] or '~', r[1]))


def check_results(round_id, proposals, want_rows, want_table, voters, what):
    """@want_rows: the vote rows; @want_table: {number: (score, votes)}."""
    rows = votes_in_file(round_id, proposals)
    want_rows = sorted(want_rows, key=lambda r: (r[0] or '~', r[1]))
    assert rows == want_rows, (what, rows, want_rows)
    got = results(round_id)
    assert got['voters'] == voters, (what, got)
    table = {proposals.index(r['proposal']) + 1: (r['score'], r['votes']) for r in got['results']}
    want = {n: want_table.get(n, (0, 0)) for n in range(1, len(PROPOSALS) + 1)}
    assert table == want, (what, table, want)
    log(f'abierto-cli results --round {round_id} --format json: {what}: '
        + ', '.join(f'{n}: {s}/{v}' for n, (s, v) in sorted(table.items()))
        + f' (score/votes), {voters} voters')
    return got


def main(data_home):
    global FILE
    FILE = os.path.join(data_home, 'kiosco.abierto')
    # Thanks for 1 s instead of 4; no “Read aloud” buttons, with or
    # without a speech server on the machine
    env = dict(os.environ, XDG_DATA_HOME=data_home, GTK_A11Y='atspi', LC_ALL='C.UTF-8',
               ABIERTO_KIOSK_THANKS_SECONDS='1', ABIERTO_KIOSK_NO_SPEECH='1')
    env.pop('LANGUAGE', None)
    env.pop('ABIERTO_KIOSK_IDLE_SECONDS', None)
    if w.APP_G_DEBUG is not None:
        env['G_DEBUG'] = w.APP_G_DEBUG

    _, proposals, rounds = prepare()
    checked = {m: set() for m in rounds}

    run_dot(env, rounds['dot'], checked['dot'])
    dot = check_results(rounds['dot'], proposals,
                        [('Ana', 1, 2), ('Beto', 2, 1), ('Beto', 3, 1), ('Ñandú', 2, 1),
                         (None, 4, 2)],
                        {1: (2, 1), 2: (2, 2), 3: (1, 1), 4: (2, 1)}, 3, 'dot voting')

    cast = run_approval(env, rounds['approval'], checked['approval'])
    rows = [(a, n, 1) for a, chosen in cast.items() for n in chosen]
    table = {}
    for _, n, _ in rows:
        table[n] = (table.get(n, (0, 0))[0] + 1, table.get(n, (0, 0))[1] + 1)
    check_results(rounds['approval'], proposals, rows, table, 3, 'approval')

    cast = run_ranking(env, rounds['ranking'], checked['ranking'])
    rows = [(a, n, place + 1) for a, order in cast.items() for place, n in enumerate(order)]
    table = {}
    for _, n, place in rows:  # Borda: first of 4 is worth 3 points, the last 0
        score, votes = table.get(n, (0, 0))
        table[n] = (score + len(PROPOSALS) - place, votes + 1)
    check_results(rounds['ranking'], proposals, rows, table, 3, 'ranking (Borda points)')

    run_idle(env, rounds['dot'], dot)

    for method, pages in checked.items():
        want = {'set-pin', 'welcome', 'who', 'ballot', 'review'} | (
            {'unlock'} if method == 'dot' else set())
        assert pages >= want, (method, pages)
    log('all done')


FILE = None

if __name__ == '__main__':
    data_home = tempfile.mkdtemp(prefix='abierto-e2e-kiosk-')
    try:
        main(data_home)
    except Exception:
        traceback.print_exc()
        print(f'The workshop file is left in {data_home}', file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(data_home, ignore_errors=True)
