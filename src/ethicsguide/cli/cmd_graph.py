"""``ethicsguide graph TREE``: the tree as Mermaid or Graphviz text."""

from __future__ import annotations

import argparse

from ethicsguide.cli.common import find_tree, library
from ethicsguide.engine.diagram import dot, mermaid


def run(args: argparse.Namespace) -> int:
    entry = find_tree(library(args), args.tree)
    if entry is None:
        return 1
    print(mermaid(entry.tree) if args.format == "mermaid" else dot(entry.tree))
    return 0
