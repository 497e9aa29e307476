"""Walkthrough events and replay: choices, reasoning, back, what-ifs, handoffs and outcomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ethicsguide.engine import walk
from ethicsguide.engine.export import export_markdown
from ethicsguide.engine.library import Library
from ethicsguide.engine.session import WITHDRAWN_DECISION, NodeRef, position, replay
from ethicsguide.engine.walk import MoveError
from ethicsguide.storage.sessions import LiveSession


def start(lib: Library, root: Path, clock) -> LiveSession:  # type: ignore[no-untyped-def]
    entry = lib.trees["sample"]
    return LiveSession.start(root, lib, entry.tree, clock=clock, session_id="s1", dilemma="A test")


def walk_to_hold(live: LiveSession) -> None:
    """No danger (no reason given), then no consent: the ``hold`` outcome."""
    live.choose(1)
    live.reason("")
    live.choose(1)


def test_first_position_is_the_start_question(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    assert live.position().node == NodeRef("sample", "danger")
    assert live.state.pins[0].digest.startswith("sha256:")


def test_choice_passes_steps_and_reaches_the_next_question(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    live.choose(0)
    live.reason("Someone was hurt")
    here = live.position()
    assert here.node == NodeRef("sample", "consent")
    assert here.passed == (NodeRef("sample", "emergency"),)
    assert live.state.active[0].reasoning == "Someone was hurt"


def test_outcome_is_recorded_and_final_decision_follows(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    walk_to_hold(live)
    assert live.state.outcome == NodeRef("sample", "hold")
    assert live.state.active[0].reasoning == ""
    live.reflect("Talk to supervisor on Monday")
    assert live.state.final_decision == "Talk to supervisor on Monday"


def test_back_withdraws_but_keeps_the_choice(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    live.choose(1)
    live.reason("first thought")
    live.back()
    live.choose(0)
    assert [c.withdrawn for c in live.state.choices] == [True, False]
    assert live.state.choices[0].reasoning == "first thought"
    assert live.position().node == NodeRef("sample", "consent")


def test_back_from_the_outcome_keeps_the_final_decision_as_withdrawn(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    walk_to_hold(live)
    live.reflect("Talk to supervisor on Monday")
    live.back()
    assert live.state.final_decision is None
    [kept] = live.state.remarks
    assert (kept.kind, kept.text, kept.step) == (
        WITHDRAWN_DECISION,
        "Talk to supervisor on Monday",
        2,
    )
    assert LiveSession.resume(live.log.path, fixture_library, clock).state == live.state
    record = export_markdown(live.state, fixture_library)
    withdrawn = record.index("**Final decision withdrawn (the worker went back from the outcome)")
    assert "> Talk to supervisor on Monday" in record[withdrawn:]


def test_back_at_the_first_question_is_refused(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    with pytest.raises(MoveError):
        live.back()


def test_back_is_refused_once_the_debrief_was_opened_even_after_replay(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    walk_to_hold(live)
    first = live.debriefed().debriefed
    assert first is not None and live.debriefed().debriefed == first  # recorded once
    with pytest.raises(MoveError, match="debrief has been opened"):
        live.back()
    resumed = LiveSession.resume(live.log.path, fixture_library, clock=clock)
    assert resumed.state.debriefed == first
    with pytest.raises(MoveError):
        resumed.back()
    assert [c.withdrawn for c in resumed.state.choices] == [False, False]


def test_handoff_continues_in_the_other_tree_and_pins_it(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    live.choose(1)
    live.choose(2)
    assert live.position().node == NodeRef("other", "ask-again")
    assert [p.tree for p in live.state.pins] == ["sample", "other"]
    live.choose(0)
    assert live.state.outcome == NodeRef("other", "later")


def test_what_if_lists_where_the_other_option_leads(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    live.choose(1)
    live.choose(1)
    live.what_if(1, 0, "if she signs")
    item = live.state.what_ifs[0]
    assert item.label == "Yes, in writing"
    assert item.leads_to == ("Share the minimum needed",)
    assert live.state.outcome == NodeRef("sample", "hold")  # the path itself is unchanged


def test_option_out_of_range_is_refused(fixture_library: Library, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    with pytest.raises(MoveError, match="1 to 2"):
        live.choose(5)


def test_replay_of_the_file_equals_the_live_state(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = start(fixture_library, tmp_path, clock)
    live.choose(0)
    live.reason("why")
    live.choose(1)
    resumed = LiveSession.resume(live.log.path, fixture_library, clock)
    assert resumed.state == live.state
    assert position(resumed.state, fixture_library.tree) == live.position()


def test_reflect_before_an_outcome_is_refused(fixture_library: Library) -> None:
    state = replay([walk.started("s", fixture_library.trees["sample"].tree, "", "t0")])
    with pytest.raises(MoveError):
        walk.reflect(state, "too early", "t1")


def test_step_number_counts_withdrawn_choices_like_the_export(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    from ethicsguide.engine.session import step_number

    live = start(fixture_library, tmp_path, clock)
    assert step_number(live.state) is None
    live.choose(1)
    live.choose(0)
    live.back()
    live.choose(1)
    assert step_number(live.state) == 3  # the third record entry, after a withdrawn second
    live.back()
    assert step_number(live.state) == 1
