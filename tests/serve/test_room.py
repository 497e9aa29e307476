"""The live room: after three scripted trainees, its counts are the sessions on disk."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.engine.library import Library
from ethicsguide.storage.sessions import load_state
from ethicsguide.tui.app import EthicsGuideApp, make_app
from ethicsguide.tui.screens.facilitator import FacilitatorScreen
from ethicsguide.tui.screens.room import LiveRoomScreen
from ethicsguide.tui.screens.scenarios import BriefingScreen
from tests.drive import settle, wait_until
from tests.serve.conftest import SCENARIO, Classroom
from tests.serve.webclient import Tab

PHONE = "555-123-4567"
TRAINEES = (  # (option key, reasoning) per fork; the third stops at the second question
    [("2", "calm today"), ("2", "she said no")],
    [("2", f"safe, she gave {PHONE}"), ("1", "release signed")],
    [("2", "nobody hurt")],
)


async def walk(tab: Tab, answers: list[tuple[str, str]]) -> None:
    await tab.open()
    await tab.wait_for("A sample exercise")
    await tab.press("s")
    await tab.wait_for("Is anyone in danger right now?")
    for key, reason in answers:
        tab.clear()
        await tab.press(key)
        await tab.wait_for("Type your reasoning")
        await tab.press(*reason, "enter")
    await tab.wait_for("Does the client agree" if len(answers) == 1 else "Outcome")


def on_disk(training: Path) -> tuple[Counter[tuple[str, str]], int]:
    """(fork, label) counts over every session file, and how many reached an outcome."""
    counts: Counter[tuple[str, str]] = Counter()
    finished = 0
    for path in training.rglob("*.jsonl"):
        state, _read = load_state(path)
        counts.update((c.where.node, c.label) for c in state.active)
        finished += state.finished
    return counts, finished


def bar_count(text: str, label: str, after: str) -> int:
    """The count on the bar line for ``label`` in the block that follows the line ``after``."""
    block = text[text.index(after) :]
    match = re.search(rf"^ +[█░]+ +(\d+)  {re.escape(label)}$", block, re.M)
    assert match, block
    return int(match.group(1))


def room_text(app: EthicsGuideApp) -> str:
    """What the live room shows once it has counted the sessions ("" before)."""
    screen = app.screen
    text = (
        str(screen.query_one("#room-body").render()) if isinstance(screen, LiveRoomScreen) else ""
    )
    return text if "Trainees:" in text else ""


@pytest.mark.slow
async def test_live_room_counts_match_the_sessions_on_disk(
    classroom: Classroom, fixture_library: Library
) -> None:
    tabs = [classroom.tab() for _ in TRAINEES]
    try:
        for tab, answers in zip(tabs, TRAINEES, strict=True):
            await walk(tab, answers)
    finally:
        for tab in tabs:
            await tab.close()
    counts, finished = on_disk(classroom.training)
    assert finished == 2 and sum(counts.values()) == 5

    app = make_app(
        data_dir=classroom.training, library=fixture_library, scenario=SCENARIO, live="http://x"
    )
    async with app.run_test(size=(120, 60)) as pilot:
        text = await wait_until(pilot, lambda: room_text(app), what="the room's counts")
        assert "Trainees: 3 · reached an outcome: 2 · still walking: 1" in text
        assert re.search(r"^ +1  Does the client agree to share\?$", text, re.M)  # now at
        ask_danger, ask_consent = (
            "Is anyone in danger right now?",
            "Does the client agree to share?",
        )
        assert bar_count(text, "No", f"1. {ask_danger}") == counts["danger", "No"] == 3
        assert bar_count(text, "Yes", f"1. {ask_danger}") == counts["danger", "Yes"] == 0
        assert bar_count(text, "No", f"2. {ask_consent}") == counts["consent", "No"] == 1
        assert (
            bar_count(text, "Yes, in writing", f"2. {ask_consent}")
            == counts["consent", "Yes, in writing"]
            == 1
        )
        assert "calm today" not in text  # quotes only on demand
        await pilot.press("q")
        quoted = str(app.screen.query_one("#room-body").render())
        assert "“calm today” — chose No" in quoted
        assert PHONE not in quoted and "[phone]" in quoted
        await pilot.press("ctrl+e")
        debriefs = classroom.training / "debriefs"
        written = await wait_until(
            pilot, lambda: list(debriefs.glob(f"{SCENARIO}-*.md")), what="the debrief file"
        )
    debrief = written[0].read_text()
    assert "Sessions counted | 3 (2 reached an outcome)" in debrief
    assert PHONE not in debrief and "safe, she gave \\[phone\\]" in debrief  # Markdown-escaped
    assert written[0].stat().st_mode & 0o777 == 0o600


async def test_train_opens_the_live_room_from_the_facilitators_view(
    tmp_path: Path, fixture_library: Library
) -> None:
    app = make_app(data_dir=tmp_path, library=fixture_library, scenario=SCENARIO)
    async with app.run_test(size=(120, 40)) as pilot:
        for shown, key in ((BriefingScreen, "f"), (FacilitatorScreen, "l")):
            await wait_until(pilot, lambda s=shown: isinstance(app.screen, s), what=f"{shown}")
            await settle(pilot)
            await pilot.press(key)
        await wait_until(pilot, lambda: "Trainees: 0" in room_text(app), what="an empty room")
        assert isinstance(app.screen, LiveRoomScreen)
        assert app.screen.folder == tmp_path
        assert "(nobody mid-way)" in str(app.screen.query_one("#room-body").render())


def test_serve_facilitator_needs_the_exercise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--facilitator", "--data-dir", str(tmp_path)]) == 2
    assert "--facilitator needs the exercise" in capsys.readouterr().err


@pytest.mark.slow
async def test_the_load_script_walks_a_small_room_to_the_debrief(
    classroom: Classroom, fixture_library: Library
) -> None:
    """``bench/classroom_load.py``'s trainees, three of them, at full speed."""
    from bench.classroom_load import plan, room

    route = plan(SCENARIO, fixture_library)
    trainees = await room(classroom.base, classroom.access.token, route, 3, 0.3)
    assert [t.error for t in trainees] == ["", "", ""]
    assert all(t.done and t.first_screen is not None for t in trainees)
    counts, finished = on_disk(classroom.training)
    assert finished == 3 and counts["danger", "No"] == 3
