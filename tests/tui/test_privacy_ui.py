"""Pilot tests of privacy in the app: the identifier warning as you type, and export redaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from ethicsguide.engine.session import replay
from ethicsguide.tui.dialogs.export import ExportDialog
from ethicsguide.tui.dialogs.reasoning import ReasoningDialog
from ethicsguide.tui.redaction import preview
from ethicsguide.tui.screens.outcome import OutcomeScreen
from ethicsguide.tui.widgets.identifier_hint import IdentifierHint, kind_phrase
from tests.conftest import make_signing_key
from tests.drive import type_text, wait_until

from .conftest import answer, events, kinds, saved_session, settle

PHONE = "555-201-7788"
EMAIL = "maria.l@example.org"
CITATION = "45 CFR 164.512(f)"
REASONING = f"No consent on file; {CITATION} needs a court order. Her cell is {PHONE}."
DECISION = f"Decline; tell the detective to write to {EMAIL} with a subpoena."


def hint(pilot: Pilot[Any]) -> IdentifierHint:
    return pilot.app.screen.query_one(IdentifierHint)


async def checked(pilot: Pilot[Any]) -> None:
    """Wait for the hint's check, which runs once typing has paused (``IdentifierHint.DELAY``)."""
    await wait_until(pilot, lambda: hint(pilot)._timer is None, what="the identifier check")


async def type_and_wait(pilot: Pilot[Any], text: str) -> None:
    await type_text(pilot, text)
    await checked(pilot)


async def erase(pilot: Pilot[Any], count: int) -> None:
    await pilot.press(*["backspace"] * count)
    await checked(pilot)


def test_kind_names_read_as_a_sentence() -> None:
    assert kind_phrase(["phone"]) == "a phone number"
    assert kind_phrase(["phone", "email"]) == "a phone number and an e-mail address"
    assert kind_phrase(["ssn", "a-number", "name"]) == (
        "a Social Security number, an immigration A-number and a name"
    )


async def test_an_accented_name_and_an_international_number_are_warned_about(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await type_and_wait(pilot, "Her cousin María García")
        assert hint(pilot).display and hint(pilot).kinds == ["name"]
        await type_and_wait(pilot, " calls from +52 55 1234 5678")
        assert hint(pilot).kinds == ["name", "phone"]
        assert "a name and a phone number" in str(hint(pilot).render())


def test_every_kind_the_guard_reports_has_a_plain_name() -> None:
    from ethicsguide.engine.identifiers import KINDS
    from ethicsguide.tui.widgets.identifier_hint import KIND_NAMES

    assert set(KIND_NAMES) == set(KINDS)
    assert (
        kind_phrase(["plate", "handle"]) == "a license plate and a social media handle or profile"
    )


async def test_the_warning_comes_and_goes_as_you_type_and_never_blocks(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, ReasoningDialog)
        await type_and_wait(pilot, "She is safe tonight.")
        assert not hint(pilot).display
        await type_and_wait(pilot, f" Call {PHONE}")
        assert hint(pilot).display and hint(pilot).kinds == ["phone"]
        assert "looks like a phone number" in str(hint(pilot).render())
        await erase(pilot, len(PHONE))
        assert not hint(pilot).display  # the number is gone, so is the warning
        await type_and_wait(pilot, EMAIL)
        assert hint(pilot).kinds == ["email"]
        assert "an e-mail address" in str(hint(pilot).render())
        await pilot.press("enter")  # saving is never blocked
        await settle(pilot)
        assert not isinstance(app.screen, ReasoningDialog)
    saved = [e for e in events(data) if e["type"] == "reasoned"]
    assert saved[-1]["text"] == f"She is safe tonight. Call {EMAIL}"


async def test_the_check_waits_for_typing_to_pause(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        guard = hint(pilot)
        calls: list[str] = []
        original = guard.check_now
        guard.check_now = lambda text: (calls.append(text), original(text))  # type: ignore[method-assign]
        await type_text(pilot, PHONE)
        await wait_until(
            pilot, lambda: calls and calls[-1] == PHONE, what="the check of the number"
        )
        assert calls[-1] == PHONE  # checked once typing paused…
        assert len(calls) < len(PHONE) // 2  # …not once per key


async def test_legal_citations_are_not_flagged(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await type_and_wait(pilot, f"Per {CITATION} and 34 U.S.C. 12291(b)(2), no.")
        assert not hint(pilot).display


@pytest.mark.parametrize("prompt", ["decision", "note"])
async def test_the_final_decision_and_note_prompts_warn_too(build, data, prompt: str) -> None:
    app = build(tree="teen-disclosure" if prompt == "note" else "records-request")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        if prompt == "decision":
            await answer(pilot, "2", "no consent")
            assert isinstance(app.screen, OutcomeScreen)
            await pilot.press("d")
        else:
            await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ReasoningDialog)
        await type_and_wait(pilot, f"client Maria, DOB 03/04/2009, {EMAIL}")
        assert hint(pilot).kinds == ["name", "date-of-birth", "email"]
        assert "a name, a date of birth and an e-mail address" in str(hint(pilot).render())
        await pilot.press("enter")
        await settle(pilot)
    assert kinds(data)[-1] == ("reflected" if prompt == "decision" else "noted")
    assert events(data)[-1]["text"] == f"client Maria, DOB 03/04/2009, {EMAIL}"


async def test_a_draft_with_an_identifier_is_flagged_when_the_prompt_reopens(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("2", *f"call {PHONE}", "escape")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert hint(pilot).display  # checked at once, no typing needed


# --- export ---------------------------------------------------------------------------------


async def reach_outcome_and_export(pilot: Pilot[Any]) -> ExportDialog:
    await settle(pilot)
    await answer(pilot, "2", REASONING)
    assert isinstance(pilot.app.screen, OutcomeScreen)
    await pilot.press("d", *DECISION, "enter")
    await settle(pilot)
    await pilot.press("ctrl+e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


def unescaped(path: Path) -> str:
    """The Markdown file with the escaping of user text undone (``\\[phone\\]`` → ``[phone]``)."""
    text = path.read_text(encoding="utf-8")
    for char in "[].()":
        text = text.replace("\\" + char, char)
    return text


def dialog_text(dialog: ExportDialog, wid: str) -> str:
    return str(dialog.query_one(wid, Static).render())


async def test_export_with_redaction_shows_each_replacement_then_writes_it(
    build, data, tmp_path: Path
) -> None:
    target = tmp_path / "records" / "redacted.md"
    app = build(tree="records-request")
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        dialog = await reach_outcome_and_export(pilot)
        listed = dialog_text(dialog, "#redaction-list")
        assert f"“{PHONE}” → [phone]   in answer 1" in listed
        assert f"“{EMAIL}” → [email]   in the final decision" in listed
        assert "Redaction off: these 2 likely identifiers will stay" in dialog_text(
            dialog, "#redaction-heading"
        )
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Redaction on: these 2 likely identifiers will be replaced" in dialog_text(
            dialog, "#redaction-heading"
        )
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert f"Exported to {target} (likely identifiers replaced by placeholders)" in messages
        assert f"Exported to: {target}" in str(app.screen.query_one("#exported", Static).render())
    record = unescaped(target)
    assert PHONE not in record and EMAIL not in record
    assert f"No consent on file; {CITATION} needs a court order. Her cell is [phone]." in record
    assert "Decline; tell the detective to write to [email] with a subpoena." in record
    exported = events(data)[-1]
    assert (exported["type"], exported["redacted"]) == ("exported", True)


async def test_export_without_redaction_keeps_the_words_exactly(
    build, data, tmp_path: Path
) -> None:
    target = tmp_path / "as-typed.md"
    app = build(tree="records-request")
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        dialog = await reach_outcome_and_export(pilot)
        assert str(dialog.query_one("#write").label) == "Export as typed (Enter)"  # type: ignore[attr-defined]
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert f"Exported to {target} (as typed, not redacted)" in messages
    record = unescaped(target)
    assert f"> {REASONING}" in record
    assert PHONE in record and EMAIL in record and "[phone]" not in record
    assert events(data)[-1]["redacted"] is False


async def test_export_from_the_sessions_list_previews_the_saved_session(
    build, data, tui_library, tmp_path: Path
) -> None:
    live = saved_session(data, tui_library, "records-request", [(1, REASONING)])
    live.comment(f"Ask her aunt at {EMAIL} for nothing.", step=1, role="Supervisor")
    app = build()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "s")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        listed = dialog_text(dialog, "#redaction-list")
        assert "→ [phone]   in answer 1" in listed
        assert "→ [email]   in supervisor comment on answer 1" in listed
        await pilot.press("ctrl+r")
        dialog.query_one("#export-path", Input).value = str(tmp_path / "saved.md")
        await pilot.press("enter")
        await settle(pilot)
    record = unescaped(tmp_path / "saved.md")
    assert EMAIL not in record and "Ask her aunt at [email] for nothing." in record


def test_the_preview_lists_what_the_engine_redacts(data, tui_library) -> None:
    """Every text the preview names is one the redacted export changes, and no other."""
    from ethicsguide.engine.export import export_markdown

    live = saved_session(
        data, tui_library, "records-request", [(1, f"cell {PHONE}")], dilemma=f"mail {EMAIL}"
    )
    live.reflect("nothing to hide here")
    make_signing_key(data)
    live.sign_off(role="Supervisor", name="Dana")
    found = preview(replay(e for e in events(data, live.state.id)))
    assert [(r.where, r.placeholder) for r in found] == [
        ("the situation", "[email]"),
        ("answer 1", "[phone]"),
        ("a sign-off's name", "[name]"),  # a signer's name field is a name, whatever it says
    ]
    redacted = export_markdown(live.state, tui_library, redact=True)
    assert all(r.text not in redacted for r in found)
    assert "**Signed off** by \\[name\\], Supervisor on" in redacted


def test_the_preview_shows_a_phone_number_whole_with_its_parenthesis(data, tui_library) -> None:
    """ "cell:(713) 555-0199" is listed as "(713) 555-0199", not "713) 555-0199" with "(" left."""
    live = saved_session(
        data, tui_library, "records-request", [(1, "cell:(713) 555-0199 (her aunt)")]
    )
    found = preview(replay(e for e in events(data, live.state.id)))
    assert [(r.text, r.placeholder) for r in found] == [("(713) 555-0199", "[phone]")]


async def test_the_what_if_note_warns_too(build, data) -> None:
    from ethicsguide.tui.dialogs.whatif import WhatIfDialog

    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WhatIfDialog)
        await pilot.press("enter", "enter")
        await settle(pilot)
        await type_and_wait(pilot, f"Her aunt's number is {PHONE}")
        assert hint(pilot).display and hint(pilot).kinds == ["phone"]
