"""Snapshot tests of the main screens (fixed size, fixed clock, no cursor blink).

Run from the repository root (file paths on the problems screen are shown relative to it).
After a deliberate visual change: ``pytest tests/tui/test_snapshots.py --snapshot-update``,
but only after opening ``snapshot_report.html`` and looking.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from textual.pilot import Pilot

from tests.drive import type_text

from .conftest import app_for, saved_session, settle, withdraw

WIDE = (100, 32)
NARROW = (80, 24)
Steps = Callable[[Pilot[Any]], Awaitable[None]]


@dataclass(frozen=True)
class Typed:
    """Words typed a key per character, then keys pressed (``typed("safe", "enter")``)."""

    text: str
    then: tuple[str, ...] = ()


def typed(text: str, *then: str) -> Typed:
    return Typed(text, then)


def keys(*pressed: str | Typed) -> Steps:
    """Press keys (or type words) one group at a time, letting workers finish after each."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for group in pressed:
            if isinstance(group, Typed):
                await type_text(pilot, group.text)
                await pilot.press(*group.then)
            else:
                await pilot.press(group)
            await settle(pilot)

    return run


def withdrawing() -> Steps:
    """Press b and confirm the withdrawal once the question could have been read."""

    async def run(pilot: Pilot[Any]) -> None:
        await withdraw(pilot)

    return run


def then(*steps: Steps) -> Steps:
    async def run(pilot: Pilot[Any]) -> None:
        for step in steps:
            await step(pilot)

    return run


class TestHome:
    def test_library_by_area_with_a_broken_guide(self, snap_compare, tui_library, snapdata) -> None:
        """Guides grouped by area with counts; the broken guide and its file are listed, not hidden."""
        assert snap_compare(app_for(tui_library, snapdata), terminal_size=WIDE, run_before=keys())

    def test_ranking_as_you_type(self, snap_compare, tui_library, snapdata) -> None:
        """Typing a description puts the best guide first and says which words matched."""
        run = keys(typed("detective wants her file"))
        assert snap_compare(app_for(tui_library, snapdata), terminal_size=WIDE, run_before=run)

    def test_narrow_with_recent_sessions(self, snap_compare, tui_library, snapdata) -> None:
        """At 80x24 the panes stack; a saved session shows under Recent sessions."""
        saved_session(snapdata, tui_library, "teen-disclosure", [(1, "safe")])
        assert snap_compare(app_for(tui_library, snapdata), terminal_size=NARROW, run_before=keys())


class TestWalkthrough:
    def test_first_question(self, snap_compare, tui_library, snapdata) -> None:
        """The notice, the question, numbered options and the principles panel."""
        app = app_for(tui_library, snapdata, tree="teen-disclosure")
        assert snap_compare(app, terminal_size=WIDE, run_before=keys())

    def test_first_question_narrow(self, snap_compare, tui_library, snapdata) -> None:
        """At 80x24 the principles panel moves below the conversation."""
        app = app_for(tui_library, snapdata, tree="teen-disclosure")
        assert snap_compare(app, terminal_size=NARROW, run_before=keys("down"))

    def test_reasoning_prompt(self, snap_compare, tui_library, snapdata) -> None:
        """Choosing opens the reasoning prompt over the question."""
        app = app_for(tui_library, snapdata, tree="teen-disclosure")
        run = keys("2", typed("She says she is somewhere safe tonight."))
        assert snap_compare(app, terminal_size=WIDE, run_before=run)

    def test_reasoning_prompt_with_identifier_note_at_80x24(
        self, snap_compare, tui_library, snapdata
    ) -> None:
        """On a short terminal the box, the identifier note and the Enter/Escape hint all fit."""
        from ethicsguide.tui.widgets.identifier_hint import IdentifierHint

        app = app_for(tui_library, snapdata, tree="teen-disclosure")
        words = "she called from 555-123-4567, client Maria Lopez said she is safe"

        async def run(pilot: Pilot[Any]) -> None:
            await keys("2", typed(words))(pilot)
            pilot.app.screen.query_one(IdentifierHint).check_now(words)  # not after a timer
            await settle(pilot)

        assert snap_compare(app, terminal_size=NARROW, run_before=run)

    def test_step_waits_for_continue(self, snap_compare, tui_library, snapdata) -> None:
        """A guide step waits for Enter; the answers so far stay above it."""
        app = app_for(tui_library, snapdata, tree="teen-disclosure")
        run = keys("2", typed("safe", "enter"), "1", "enter")
        assert snap_compare(app, terminal_size=WIDE, run_before=run)

    def test_after_going_back(self, snap_compare, tui_library, snapdata) -> None:
        """The withdrawn answer stays visible, struck through and labelled, with the question."""
        app = app_for(tui_library, snapdata, tree="teen-disclosure")
        run = then(keys("2", "enter", "2", typed("she said 19", "enter")), withdrawing(), keys("e"))
        assert snap_compare(app, terminal_size=WIDE, run_before=run)

    def test_high_contrast(self, snap_compare, tui_library, snapdata) -> None:
        """The high-contrast theme (ctrl+t)."""
        app = app_for(tui_library, snapdata, tree="records-request")
        assert snap_compare(app, terminal_size=WIDE, run_before=keys("ctrl+t"))


class TestOtherScreens:
    def test_outcome(self, snap_compare, tui_library, snapdata) -> None:
        """Guidance, checklist, what not to do, sources, ledger, path and the final decision."""
        app = app_for(tui_library, snapdata, tree="records-request")
        run = keys(
            "2", typed("no consent", "enter"), "d", typed("decline, ask for a subpoena"), "enter"
        )
        assert snap_compare(app, terminal_size=(100, 60), run_before=run)

    def test_map(self, snap_compare, tui_library, snapdata) -> None:
        """The guide as an outline: ● on the path, ▶ here, ⇒ the handoff."""
        app = app_for(tui_library, snapdata, tree="teen-disclosure")
        assert snap_compare(app, terminal_size=WIDE, run_before=keys("2", "enter", "m"))

    def test_sessions(self, snap_compare, tui_library, snapdata) -> None:
        """Saved sessions, newest first, with their status."""
        saved_session(snapdata, tui_library, "teen-disclosure", [(1, "safe")])
        saved_session(
            snapdata, tui_library, "records-request", [(0, "signed")], sid="20261125-080000-done"
        )
        assert snap_compare(
            app_for(tui_library, snapdata), terminal_size=WIDE, run_before=keys("tab", "s")
        )

    def test_problems(self, snap_compare, tui_library, snapdata) -> None:
        """One row per problem with file:line:col, errors first."""
        assert snap_compare(
            app_for(tui_library, snapdata), terminal_size=WIDE, run_before=keys("tab", "p")
        )

    def test_help(self, snap_compare, tui_library, snapdata) -> None:
        """F1 explains the focused part and lists the keys of the screen."""
        app = app_for(tui_library, snapdata, tree="teen-disclosure")
        assert snap_compare(app, terminal_size=WIDE, run_before=keys("f1"))

    def test_review(self, snap_compare, tui_library, snapdata) -> None:
        """Read-only review of one answer, with the chosen option ticked."""
        saved_session(snapdata, tui_library, "teen-disclosure", [(1, "safe"), (0, "she is 16")])
        assert snap_compare(
            app_for(tui_library, snapdata),
            terminal_size=WIDE,
            run_before=keys("tab", "s", "v", "right", "right"),
        )
