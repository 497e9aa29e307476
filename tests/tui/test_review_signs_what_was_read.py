"""A sign-off covers exactly what the supervisor read: never entries added while they read it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from ethicsguide.storage.sessions import LiveSession
from ethicsguide.tui.dialogs.comment import SignOffDialog
from ethicsguide.tui.screens.review import ReviewScreen
from tests.conftest import make_signing_key

from .conftest import events, saved_session, settle

OLD = "20261125-090000-old1"


def log_path(data: Path) -> Path:
    return data / "sessions" / f"{OLD}.jsonl"


async def test_a_sign_off_waits_until_the_supervisor_has_seen_what_changed(
    build, data, tui_library
) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "safe tonight")]).close()
    make_signing_key(data)
    app = build(review=log_path(data))
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        read = len(events(data, OLD))
        worker = LiveSession.resume(log_path(data), tui_library)  # the worker, elsewhere
        worker.back()
        worker.close()
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SignOffDialog)
        dialog.query_one("#sign-off-role", Input).value = "Supervisor"
        dialog.query_one("#sign-off-name", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "signed-off" not in [e["type"] for e in events(data, OLD)]
        assert app.screen is dialog  # the words stay; the review behind now shows the change
        notes = [str(n.message) for n in app._notifications]
        assert any("1 new entry since you opened this review" in n for n in notes)
        assert review.state is not None and review.state.choices[0].withdrawn
        await pilot.press("enter")  # read it; sign what is now on screen
        await settle(pilot)
        assert app.screen is review
    signed = events(data, OLD)[-1]
    assert signed["type"] == "signed-off" and signed["seq"] == read + 1  # covers the change too


async def test_while_the_worker_has_it_open_the_review_says_so_before_anything_is_typed(
    build, data, tui_library
) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "safe tonight")]).close()
    make_signing_key(data)
    worker = LiveSession.resume(log_path(data), tui_library)  # the worker's window
    app = build(review=log_path(data))
    try:
        async with app.run_test(size=(110, 36), notifications=True) as pilot:
            await settle(pilot)
            review = app.screen
            for key in ("s", "c"):
                await pilot.press(key)
                await settle(pilot)
                assert app.screen is review  # no dialog to type into
            notes = [str(n.message) for n in app._notifications]
            assert any("open for writing elsewhere (pid" in n for n in notes)
    finally:
        worker.close()
    assert "signed-off" not in [e["type"] for e in events(data, OLD)]
