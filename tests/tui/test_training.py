"""Trainer mode: picker, briefing, injects on the way, hidden reference, debrief, facilitator."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Markdown, Static

from ethicsguide.cli import main
from ethicsguide.engine.library import Library
from ethicsguide.storage.sessions import LiveSession
from ethicsguide.tui.screens.debrief import DebriefScreen, ExerciseOutcomeScreen
from ethicsguide.tui.screens.exercise import ExerciseScreen, md_text
from ethicsguide.tui.screens.facilitator import FacilitatorScreen
from ethicsguide.tui.screens.scenarios import BriefingScreen, ScenarioPickerScreen
from ethicsguide.tui.widgets.guidance import Guidance
from ethicsguide.tui.widgets.marked_list import MarkedList
from ethicsguide.tui.widgets.transcript import Transcript

from .conftest import (
    LIBRARY,
    answer,
    app_for,
    events,
    fixed_clock,
    footer_keys,
    kinds,
    session_ids,
    settle,
    withdraw,
)

SCENARIO = "teen-sofa-exercise"
AGE_INJECT = "a school ID falls out"
STEP_INJECT = "every staff member a mandated reporter"
COMMENTARY = (  # the reference commentary at each fork: never on screen before the outcome
    "not an emergency call",
    "The school ID changes the answer",
    "Agency policy makes you a mandated reporter",
)


def plain(widget: Static) -> str:
    """A Static's text, tables included (rendered wide, so nothing wraps)."""
    content = widget.content
    if isinstance(content, str | Text):
        return str(content)
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(content)
    return "\n".join(" ".join(line.split()) for line in console.export_text().splitlines())


def shown(screen: Screen[Any]) -> str:
    """Everything the screen displays in Static and Markdown widgets, as plain text."""
    parts = []
    for widget in screen.query(Static):
        if widget.display:
            parts.append(plain(widget))
    for markdown in screen.query(Markdown):
        parts.append(markdown.source)
    for guidance in screen.query(Guidance):
        parts.append(guidance.source)
    return "\n".join(parts)


def transcript(screen: Screen[Any]) -> str:
    return "\n".join(
        str(s.render()) for s in screen.query_one("#transcript", Transcript).query(Static)
    )


def exercise(app) -> ExerciseScreen:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, ExerciseScreen), type(app.screen).__name__
    return app.screen


async def begin(pilot: Pilot[Any]) -> None:
    """From the briefing, start the exercise."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, BriefingScreen)
    await pilot.press("s")
    await settle(pilot)


def injects_logged(data: Path) -> list[str]:
    return [e["node"] for e in events(data) if e["type"] == "inject-shown"]


# --- picking and reading ------------------------------------------------------------------


async def test_the_picker_groups_exercises_by_the_area_of_their_guide(build) -> None:
    app = build(train=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ScenarioPickerScreen)
        listing = picker.query_one("#scenario-list", MarkedList)
        prompts = [listing.plain(i) for i in range(listing.option_count)]
        assert prompts[0] == "── Reporting · 1 ──"
        assert prompts[1].splitlines() == [
            "A teen on a friend's sofa",
            "  on: A teenager says she trades sex for a place to stay",
        ]
        assert "Check age before deciding" in str(picker.query_one("#scenario-about").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is picker


async def test_the_palette_opens_trainer_mode_from_home(build) -> None:
    from ethicsguide.tui.commands import GuideCommands

    app = build()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        commands = {t: cb for t, _help, cb in GuideCommands(app.screen).app_commands()}
        commands["Training exercises"]()
        await settle(pilot)
        assert isinstance(app.screen, ScenarioPickerScreen)
        assert app.screen.check_action("facilitator", ()) is True


async def test_the_briefing_shows_the_vignette_and_objectives_but_not_the_reference(build) -> None:
    app = build(scenario=SCENARIO)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        briefing = app.screen
        assert isinstance(briefing, BriefingScreen)
        text = shown(briefing)
        assert 'flat and "pays" for the sofa with sex' in text
        assert "1. Check age before deciding what duty applies." in text
        assert "Runs on the guide: A teenager says she trades sex" in text
        assert not any(c in text for c in COMMENTARY)
        assert briefing.check_action("start", ()) is True


async def test_the_facilitator_view_is_labelled_and_holds_notes_reference_and_questions(
    build,
) -> None:
    app = build(scenario=SCENARIO)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, FacilitatorScreen)
        assert "FACILITATOR'S VIEW" in str(view.query_one("#facilitator-banner").render())
        page = view.query_one("#facilitator", Markdown).source
        for expected in (
            "## Facilitator notes",
            "**Timing:** 15 minutes.",
            "1. Check age before deciding what duty applies.",
            "**At “Is the young person under 18?”** (`age`): She drops her bag",
            "Reference choice: **Yes, or very likely**",
            *COMMENTARY,
            "**Ends at the outcome:** Make a report to child protective services",
            "1. What would you say to her before you make the call?",
        ):
            assert expected in page, expected
        sections = [line for line in page.splitlines() if line.startswith("## ")]
        assert sections == [
            "## Facilitator notes",
            "## Learning objectives",
            "## Injects (new facts, shown when the walk reaches them)",
            "## Reference path, with commentary",
            "## Discussion questions",
        ]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)


# --- walking it ---------------------------------------------------------------------------


async def test_the_exercise_opens_with_the_vignette_and_is_a_training_session(build, data) -> None:
    app = build(scenario=SCENARIO)
    async with app.run_test(size=(100, 32)) as pilot:
        await begin(pilot)
        screen = exercise(app)
        assert "Exercise · A teen on a friend's sofa" in transcript(screen)
        assert "NEW INFORMATION" not in transcript(screen)  # nothing lands on the first question
        assert screen.sub_title == "Exercise · A teen on a friend's sofa"
    started = events(data)[0]
    assert (started["mode"], started["scenario"]) == ("training", SCENARIO)


async def test_an_inject_appears_once_when_the_walk_reaches_its_node(build, data) -> None:
    app = build(scenario=SCENARIO)
    async with app.run_test(size=(100, 32)) as pilot:
        await begin(pilot)
        await answer(pilot, "2", "not hurt today")
        screen = exercise(app)
        assert screen.question is not None and screen.question.ask.startswith("Is the young")
        text = transcript(screen)
        assert "⚑ NEW INFORMATION" in text and AGE_INJECT in text
        assert text.index(AGE_INJECT) > text.index("not hurt today")  # after the first answer
        bubble = screen.query_one("#transcript", Transcript).query(".inject").last()
        assert AGE_INJECT in str(bubble.render())
        assert injects_logged(data) == ["age"]
        await withdraw(pilot)  # back to the first question, then the inject's node
        await answer(pilot, "2", "still not hurt")
        assert transcript(screen).count(AGE_INJECT) == 1
    assert injects_logged(data) == ["age"]
    assert kinds(data)[:4] == ["started", "chose", "reasoned", "inject-shown"]


async def test_an_inject_on_a_step_arrives_with_it_just_after_it(build, data) -> None:
    app = build(scenario=SCENARIO)
    async with app.run_test(size=(100, 32)) as pilot:
        await begin(pilot)
        await answer(pilot, "2", "")
        await answer(pilot, "1", "the ID says 15")
        screen = exercise(app)
        assert screen.pending == 1  # the supervisor step waits for Enter
        text = transcript(screen)
        assert text.index("bring in your supervisor") < text.index(STEP_INJECT)  # after the step
        assert text.index(STEP_INJECT) > text.index("the ID says 15")
        assert injects_logged(data) == ["age", "consult"]


async def test_a_resumed_exercise_keeps_its_injects_but_does_not_repeat_them(
    build, data, tui_library: Library
) -> None:
    app = build(scenario=SCENARIO)
    async with app.run_test(size=(100, 32)) as pilot:
        await begin(pilot)
        await answer(pilot, "2", "")
        await pilot.press("ctrl+q")
        await pilot.pause()
    path = data / "sessions" / f"{app.return_value}.jsonl"
    again = build(resume=path, session_ids=session_ids("20261126-110000-new"))
    async with again.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = exercise(again)
        assert screen.question is not None and screen.question.ask.startswith("Is the young")
        assert transcript(screen).count(AGE_INJECT) == 1  # in the record, not news again
        assert screen.arrived == []
    assert injects_logged(data) == ["age"]


# --- the reference and the debrief --------------------------------------------------------


async def test_the_reference_is_hidden_until_the_outcome_and_shown_in_the_debrief(
    build, data
) -> None:
    app = build(scenario=SCENARIO)
    async with app.run_test(size=(100, 32)) as pilot:
        await begin(pilot)
        for digit, reason in (("2", "not hurt"), ("1", "the ID says 15")):
            assert not any(c in shown(app.screen) for c in COMMENTARY)
            await answer(pilot, digit, reason)
        await pilot.press("enter")  # past the supervisor step
        await settle(pilot)
        assert not any(c in shown(app.screen) for c in COMMENTARY)
        assert all(b.binding.action != "debrief" for b in app.screen.active_bindings.values())
        await answer(pilot, "1", "policy says so")
        outcome = app.screen
        assert isinstance(outcome, ExerciseOutcomeScreen)
        assert not any(c in shown(outcome) for c in COMMENTARY)
        assert "press r for the debrief" in shown(outcome)
        assert outcome.check_action("back", ()) is True
        await pilot.press("r")
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        assert all(c in shown(debrief) for c in COMMENTARY)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is outcome
        assert outcome.check_action("back", ()) is False  # not offered in the footer
        offered = [key.description for key in footer_keys(outcome)]
        assert "Debrief" in offered and "Back" not in offered  # the path is settled once seen


async def test_the_debrief_puts_divergences_first_beside_the_reference(build, data) -> None:
    app = build(scenario=SCENARIO)
    async with app.run_test(size=(100, 60)) as pilot:
        await begin(pilot)
        await answer(pilot, "2", "she is safe tonight")
        await answer(pilot, "2", "she told me nineteen")  # the reference says: under 18
        await answer(pilot, "1", "she wants out")  # a fork the reference never reaches
        assert isinstance(app.screen, ExerciseOutcomeScreen)
        await pilot.press("r")
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        summary = str(debrief.query_one("#debrief-summary").render())
        assert "You reached: Plan her exit together" in summary
        assert "ends at: Make a report to child protective services" in summary
        assert "≠ a different outcome" in summary and "2 of 3 differ" in summary
        titles = [str(s.render()) for s in debrief.query(".fork-title")]
        assert titles == [
            "Your question 2 · ≠ DIFFERENT from the reference\nIs the young person under 18?",
            "Your question 3 · ≠ DIFFERENT from the reference\nWhat does she want to happen next?",
            "Your question 1 · = SAME as the reference\nIs anyone in immediate danger right now?",
        ]
        text = shown(debrief)
        for expected in (
            "No, 18 or older",
            "“she told me nineteen”",
            "Yes, or very likely",
            "The school ID changes the answer",
            "The reference path does not pass this question.",
            "“she wants out”",
        ):
            assert expected in text, expected
        missed = str(debrief.query_one("#debrief-missed").render())
        assert "Are you a mandated reporter" in missed and "Agency policy makes you" in missed
        discussion = str(debrief.query_one("#discussion").render())
        assert discussion.splitlines() == [
            "1. What would you say to her before you make the call?",
            "2. How did the school ID change what you owed her?",
        ]


async def test_a_finished_exercise_resumes_on_its_outcome_with_the_debrief(
    build, data, tui_library: Library
) -> None:
    live = LiveSession.start(
        data,
        tui_library,
        tui_library.trees["teen-disclosure"].tree,
        mode="training",
        scenario=SCENARIO,
        clock=fixed_clock(),
        session_id="20261125-090000-done",
    )
    for option in (1, 0, 0):
        live.choose(option)
        live.reason("")
    app = build(resume=live.log.path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ExerciseOutcomeScreen)
        assert app.screen.check_action("back", ()) is True  # the debrief is not opened yet
        await pilot.press("r")
        await settle(pilot)
        assert "0 of 3 differ" in str(app.screen.query_one("#debrief-summary").render())
    # Closed and opened again: the debrief was seen, so the answers stay as they are.
    app = build(resume=live.log.path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        outcome = app.screen
        assert isinstance(outcome, ExerciseOutcomeScreen)
        assert outcome.check_action("back", ()) is False  # not offered in the footer
        offered = [key.description for key in footer_keys(outcome)]
        assert "Debrief" in offered and "Back" not in offered
        await pilot.press("b")
        await settle(pilot)
        assert app.screen is outcome
    again = LiveSession.resume(live.log.path, tui_library)
    assert again.state.debriefed and not any(c.withdrawn for c in again.state.choices)


# --- pieces -------------------------------------------------------------------------------


def test_scenario_prose_keeps_bold_and_italic_but_no_other_markup() -> None:
    text = md_text("She says she is **nineteen**, *maybe*; [not a link] 2*3*4")
    assert text.plain == "She says she is nineteen, maybe; [not a link] 2*3*4"
    styles = {text.plain[s.start : s.end]: str(s.style) for s in text.spans}
    assert styles == {"nineteen": "bold", "maybe": "italic"}


def test_train_an_unknown_scenario_fails_in_one_line(capsys, data) -> None:
    code = main(["--trees", str(LIBRARY), "train", "teen-sofa"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines() == [
        "ethicsguide: no scenario `teen-sofa`; did you mean teen-sofa-exercise? "
        "(`ethicsguide scenarios` lists them)"
    ]


@pytest.mark.parametrize("argv", [["train"], ["train", SCENARIO]])
def test_train_runs_the_app_in_trainer_mode(argv, capsys, data, monkeypatch) -> None:
    from ethicsguide.tui.app import EthicsGuideApp

    seen = {}

    def fake_run(self: EthicsGuideApp) -> None:
        seen["opening"] = self.opening

    monkeypatch.setattr(EthicsGuideApp, "run", fake_run)
    assert main(["--trees", str(LIBRARY), *argv]) == 0
    assert seen["opening"].train is True
    assert seen["opening"].scenario == (argv[1] if len(argv) > 1 else None)


# --- snapshots ----------------------------------------------------------------------------


class TestSnapshots:
    def test_inject_at_the_second_question(self, snap_compare, tui_library, snapdata) -> None:
        """The new information, marked, between the first answer and the question it lands on."""

        async def run(pilot: Pilot[Any]) -> None:
            await begin(pilot)
            await answer(pilot, "2", "She is not hurt today.")

        assert snap_compare(
            app_for(tui_library, snapdata, scenario=SCENARIO),
            terminal_size=(100, 32),
            run_before=run,
        )

    def test_debrief(self, snap_compare, tui_library, snapdata) -> None:
        """Divergences first, each beside the reference choice and its commentary."""

        async def run(pilot: Pilot[Any]) -> None:
            await begin(pilot)
            await answer(pilot, "2", "She is safe tonight.")
            await answer(pilot, "2", "She told me she is nineteen.")
            await answer(pilot, "1", "She wants out.")
            await pilot.press("r")
            await settle(pilot)

        assert snap_compare(
            app_for(tui_library, snapdata, scenario=SCENARIO),
            terminal_size=(100, 50),
            run_before=run,
        )
