"""``ethicsguide start TREE``: the app, straight into a new walkthrough of TREE."""

from __future__ import annotations

import argparse

from ethicsguide.cli.common import data_dir, extra_roots, fail, find_tree, walk_library
from ethicsguide.engine.loader import display_path
from ethicsguide.engine.problems import sort_problems
from ethicsguide.storage.paths import ensure_private_dir, sessions_dir


def run(args: argparse.Namespace) -> int:
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
