"""``ethicsguide review SESSION``: the app replaying a saved session for supervision.

``review --init-key`` makes the supervisor's own sign-off key instead.
"""

from __future__ import annotations

import argparse

from ethicsguide.cli.common import data_dir, extra_roots, fail, library
from ethicsguide.storage import signing
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import load_state, resolve


def run(args: argparse.Namespace) -> int:
    root = data_dir(args)
    if args.init_key:
        return _init_key(args)
    if args.session is None:
        return fail("give the SESSION to review (or --init-key to make your sign-off key)", 2)
    try:
        path = resolve(root, args.session)
        load_state(path)
    except SessionFileError as exc:
        return fail(str(exc))
    # lazy: Textual (~150 ms) only once the arguments are known good; errors print without it
    from ethicsguide.cli.cmd_home import run_app
    from ethicsguide.tui.app import make_app

    lib = library(args)
    app = make_app(data_dir=root, library=lib, extra_roots=extra_roots(args), review=path)
    app.context.signing_key = args.key
    return run_app(app)


def _init_key(args: argparse.Namespace) -> int:
    path = args.key or signing.default_key_path(data_dir(args))
    try:
        fingerprint = signing.init_key(path)
    except SessionFileError as exc:
        return fail(str(exc))
    print(f"Made your sign-off key: {path} (private, 0600; keep it to yourself).")
    print(f"Its fingerprint: {fingerprint}")
    print("Give the fingerprint to whoever checks your sign-offs (`ethicsguide verify --key`).")
    return 0
