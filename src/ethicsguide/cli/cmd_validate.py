"""``ethicsguide validate [PATH ...]``: check files or the library, located problems out."""

from __future__ import annotations

import argparse
from functools import cache

from ethicsguide.cli.common import extra_roots, fail
from ethicsguide.engine.graph import measures
from ethicsguide.engine.library import Library
from ethicsguide.engine.models import Tree
from ethicsguide.engine.problems import Severity, render_json, render_text
from ethicsguide.storage.library import load_library, review_problems, validate_paths


def run(args: argparse.Namespace) -> int:
    base = cache(lambda: load_library(extra_roots(args)))
    if args.review and args.paths:
        return fail("--review checks the whole library; add a folder with --trees DIR", 2)
    if args.paths:
        missing = [p for p in args.paths if not p.exists()]
        if missing:
            return fail(f"no such file or folder: {missing[0]}", 2)
        problems = validate_paths(args.paths, base)
    else:
        problems = base().problems
    if args.review:  # flags are for a person to read: never errors, never in base().problems
        problems = [*problems, *review_problems(base())]
    print(
        render_json(problems)
        if args.format == "json"
        else render_text(problems, review=args.review)
    )
    if args.stats and not args.paths:
        print_stats(base())
    failing = [
        p for p in problems if p.is_error or (args.strict and p.severity is Severity.WARNING)
    ]
    return 1 if failing else 0


def print_stats(library: Library) -> None:
    """Path counts and depths per tree, computed over the DAG (never by listing paths)."""
    print(f"\n{'tree':<44} {'questions':>9} {'outcomes':>8} {'paths':>8} {'forks on a path':>15}")
    for tree_id, entry in sorted(library.trees.items()):
        m = measures(entry.tree)
        if m is not None:
            forks = f"{m.shortest}-{m.longest}"
            print(f"{tree_id:<44} {m.questions:>9} {m.outcomes:>8} {m.paths:>8} {forks:>15}")
    if any(_varies_with_facts(entry.tree) for entry in library.trees.values()):
        print(
            "\nPaths are counted, never listed. Where outcomes or steps have `when` sections, "
            "the text on a path also depends on the facts it set; the counts do not multiply "
            "that in (`ethicsguide casebook` shows each rendering)."
        )


def _varies_with_facts(tree: Tree) -> bool:
    return any(getattr(node, "when", None) for node in tree.nodes.values())
