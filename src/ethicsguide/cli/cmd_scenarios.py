"""``ethicsguide scenarios``: the training scenarios of the library."""

from __future__ import annotations

import argparse
import json

from ethicsguide.cli.common import library


def run(args: argparse.Namespace) -> int:
    lib = library(args)
    entries = sorted(lib.scenarios.values(), key=lambda e: e.scenario.title)
    if args.json:
        rows = [
            {
                "id": e.scenario.id,
                "title": e.scenario.title,
                "tree": e.scenario.tree,
                "path": str(e.path),
            }
            for e in entries
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not entries:
        print("No training scenarios in the library.")
    else:
        for entry in entries:
            print(f"{entry.scenario.id:<44} {entry.scenario.title}  (tree: {entry.scenario.tree})")
    return 0
