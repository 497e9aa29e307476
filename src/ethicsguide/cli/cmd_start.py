"""``ethicsguide start TREE``: the app, straight into a new walkthrough of TREE."""

from __future__ import annotations

import argparse

from ethicsguide.cli.common import data_dir, extra_roots, fail, find_tree, walk_library
from ethicsguide.storage.paths import ensure_private_dir, sessions_dir


def run(args: argparse.Namespace) -> int:
    first = _cached_first_question(args)
    if first is not None:
        return first
    # lazy: the loader brings pydantic and PyYAML, which a cached first question skips
    from ethicsguide.engine.loader import display_path
    from ethicsguide.engine.problems import sort_problems

    lib, whole = walk_library(args, [args.tree])
    entry = find_tree(lib, args.tree)
    if entry is None:
        return 1
    errors = sort_problems(p for p in lib.errors if p.file == display_path(entry.path))
    if errors:
        return fail(
            f"{errors[0].render()} — the guide `{args.tree}` has {len(errors)} error(s); "
            "`ethicsguide validate` lists them"
        )
    root = data_dir(args)
    try:
        ensure_private_dir(sessions_dir(root))
    except OSError as exc:
        return fail(f"cannot save sessions in {sessions_dir(root)}: {exc.strerror or exc}")
    # lazy: Textual (~150 ms) only once the arguments are known good; errors print without it
    from ethicsguide.cli.cmd_home import run_app
    from ethicsguide.tui.app import make_app

    return run_app(
        make_app(
            data_dir=root,
            extra_roots=extra_roots(args),
            tree=entry.id,
            dilemma=args.dilemma,
            library=lib if whole else None,
            walkable=None if whole else lib,
        )
    )


def _cached_first_question(args: argparse.Namespace) -> int | None:
    """Run the app on the guide's first question as remembered (``storage/first_question``),
    before the guide and the engine load; None when there is no such picture to trust."""
    if extra_roots(args):  # --trees folders may override a guide: they load in full
        return None
    # lazy: both are light (no pydantic, no PyYAML), and only this command needs them
    from ethicsguide.storage.first_question import lookup
    from ethicsguide.tui.home_data import library_roots

    root = data_dir(args)
    view = lookup(root, library_roots(())[0], args.tree)
    if view is None:
        return None
    try:
        ensure_private_dir(sessions_dir(root))
    except OSError:
        return None  # the usual path says why
    # lazy: Textual (~150 ms), as below
    from ethicsguide.cli.cmd_home import run_app
    from ethicsguide.tui.app import make_app

    app = make_app(data_dir=root, tree=args.tree, dilemma=args.dilemma, first_question=view)
    return run_app(app)
