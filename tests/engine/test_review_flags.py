"""Review flags: outcome text an answer on some path may contradict, found without listing paths."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from ethicsguide.engine import factflow, review_flags
from ethicsguide.engine.denied_phrases import bundled_table, parse_table
from ethicsguide.engine.loader import load_file
from ethicsguide.engine.models import Tree
from ethicsguide.engine.review_flags import (
    ANSWER_BLIND,
    DENIED_PHRASE,
    answer_blind,
    denied_phrases,
)
from tests.conftest import FIXTURES

REVIEW = FIXTURES / "review" / "general"


def fixture_data(name: str) -> dict[str, Any]:
    data = yaml.safe_load((REVIEW / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def fixture_tree(name: str) -> Tree:
    loaded = load_file(REVIEW / name, Tree)
    assert loaded.model is not None, loaded.problems
    return loaded.model


def test_outcome_reached_by_answers_setting_different_facts_is_flagged() -> None:
    flags = list(answer_blind(fixture_tree("answer-blind.yaml")))
    assert [(f.node, f.code) for f in flags] == [("report", ANSWER_BLIND)]
    assert "`age-unsure`, `minor`" in flags[0].message
    assert "from `age`" in flags[0].message


def test_a_section_on_one_of_the_distinguishing_facts_clears_the_flag() -> None:
    data = fixture_data("answer-blind.yaml")
    data["nodes"]["report"]["when"] = [{"if": "age-unsure", "guidance": "Say they may be."}]
    assert list(answer_blind(Tree.model_validate(data))) == []


def test_answers_setting_the_same_facts_are_not_flagged() -> None:
    data = fixture_data("answer-blind.yaml")
    for option in data["nodes"]["age"]["options"]:
        option["sets"] = ["asked"]
    assert list(answer_blind(Tree.model_validate(data))) == []


def test_a_later_question_ends_the_straight_walk() -> None:
    data = fixture_data("answer-blind.yaml")
    data["nodes"]["explain"] = {
        "ask": "Did you explain?",
        "options": [{"label": "Yes", "to": "report"}, {"label": "No", "to": "report"}],
    }
    assert list(answer_blind(Tree.model_validate(data))) == []


def test_base_text_with_a_phrase_an_incoming_fact_denies_is_flagged() -> None:
    tree = fixture_tree("denied-phrase.yaml")
    flags = list(denied_phrases(tree, bundled_table()))
    assert [(f.node, f.path, f.code) for f in flags] == [
        ("report", ("nodes", "report", "guidance"), DENIED_PHRASE)
    ]
    assert "\u201cbecause they are under 18\u201d" in flags[0].message  # across a line break
    assert "`age-unsure`" in flags[0].message
    assert flags[0].line_in_text == 1  # the guidance's second line
    assert not list(answer_blind(tree))  # its sections cover both answers


def test_a_phrase_is_not_flagged_where_its_fact_cannot_hold() -> None:
    """`minor-only` says the phrase too, but only the "Under 18" answers reach it."""
    flags = denied_phrases(fixture_tree("denied-phrase.yaml"), bundled_table())
    assert "minor-only" not in {f.node for f in flags}


def test_a_fact_arriving_by_hand_over_counts() -> None:
    data = fixture_data("denied-phrase.yaml")
    data["nodes"]["age"]["options"][1]["sets"] = []
    quiet = Tree.model_validate(data)
    assert list(denied_phrases(quiet, bundled_table())) == []
    handed = list(denied_phrases(quiet, bundled_table(), entry=frozenset({"age-unsure"})))
    assert {f.node for f in handed} == {"report", "minor-only"}


def test_the_table_rejects_a_bad_shape() -> None:
    with pytest.raises(ValueError, match="denied phrases"):
        parse_table({"denied": [{"fact": "age-unsure"}]})
    with pytest.raises(ValueError, match="no phrases"):
        parse_table({"denied": [{"fact": "x", "why": "y", "phrases": [" "]}]})


def test_the_bundled_table_matches_whole_words_only() -> None:
    row = next(r for r in bundled_table() if r.fact == "age-unsure")
    assert (
        row.find("Because She\u2019s ... because she is\n  under 18.") == "because she is under 18"
    )
    assert row.find("because she is under 180 days late") is None


def chain_of_forks(depth: int) -> Tree:
    """``depth`` questions whose two answers set different facts and meet at a step: 2**depth paths."""
    nodes: dict[str, Any] = {}
    for i in range(depth):
        nodes[f"q{i}"] = {
            "ask": f"Fork {i}?",
            "options": [
                {"label": "Left", "sets": [f"left-{i}"], "to": f"s{i}"},
                {"label": "Right", "sets": [f"right-{i}"], "to": f"s{i}"},
            ],
        }
        nodes[f"s{i}"] = {"say": "On we go.", "to": f"q{i + 1}" if i + 1 < depth else "end"}
    nodes["end"] = {"outcome": "End", "guidance": "Act because they are under 18."}
    data = {"format": 2, "id": "wide", "title": "t", "domain": "general", "summary": "s"}
    return Tree.model_validate({**data, "start": "q0", "nodes": nodes})


def test_two_to_the_forty_paths_are_checked_with_work_in_step_with_the_nodes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tree = chain_of_forks(40)
    visits = [0]
    walk = review_flags.answer_reach

    def counted_walk(tree: Tree, question: Any, budget: list[int]) -> Any:
        before = budget[0]
        result = walk(tree, question, budget)
        visits[0] += before - budget[0]
        return result

    edges = [0]
    original_edges = factflow._edges

    def counted_edges(node: Any) -> Any:
        edges[0] += 1
        return original_edges(node)

    monkeypatch.setattr(review_flags, "answer_reach", counted_walk)
    monkeypatch.setattr(factflow, "_edges", counted_edges)
    table = parse_table({"denied": [{"fact": "left-0", "why": "w", "phrases": ["under 18"]}]})

    blind = list(answer_blind(tree))
    edges[0] = 0  # count the fact flow alone
    denied = list(denied_phrases(tree, table))

    assert [f.node for f in blind] == [*(f"s{i}" for i in range(40)), "end"]  # s39 leads on to it
    assert [f.node for f in denied] == ["end"]  # left-0, set at the first fork, reaches the end
    assert 2 * 40 <= visits[0] <= 2 * len(tree.nodes)  # each answer's walk, once
    assert 0 < edges[0] <= 3 * len(tree.nodes)  # the fact flow, not a path list


def test_a_hostile_straight_line_costs_bounded_work() -> None:
    """Many answers into one long run of steps: walks stop at the budget and say so."""
    steps = 400
    nodes: dict[str, Any] = {
        "q": {
            "ask": "Which?",
            "options": [
                {"label": f"Option {i}", "sets": [f"f{i}"], "to": f"s{i}"} for i in range(steps)
            ],
        }
    }
    for i in range(steps):
        nodes[f"s{i}"] = {"say": "Go on.", "to": f"s{i + 1}" if i + 1 < steps else "end"}
    nodes["end"] = {"outcome": "End", "guidance": "Done."}
    data = {"format": 2, "id": "long", "title": "t", "domain": "general", "summary": "s"}
    tree = Tree.model_validate({**data, "start": "q", "nodes": nodes})
    budget = review_flags.MAX_VISITS_PER_NODE * len(tree.nodes)
    assert steps * steps / 2 > budget  # walking every answer fully would pass it
    flags = list(answer_blind(tree))
    assert flags[-1].node == "q"
    assert "too large" in flags[-1].message


def test_answers_sharing_a_long_run_of_steps_walk_it_once_per_change() -> None:
    """400 answers into one run of 400 steps: walked fully twice, not 400 times (no stop flag)."""
    count = 400
    options = [{"label": f"Option {i}", "sets": ["a"], "to": "s0"} for i in range(count)]
    options[-1]["sets"] = ["b"]
    nodes: dict[str, Any] = {"q": {"ask": "Which?", "options": options}}
    for i in range(count):
        nodes[f"s{i}"] = {"say": "Go on.", "to": f"s{i + 1}" if i + 1 < count else "end"}
    nodes["end"] = {"outcome": "End", "guidance": "Done."}
    data = {"format": 2, "id": "shared", "title": "t", "domain": "general", "summary": "s"}
    flags = list(answer_blind(Tree.model_validate({**data, "start": "q", "nodes": nodes})))
    assert len(flags) == count + 1
    assert all("too large" not in f.message for f in flags)
