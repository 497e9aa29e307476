"""``ethicsguide list``: the trees of the library, by domain."""

from __future__ import annotations

import argparse
import json
import sys

from ethicsguide.cli.common import fail, library
from ethicsguide.engine.domains import DOMAINS
from ethicsguide.engine.library import Library, TreeEntry
from ethicsguide.engine.loader import display_path
from ethicsguide.engine.wording import counted


def run(args: argparse.Namespace) -> int:
    if args.domain and args.domain not in DOMAINS:
        return fail(f"unknown domain `{args.domain}`; choose from {', '.join(DOMAINS)}", 2)
    lib = library(args)
    note = lib.outside_note()
    if note and not args.json:
        print(note)
    entries = sorted(lib.trees.values(), key=lambda e: (DOMAINS.index(e.tree.domain), e.tree.title))
    if args.domain:
        entries = [e for e in entries if e.tree.domain == args.domain]
    if args.json:
        print(json.dumps([as_json(e) for e in entries], indent=2, ensure_ascii=False))
    else:
        print_table(entries)
    if lib.broken and not args.json:
        print_broken(lib)
    broken = lib.broken_files()
    if broken:
        print(
            f"{counted(len(broken), 'file')} with problems; run `ethicsguide validate` to see them.",
            file=sys.stderr,
        )
    return 0


def print_broken(lib: Library) -> None:
    """Guides that cannot be walked until their files are fixed."""
    print("\nbroken (cannot be walked until fixed)")
    for tree_id, entry in sorted(lib.broken.items()):
        print(f"  {tree_id:<42} {display_path(entry.path)}")


def as_json(entry: TreeEntry) -> dict[str, object]:
    """The fields design.md fixes for ``list --json``."""
    tree = entry.tree
    return {
        "id": tree.id,
        "title": tree.title,
        "domain": tree.domain,
        "summary": tree.summary,
        "path": str(entry.path),
        "questions": len(tree.questions()),
        "outcomes": len(tree.outcomes()),
    }


def print_table(entries: list[TreeEntry]) -> None:
    domain = None
    for entry in entries:
        tree = entry.tree
        if tree.domain != domain:
            domain = tree.domain
            print(f"\n{domain}")
        print(f"  {tree.id:<42} {tree.title}")
