"""Pilot tests: a session cut short by a crash, or open in another window, in the app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from ethicsguide.engine import walk as moves
from ethicsguide.storage.sessions import LiveSession
from ethicsguide.tui.dialogs.reasoning import ReasoningDialog
from ethicsguide.tui.screens.outcome import OutcomeScreen
from tests.tui.conftest import fixed_clock, kinds, saved_session, settle

SID = "20261125-090000-cut1"


def killed_between_appends(data: Path, library) -> Path:  # type: ignore[no-untyped-def]
    """The log an older version left when killed after ``chose`` and before ``reached``."""
    tree = library.trees["records-request"].tree
    live = LiveSession.start(data, library, tree, clock=fixed_clock(), session_id=SID)
    chose = moves.choose(live.state, 1, library.tree, library.pin, "2026-11-26T10:05:00Z")
    assert [e["type"] for e in chose] == ["chose", "reached"]
    live.log.append(chose[0])  # one line per append, as older versions wrote them
    live.close()
    return live.log.path


async def test_a_session_killed_between_two_appends_resumes_to_the_end(
    build, data, tui_library
) -> None:
    path = killed_between_appends(data, tui_library)
    app = build(resume=path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        if isinstance(app.screen, ReasoningDialog):  # the prompt for the unreasoned answer
            await pilot.press("escape")  # (Esc elsewhere would go home)
            await settle(pilot)
        if not isinstance(app.screen, OutcomeScreen):
            await pilot.press("enter")
            await settle(pilot)
        outcome = app.screen
        assert isinstance(outcome, OutcomeScreen), app.screen
        await pilot.press("d", *"decline and ask for a subpoena", "enter")
        await settle(pilot)
        assert outcome.session.state.final_decision == "decline and ask for a subpoena"
    assert kinds(data, SID)[-2:] == ["reached", "reflected"]


async def test_a_session_open_elsewhere_opens_read_only_and_says_who(
    build, data, tui_library
) -> None:
    import subprocess
    import sys

    live = saved_session(data, tui_library, "teen-disclosure", [(1, "not now")], sid=SID)
    live.close()
    path = live.log.path
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        app = build(resume=path)
        async with app.run_test(size=(100, 32), notifications=True) as pilot:
            await settle(pilot)
            session = app.screen.session  # type: ignore[attr-defined]
            assert session.read_only
            banner = str(app.screen.query_one("#banner", Static).render())
            assert f"pid {holder.pid}" in banner and "read-only" in banner
    finally:
        holder.kill()
        holder.wait()
    assert kinds(data, SID) == ["started", "chose", "reasoned"]  # the second opener wrote nothing


HOLD = """
import sys, time
from pathlib import Path
from ethicsguide.storage.sessionlog import SessionLog
log, _ = SessionLog.open(Path(sys.argv[1]))
assert not log.read_only
print("locked", flush=True)
time.sleep(60)  # holds the lock: a second opener meets it, until the test kills this holder
"""
