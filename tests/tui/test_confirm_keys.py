"""Every yes/no question's footer names its answers as its buttons do ("y Withdraw", not "y Yes")."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button

from ethicsguide.tui.dialogs.confirm import ConfirmDialog

from .conftest import answer, footer_labels, saved_session, settle
from .test_sessions import open_sessions


async def asked(pilot: Pilot[Any], *keys: str) -> tuple[list[str], list[str]]:
    """Press ``keys``; the question's footer keys and its buttons, then answer no."""
    await pilot.press(*keys)
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmDialog)
    footer = footer_labels(dialog)
    buttons = [str(b.label) for b in dialog.query(Button)]
    await pilot.press("n")
    await settle(pilot)
    return footer, buttons


async def test_the_walkthrough_questions_say_their_answers_in_the_footer(build) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, "1", "she is 16")
        footer, buttons = await asked(pilot, "b")
        assert buttons == ["Withdraw (y)", "Keep it (n)"]
        assert footer[:2] == ["y Withdraw", "n Keep it"] and "f1 Help" in footer
        footer, buttons = await asked(pilot, "escape")
        assert buttons == ["Leave (y)", "Stay (n)"]
        assert footer[:2] == ["y Leave", "n Stay"]
        footer, buttons = await asked(pilot, "1", *"not recorded yet", "ctrl+q")
        assert buttons == ["Quit (y)", "Stay (n)"]
        assert footer[:2] == ["y Quit", "n Stay"]


async def test_the_delete_question_says_delete_and_keep_in_the_footer(
    build, data, tui_library
) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "a")])
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sessions(pilot)
        footer, buttons = await asked(pilot, "d")
        assert buttons == ["Delete (y)", "Keep (n)"]
        assert footer[:2] == ["y Delete", "n Keep"]
