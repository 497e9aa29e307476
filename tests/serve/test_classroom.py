"""Served tabs are trainees: each sees and resumes only its own sessions, in the training folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.engine.library import Library
from ethicsguide.storage.paths import tab_dir
from ethicsguide.tui.app import make_app
from ethicsguide.tui.screens.scenarios import ScenarioPickerScreen
from tests.conftest import FIXTURE_LIBRARY
from tests.drive import settle, wait_for
from tests.serve.conftest import Classroom
from tests.serve.webclient import Tab

FIRST_QUESTION = "Is anyone in danger right now?"


async def start_exercise(tab: Tab) -> None:
    await tab.open()
    await tab.wait_for("A sample exercise")  # every tab opens on the served exercise
    await tab.press("s")
    await tab.wait_for(FIRST_QUESTION)


def session_ids(training: Path, tab: Tab) -> list[str]:
    return [p.stem for p in sorted((tab_dir(training, tab.tab) / "sessions").glob("*.jsonl"))]


async def list_sessions(tab: Tab) -> str:
    """The sessions screen, opened from the command palette: what this tab can list."""
    tab.clear()
    await tab.press("ctrl+p")
    await tab.wait_for("Search for commands")
    await tab.press(*"Sessions")
    await tab.wait_for("Every saved session")
    tab.clear()
    await tab.press("enter")
    await tab.wait_for(" in /")  # "N saved session(s) in <this tab's folder>"
    return tab.seen


@pytest.mark.slow
async def test_two_tabs_each_list_only_their_own_session(classroom: Classroom) -> None:
    first, second = classroom.tab(), classroom.tab()
    try:
        for tab in (first, second):  # one answer each: a session left unanswered is not kept
            await start_exercise(tab)
            await tab.press("2", timed=False)
            await tab.press(*"calm now", "enter")
            await tab.wait_for("Does the client agree to share?")
        ours, theirs = (
            session_ids(classroom.training, first),
            session_ids(classroom.training, second),
        )
        assert len(ours) == 1 and len(theirs) == 1
        listed = await list_sessions(first)
        assert "1 saved session" in listed and ours[0] in listed and theirs[0] not in listed
        listed = await list_sessions(second)
        assert "1 saved session" in listed and theirs[0] in listed and ours[0] not in listed
        assert "Delete" not in listed and "Review" not in listed  # classroom: neither offered
    finally:
        await first.close()
        await second.close()


@pytest.mark.slow
async def test_a_reloaded_tab_resumes_its_exercise(classroom: Classroom) -> None:
    tab = classroom.tab()
    await start_exercise(tab)
    await tab.press("2", timed=False)  # "No": nobody is in danger
    await tab.press(*"calm now", "enter")
    await tab.wait_for("Does the client agree to share?")
    await tab.close()
    again = classroom.tab(tab.tab)  # the same tab id, as the page keeps it across a reload
    try:
        await again.open()
        await again.wait_for("Does the client agree to share?")
        assert len(session_ids(classroom.training, tab)) == 1
    finally:
        await again.close()


@pytest.mark.parametrize("command", ["serve", "train"])
def test_the_casework_folder_is_refused_without_the_flag(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    casework = tmp_path / "casework"
    monkeypatch.setenv("ETHICSGUIDE_DATA_DIR", str(casework))
    assert main([command, "--data-dir", str(casework)]) == 2
    err = capsys.readouterr().err
    assert "is the casework data folder" in err and "--use-casework-data" in err
    assert not (casework / "sessions").exists()


async def test_a_classroom_tab_is_at_home_among_the_exercises(
    tmp_path: Path, fixture_library: Library
) -> None:
    app = make_app(data_dir=tmp_path, library=fixture_library, classroom=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ScenarioPickerScreen) and app.screen_stack == [picker]
        assert picker.check_action("facilitator", ()) is False  # the reference path stays hidden
        await pilot.press("f", "escape")  # neither the facilitator's view nor an empty stack
        await settle(pilot)
        assert app.screen is picker and app.is_running
        app.open_review(str(tmp_path / "any.jsonl"))
        assert app.screen is picker  # no review in a trainee's tab


@pytest.mark.slow
async def test_one_app_per_tab_so_a_session_never_has_two_writers(classroom: Classroom) -> None:
    first = classroom.tab()
    await start_exercise(first)
    again = classroom.tab(first.tab)  # a duplicated browser tab carries the same id
    try:
        await again.open()
        await again.wait_for(FIRST_QUESTION)  # it resumes the exercise...
        await first.wait_closed(timeout=15)  # ...and the first app has been stopped
        assert len(session_ids(classroom.training, first)) == 1
    finally:
        await again.close()
        await first.close()


@pytest.mark.slow
def test_serve_refuses_an_unknown_exercise_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["serve", "--scenario", "sample-exercize", "--data-dir", str(tmp_path)]
    assert main([*argv, "--trees", str(FIXTURE_LIBRARY), "--port", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "ethicsguide: no scenario `sample-exercize`; did you mean sample-exercise? "
        "(`ethicsguide scenarios` lists them)"
    ]


@pytest.mark.slow
def test_apps_end_when_their_worker_ends(tmp_path: Path) -> None:
    """A server that dies leaves no app behind (the apps stop with the worker)."""
    import os
    import threading

    from ethicsguide.serve.forked import AppWorker

    worker = AppWorker(tmp_path, [FIXTURE_LIBRARY], None)
    worker.start()
    pipes = [os.pipe() for _ in range(3)]
    theirs = [pipes[0][0], pipes[1][1], pipes[2][1]]
    try:
        pid = worker.fork("ab" * 16, 80, 24, theirs)
    finally:
        for fd in theirs:
            os.close(fd)
    for fd in (pipes[1][0], pipes[2][0]):  # read what it draws, as the server would
        drain = threading.Thread(target=lambda fd=fd: all(iter(lambda: os.read(fd, 65536), b"")))
        drain.daemon = True
        drain.start()

    def running() -> bool:  # an exited app nobody has reaped yet is a zombie ("Z"): ended
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    assert running()
    worker.stop()
    wait_for(lambda: not running(), timeout=15, what="the app to end with its worker")
    os.close(pipes[0][1])
