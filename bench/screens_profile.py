#!/usr/bin/env python3
"""Each screen change of the screens bench, in process (Pilot): CPU time and what it did.

    python bench/screens_profile.py [--rounds 5] [--only help,outcome] [--profile DIR]

The same moves as ``bench/screens_bench.py`` (help, map, what-if, export and outcome in a
walkthrough, then the sessions list from home), driven headless by Textual's Pilot at
120x40. For each it prints, from the key to the last frame drawn: the process CPU time
(threads included; far steadier on a busy machine than the wall clock, which is printed
too), the frames drawn, widgets composed, nodes styled and layout passes. ``--profile``
writes one cProfile file per screen (the rounds together) for ``python -m pstats``.
No terminal output is written (headless), so a real terminal adds a little to each.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import events
from textual.css.stylesheet import Stylesheet
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from ethicsguide.storage.library import load_library
from ethicsguide.tui.app import make_app

TREE = "familial-trafficking-minor"  # as in screens_bench: option 1 of question 1 is an outcome
SCREENS = ("help", "map", "what-if", "export", "outcome", "sessions")
QUIET = 0.2  # seconds without a frame: the screen has settled


@dataclass
class Counts:
    """What Textual did while a screen changed (patched in for the run)."""

    frames: list[tuple[float, float]] = field(default_factory=list)  # (wall, CPU) each
    composed: int = 0
    styled: int = 0
    layouts: int = 0

    def zero(self) -> None:
        self.frames.clear()
        self.composed = self.styled = self.layouts = 0


COUNTS = Counts()


def count_textual_work() -> None:
    """Wrap the Textual calls whose number says where a screen change spends its time."""
    apply, compose, layout = Stylesheet.apply, Widget._compose, Screen._refresh_layout

    def counted_apply(self: Stylesheet, *args: Any, **kwargs: Any) -> Any:
        COUNTS.styled += 1
        return apply(self, *args, **kwargs)

    async def counted_compose(self: Widget) -> None:
        COUNTS.composed += 1
        await compose(self)

    def counted_layout(self: Screen[Any], *args: Any, **kwargs: Any) -> Any:
        COUNTS.layouts += 1
        return layout(self, *args, **kwargs)

    Stylesheet.apply = counted_apply  # type: ignore[method-assign]
    Widget._compose = counted_compose  # type: ignore[method-assign]
    Screen._refresh_layout = counted_layout  # type: ignore[method-assign]


def frame_clock(app: Any) -> None:
    display = app._display

    def timed(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            COUNTS.frames.append((time.perf_counter(), time.process_time()))

    app._display = timed


@dataclass
class Sample:
    wall: float  # key to the last frame
    cpu: float  # process CPU over the same span
    frames: int
    composed: int
    styled: int
    layouts: int
    timeline: str  # each frame: ms since the key / CPU ms since the key


class Timer:
    """Times one key per screen and keeps one cProfile per screen."""

    def __init__(self, pilot: Pilot[Any], profile_dir: Path | None) -> None:
        self.pilot = pilot
        self.samples: dict[str, list[Sample]] = {}
        self.profiles: dict[str, cProfile.Profile] = {}
        self.profiled: dict[str, int] = {}  # changes profiled, per screen
        self.profile_dir = profile_dir

    async def settle(
        self, shows: Callable[[], bool], timeout: float = 10.0, *, drawn: bool = True
    ) -> None:
        """Until ``shows`` holds, a frame is drawn after that (if ``drawn``), and then none
        for QUIET seconds (plain sleeps: Pilot's own waits poll the process, delaying the app)."""
        started = time.perf_counter()
        while not shows():
            if time.perf_counter() - started > timeout:
                raise SystemExit(f"never shown: {self.pilot.app.screen!r}")
            await asyncio.sleep(0.005)
        shown = len(COUNTS.frames)
        while True:
            seen = len(COUNTS.frames)
            await asyncio.sleep(QUIET)
            if len(COUNTS.frames) == seen and (seen > shown or not drawn) and shows():
                return
            if len(COUNTS.frames) == seen and time.perf_counter() - started > 3:
                return  # nothing new was drawn (already on screen)

    async def time(self, name: str, key: str, shows: Callable[[], bool]) -> None:
        await self.settle(lambda: True, drawn=False)
        COUNTS.zero()
        profile = self.profiles.setdefault(name, cProfile.Profile())
        wall, cpu = time.perf_counter(), time.process_time()
        if self.profile_dir:
            profile.enable()
        send_key(self.pilot.app, key)
        await self.settle(shows)
        if self.profile_dir:
            profile.disable()
            self.profiled[name] = self.profiled.get(name, 0) + 1
        if not COUNTS.frames:
            print(f"({name}: no frame drawn after the key; sample left out; {COUNTS})")
            return
        last_wall, last_cpu = COUNTS.frames[-1]
        sample = Sample(
            last_wall - wall,
            last_cpu - cpu,
            len(COUNTS.frames),
            COUNTS.composed,
            COUNTS.styled,
            COUNTS.layouts,
            " ".join(f"{(w - wall) * 1000:.0f}/{(c - cpu) * 1000:.0f}" for w, c in COUNTS.frames),
        )
        self.samples.setdefault(name, []).append(sample)

    def dump(self) -> None:
        if self.profile_dir:
            self.profile_dir.mkdir(parents=True, exist_ok=True)
            for name, profile in self.profiles.items():
                profile.dump_stats(self.profile_dir / f"{name}.prof")


def send_key(app: Any, key: str) -> None:
    """The key as the terminal driver would post it, without Pilot's waits."""
    char = {"enter": "\r", "escape": "\x1b"}.get(key, key if len(key) == 1 else None)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


def screen_is(pilot: Pilot[Any], name: str) -> Callable[[], bool]:
    return lambda: type(pilot.app.screen).__name__ == name


async def close(pilot: Pilot[Any], timer: Timer, key: str, back: str) -> None:
    await pilot.press(key)
    await timer.settle(screen_is(pilot, back))


async def walkthrough_rounds(pilot: Pilot[Any], timer: Timer, only: set[str], rounds: int) -> None:
    opens = {
        "help": ("f1", "HelpScreen"),
        "map": ("m", "MapScreen"),
        "what-if": ("w", "WhatIfDialog"),
        "export": ("ctrl+e", "ExportDialog"),
    }
    for _ in range(rounds):
        for name, (key, screen) in opens.items():
            if name in only:
                await timer.time(name, key, screen_is(pilot, screen))
                await close(pilot, timer, "escape", "WalkthroughScreen")


async def outcome_rounds(pilot: Pilot[Any], timer: Timer, rounds: int) -> None:
    for _ in range(rounds):
        await pilot.press("1")
        await timer.settle(screen_is(pilot, "ReasoningDialog"))
        await pilot.press(*"because")
        await timer.time("outcome", "enter", screen_is(pilot, "OutcomeScreen"))
        await pilot.press("b")
        await timer.settle(screen_is(pilot, "ConfirmDialog"))
        await pilot.pause(0.7)  # the withdraw question ignores a yes in its first half second
        await pilot.press("y")
        await timer.settle(screen_is(pilot, "WalkthroughScreen"))


async def run(rounds: int, only: set[str], profile_dir: Path | None) -> Timer:
    library = load_library()
    count_textual_work()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        app = make_app(data_dir=data, library=library, tree=TREE, blink=False, remember=False)
        frame_clock(app)
        async with app.run_test(size=(120, 40)) as pilot:
            timer = Timer(pilot, profile_dir)
            await timer.settle(screen_is(pilot, "WalkthroughScreen"))
            await pilot.pause(1.2)  # past the app's prewarm of the screens' modules
            await timer.settle(lambda: True, drawn=False)
            if "outcome" in only:
                await outcome_rounds(pilot, timer, rounds)
            await step(pilot, timer, "2", "because")
            await walkthrough_rounds(pilot, timer, only, rounds)
            if "sessions" in only:
                await close(pilot, timer, "escape", "ConfirmDialog")
                await close(pilot, timer, "y", "HomeScreen")
                for _ in range(rounds):
                    await timer.time("sessions", "ctrl+s", sessions_listed(pilot))
                    await close(pilot, timer, "escape", "HomeScreen")
    return timer


def sessions_listed(pilot: Pilot[Any]) -> Callable[[], bool]:
    def check() -> bool:
        screen = pilot.app.screen
        return type(screen).__name__ == "SessionsScreen" and bool(getattr(screen, "infos", None))

    return check


async def step(pilot: Pilot[Any], timer: Timer, digit: str, reason: str) -> None:
    await pilot.press(digit)
    await timer.settle(screen_is(pilot, "ReasoningDialog"))
    await pilot.press(*reason, "enter")
    await timer.settle(screen_is(pilot, "WalkthroughScreen"))


def report(timer: Timer, frames: bool) -> None:
    print(f"{'screen':<9} {'cpu ms':>14} {'wall ms':>14} frames composed styled layouts")
    for name, samples in timer.samples.items():
        if name in timer.profiles and timer.profile_dir:  # a count that load does not change
            calls = pstats.Stats(timer.profiles[name]).total_calls / timer.profiled[name]  # type: ignore[attr-defined]
            print(f"{name:<9} {calls / 1000:.0f}k Python calls per change (cProfile)")
        cpu = [s.cpu * 1000 for s in samples]
        wall = [s.wall * 1000 for s in samples]
        last = samples[-1]
        print(
            f"{name:<9} {statistics.median(cpu):6.0f} (p90 {p90(cpu):3.0f}) "
            f"{statistics.median(wall):6.0f} (p90 {p90(wall):3.0f}) {last.frames:6d} "
            f"{last.composed:8d} {last.styled:6d} {last.layouts:7d}"
        )
        if frames:
            for sample in samples:
                print(f"    frames (wall/CPU ms): {sample.timeline}")


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default=",".join(SCREENS), help="comma-separated screens")
    parser.add_argument("--profile", type=Path, help="write a cProfile per screen here")
    parser.add_argument("--frames", action="store_true", help="print each frame's time")
    args = parser.parse_args()
    only = set(args.only.split(","))
    if unknown := only - set(SCREENS):
        parser.error(f"unknown screens: {', '.join(sorted(unknown))}")
    timer: Timer = asyncio.run(run(args.rounds, only, args.profile))
    timer.dump()
    report(timer, args.frames)


if __name__ == "__main__":
    main()
