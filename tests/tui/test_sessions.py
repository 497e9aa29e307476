"""Pilot tests of saved sessions: list, resume, read-only review, export, delete after confirming."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from ethicsguide.tui.dialogs.confirm import ConfirmDialog
from ethicsguide.tui.screens.outcome import OutcomeScreen
from ethicsguide.tui.screens.review import ReviewScreen
from ethicsguide.tui.screens.sessions import SessionsScreen
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen
from ethicsguide.tui.widgets.transcript import Transcript

from .conftest import events, footer_keys, saved_session, settle

OLD = "20261125-090000-old1"


async def open_sessions(pilot) -> SessionsScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("tab", "s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SessionsScreen)
    return pilot.app.screen


async def test_list_shows_each_session_with_its_status(build, data, tui_library) -> None:
    saved_session(
        data, tui_library, "teen-disclosure", [(1, "a")], dilemma="she trades sex\nfor a sofa"
    )
    saved_session(data, tui_library, "records-request", [(0, "b")], sid="20261125-080000-done")
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sessions(pilot)
        table = screen.query_one("#sessions", DataTable)
        rows = sorted(
            (tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)),
            key=lambda r: r[4],
        )
        assert [r[0] for r in rows].count("▶") == 1  # the cursor row is marked in text
        assert [(r[2], r[3], r[4]) for r in rows] == [
            (
                "✓ finished\ncasework",
                "The police want my client's file\nOutcome: Share only what the consent covers",
                "20261125-080000-done",
            ),
            (
                "… in progress\ncasework",
                "“she trades sex”\nA teenager says she trades sex for a place to stay\n"
                "Question 2: Is the young person under 18?",
                OLD,
            ),
        ]
        assert rows[0][1].startswith("2026-11-26\n") and rows[0][1][-6] in "+-"  # local time


async def test_at_80_columns_every_session_id_shows_whole(build, data, tui_library) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "a")], dilemma="she trades sex")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_sessions(pilot)
        table = screen.query_one("#sessions", DataTable)
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert used <= table.scrollable_content_region.width, (used, table.size.width)


async def test_resume_restores_the_transcript(build, data, tui_library) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "safe for now"), (1, "she is 19")])
    app = build(resume=data / "sessions" / f"{OLD}.jsonl")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        text = "\n".join(
            str(s.render()) for s in screen.query_one("#transcript", Transcript).query(Static)
        )
        assert text.index("safe for now") < text.index("she is 19")
        assert (
            screen.question is not None
            and screen.question.ask == "What does she want to happen next?"
        )


async def test_resuming_a_finished_session_opens_its_outcome(build, data, tui_library) -> None:
    saved_session(data, tui_library, "records-request", [(0, "consent signed")])
    app = build(resume=data / "sessions" / f"{OLD}.jsonl")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OutcomeScreen)


async def test_review_pages_through_without_writing(build, data, tui_library) -> None:
    live = saved_session(data, tui_library, "teen-disclosure", [(1, "safe"), (1, "fine")])
    live.back()
    before = (data / "sessions" / f"{OLD}.jsonl").read_bytes()
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sessions(pilot)
        await pilot.press("v")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert [name for name, _ in review.pages] == ["Overview", "Answer 1 of 2", "Answer 2 of 2"]
        await pilot.press("right", "right")
        await pilot.pause()
        page = str(review.query_one("#review-page", Static).render())
        assert "withdrawn" in page and "“fine”" in page
        assert review.check_action("page", (1,)) is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
    assert (data / "sessions" / f"{OLD}.jsonl").read_bytes() == before


async def test_export_from_the_list_writes_and_logs(
    build, data, tui_library, tmp_path: Path
) -> None:
    saved_session(data, tui_library, "records-request", [(1, "no consent")])
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sessions(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "out")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
    written = tmp_path / "out.md"
    assert "no consent" in written.read_text()
    assert events(data, OLD)[-1]["type"] == "exported"


async def test_delete_asks_first_and_keep_is_the_default(build, data, tui_library) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "a")])
    path = data / "sessions" / f"{OLD}.jsonl"
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sessions(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # focus starts on "Keep"
        await settle(pilot)
        assert path.exists()
        await pilot.press("d", "y")
        await settle(pilot)
        assert not path.exists()
        assert screen.query_one("#sessions", DataTable).row_count == 0
        assert screen.check_action("delete", ()) is None


async def test_an_altered_record_opens_read_only(build, data, tui_library) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "safe"), (1, "adult")])
    path = data / "sessions" / f"{OLD}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("safe", "edited")  # someone changed the record by hand
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = build(resume=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen) and screen.session.read_only
        assert "read-only" in str(screen.query_one("#banner", Static).render())
        assert screen.check_action("choose", (0,)) is False  # not offered
        assert screen.check_action("export", ()) is True
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)  # no prompt: nothing can be added
    assert path.read_text(encoding="utf-8").splitlines()[2].count("edited") == 1


async def test_the_session_id_stays_in_view_at_100_columns(build, data, tui_library) -> None:
    long = "police want my client's file and her phone records from the shelter last week"
    saved_session(data, tui_library, "teen-disclosure", [(1, "a")], dilemma=long)
    saved_session(data, tui_library, "records-request", [(0, "b")], sid="20261125-080000-done")
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_sessions(pilot)
        table = screen.query_one("#sessions", DataTable)
        # every column fits: nothing to scroll sideways to, so the Session id column is whole
        assert table.virtual_size.width <= table.scrollable_content_region.width
        ids = [str(table.get_row_at(i)[4]) for i in range(table.row_count)]
        assert sorted(ids) == ["20261125-080000-done", OLD]
        row = next(r for r in table.ordered_rows if "old1" in str(r.key.value))
        about = str(table.get_row(row.key)[3])
        assert about.startswith("“police want my client's file")  # the worker's words
        assert row.height > about.count("\n") + 1  # wrapped onto more lines, not cut off


async def test_a_read_only_outcome_offers_nothing_that_would_add_to_it(
    build, data, tui_library, monkeypatch
) -> None:
    from ethicsguide.storage.sessions import LiveSession

    saved_session(data, tui_library, "records-request", [(1, "no consent")])
    # as when the session is open for writing in another window
    monkeypatch.setattr(LiveSession, "read_only", property(lambda _self: True))
    app = build(resume=data / "sessions" / f"{OLD}.jsonl")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OutcomeScreen)
        offered = {k.description for k in footer_keys(app.screen)}
        assert "Export" in offered
        assert not offered & {"Decision", "Back", "What if", "Note"}


async def test_at_80_columns_a_long_sign_off_does_not_push_the_session_id_out(
    build, data, tui_library
) -> None:
    from tests.conftest import make_signing_key

    live = saved_session(data, tui_library, "teen-disclosure", [(1, "a")], dilemma="she trades sex")
    make_signing_key(data)
    live.sign_off(role="Clinical supervisor", name="Samantha Lee-Okonkwo")
    live.close()
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_sessions(pilot)
        table = screen.query_one("#sessions", DataTable)
        used = sum(c.get_render_width(table) for c in table.columns.values())
        assert used <= table.scrollable_content_region.width, (used, table.size.width)
        status = str(table.get_row_at(0)[2])
        assert "✓ signed off" in status and "Samantha" in status  # the signer is still named
