"""Training engine: injects and reference steps match by tree and node, not by node id alone."""

from __future__ import annotations

from ethicsguide.engine.library import Library
from ethicsguide.engine.session import NodeRef, Position
from ethicsguide.engine.training import due_injects, reference_outcome, walk_reference


def test_injects_land_only_in_the_scenarios_own_tree(fixture_library: Library) -> None:
    scenario = fixture_library.scenarios["sample-exercise"].scenario
    own = Position(NodeRef("sample", "consent"))
    same_id_elsewhere = Position(NodeRef("other", "consent"))
    assert [i.at for i in due_injects(scenario, own, [])] == ["consent"]
    assert due_injects(scenario, same_id_elsewhere, []) == []
    assert due_injects(scenario, own, ["consent"]) == []


def test_reference_walk_crosses_the_handoff(fixture_library: Library) -> None:
    scenario = fixture_library.scenarios["sample-exercise"].scenario
    steps, end = walk_reference(scenario, fixture_library.tree)
    assert list(steps) == [
        NodeRef("sample", "danger"),
        NodeRef("sample", "consent"),
        NodeRef("other", "ask-again"),
    ]
    assert end == NodeRef("other", "later")
    assert reference_outcome(scenario, fixture_library.tree) == "Ask again later"
