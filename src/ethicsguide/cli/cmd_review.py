"""``ethicsguide review SESSION``: the app replaying a saved session for supervision."""

from __future__ import annotations

import argparse

from ethicsguide.cli.common import data_dir, extra_roots, fail, library


def run(args: argparse.Namespace) -> int:
    from ethicsguide.storage.sessionlog import SessionFileError
    from ethicsguide.storage.sessions import load_state, resolve

    root = data_dir(args)
    try:
        path = resolve(root, args.session)
        load_state(path)
    except SessionFileError as exc:
        return fail(str(exc))
    from ethicsguide.cli.cmd_home import run_app
    from ethicsguide.tui.app import make_app

    lib = library(args)
    return run_app(make_app(data_dir=root, library=lib, extra_roots=extra_roots(args), review=path))
