#!/usr/bin/env python3
"""Time to a settled first screen in a real terminal (tmux), ethicsguide vs a bare Textual app.

    python bench/startup_bench.py [--runs 7] [--settle 0.3]

A screen is settled when it is non-blank and unchanged for --settle seconds; the time is
when it last changed. Both apps are measured alternately in the same run, at 120x40.
Target: ethicsguide at most 1.3x the bare app.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent


def start_session(name: str, command: str) -> float:
    """Start ``command`` in a new 120x40 tmux session; returns the start time."""
    for _attempt in range(5):  # tmux refuses now and then while a previous server exits
        start = time.perf_counter()
        started = subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                "120",
                "-y",
                "40",
                "bash",
                "-c",
                f"{command}; sleep 60",
            ],
            capture_output=True,
        )
        if started.returncode == 0:
            return start
        time.sleep(0.2)
    raise SystemExit("tmux could not start a session")


def settled(command: str, settle: float, timeout: float = 30.0) -> float:
    name = "eg" + uuid.uuid4().hex[:8]
    start = start_session(name, command)
    try:
        last, since = None, start
        while time.perf_counter() - start < timeout:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            now = time.perf_counter()
            if screen.strip():
                if screen != last:
                    last, since = screen, now
                elif now - since >= settle:
                    return since - start
            time.sleep(0.005)
        raise SystemExit(f"{command!r} never settled")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--settle", type=float, default=0.3)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="eg-bench-")
    env = f"ETHICSGUIDE_DATA_DIR={data} TERM=xterm-256color"
    ours_cmd = f"{env} {sys.executable} -m ethicsguide"
    base_cmd = f"{env} {sys.executable} {HERE / 'minimal_app.py'}"
    settled(ours_cmd, args.settle)  # warm the file cache for both
    settled(base_cmd, args.settle)
    ours, base = [], []
    for _ in range(args.runs):
        ours.append(settled(ours_cmd, args.settle))
        base.append(settled(base_cmd, args.settle))
    o, b = statistics.median(ours), statistics.median(base)
    print(f"bare Textual app   median {b:.3f}s  runs {', '.join(f'{t:.3f}' for t in base)}")
    print(f"ethicsguide (home) median {o:.3f}s  runs {', '.join(f'{t:.3f}' for t in ours)}")
    print(f"ratio {o / b:.2f}x   target <= 1.30x: {'yes' if o / b <= 1.3 else 'NO'}")


if __name__ == "__main__":
    main()
