"""Pilot tests of the walkthrough: keys in, session log out."""

from __future__ import annotations

from pathlib import Path

from textual.events import Paste
from textual.widgets import Static, TextArea

from ethicsguide.tui.dialogs.reasoning import ReasoningDialog
from ethicsguide.tui.screens.outcome import OutcomeScreen
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen
from ethicsguide.tui.widgets.transcript import Transcript
from tests.drive import wait_until

from .conftest import answer, events, kinds, settle, withdraw


def walk(app) -> WalkthroughScreen:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, WalkthroughScreen), type(app.screen).__name__
    return app.screen


def transcript_text(screen: WalkthroughScreen) -> str:
    return "\n".join(
        str(s.render()) for s in screen.query_one("#transcript", Transcript).query(Static)
    )


async def test_each_answer_and_reason_is_logged_in_order(build, data: Path) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "she is safe tonight")
        await answer(pilot, "2", "she says she is 19")
        await answer(pilot, "1", "")
        assert isinstance(app.screen, OutcomeScreen)
    logged = [(e["type"], e.get("label") or e.get("text")) for e in events(data)[1:]]
    assert logged == [
        ("chose", "No, not right now"),
        ("reasoned", "she is safe tonight"),
        ("chose", "No, 18 or older"),
        ("reasoned", "she says she is 19"),
        ("chose", "Help to leave"),
        ("reached", None),
        ("reasoned", ""),
    ]


async def test_escape_leaves_the_prompt_without_choosing_and_keeps_the_draft(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("1", *"half a thought")
        await pilot.press("escape")
        await settle(pilot)
        assert kinds(data) == ["started"]
        assert walk(app).question is not None and walk(app).question.ask.startswith("Is anyone")
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ReasoningDialog)
        assert app.screen.text == "half a thought"


async def test_enter_on_the_highlighted_option_opens_the_prompt(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReasoningDialog)
        assert "No, not right now" in app.screen.heading
        await pilot.press("enter")
        await settle(pilot)
    assert events(data)[1]["label"] == "No, not right now"


async def test_digits_beyond_the_options_do_nothing(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        assert app.screen.check_action("choose", (6,)) is False
    assert kinds(data) == ["started"]


async def test_back_withdraws_but_keeps_the_answer_on_record(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = walk(app)
        assert screen.check_action("back", ()) is False  # not offered at the first question
        await answer(pilot, "2", "first thought")
        await withdraw(pilot)
        state = screen.session.state
        assert [c.withdrawn for c in state.choices] == [True]
        assert screen.question is not None and screen.question.ask.startswith("Is anyone")
        withdrawn = screen.query_one("#withdrawn-here", Transcript)
        text = "\n".join(str(s.render()) for s in withdrawn.query(Static))
        assert "withdrawn" in text and "first thought" in text
    assert kinds(data) == ["started", "chose", "reasoned", "went-back"]


async def test_a_step_waits_for_continue(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "")
        await answer(pilot, "1", "she said 16")
        screen = walk(app)
        assert screen.pending == 1
        assert "supervisor" in transcript_text(screen)
        assert screen.check_action("choose", (0,)) is False
        await pilot.press("1")
        await settle(pilot)
        assert kinds(data).count("chose") == 2  # digits choose nothing until the step is read
        said = [n.message for n in app._notifications]
        assert any("press Enter (or c) to go on" in m for m in said)  # but are not ignored
        await pilot.press("enter")
        await settle(pilot)
        assert screen.pending == 0
        assert screen.question is not None and "mandated reporter" in screen.question.ask


async def test_a_handoff_is_shown_and_continues_in_the_other_guide(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for digit in ("2", "1"):
            await answer(pilot, digit, "")
        await pilot.press("c")
        await settle(pilot)
        await answer(pilot, "3", "housing first")
        screen = walk(app)
        assert "continues in another guide" in transcript_text(screen)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.question is not None and "shelter bed" in screen.question.ask
        assert [p.tree for p in screen.session.state.pins] == [
            "teen-disclosure",
            "housing-referral",
        ]
    assert "handed-over" in kinds(data)


async def test_explain_shows_why_and_is_disabled_without_one(build) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        why = app.screen.query_one("#why", Static)
        assert not why.display
        await pilot.press("e")
        await pilot.pause()
        assert why.display and "Immediate danger" in str(why.render())
    app = build(tree="records-request", session_ids=lambda: "20261126-110000-two")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        assert app.screen.check_action("explain", ()) is False  # no "why": not offered


async def test_what_if_is_recorded_without_changing_the_path(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "")
        assert walk(app).check_action("what_if", ()) is True
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("enter", "enter", *"just weighing it", "enter")
        await settle(pilot)
        state = walk(app).session.state
        assert len(state.active) == 1
        assert [(w.label, w.leads_to, w.note) for w in state.what_ifs] == [
            ("Yes, someone is in danger now", ("Call emergency services now",), "just weighing it")
        ]
        assert "what if" in transcript_text(walk(app))


async def test_words_typed_on_the_what_if_lists_go_into_its_note(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "")
        await pilot.press("w")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "forks"
        await pilot.press(*"if she were 16")
        await pilot.pause()
        await pilot.press("shift+tab")  # back on a list
        assert app.focused is not None and app.focused.id == "alternatives"
        app.post_message(Paste(", and alone"))  # as the terminal delivers a paste
        await pilot.pause()
        assert app.screen.query_one("#what-if-note", TextArea).text == "if she were 16, and alone"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.query_one("#what-if-note", TextArea).text == "if she were 16, and alone"


async def test_note_is_saved_beside_the_step(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "")
        await pilot.press("n", *"called supervisor", "enter")
        await settle(pilot)
        assert "called supervisor" in transcript_text(walk(app))
    note = events(data)[-1]
    assert (note["type"], note["text"], note["step"]) == ("noted", "called supervisor", 1)


async def test_outcome_final_decision_export_and_back(build, data: Path, tmp_path: Path) -> None:
    app = build(tree="records-request")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "no consent on file")
        outcome = app.screen
        assert isinstance(outcome, OutcomeScreen)
        await pilot.press("d", *"decline and ask for a subpoena", "enter")
        await settle(pilot)
        assert outcome.session.state.final_decision == "decline and ask for a subpoena"
        await pilot.press("ctrl+e")
        await pilot.pause()
        target = tmp_path / "record.md"
        field = app.screen.query_one("#export-path")
        field.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert target.is_file() and "decline and ask for a subpoena" in target.read_text()
        assert str(target) in str(outcome.query_one("#exported", Static).render())
        await withdraw(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        assert app.screen.question is not None
    assert kinds(data)[-3:] == ["reflected", "exported", "went-back"]
    assert oct(target.stat().st_mode & 0o777) == "0o600"


async def test_start_another_goes_home(build) -> None:
    from ethicsguide.tui.screens.home import HomeScreen

    app = build(tree="records-request")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "1", "")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_quit_keeps_the_session_and_returns_its_id(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "kept")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value == "20261126-100000-test"
    assert kinds(data) == ["started", "chose", "reasoned"]


async def test_quit_asks_first_when_typed_reasoning_is_not_recorded(build, data) -> None:
    from ethicsguide.tui.dialogs.confirm import ConfirmDialog

    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("1", *"not yet recorded", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReasoningDialog)
        assert app.screen.text == "not yet recorded"
    assert kinds(data) == ["started"]


async def test_the_notice_opens_every_walkthrough(build) -> None:
    app = build(tree="housing-referral")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Not legal advice" in str(app.screen.query_one("#notice", Static).render())


async def test_map_marks_the_path_and_here(build) -> None:
    from textual.widgets import Tree

    from ethicsguide.tui.screens.map import MapScreen

    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "")
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MapScreen)
        labels = []

        def collect(node) -> None:  # type: ignore[no-untyped-def]
            labels.append(str(node.label))
            for child in node.children:
                collect(child)

        collect(app.screen.query_one("#map", Tree).root)
        assert any(label.startswith("● ") and "immediate danger" in label for label in labels)
        assert any(label.startswith("▶ ") and "you are here" in label for label in labels)
        assert any("continues in “A client needs a safe place" in label for label in labels)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)


async def test_a_failed_save_keeps_the_prompt_open_with_the_words(build, data, monkeypatch) -> None:
    import errno
    import os

    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)

        def full_disk(fd: int, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", full_disk)
        await pilot.press("2", *"typed with care", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReasoningDialog)
        assert app.screen.text == "typed with care"
        said = [str(n.message) for n in app._notifications]
        assert any("NOT saved: your answer" in m and "disk is full" in m for m in said)
        monkeypatch.undo()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
    assert [e.get("text") for e in events(data) if e["type"] == "reasoned"] == ["typed with care"]


async def test_keys_typed_with_the_digit_all_go_into_the_reason(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("2", *"because we know him best", "enter")  # no pause: one burst
        await settle(pilot)
        assert walk(app).question is not None and walk(app).question.ask.startswith("Is the")
    reasoned = events(data)[2]
    assert (reasoned["type"], reasoned["text"]) == ("reasoned", "because we know him best")


async def test_backspace_never_withdraws_and_b_asks_first(build, data, monkeypatch) -> None:
    from ethicsguide.tui.dialogs import confirm
    from ethicsguide.tui.dialogs.confirm import ConfirmDialog

    monkeypatch.setattr(confirm, "now", lambda: 100.0)  # the y comes at once, however slow CI is
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "first thought")
        await pilot.press(*["backspace"] * 10)
        await settle(pilot)
        await pilot.press("b", "y")  # y typed straight after b is not an answer to the question
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Is anyone in immediate danger right now?" in dialog.question
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
    assert "went-back" not in kinds(data)


async def test_back_from_the_outcome_keeps_the_decision_as_withdrawn(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for digit in ("2", "2", "1"):
            await answer(pilot, digit, "")
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("d", *"help her plan", "enter")
        await settle(pilot)
        await withdraw(pilot)
        state = walk(app).session.state
        assert state.final_decision is None
        assert [(r.kind, r.text) for r in state.remarks] == [
            ("withdrawn-decision", "help her plan")
        ]


async def test_the_outcome_offers_what_if_notes_and_a_decision_of_several_lines(
    build, data
) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for digit in ("2", "2", "1"):
            await answer(pilot, digit, "")
        outcome = app.screen
        assert isinstance(outcome, OutcomeScreen)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("enter", "enter", *"if she were 16", "enter")
        await settle(pilot)
        await pilot.press("n", *"read it with my supervisor", "enter")
        await settle(pilot)
        await pilot.press("d", *"plan with her", "ctrl+j", *"call on Monday", "enter")
        await settle(pilot)
        assert app.screen is outcome
        state = outcome.session.state
        assert [w.note for w in state.what_ifs] == ["if she were 16"]
        assert [r.text for r in state.remarks] == ["read it with my supervisor"]
        assert state.final_decision == "plan with her\ncall on Monday"
        assert len(state.active) == 3 and state.finished


async def test_a_guide_opened_and_left_with_nothing_answered_leaves_no_session(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert kinds(data) == ["started"]
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value is None
    assert list((data / "sessions").glob("*.jsonl")) == []


async def test_escape_asks_then_goes_home_and_the_session_is_kept(build, data) -> None:
    from ethicsguide.tui.dialogs.confirm import ConfirmDialog
    from ethicsguide.tui.screens.home import HomeScreen

    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "safe")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # Escape again: stay
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        # home is not even built behind a walk opened by `start`: the question came first
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        home = app.screen
        assert isinstance(home, HomeScreen)
        # filled on arriving, by a worker that reads the library (slower under load)
        await wait_until(pilot, lambda: home.data is not None, what="home's data")
    assert kinds(data) == ["started", "chose", "reasoned"]


async def test_escape_at_the_outcome_asks_before_going_home_like_the_walkthrough(
    build, data
) -> None:
    from ethicsguide.tui.dialogs.confirm import ConfirmDialog
    from ethicsguide.tui.screens.home import HomeScreen

    app = build(tree="records-request")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "no consent on file")
        outcome = app.screen
        assert isinstance(outcome, OutcomeScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # Escape again: stay at the outcome
        await settle(pilot)
        assert app.screen is outcome
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert kinds(data)[-1] == "reasoned"  # everything answered is kept
