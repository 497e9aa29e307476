"""Each screen a key opens is whole in its first frame: nothing on it changes a frame later.

A screen that arrives in stages (its text re-wrapped once its scroll bar shows, the map's
cursor moved, the footer's keys rebuilt) looks like flicker and counts as slow: the
terminal bench times the last change. Frames are compared cell by cell, styles included.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from ethicsguide.tui.screens.outcome import OutcomeScreen
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen
from tests.drive import wait_until

from .conftest import answer, saved_session, settle, withdraw

Frame = list[str]


class Frames:
    """Every frame the app paints, as (screen class name, the cells and their styles)."""

    def __init__(self, app: Any) -> None:
        self.shots: list[tuple[str, Frame]] = []
        display = app._display

        def keep(screen: Screen[Any], update: Any) -> None:
            display(screen, update)
            if update is not None:
                self.shots.append((type(screen).__name__, cells(screen)))

        app._display = keep

    def of(self, screen: str) -> list[Frame]:
        return [frame for name, frame in self.shots if name == screen]


def cells(screen: Screen[Any]) -> Frame:
    strips = screen._compositor.render_strips()
    return [strip.text + "".join(str(segment.style) for segment in strip) for strip in strips]


async def opened_whole(pilot: Pilot[Any], frames: Frames, key: str, screen: str) -> None:
    """Press ``key``; ``screen`` opens, and its first frame is the one it settles on."""
    frames.shots.clear()
    await pilot.press(key)
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == screen)
    await settle(pilot)
    await pilot.pause(0.2)  # anything still to come (a footer rebuilt, a cursor moved)
    shots = frames.of(screen)
    assert shots, f"{screen} was never drawn"
    changed = [i for i, (a, b) in enumerate(zip(shots[0], shots[-1], strict=True)) if a != b]
    assert not changed, f"{screen}: lines {changed} changed after its first frame"


@pytest.mark.parametrize(
    ("key", "screen"),
    [
        ("f1", "HelpScreen"),
        ("m", "MapScreen"),
        ("w", "WhatIfDialog"),
        ("ctrl+e", "ExportDialog"),
    ],
)
async def test_walkthrough_screens_open_whole(build, key: str, screen: str) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "not in danger now")
        frames = Frames(app)
        await opened_whole(pilot, frames, key, screen)


async def test_the_outcome_opens_whole_and_back_shows_the_question(build) -> None:
    app = build(tree="records-request")
    async with app.run_test(size=(80, 24)) as pilot:  # the outcome scrolls
        await settle(pilot)
        await pilot.press("2")
        await pilot.pause()
        frames = Frames(app)
        await pilot.press(*"no consent")
        await opened_whole(pilot, frames, "enter", "OutcomeScreen")
        assert isinstance(app.screen, OutcomeScreen)
        await withdraw(pilot)  # the walkthrough beneath was not drawn at the outcome: now it is
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen) and walk.question is not None
        assert walk.query_one("#current").display and walk.query_one("#choices").display
        assert walk.check_action("choose", (0,)) is not False


async def test_the_sessions_list_opens_whole_with_its_keys(build, data, tui_library) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "not now")]).close()
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        frames = Frames(app)
        await opened_whole(pilot, frames, "ctrl+s", "SessionsScreen")
        assert "Resume" in "".join(frames.of("SessionsScreen")[0])
