"""Pilot tests of supervisor review: comments on a step, general comments, sign-off, read-only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static

from ethicsguide.cli import main
from ethicsguide.tui.app import make_app
from ethicsguide.tui.dialogs.comment import CommentDialog, SignOffDialog
from ethicsguide.tui.screens.review import ReviewScreen
from ethicsguide.tui.screens.sessions import SessionsScreen
from tests.conftest import make_signing_key
from tests.drive import type_text

from .conftest import LIBRARY, events, fixed_clock, saved_session, session_ids, settle

OLD = "20261125-090000-old1"
REASONS = [(1, "safe tonight, she said so"), (0, "she is 16")]


def log_path(data: Path) -> Path:
    return data / "sessions" / f"{OLD}.jsonl"


def shown(screen: ReviewScreen, wid: str) -> str:
    return str(screen.query_one(wid, Static).render())


async def open_review(pilot: Pilot[Any]) -> ReviewScreen:
    """From home: the sessions list, then v on the (only) session."""
    await settle(pilot)
    await pilot.press("tab", "s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SessionsScreen)
    await pilot.press("v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def comment(pilot: Pilot[Any], text: str, role: str | None = None) -> None:
    await pilot.press("c")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommentDialog)
    await type_text(pilot, text)
    if role is not None:
        pilot.app.screen.query_one("#comment-role", Input).value = role
    await pilot.press("enter")
    await settle(pilot)


async def test_step_comment_general_comment_and_sign_off_are_events_of_their_own(
    build, data, tui_library, tmp_path: Path
) -> None:
    saved_session(data, tui_library, "teen-disclosure", REASONS)
    fingerprint = make_signing_key(data)
    worker_lines = log_path(data).read_bytes()
    app = build()
    async with app.run_test(size=(110, 36)) as pilot:
        review = await open_review(pilot)
        await pilot.press("right")  # answer 1
        await pilot.pause()
        assert "c comment on answer 1" in shown(review, "#review-status")
        await comment(pilot, "Good that you asked about tonight first.", "Clinical supervisor")
        assert app.screen is review
        box = shown(review, "#review-supervisor")
        assert "Clinical supervisor" in box and "asked about tonight first" in box
        assert "asked about tonight" not in shown(review, "#review-page")  # apart from it
        await pilot.press("g", *"Talk through the reporting duty next week.", "enter")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SignOffDialog)
        assert dialog.query_one("#sign-off-role", Input).value == "Clinical supervisor"
        await pilot.press("enter", "enter")  # role kept, no name
        await settle(pilot)
        assert app.screen is review
        await pilot.press("home")
        await pilot.pause()
        assert "✓ Signed off by Clinical supervisor on 2026-11-26" in shown(
            review, "#review-supervisor"
        )
        await pilot.press("ctrl+e")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "record.md")
        await pilot.press("enter")
        await settle(pilot)

    log = log_path(data).read_bytes()
    assert log.startswith(worker_lines)  # the worker's lines are untouched, only appended to
    added = events(data, OLD)[len(worker_lines.splitlines()) :]
    assert [e["type"] for e in added] == ["commented", "commented", "signed-off", "exported"]
    assert (added[0]["step"], added[0]["role"]) == (1, "Clinical supervisor")
    assert added[0]["text"] == "Good that you asked about tonight first."
    assert added[1]["step"] is None
    assert (added[2]["role"], added[2]["name"]) == ("Clinical supervisor", "")
    assert [e["text"] for e in events(data, OLD) if e["type"] == "reasoned"] == [
        r for _, r in REASONS
    ]

    record = (tmp_path / "record.md").read_text(encoding="utf-8")
    step_one = record[record.index("### 1.") : record.index("### 2.")]
    reasoning, _, after = step_one.partition("**Supervisor comment (Clinical supervisor)")
    assert "> safe tonight, she said so" in reasoning and "asked about tonight" not in reasoning
    assert "> Good that you asked about tonight first." in after
    review_part = record[record.index("## Notes and supervisor review") :]
    assert "> Talk through the reporting duty next week." in review_part
    assert "**Signed off** by Clinical supervisor on 2026-11-26 " in review_part
    assert f"| Sign-off key | `{fingerprint}`, signature valid" in record


async def test_a_comment_after_an_export_keeps_the_record_intact(
    build, data, tui_library, tmp_path: Path
) -> None:
    """The export appends its own line; the next comment must chain onto it."""
    from ethicsguide.storage.sessionlog import read_log

    saved_session(data, tui_library, "teen-disclosure", REASONS)
    app = build(review=log_path(data))
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await comment(pilot, "first")
        await pilot.press("ctrl+e")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "r.md")
        await pilot.press("enter")
        await settle(pilot)
        await comment(pilot, "second")
    read = read_log(log_path(data))
    assert read.altered_at is None and not read.warnings
    assert [e["type"] for e in read.events][-3:] == ["commented", "exported", "commented"]


async def test_sign_off_needs_a_role_and_takes_a_name(build, data, tui_library) -> None:
    saved_session(data, tui_library, "teen-disclosure", REASONS)
    make_signing_key(data)
    before = len(events(data, OLD))
    app = build()
    async with app.run_test(size=(110, 36)) as pilot:
        review = await open_review(pilot)
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SignOffDialog)
        dialog.query_one("#sign-off-role", Input).value = "  "
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.screen is dialog  # not signed: the role is required
        assert "role is needed" in str(dialog.query_one(".dialog-warning", Static).render())
        assert len(events(data, OLD)) == before
        dialog.query_one("#sign-off-role", Input).value = "Program manager"
        dialog.query_one("#sign-off-name", Input).value = "D. Reyes"
        dialog.query_one("#sign-off-name", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is review
    last = events(data, OLD)[-1]
    assert (last["type"], last["role"], last["name"]) == (
        "signed-off",
        "Program manager",
        "D. Reyes",
    )


async def test_escape_keeps_the_comment_as_a_draft_and_blank_is_refused(
    build, data, tui_library
) -> None:
    saved_session(data, tui_library, "teen-disclosure", REASONS)
    before = len(events(data, OLD))
    app = build()
    async with app.run_test(size=(110, 36)) as pilot:
        review = await open_review(pilot)
        await pilot.press("right", "right", "c")
        await settle(pilot)
        await pilot.press("enter")  # nothing typed
        await settle(pilot)
        assert isinstance(app.screen, CommentDialog)
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is review and review.unsaved_text() == "half a thought"
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.text == "half a thought"  # type: ignore[attr-defined]
    assert len(events(data, OLD)) == before


async def test_an_altered_record_cannot_take_comments_and_says_so(build, data, tui_library) -> None:
    saved_session(data, tui_library, "teen-disclosure", REASONS)
    path = log_path(data)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("safe tonight", "edited")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = path.read_bytes()
    app = build()
    async with app.run_test(size=(110, 36), notifications=True) as pilot:
        review = await open_review(pilot)
        status = shown(review, "#review-status")
        assert "altered after line 2" in status and "cannot take comments" in status
        await pilot.press("c")
        await settle(pilot)
        assert app.screen is review
        await pilot.press("s")
        await settle(pilot)
        assert app.screen is review
        assert any("cannot take comments" in str(n.message) for n in app._notifications)
    assert path.read_bytes() == before


async def test_the_role_offered_is_the_last_one_used(build, data, tui_library) -> None:
    live = saved_session(data, tui_library, "teen-disclosure", REASONS)
    live.comment("earlier review", step=None, role="Team lead")
    live.close()  # the earlier reviewer is done: a session held elsewhere takes no comment
    app = build(review=log_path(data))
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert "earlier review" in shown(review, "#review-supervisor")
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.query_one("#comment-role", Input).value == "Team lead"


def test_review_command_bad_session_exits_1_in_one_line(capsys, data) -> None:
    assert main(["review", "nope"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["ethicsguide: `nope` is not a saved session; `ethicsguide sessions` lists them"]


def test_review_command_unreadable_file_exits_1(capsys, data, tmp_path: Path) -> None:
    junk = tmp_path / "junk.jsonl"
    junk.write_text("not json at all\n", encoding="utf-8")
    assert main(["review", str(junk)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("ethicsguide: ")


def test_review_command_opens_the_app_on_the_session(
    capsys, data, tui_library, monkeypatch
) -> None:
    from ethicsguide.tui.app import EthicsGuideApp

    saved_session(data, tui_library, "teen-disclosure", REASONS)
    seen: dict[str, Any] = {}
    monkeypatch.setattr(
        EthicsGuideApp, "run", lambda self: seen.setdefault("o", self.opening) and None
    )
    assert main(["--trees", str(LIBRARY), "review", OLD[:12]]) == 0
    assert seen["o"].review == log_path(data) and seen["o"].resume is None


# --- snapshot -------------------------------------------------------------------------------


def test_snapshot_review_with_a_comment(snap_compare, tui_library, snapdata) -> None:
    """An answer with the worker's reasoning, and the supervisor's comment in its own box."""
    saved_session(snapdata, tui_library, "teen-disclosure", REASONS)
    app = make_app(
        data_dir=snapdata,
        library=tui_library,
        clock=fixed_clock(),
        session_ids=session_ids(),
        blink=False,
        remember=False,
        review=snapdata / "sessions" / f"{OLD}.jsonl",
    )

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("right", "c")
        await settle(pilot)
        await type_text(pilot, "Good: you asked about tonight before anything else.")
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 32), run_before=run)


async def test_back_in_the_list_the_reviewed_session_shows_its_new_time(
    build, data, tui_library
) -> None:
    saved_session(data, tui_library, "teen-disclosure", REASONS)
    saved_session(data, tui_library, "records-request", [(0, "b")], sid="20261125-080000-done")
    app = build()
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "s")
        await settle(pilot)
        sessions = app.screen
        assert isinstance(sessions, SessionsScreen)
        await pilot.press("down")  # the older one
        picked = sessions.selected()
        assert picked is not None
        await pilot.press("v")
        await settle(pilot)
        await comment(pilot, "seen")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is sessions
        again = sessions.selected()
        assert again is not None and again.id == picked.id  # the cursor stayed on it
        assert again.updated != picked.updated  # reloaded: the comment is its last event


async def test_a_session_whose_guide_is_missing_says_why_it_is_read_only(
    build, data, tui_library
) -> None:
    from ethicsguide.storage.library import load_library

    saved_session(data, tui_library, "teen-disclosure", REASONS)
    app = build(review=log_path(data), library=load_library([], bundled=True))
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert "`teen-disclosure` is not in the library" in shown(review, "#review-status")
        await pilot.press("right")
        await pilot.pause()
        assert "she said so" in shown(review, "#review-page")  # still readable


async def test_sign_off_without_a_key_says_how_to_make_one_and_writes_nothing(
    build, data, tui_library
) -> None:
    saved_session(data, tui_library, "teen-disclosure", REASONS)
    before = len(events(data, OLD))
    app = build()
    async with app.run_test(size=(110, 36), notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SignOffDialog)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.screen is dialog  # kept open: nothing was signed
        said = " ".join(str(n.message) for n in app._notifications)
        assert "ethicsguide review --init-key" in said
    assert len(events(data, OLD)) == before


async def test_the_overview_shows_the_signature_and_what_came_after_it(
    build, data, tui_library
) -> None:
    live = saved_session(data, tui_library, "teen-disclosure", REASONS)
    fingerprint = make_signing_key(data)
    live.sign_off(role="Supervisor")
    live.note("added after the sign-off")
    live.close()
    app = build()
    async with app.run_test(size=(110, 60)) as pilot:
        review = await open_review(pilot)
        page = shown(review, "#review-page")
        assert f"signature valid (key {fingerprint})" in page
        assert "After sign-off (not covered by it): a note" in page
