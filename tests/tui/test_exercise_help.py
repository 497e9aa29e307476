"""An exercise outcome the guide goes on from, at 80x24: F1 fits, scrolls, and tells the truth."""

from __future__ import annotations

from textual.containers import VerticalScroll

from ethicsguide.storage.library import load_library
from ethicsguide.tui.screens.debrief import ExerciseOutcomeScreen
from ethicsguide.tui.screens.help import HelpScreen
from ethicsguide.tui.widgets.keys_footer import KeysFooter

from .conftest import answer, footer_keys, settle


async def test_f1_on_a_continuing_exercise_outcome_fits_and_scrolls_at_80x24(build) -> None:
    app = build(library=load_library(), scenario="nineteen-she-says")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await answer(pilot, "1", "her boyfriend is in the car")  # danger: an outcome that goes on
        outcome = app.screen
        assert (
            isinstance(outcome, ExerciseOutcomeScreen) and outcome.session.state.outcome_continues
        )
        footer = outcome.query_one(KeysFooter)
        keys = {k.description: k for k in footer_keys(outcome)}
        limit = footer.limit(footer.placed_keys())
        assert keys["Help"].start < keys["Help"].end <= limit <= 80  # whole
        assert "Debrief" not in keys  # the exercise is not over
        await pilot.press("f1")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        scroller = help_screen.query_one("#help", VerticalScroll)
        assert scroller.region.bottom <= 24 and scroller.region.right <= 80
        assert scroller.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert scroller.scroll_y > 0
        await pilot.press("end")
        await settle(pilot)
        assert scroller.scroll_y == scroller.max_scroll_y
        assert "the debrief waits for the end" in help_screen.markdown
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is outcome
