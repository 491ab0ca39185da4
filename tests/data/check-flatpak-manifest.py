#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Flatpak manifest: the sandbox stays minimal (Abierto holds
# personal data of vulnerable people and needs no network, no home folder
# and no host services), and the manifest builds this project.
#   check-flatpak-manifest.py MANIFEST APP_ID
# It first makes sure that it rejects manifests that break the rules.
import copy
import json
import re
import sys

ALLOWED_FINISH_ARGS = {
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}
# Named so that the message says why, beyond "not allowed".
FORBIDDEN = [
    (r'^--filesystem(=|$)', 'gives access to files outside the sandbox; use the file portal'),
    (r'^--share=network$', 'gives network access; Abierto works offline'),
    (r'^--socket=(session-bus|system-bus)$', 'gives the whole bus'),
    (r'^--(talk|own|system-talk|system-own)-name(=|$)', 'talks to host services'),
    (r'^--device=all$', 'gives every device'),
    (r'^--socket=x11$', 'use --socket=fallback-x11'),
]


def problems_of(manifest, app_id):
    problems = []

    if manifest.get('id', manifest.get('app-id')) != app_id:
        problems.append(f'the app id is not {app_id}')
    if manifest.get('runtime') != 'org.gnome.Platform':
        problems.append('the runtime is not org.gnome.Platform')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append('the sdk is not org.gnome.Sdk')
    if not re.fullmatch(r'\d+', str(manifest.get('runtime-version', ''))):
        problems.append('runtime-version is not a stable GNOME version such as "47"')
    if manifest.get('command') != 'abierto':
        problems.append('the command is not abierto')

    for arg in manifest.get('finish-args', []):
        reasons = [why for pattern, why in FORBIDDEN if re.search(pattern, arg)]
        if reasons:
            problems.append(f'finish-arg {arg} {reasons[0]}')
        elif arg not in ALLOWED_FINISH_ARGS:
            problems.append(f'finish-arg {arg} is not one of {sorted(ALLOWED_FINISH_ARGS)}')

    modules = manifest.get('modules', [])
    if not modules or not isinstance(modules[-1], dict):
        problems.append('the last module is not this project')
        return problems

    for module in modules:
        if not isinstance(module, dict):
            problems.append(f'module {module!r} lives in another file; keep them inline')
            continue
        name = module.get('name', '?')
        build_args = module.get('build-options', {}).get('build-args', [])
        if any('--share=network' in a for a in build_args):
            problems.append(f'module {name} builds with network access')
        for source in module.get('sources', []):
            if isinstance(source, dict) and source.get('type') in ('archive', 'file'):
                if not str(source.get('url', '')).startswith('https://'):
                    problems.append(f'module {name} downloads from a non-https url')
                if not re.fullmatch(r'[0-9a-f]{64}', str(source.get('sha256', ''))):
                    problems.append(f'module {name} has a source without a sha256')

    last = modules[-1]
    if last.get('buildsystem') != 'meson':
        problems.append('the last module is not built with meson')
    if not any(isinstance(s, dict) and s.get('type') == 'dir' and s.get('path') == '.'
               for s in last.get('sources', [])):
        problems.append('the last module is not this project (a "dir" source with path ".")')

    return problems


def self_test(good, app_id):
    def bad(change):
        manifest = copy.deepcopy(good)
        change(manifest)
        return manifest

    def last_module(manifest):
        return manifest['modules'][-1]

    cases = {
        'home folder': bad(lambda m: m['finish-args'].append('--filesystem=home')),
        'host files': bad(lambda m: m['finish-args'].append('--filesystem=host:ro')),
        'network': bad(lambda m: m['finish-args'].append('--share=network')),
        'session bus': bad(lambda m: m['finish-args'].append('--socket=session-bus')),
        'system bus': bad(lambda m: m['finish-args'].append('--socket=system-bus')),
        'talk name': bad(lambda m: m['finish-args'].append('--talk-name=org.freedesktop.Flatpak')),
        'unknown arg': bad(lambda m: m['finish-args'].append('--socket=pulseaudio')),
        'app id': bad(lambda m: m.update({'id': 'org.example.Other'})),
        'command': bad(lambda m: m.update({'command': 'abierto-cli'})),
        'last module': bad(lambda m: m['modules'].reverse()),
        'buildsystem': bad(lambda m: last_module(m).update({'buildsystem': 'cmake'})),
        'build network': bad(lambda m: last_module(m).update(
            {'build-options': {'build-args': ['--share=network']}})),
    }
    failed = [name for name, manifest in cases.items() if not problems_of(manifest, app_id)]
    if failed:
        print(f'self-test: the checker accepted a manifest with: {", ".join(failed)}',
              file=sys.stderr)
        sys.exit(1)


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)

    problems = problems_of(manifest, app_id)
    if problems:
        for p in problems:
            print(f'{path}: {p}', file=sys.stderr)
        sys.exit(1)

    self_test(manifest, app_id)
    print(f'{path}: in order; finish-args {manifest["finish-args"]}')


if __name__ == '__main__':
    main()
