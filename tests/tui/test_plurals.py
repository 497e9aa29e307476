"""Counts on screen agree with their nouns: "1 error in 1 file", "2 errors", never "error(s)"."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Static

from ethicsguide.engine.problems import Problem, Severity
from ethicsguide.storage.library import load_library
from ethicsguide.tui.app import make_app
from ethicsguide.tui.screens.facilitator import FacilitatorScreen
from ethicsguide.tui.screens.problems import ProblemsScreen, summary_line
from ethicsguide.tui.screens.room import LiveRoomScreen
from ethicsguide.tui.screens.scenarios import BriefingScreen
from ethicsguide.tui.widgets.marked_list import MarkedList
from tests.drive import wait_until

from .conftest import LIBRARY, settle


def one_error_library(tmp_path: Path) -> Path:
    """The TUI library, its broken guide left with one error (an unknown principle fixed)."""
    folder = tmp_path / "library"
    shutil.copytree(LIBRARY, folder)
    broken = folder / "general" / "broken-tree.yaml"
    broken.write_text(broken.read_text().replace("kindness", "beneficence"))
    return folder


def texts(options: MarkedList) -> list[str]:
    return [options.plain(i) for i in range(options.option_count)]


async def test_one_error_in_one_file_reads_in_the_singular(build, tmp_path: Path) -> None:
    library = load_library([one_error_library(tmp_path)], bundled=False)
    app = build(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        guides = texts(app.screen.query_one("#library", MarkedList))
        assert any("cannot be used: 1 error — press p" in t for t in guides), guides
        files = texts(app.screen.query_one("#problem-files", MarkedList))
        assert len(files) == 1 and files[0].startswith("⚠ 1 error in\n"), files
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        summary = str(app.screen.query_one("#problems-summary", Static).render())
        assert summary.startswith("1 error in 1 file — "), summary
        assert "(s)" not in summary + "".join(guides + files)


def problem(file: str, severity: Severity) -> Problem:
    return Problem(file=file, line=1, col=1, code="x", severity=severity, message="m")


def test_problem_summary_counts_in_the_plural() -> None:
    found = [problem("a.yaml", Severity.ERROR), problem("b.yaml", Severity.ERROR)]
    found.append(problem("a.yaml", Severity.WARNING))
    assert summary_line(found).startswith("2 errors in 2 files — ")
    assert "1 warning." in summary_line(found)
    assert "0 warnings." in summary_line(found[:2])


async def test_the_live_room_counts_one_unreadable_session_file(
    tmp_path: Path, fixture_library
) -> None:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    (sessions / "20261126-100000-torn.jsonl").write_text("not a session\n")
    app = make_app(data_dir=tmp_path, library=fixture_library, scenario="sample-exercise")
    async with app.run_test(size=(120, 40)) as pilot:
        for shown, key in ((BriefingScreen, "f"), (FacilitatorScreen, "l")):
            await wait_until(pilot, lambda s=shown: isinstance(app.screen, s), what=f"{shown}")
            await settle(pilot)
            await pilot.press(key)

        def body() -> str:
            screen = app.screen
            text = (
                str(screen.query_one("#room-body").render())
                if isinstance(screen, LiveRoomScreen)
                else ""
            )
            return text if "could not be read" in text else ""

        text = await wait_until(pilot, body, what="the room's note on the unreadable file")
    assert "⚠ 1 session file could not be read." in text
