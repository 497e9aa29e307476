#!/usr/bin/env python3
"""Memory: resident set size of the app with the full library loaded, against a bare Textual app.

    python bench/memory_bench.py

Each is measured in its own process, headless (Textual's test driver), after the first
screen: the app on a walkthrough with the whole library loaded and checked, the baseline
a minimal app (Header, Static, Footer). Target: under 120 MB.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

OURS = """
import asyncio, tempfile
from ethicsguide.storage.library import load_library
from ethicsguide.tui.app import make_app
from ethicsguide.engine.finder import rank

async def main():
    library = load_library()
    rank(library, "police want my client's file")
    app = make_app(data_dir=tempfile.mkdtemp(), library=library, tree="minor-discloses-trading-sex",
                   blink=False, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        print(rss())
"""

BASE = """
import asyncio, sys
sys.path.insert(0, {here!r})
from minimal_app import Minimal

async def main():
    async with Minimal().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(rss())
"""

RSS = """
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
asyncio.run(main())
"""


def measure(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code + RSS], capture_output=True, text=True, check=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    ours = measure(OURS)
    base = measure(BASE.format(here=str(HERE)))
    print(f"bare Textual app          {base:6.1f} MB")
    print(
        f"ethicsguide, full library {ours:6.1f} MB   ratio {ours / base:.2f}x   "
        f"target < 120 MB: {'yes' if ours < 120 else 'NO'}"
    )


if __name__ == "__main__":
    main()
