"""A final decision changed after a supervisor signed it off is said so on the outcome screen."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.widgets import Static

from ethicsguide.storage.exports import export_text
from ethicsguide.storage.sessions import LiveSession
from ethicsguide.tui.dialogs.reasoning import ReasoningDialog
from ethicsguide.tui.screens.outcome import OutcomeScreen
from tests.conftest import make_signing_key
from tests.drive import type_text

from .conftest import kinds, saved_session, settle

OLD = "20261125-090000-old1"
SIGNED = "decline and ask for a subpoena"


def signed_at_outcome(data: Path, library) -> Path:  # type: ignore[no-untyped-def]
    """A session at its outcome, its final decision written, then signed off by a supervisor."""
    live = saved_session(data, library, "records-request", [(1, "no consent on file")])
    live.reflect(SIGNED)
    make_signing_key(data)
    live.sign_off(role="Supervisor")
    live.close()
    return data / "sessions" / f"{OLD}.jsonl"


def shown(screen: OutcomeScreen, wid: str) -> str:
    """The words widget ``wid`` draws, lines joined by spaces ("" while it is hidden)."""
    widget = screen.query_one(wid, Static)
    if not widget.display:
        return ""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(" ".join(strip.text.split()) for strip in lines)


async def test_changing_a_signed_off_decision_is_said_on_the_outcome(
    build, data, tui_library
) -> None:
    path = signed_at_outcome(data, tui_library)
    app = build(resume=path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        outcome = app.screen
        assert isinstance(outcome, OutcomeScreen)
        assert shown(outcome, "#signed-notice") == ""  # the decision is the one signed off
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReasoningDialog)
        prompt = " ".join(str(s.render()) for s in dialog.query(".dialog-prompt"))
        assert "signed off" in prompt and "earlier wording" in prompt
        dialog.query_one("#reason").clear()  # type: ignore[attr-defined]
        await type_text(pilot, "release with her written consent")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is outcome
        notice = shown(outcome, "#signed-notice")
        assert "Changed after sign-off" in notice
        decision = shown(outcome, "#decision")
        assert "release with her written consent" in decision and SIGNED in decision
    # the export says the same
    live = LiveSession.view(path, tui_library)
    assert f"before it was changed after the sign-off:*\n\n> {SIGNED}" in export_text(live)


async def test_a_signed_decision_left_as_it_was_brings_no_notice(build, data, tui_library) -> None:
    path = signed_at_outcome(data, tui_library)
    app = build(resume=path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        outcome = app.screen
        assert isinstance(outcome, OutcomeScreen)
        await pilot.press("d", "enter")  # opened, saved unchanged
        await settle(pilot)
        assert shown(outcome, "#signed-notice") == ""
        assert SIGNED in shown(outcome, "#decision")
    assert kinds(data, OLD)[-1] == "signed-off"  # not recorded again as a change after it
