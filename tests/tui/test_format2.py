"""Format 2 in the app: choose all that apply, notes shown once chosen, continuing past an outcome."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual import events as events_module
from textual.screen import Screen
from textual.widgets import Static

from ethicsguide.storage.library import load_library
from ethicsguide.tui.screens.outcome import OutcomeScreen
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen
from ethicsguide.tui.widgets.choice_list import ChoiceList
from ethicsguide.tui.widgets.guidance import Guidance
from ethicsguide.tui.widgets.transcript import Transcript
from tests.conftest import FIXTURES

from .conftest import answer, app_for, events, footer_labels, settle


def statics_text(screen: Screen[object]) -> str:
    """What the screen's Static widgets show, as plain text (renderables drawn wide)."""
    console = Console(width=200, file=io.StringIO(), record=True)
    for widget in screen.query(Static):
        console.print(widget.content)
    return console.export_text()


FORMAT2 = load_library([FIXTURES / "format2"], bundled=False)


def footer_keys(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


def footer_shown(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The keys the footer draws, as "key description", in order."""
    return footer_labels(app.screen)


def transcript_text(screen: WalkthroughScreen) -> str:
    return "\n".join(
        str(s.render()) for s in screen.query_one("#transcript", Transcript).query(Static)
    )


async def test_multi_select_and_a_continuation_walked_in_the_app(data: Path) -> None:
    app = app_for(FORMAT2, data, tree="facts-sample")
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "1", "danger")
        assert isinstance(app.screen, OutcomeScreen)
        assert footer_keys(app).get("enter") == "Continue"
        await pilot.press("d", *"called 911", "enter")
        await settle(pilot)
        await pilot.press("enter")  # once everyone is safe, go on
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        assert footer_keys(app).get("enter") == "Confirm"
        assert footer_keys(app).get("space") == "Tick"
        await pilot.press("1", "3")  # "None of these" refuses company
        await settle(pilot)
        assert app.screen.query_one("#choices", ChoiceList).ticked == {0}
        await pilot.press("2")
        await answer(pilot, "enter", "both apply")
        assert "Note: A subpoena alone never releases Part 2 records." in transcript_text(
            app.screen
        )
        await answer(pilot, "2", "unsure")
        assert isinstance(app.screen, OutcomeScreen)
        guidance = app.screen.query_one("#guidance", Guidance).source
        assert "Say that they may be under 18" in guidance
        assert "enter" not in footer_keys(app)  # this outcome ends the walk
        shown = statics_text(app.screen)
        assert "⇒ outcome: Get help first (went on)" in shown
    logged = events(data)
    chose = [e for e in logged if e["type"] == "chose"]
    assert chose[1]["options"] == [0, 1] and chose[1]["sets"] == ["hipaa", "part2"]
    assert [e["type"] for e in logged].count("continued") == 1
    reached = [e for e in logged if e["type"] == "reached"]
    assert [r.get("then") for r in reached] == [True, None]


async def test_footer_offers_only_the_keys_that_act_at_each_kind_of_question(data: Path) -> None:
    app = app_for(FORMAT2, data, tree="facts-sample")
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        assert "1-9 Choose" in footer_shown(app)  # a single-choice question: digits choose
        assert not any("Tick" in k or "Confirm" in k for k in footer_shown(app))
        await answer(pilot, "2", "no danger")
        assert isinstance(app.screen, WalkthroughScreen)
        shown = footer_shown(app)
        assert "space/1-9 Tick" in shown and "⏎ Confirm" in shown
        assert not any("Choose" in k for k in shown), shown  # digits tick here, not choose
        await pilot.press("1", "2")  # and they still do
        await settle(pilot)
        assert app.screen.query_one("#choices", ChoiceList).ticked == {0, 1}
        await answer(pilot, "enter", "both")
        assert "1-9 Choose" in footer_shown(app)  # the next question is single-choice again
        assert not any("Tick" in k for k in footer_shown(app))


async def test_help_at_a_multi_select_names_tick_once_and_no_choose(data: Path) -> None:
    from ethicsguide.tui.screens.help import key_rows

    app = app_for(FORMAT2, data, tree="facts-sample")
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "no danger")
        rows = key_rows(app, app.screen)
        assert [desc for _keys, desc, _tip in rows].count("Tick") == 1
        assert "Choose" not in [desc for _keys, desc, _tip in rows]


async def test_a_question_that_says_choose_all_that_apply_is_not_told_twice(data: Path) -> None:
    app = app_for(FORMAT2, data, tree="facts-sample")
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "no danger")
        heading = str(app.screen.query_one("#question", Static).render()).casefold()
        assert heading.count("choose all that apply") == 1
        assert "1–9 or space ticks, enter confirms." in heading


async def test_a_burst_at_a_choose_all_question_lands_in_the_reason_box(data: Path) -> None:
    """ "1 2 ⏎ because…⏎" arriving at once (a paste, a fast typist): Enter answers with the
    ticks before the next keys are read, so none of them is taken for a command key (b is
    Back, e is Why?, m the map) and the reason is recorded whole."""
    app = app_for(FORMAT2, data, tree="facts-sample")
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "1", "danger")
        await pilot.press("d", *"called 911", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        for char in "12\rbecause both apply, see memo\r":  # all queued before any is read
            key = {"\r": "enter", " ": "space", ",": "comma"}.get(char, char)
            app.post_message(events_module.Key(key, char))
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        assert app.screen.question is not None and not app.screen.question.many
    reasons = [e["text"] for e in events(data) if e["type"] == "reasoned"]
    assert reasons[-1] == "because both apply, see memo"
