#!/usr/bin/env python3
"""Keypress to the next question drawn, driven by Textual's Pilot on the real library.

    python bench/keypress_bench.py [--walks 10]

Each step: press 1 (the reasoning prompt opens), type a short reason, then press Enter and
time until the first frame that shows the next question is drawn (the event appended and
fsynced, the state replaced, the screen composed). Frames are timed by wrapping the app's
display call, so Pilot's own settling waits are not counted. Target: median under 50 ms.
The baseline, measured the same way in the same run, is a keypress that only moves the
highlight in the option list.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from ethicsguide.storage.library import load_library
from ethicsguide.tui.app import make_app
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen

TREE = "minor-discloses-trading-sex"


def frame_clock(app) -> list[tuple[float, object]]:  # type: ignore[no-untyped-def]
    """(time, question on screen) for every frame the app draws."""
    frames: list[tuple[float, object]] = []
    display = app._display

    def timed(screen, renderable):  # type: ignore[no-untyped-def]
        display(screen, renderable)
        frames.append((time.perf_counter(), getattr(app.screen, "question", None)))

    app._display = timed
    return frames


def first_frame(
    frames: list[tuple[float, object]], start: float, unlike: object = None
) -> float | None:
    """Seconds from ``start`` to the first frame (showing something other than ``unlike``)."""
    for when, question in frames:
        if when >= start and (unlike is None or question is not unlike):
            return when - start
    return None


async def one_walk(library, data: Path, steps: list[float], moves: list[float]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(data_dir=data, library=library, tree=TREE, blink=False, remember=False)
    frames = frame_clock(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(20):
            screen = app.screen
            if not isinstance(screen, WalkthroughScreen):
                break  # the outcome screen: the walk is over
            if screen.question is None or screen.pending:  # a guide message: continue past it
                await pilot.press("c")
                await pilot.pause()
                continue
            start = time.perf_counter()
            await pilot.press("down")
            await pilot.pause()
            moved = first_frame(frames, start)
            if moved is not None:
                moves.append(moved)
            before = screen.question
            await pilot.press("1")
            await pilot.pause()
            await pilot.press(*"because")
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("enter")
            for _ in range(50):
                if not (
                    isinstance(app.screen, WalkthroughScreen) and app.screen.question is before
                ):
                    break
                await pilot.pause()
            await pilot.pause()
            drawn = first_frame(frames, start, unlike=before)
            if drawn is not None and isinstance(app.screen, WalkthroughScreen):
                steps.append(drawn)


async def main_async(walks: int) -> None:
    library = load_library()
    steps: list[float] = []
    moves: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(walks):
            await one_walk(library, Path(tmp) / str(index), steps, moves)
    step, move = statistics.median(steps), statistics.median(moves)
    print(f"steps timed: {len(steps)} over {walks} walks of {TREE}")
    print(
        f"Enter -> next question drawn  median {step * 1000:6.1f} ms  p90 "
        f"{statistics.quantiles(steps, n=10)[-1] * 1000:6.1f} ms   target < 50 ms: {'yes' if step < 0.05 else 'NO'}"
    )
    print(f"baseline: highlight move     median {move * 1000:6.1f} ms   ratio {step / move:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=10)
    asyncio.run(main_async(parser.parse_args().walks))


if __name__ == "__main__":
    main()
