"""A reference path can tick several options at a choose-all-that-apply question."""

from __future__ import annotations

import pytest

from ethicsguide.engine.models import Question
from ethicsguide.engine.scenario import ReferenceStep
from ethicsguide.engine.scenario_checks import reference_picks
from ethicsguide.engine.training import ForkReview, reference_outcome, walk_reference
from ethicsguide.storage.library import load_library

AGE, ID, NOT_SURE = (
    "The age they give doesn't fit how they look, talk or what they say about school",
    "They have no ID, or someone else holds it",
    "None of these, or I don't know",
)


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_library()


def why_unsure(library) -> Question:  # type: ignore[no-untyped-def]
    question = library.trees["age-uncertain-young-person"].tree.nodes["why-unsure"]
    assert isinstance(question, Question) and question.many
    return question


def test_several_labels_joined_with_semicolons_pick_several_options(library) -> None:  # type: ignore[no-untyped-def]
    question = why_unsure(library)
    assert reference_picks(question, f"{ID}; {AGE}") == (0, 1)  # in any order
    assert reference_picks(question, AGE) == (0,)
    assert reference_picks(question, f"{AGE}; a label the question does not have") is None
    assert reference_picks(question, f"{AGE}; {AGE}") is None


def test_the_exercise_whose_commentary_ticks_two_options_walks_to_its_outcome(library) -> None:  # type: ignore[no-untyped-def]
    scenario = library.scenarios["nineteen-she-says"].scenario
    steps, end = walk_reference(scenario, library.tree)
    assert end is not None and len(steps) == len(scenario.reference)
    assert reference_outcome(scenario, library.tree) is not None
    assert not [p for p in library.problems if "nineteen-she-says" in p.file]


def test_a_trainee_who_ticks_what_the_reference_ticks_does_not_differ() -> None:
    step = ReferenceStep(node="why-unsure", choose=f"{AGE}; {ID}", commentary="Tick both.")
    fork = ForkReview("why-unsure", "Why are you unsure?", f"{AGE}; {ID}", "", step)
    assert not fork.diverged
    assert ForkReview("why-unsure", "Why?", AGE, "", step).diverged  # one of the two only
    assert ForkReview("why-unsure", "Why?", f"{AGE}; {ID}; {NOT_SURE}", "", step).diverged


def test_the_group_split_counts_each_option_a_trainee_ticked(library, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ethicsguide.engine.training import tally
    from ethicsguide.storage.sessions import LiveSession

    tree = library.trees["age-uncertain-young-person"].tree
    states = []
    for number, ticks in enumerate(([0, 1], [0])):
        live = LiveSession.start(
            tmp_path, library, tree, clock=lambda: "2026-11-30T10:00:00Z", session_id=f"t{number}"
        )
        live.answer(1, "there is time")
        live.answer(ticks, "why")
        states.append(live.state)
        live.close()
    forks, _outcomes = tally(states, library.tree)
    fork = next(f for f in forks if f.where.node == "why-unsure")
    assert (fork.counts[AGE], fork.counts[ID], fork.total) == (2, 1, 2)  # two trainees answered
