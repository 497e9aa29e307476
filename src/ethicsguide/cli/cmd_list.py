"""``ethicsguide list``: the trees of the library, by domain."""

from __future__ import annotations

import argparse
import json

from ethicsguide.cli.common import fail, library
from ethicsguide.engine.models import DOMAINS


def run(args: argparse.Namespace) -> int:
    if args.domain and args.domain not in DOMAINS:
        return fail(f"unknown domain `{args.domain}`; choose from {', '.join(DOMAINS)}", 2)
    lib = library(args)
    entries = sorted(lib.trees.values(), key=lambda e: (DOMAINS.index(e.tree.domain), e.tree.title))
    if args.domain:
        entries = [e for e in entries if e.tree.domain == args.domain]
    if args.json:
        print(json.dumps([_as_json(e) for e in entries], indent=2, ensure_ascii=False))
    else:
        _print_table(entries)
    broken = lib.broken_files()
    if broken:
        print(f"{len(broken)} file(s) with problems are not listed; run `ethicsguide validate`.",
              file=__import__("sys").stderr)
    return 0


def _as_json(entry: object) -> dict[str, object]:
    tree = entry.tree  # type: ignore[attr-defined]
    return {"id": tree.id, "title": tree.title, "domain": tree.domain, "summary": tree.summary,
            "path": str(entry.path), "questions": len(tree.questions()),  # type: ignore[attr-defined]
            "outcomes": len(tree.outcomes())}


def _print_table(entries: list) -> None:  # type: ignore[type-arg]
    domain = None
    for entry in entries:
        tree = entry.tree
        if tree.domain != domain:
            domain = tree.domain
            print(f"\n{domain}")
        print(f"  {tree.id:<42} {tree.title}")
