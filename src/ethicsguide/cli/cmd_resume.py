"""``ethicsguide resume [SESSION]``: the app on a saved session, at its exact next question."""

from __future__ import annotations

import argparse

from ethicsguide.cli.common import data_dir, extra_roots, fail, walk_library
from ethicsguide.engine.session import PathBroken, position
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import load_state, resolve


def run(args: argparse.Namespace) -> int:
    root = data_dir(args)
    try:
        path = resolve(root, args.session)
        state, _read = load_state(path)
    except SessionFileError as exc:
        return fail(str(exc))
    lib, whole = walk_library(args, [p.tree for p in state.pins])
    if lib.tree(state.tree) is None:
        return fail(
            f"{path}: its guide `{state.tree}` is not in the library "
            f"(`ethicsguide export {state.id}` still prints the record)"
        )
    try:
        position(state, lib.tree)
    except PathBroken as exc:
        return fail(
            f"{path}: cannot carry on: {exc} (the guide was edited since; "
            f"`ethicsguide export {state.id}` still prints the record)"
        )
    # lazy: Textual (~150 ms) only once the arguments are known good; errors print without it
    from ethicsguide.cli.cmd_home import run_app
    from ethicsguide.tui.app import make_app

    return run_app(
        make_app(
            data_dir=root,
            extra_roots=extra_roots(args),
            resume=path,
            library=lib if whole else None,
            walkable=None if whole else lib,
        )
    )
