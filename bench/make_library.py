#!/usr/bin/env python3
"""Generate a synthetic tree library of about N nodes for the validation benchmarks.

python bench/make_library.py --nodes 10000 /tmp/lib10k
python bench/make_library.py --wide-paths 40 /tmp/lib2p40   # one tree with 2**40 paths
python bench/make_library.py --one-tree --warnings --nodes 8000 /tmp/one8k   # one big tree
python bench/make_library.py --facts ...   # format 2: options set facts, outcomes have `when`
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

NODES_PER_TREE = 100
PRINCIPLES = ["autonomy", "beneficence", "nonmaleficence", "justice", "fidelity", "veracity"]


def glossary(out: Path) -> None:
    lines = ["format: 1", "principles:"]
    for name in PRINCIPLES:
        lines += [
            f"  {name}:",
            f"    name: {name.title()}",
            "    short: A principle.",
            "    definition: A principle used by the synthetic library.",
        ]
    (out / "principles.yaml").write_text("\n".join(lines) + "\n")
    (out / "sources.yaml").write_text(
        'format: 1\nsources:\n  src-a: {cite: "A synthetic source"}\n'
    )


def tree_text(
    tree_id: str, size: int, rng: random.Random, facts: bool = False, *, warnings: bool = False
) -> str:
    """Questions form a forward-only DAG (edges go to higher indexes), ending in outcomes.

    With ``facts``, each option sets ``seen`` and a fact of its own, and each outcome has two
    ``when`` sections over ``seen`` (every path to an outcome answers a question). With
    ``warnings`` no question has a ``tension`` and no outcome a source: one warning per node,
    each of which has to be located in the file.
    """
    questions = max(2, size * 2 // 3)
    outcomes = max(2, size - questions)
    lines = [
        f"format: {2 if facts else 1}",
        f"id: {tree_id}",
        f"title: Synthetic tree {tree_id}",
        "domain: general",
        "summary: Generated for benchmarks.",
        'reviewed: "2026-11"',
        "start: q0",
        "nodes:",
    ]
    for i in range(questions):
        lines += [
            f"  q{i}:",
            f"    ask: Is statement {i} true for this client?",
            "    why: Benchmark.",
            f"    tension: [{rng.choice(PRINCIPLES)}, {rng.choice(PRINCIPLES)}]",
            "    options:",
        ]
        if warnings:
            del lines[-2]
        if i + 1 < questions:
            second = f"o{(i // 2) % outcomes}" if i % 2 == 0 else f"q{min(questions - 1, i + 2)}"
            targets = [f"q{i + 1}", second if second != f"q{i + 1}" else f"o{outcomes - 1}"]
        else:
            targets = [f"o{outcomes - 1}", f"o{(i + 1) % outcomes}"]
        for k, target in enumerate(targets):
            lines += [
                f"      - label: Option {k + 1}",
                f"        to: {target}",
                f"        upholds: [{rng.choice(PRINCIPLES)}]",
            ]
            if facts:
                lines.append(f"        sets: [seen, f{i % 10}-{k}]")
    for j in range(outcomes):
        lines += [
            f"  o{j}:",
            f"    outcome: Outcome {j}",
            "    guidance: Do the synthetic thing.",
            "    actions: [Act.]",
            "    avoid: [Do not.]",
        ]
        if not warnings:
            lines.append("    sources: [src-a]")
        if facts:
            lines += [
                "    when:",
                "      - if: seen and not (seen and not seen)",
                "        guidance: Shown on every path that answered a question.",
                "      - if: not seen",
                "        actions: [Shown on no path, as every path answers a question.]",
            ]
    return "\n".join(lines) + "\n"


def wide_tree(depth: int, facts: bool = False) -> str:
    """``depth`` questions in a chain, each with two options to the next: 2**depth paths."""
    lines = [
        f"format: {2 if facts else 1}",
        "id: wide",
        "title: Two to the power of depth paths",
        "domain: general",
        "summary: Every question doubles the paths.",
        'reviewed: "2026-11"',
        "start: q0",
        "nodes:",
    ]
    for i in range(depth):
        target = f"q{i + 1}" if i + 1 < depth else "end"
        lines += [
            f"  q{i}:",
            f"    ask: Fork {i}?",
            "    why: Benchmark.",
            "    tension: [autonomy]",
            "    options:",
            "      - label: Left",
            f"        to: {target}",
            *([f"        sets: [left-{i % 20}]"] if facts else []),
            "      - label: Right",
            f"        to: {target}",
            *([f"        sets: [right-{i % 20}]"] if facts else []),
        ]
    lines += [
        "  end:",
        "    outcome: The end",
        "    guidance: Done.",
        "    actions: [Stop.]",
        "    avoid: [Nothing.]",
        "    sources: [src-a]",
    ]
    if facts:
        lines.append("    when:")
        for k in range(10):
            lines += [
                f"      - if: left-{k} and not right-{k + 1}",
                f"        guidance: Section {k}, shown where fork {k} went left.",
                f"        actions: [Act on section {k}.]",
            ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument(
        "--wide-paths", type=int, metavar="DEPTH", help="one tree with 2**DEPTH paths"
    )
    parser.add_argument("--one-tree", action="store_true", help="all nodes in one tree")
    parser.add_argument("--warnings", action="store_true", help="one warning per node")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--facts", action="store_true", help="format 2: facts and `when`")
    args = parser.parse_args()
    folder = args.out / "general"
    folder.mkdir(parents=True, exist_ok=True)
    glossary(args.out)
    if args.wide_paths:
        (folder / "wide.yaml").write_text(wide_tree(args.wide_paths, args.facts))
        return
    rng = random.Random(args.seed)
    if args.one_tree:
        text = tree_text("big", args.nodes, rng, args.facts, warnings=args.warnings)
        (folder / "big.yaml").write_text(text)
        return
    for index in range(max(1, args.nodes // NODES_PER_TREE)):
        text = tree_text(f"t{index:05d}", NODES_PER_TREE, rng, args.facts)
        (folder / f"t{index:05d}.yaml").write_text(text)


if __name__ == "__main__":
    main()
