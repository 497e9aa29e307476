"""``ethicsguide resume [SESSION]``: the app on a saved session, at its exact next question."""

from __future__ import annotations

import argparse
from pathlib import Path

from ethicsguide.cli.common import data_dir, extra_roots, fail, walk_library


def run(args: argparse.Namespace) -> int:
    cached = _cached_screen(args)
    if cached is not None:
        return cached
    # lazy: replaying the session brings the engine (pydantic, PyYAML), which a cached
    # screen skips
    from ethicsguide.engine.session import PathBroken, position
    from ethicsguide.storage.sessionlog import SessionFileError
    from ethicsguide.storage.sessions import load_state, resolve

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


def _cached_screen(args: argparse.Namespace) -> int | None:
    """Run the app on the screen the session resumes on as remembered
    (``storage/resume_picture``), before the engine loads; None when there is no such
    picture to trust (the usual way then says what is wrong, if anything)."""
    if extra_roots(args):  # --trees folders may override a guide: they load in full
        return None
    # lazy: all light (no pydantic, no PyYAML), and only this command needs them
    from ethicsguide.storage.lock import locked_by
    from ethicsguide.storage.resume_picture import lookup
    from ethicsguide.tui.home_data import library_roots

    root = data_dir(args)
    path = _session_named(root, args.session)
    if path is None or locked_by(path) is not None:  # open elsewhere: it opens read-only
        return None
    view = lookup(root, library_roots(())[0], path)
    if view is None:
        return None
    # lazy: Textual (~150 ms), as below
    from ethicsguide.cli.cmd_home import run_app
    from ethicsguide.tui.app import make_app

    newest = args.session is None
    return run_app(make_app(data_dir=root, resume=path, first_question=view, newest=newest))


def _session_named(root: Path, ref: str | None) -> Path | None:
    """The session file ``ref`` names; with none, the newest as the home list sees it (the
    app checks that guess the usual way before anything is recorded)."""
    # lazy: light, and only for this command
    from ethicsguide.storage.logread import SessionFileError
    from ethicsguide.storage.session_ref import locate
    from ethicsguide.storage.summaries import recent_summaries

    if ref is not None:
        try:
            return locate(root, ref)
        except SessionFileError:
            return None
    newest = recent_summaries(root, 1)
    return Path(newest[0].path) if newest else None
