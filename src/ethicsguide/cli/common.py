"""Helpers shared by the command modules: the library, the data folder, error output."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ethicsguide.storage.paths import data_dir as resolve

if TYPE_CHECKING:  # the engine is imported only by commands that use it (start-up speed)
    from ethicsguide.engine.library import Library, TreeEntry


def extra_roots(args: argparse.Namespace) -> list[Path]:
    return list(getattr(args, "trees", None) or [])


def library(args: argparse.Namespace) -> Library:
    # lazy: the engine (pydantic, networkx) is ~0.3 s that `serve`, which only uses `fail`, skips
    from ethicsguide.storage.library import load_library

    return load_library(extra_roots(args))


def walk_library(args: argparse.Namespace, tree_ids: Iterable[str]) -> tuple[Library, bool]:
    """A library to walk ``tree_ids`` with, and whether it is the whole library.

    Without ``--trees`` folders it holds only those guides and the ones they hand over to,
    so the first question does not wait for every other guide to load and be checked; if
    the check cache vouches for their files it is not even checked yet (the app checks it
    right after drawing, before recording any answer: see ``storage/walkable.py``).
    """
    if not extra_roots(args):
        # lazy: the engine (pydantic) stays out of `serve`, which imports this module for `fail`
        from ethicsguide.storage.walkable import load_walkable

        walkable = load_walkable(tree_ids, data_dir(args))
        if walkable is not None:
            return walkable, False
    return library(args), True


def data_dir(args: argparse.Namespace) -> Path:
    return resolve(getattr(args, "data_dir", None))


def fail(message: str, code: int = 1) -> int:
    """Print a one-line reason to stderr and return the exit code."""
    print(f"ethicsguide: {message}", file=sys.stderr)
    return code


def find_tree(lib: Library, tree_id: str) -> TreeEntry | None:
    """The tree, or None after saying what exists (and whether it is broken)."""
    entry = lib.get(tree_id)
    broken = lib.broken.get(tree_id)
    if broken is not None:
        fail(_broken_reason(lib, broken))
    elif entry is None:
        close = difflib.get_close_matches(tree_id, list(lib.trees), n=3)
        hint = (
            f"; did you mean {', '.join(close)}?"
            if close
            else "; `ethicsguide list` shows the trees"
        )
        fail(f"no tree `{tree_id}`{hint}")
    return entry


def _broken_reason(lib: Library, entry: TreeEntry) -> str:
    """The first error of a broken guide, located, and how many there are."""
    # lazy: the engine (pydantic) stays out of `serve`, which imports this module for `fail`
    from ethicsguide.engine.loader import display_path
    from ethicsguide.engine.problems import sort_problems
    from ethicsguide.engine.wording import counted

    errors = sort_problems(p for p in lib.errors if p.file == display_path(entry.path))
    first = f"{errors[0].render()} — " if errors else ""
    how_many = counted(len(errors), "error") if errors else "an error"
    return (
        f"{first}the guide `{entry.id}` has {how_many} and cannot be "
        "walked until it is fixed; `ethicsguide validate` lists them"
    )
