"""``ethicsguide find "TEXT"``: trees ranked for a dilemma in plain words."""

from __future__ import annotations

import argparse
import json

from ethicsguide.cli.common import library
from ethicsguide.engine.finder import rank


def run(args: argparse.Namespace) -> int:
    lib = library(args)
    matches = rank(lib, args.text, limit=5)
    if args.json:
        rows = [
            {
                "id": m.tree_id,
                "title": m.title,
                "score": m.score,
                "path": str(lib.trees[m.tree_id].path),
                "fallback": m.fallback,
            }
            for m in matches
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not matches:
        print("No tree matches those words. Try other words.")
        return 0
    if matches[0].fallback:
        print("No guide fits those words well. The general guide walks any hard call step by step:")
    for number, match in enumerate(matches, start=1):
        print(f"{number}. {match.tree_id:<42} {match.title}")
    print(f"\nStart one with: ethicsguide start {matches[0].tree_id}")
    return 0
