"""``ethicsguide casebook [TREE] -o DIR [--all]``: review pages with every path to each outcome."""

from __future__ import annotations

import argparse

from ethicsguide.cli.common import fail, find_tree, library
from ethicsguide.engine.casebook import render_all
from ethicsguide.engine.wording import counted


def run(args: argparse.Namespace) -> int:
    lib = library(args)
    if args.tree and find_tree(lib, args.tree) is None:
        return 1
    try:
        args.output.mkdir(parents=True, exist_ok=True)
        pages = render_all(lib, args.tree, args.every_path)
        for name, text in pages.items():
            (args.output / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        return fail(f"cannot write to {args.output}: {exc.strerror or exc}")
    except ValueError as exc:  # the review-flag phrase table is broken
        return fail(str(exc))
    print(f"Wrote {counted(len(pages), 'page')} to {args.output.resolve()}")
    return 0
