"""At 80x24 every screen's own footer shows the keys that act now, F1 Help included, unclipped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from ethicsguide.storage.library import load_library
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from tests.conftest import FIXTURES

from .conftest import answer, app_for, settle

SMALL = (80, 24)
FORMAT2 = load_library([FIXTURES / "format2"], bundled=False)


def footer_problems(app: Any) -> list[str]:
    """What is wrong with the footer on the screen now (empty if all is well)."""
    screen = app.screen
    name = type(screen).__name__
    footers = list(screen.query(KeysFooter))
    if not footers:
        return [f"{name}: no footer of its own (the screen below's keys show instead)"]
    keys = footers[0].placed_keys()
    limit = min(app.size.width, footers[0].limit(keys))
    clipped = [k.label for k in keys if not k.palette and k.end > limit]
    problems = [f"{name}: clipped {clipped}"] if clipped else []
    if not any(k.action in ("help", "app.help") for k in keys):
        problems.append(f"{name}: no F1 Help in {[k.description for k in keys]}")
    return problems


async def look(pilot: Pilot[Any], *keys: str) -> list[str]:
    await pilot.press(*keys)
    await settle(pilot)
    return footer_problems(pilot.app)


async def test_home_sessions_and_problems_fit(build) -> None:
    app = build()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        problems = footer_problems(app)
        problems += await look(pilot, "ctrl+s")
        problems += await look(pilot, "escape", "ctrl+o")
    assert problems == [], "\n".join(problems)


async def test_every_walkthrough_screen_fits(build) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        problems = footer_problems(app)  # question 1
        problems += await look(pilot, "2")  # the reason box
        await pilot.press(*"safe", "enter")
        await settle(pilot)
        problems += footer_problems(app)  # question 2: Back and What if join in
        problems += await look(pilot, "w")  # the what-if dialog
        problems += await look(pilot, "escape", "m")  # the map
        problems += await look(pilot, "escape", "escape")  # the leave question
        await pilot.press("escape")
        await answer(pilot, "1", "she is 16")
        problems += footer_problems(app)  # a guide's message, waiting for Enter
        await pilot.press("enter")
        await answer(pilot, "1", "policy")
        problems += footer_problems(app)  # the outcome
        problems += await look(pilot, "d")  # the final decision box
        problems += await look(pilot, "escape", "ctrl+e")  # the export dialog
    assert problems == [], "\n".join(problems)


async def test_a_choose_all_that_apply_question_fits(data: Path) -> None:
    app = app_for(FORMAT2, data, tree="facts-sample")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "no danger")
        assert footer_problems(app) == [], footer_problems(app)


async def test_the_exercise_and_its_debrief_fit(build) -> None:
    app = build(scenario="teen-sofa-exercise")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        problems = footer_problems(app)  # the briefing
        problems += await look(pilot, "s")  # the exercise's first question
        await answer(pilot, "2", "not hurt")
        await answer(pilot, "1", "the ID says 15")
        await pilot.press("enter")
        await answer(pilot, "1", "policy says so")
        problems += footer_problems(app)  # the exercise's outcome
        problems += await look(pilot, "r")  # the debrief
    assert problems == [], "\n".join(problems)


async def test_the_supervisors_review_and_its_dialogs_fit(build, data, tui_library) -> None:
    from .conftest import saved_session

    live = saved_session(data, tui_library, "records-request", [(1, "no consent")])
    live.close()  # the worker is done: a session open elsewhere offers no comment dialog
    app = build(review=live.log.path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        problems = footer_problems(app)  # the review's overview
        problems += await look(pilot, "right")  # answer 1
        problems += await look(pilot, "c")  # the comment dialog
    assert problems == [], "\n".join(problems)
