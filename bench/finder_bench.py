#!/usr/bin/env python3
"""Finder speed: ranking the whole library for a description; target under 50 ms per query.

The baseline, measured in the same run, is a naive scan that only lower-cases each tree's
title, summary and keywords and checks each query word with ``in``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from ethicsguide.engine.finder import rank
from ethicsguide.storage.library import load_library

CASES_FILE = Path(__file__).resolve().parent.parent / "tests" / "finder_cases.yaml"
CASES = [(c["text"], c["fits"]) for c in yaml.safe_load(CASES_FILE.read_text())["cases"]]


def naive(library, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    words = text.lower().split()
    hay = {
        tid: " ".join([e.tree.title, e.tree.summary, *e.tree.keywords]).lower()
        for tid, e in library.trees.items()
    }
    return sorted(hay, key=lambda tid: -sum(w in hay[tid] for w in words))[:3]


def per_query(fn, library) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for text, _expected in CASES:
            fn(library, text)
        samples.append((time.perf_counter() - start) / len(CASES))
    return statistics.median(samples)


def main() -> None:
    library = load_library()
    start = time.perf_counter()
    rank(library, "warm up: builds the index once")
    build = time.perf_counter() - start
    ours, base = per_query(rank, library), per_query(naive, library)
    print(f"trees: {len(library.trees)}, queries: {len(CASES)}")
    print(f"index build (first query)      {build * 1000:8.2f} ms")
    print(
        f"rank, per query                {ours * 1000:8.3f} ms   target < 50 ms: {'yes' if ours < 0.05 else 'NO'}"
    )
    print(f"naive scan baseline, per query {base * 1000:8.3f} ms   ratio {ours / base:.1f}x")


if __name__ == "__main__":
    main()
