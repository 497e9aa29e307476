#!/usr/bin/env python3
"""Key to settled screen in a real terminal (tmux) for each screen change, and start/resume.

    python bench/screens_bench.py [--rounds 9] [--settle 0.15] [--only help,outcome,start]

Screens: help (F1), map (m), what-if (w), export (ctrl+e) and outcome (the Enter that
records the last reason) during a walkthrough, and the sessions list (ctrl+s) from home.
Each is opened and closed --rounds times; the time is from sending the key to the screen's
last change before it holds still for --settle seconds (with the screen's own text on it).
Targets: median < 100 ms and p90 < 200 ms each.

Then ``start TREE`` and ``resume`` are timed to their first question settled, against the
bare Textual app (bench/minimal_app.py) in the same run. Target: at most 1.3x the bare app.
Numbers are noisy on a shared machine: run it on a quiet one (the load average is printed).
``--only`` times some of them: screen names, and ``start`` for start/resume.
For where the time goes, in process and independent of the machine's load, see
``bench/screens_profile.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = "familial-trafficking-minor"  # option 1 of its first question is an outcome
Screen = Callable[[str], bool]
CHOICES = ("help", "map", "what-if", "export", "outcome", "sessions", "start")


class Terminal:
    """The app in a tmux session: send keys, and time the screen until it holds still."""

    def __init__(self, command: str, width: int = 120, height: int = 40) -> None:
        self.name = "egbench" + uuid.uuid4().hex[:8]
        for _attempt in range(5):  # tmux refuses now and then while a previous server exits
            self.started = time.perf_counter()
            argv = ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width)]
            argv += ["-y", str(height), "bash", "-c", f"{command}; sleep 60"]
            if subprocess.run(argv, capture_output=True).returncode == 0:
                return
            time.sleep(0.2)
        raise SystemExit("tmux could not start a session")

    def screen(self) -> str:
        argv = ["tmux", "capture-pane", "-p", "-t", self.name]
        return subprocess.run(argv, capture_output=True, text=True).stdout

    def keys(self, *keys: str) -> float:
        """Send keys; returns the time they were sent."""
        sent = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)
        return sent

    def settled(self, shows: Screen, since: float, settle: float, timeout: float = 20.0) -> float:
        """Seconds from ``since`` to the last change of a screen that ``shows`` accepts."""
        last, changed = "", since
        while time.perf_counter() - since < timeout:
            screen = self.screen()
            now = time.perf_counter()
            if screen != last:
                last, changed = screen, now
            elif shows(screen) and now - changed >= settle:
                return changed - since
            time.sleep(0.005)
        raise SystemExit(f"the screen never settled:\n{last}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def has(*words: str) -> Screen:
    return lambda screen: all(w in screen for w in words)


def lacks(*words: str) -> Screen:
    return lambda screen: not any(w in screen for w in words)


ASKING = has("your answer?")
# back at a question after withdrawing (its heading may have scrolled up, above the
# withdrawn answers): the footer offers choices again and the withdraw question is gone
BACK_AT_QUESTION: Screen = lambda screen: "1-9 Choose" in screen and "Withdraw" not in screen  # noqa: E731
DIALOGS = ("What if you had answered", "Export the supervision record", "Help ·", "Withdraw your")


def round_trip(term: Terminal, key: str, shows: Screen, close: str, back: Screen, settle: float):  # type: ignore[no-untyped-def]
    """Open with ``key`` (timed), then close with ``close`` and wait for ``back``."""
    took = term.settled(shows, term.keys(key), settle)
    term.settled(back, term.keys(close), settle)
    return took


def walkthrough_screens(
    term: Terminal, rounds: int, settle: float, only: set[str]
) -> dict[str, list[float]]:
    """At question 2 of the walk: help, map, what-if and export, each opened and closed."""
    times: dict[str, list[float]] = {"help": [], "map": [], "what-if": [], "export": []}
    here = lambda s: ASKING(s) and lacks(*DIALOGS, "Map ·")(s)  # noqa: E731
    opens = {
        "help": ("f1", has("Help ·")),
        "map": ("m", has("Map ·")),
        "what-if": ("w", has("What if you had answered")),
        "export": ("C-e", has("Export the supervision record")),
    }
    for _ in range(rounds):
        for screen, (key, shows) in opens.items():
            if screen in only:
                times[screen].append(round_trip(term, key, shows, "Escape", here, settle))
    return {screen: values for screen, values in times.items() if values}


def outcome_screen(term: Terminal, rounds: int, settle: float) -> list[float]:
    """At question 1: answer 1 (an outcome at once) and time Enter; then withdraw it again."""
    times = []
    for _ in range(rounds):
        term.keys("1")
        term.settled(has("Why did you choose this?"), time.perf_counter(), settle)
        times.append(term.settled(has("Outcome ·"), term.keys("Enter"), settle))
        term.settled(has("Withdraw your"), term.keys("b"), settle)
        time.sleep(0.6)  # the withdraw question ignores a yes in its first half second
        term.settled(BACK_AT_QUESTION, term.keys("y"), settle)
    return times


def sessions_screen(term: Terminal, rounds: int, settle: float) -> list[float]:
    home = has("Describe the situation")
    return [
        round_trip(term, "C-s", has("saved session"), "Escape", home, settle) for _ in range(rounds)
    ]


def screen_latencies(
    app: str, rounds: int, settle: float, only: set[str]
) -> dict[str, list[float]]:
    term = Terminal(f"{app} start {TREE}")
    try:
        term.settled(ASKING, term.started, settle)
        times = {"outcome": outcome_screen(term, rounds, settle)} if "outcome" in only else {}
        term.keys("2")
        term.settled(has("Why did you choose this?"), time.perf_counter(), settle)
        term.settled(has("question 2"), term.keys("Enter"), settle)
        times |= walkthrough_screens(term, rounds, settle, only)
        if "sessions" in only:
            term.keys("Escape")
            term.settled(has("Leave this walkthrough"), time.perf_counter(), settle)
            term.settled(has("Describe the situation"), term.keys("y"), settle)
            times["sessions"] = sessions_screen(term, rounds, settle)
        return times
    finally:
        term.close()


def first_screen(command: str, shows: Screen, settle: float) -> float:
    term = Terminal(command)
    try:
        return term.settled(shows, term.started, settle)
    finally:
        term.close()


def saved_session(app: str, data: str, settle: float) -> str:
    """One session with an answer, for ``resume`` to open; its id."""
    folder = Path(data) / "sessions"
    before = set(folder.glob("*.jsonl"))
    term = Terminal(f"{app} start {TREE}")
    try:
        term.settled(ASKING, term.started, settle)
        term.keys("2", "a reason", "Enter")
        term.settled(has("question 2"), time.perf_counter(), settle)
        term.keys("C-q")
        term.settled(has("is saved"), time.perf_counter(), settle)
    finally:
        term.close()
    (made,) = set(folder.glob("*.jsonl")) - before
    return made.stem


def start_and_resume(app: str, data: str, runs: int, settle: float) -> dict[str, list[float]]:
    # by id: the walkthrough bench before this, and each `start` below, leave newer sessions
    session = saved_session(app, data, settle)
    bare = f"{sys.executable} {HERE / 'minimal_app.py'}"
    commands = {
        "bare Textual app": (bare, has("A minimal Textual app.")),
        f"start {TREE}": (f"{app} start {TREE}", ASKING),
        "resume": (f"{app} resume {session}", ASKING),
    }
    for command, shows in commands.values():  # warm the file cache
        first_screen(command, shows, settle)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, shows) in commands.items():
            times[name].append(first_screen(command, shows, settle))
    return times


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def report(latencies: dict[str, list[float]], starts: dict[str, list[float]]) -> None:
    print(f"load average at the end: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    for screen, values in latencies.items():
        median, high = statistics.median(values) * 1000, p90(values) * 1000
        ok = "yes" if median < 100 and high < 200 else "NO"
        print(f"{screen:<9} median {median:6.0f} ms  p90 {high:6.0f} ms  under target: {ok}")
    if not starts:
        return
    bare = statistics.median(starts.pop("bare Textual app"))
    print(f"bare Textual app  median {bare:.3f}s")
    for name, values in starts.items():
        ratio = statistics.median(values) / bare
        verdict = "yes" if ratio <= 1.3 else "NO"
        print(
            f"{name:<17} median {statistics.median(values):.3f}s  ratio {ratio:.2f}x  <= 1.3x: {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--runs", type=int, default=7, help="start/resume runs")
    parser.add_argument("--settle", type=float, default=0.15)
    parser.add_argument(
        "--only", default=",".join(CHOICES), help="comma-separated: " + ", ".join(CHOICES)
    )
    args = parser.parse_args()
    only = set(args.only.split(","))
    if unknown := only - set(CHOICES):
        parser.error(f"unknown: {', '.join(sorted(unknown))}")
    data = tempfile.mkdtemp(prefix="eg-bench-")
    app = f"ETHICSGUIDE_DATA_DIR={data} TERM=xterm-256color {sys.executable} -m ethicsguide"
    latencies = screen_latencies(app, args.rounds, args.settle, only) if only - {"start"} else {}
    starts = start_and_resume(app, data, args.runs, args.settle) if "start" in only else {}
    report(latencies, starts)


if __name__ == "__main__":
    main()
