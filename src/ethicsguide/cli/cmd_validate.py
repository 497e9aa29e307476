"""``ethicsguide validate [PATH ...]``: check files or the library, located problems out."""

from __future__ import annotations

import argparse

from ethicsguide.cli.common import extra_roots
from ethicsguide.engine.problems import render_json, render_text


def run(args: argparse.Namespace) -> int:
    from ethicsguide.storage.library import load_library, validate_paths

    library = load_library(extra_roots(args))
    if args.paths:
        missing = [p for p in args.paths if not p.exists()]
        if missing:
            print(f"ethicsguide: no such file or folder: {missing[0]}")
            return 2
        problems = validate_paths(args.paths, library)
    else:
        problems = library.problems
    print(render_json(problems) if args.format == "json" else render_text(problems))
    failing = [p for p in problems if p.is_error or args.strict]
    return 1 if failing else 0
