"""Checks that tie a training scenario to its tree: the tree exists, injects land on real
nodes, and the reference path is a real path that ends in an outcome."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ethicsguide.engine.loader import Loaded
from ethicsguide.engine.models import Outcome, Question, Tree
from ethicsguide.engine.problems import Problem, Severity
from ethicsguide.engine.scenario import Scenario
from ethicsguide.engine.session import (
    NodeRef,
    PathBroken,
    follow,
    past_continuations,
    resolve_to,
)

MIN_FORKS = 3


def check_scenario(loaded: Loaded[Scenario], trees: Mapping[str, Tree]) -> list[Problem]:
    """Every problem of one valid scenario file."""
    scenario = loaded.model
    assert scenario is not None
    tree = trees.get(scenario.tree)
    if tree is None:
        return [
            loaded.problem(
                ("tree",), "unknown-tree", f"tree `{scenario.tree}` is not in the library"
            )
        ]
    return [*_check_injects(loaded, scenario, trees), *_check_reference(loaded, scenario, trees)]


def _check_injects(
    loaded: Loaded[Scenario], scenario: Scenario, trees: Mapping[str, Tree]
) -> Iterator[Problem]:
    known = trees[scenario.tree].nodes  # injects land in the scenario's own tree only
    for index, inject in enumerate(scenario.injects):
        if inject.at not in known:
            yield loaded.problem(
                ("injects", index, "at"),
                "unknown-node",
                f"inject at `{inject.at}`: no such node in tree `{scenario.tree}`",
            )


def _check_reference(
    loaded: Loaded[Scenario], scenario: Scenario, trees: Mapping[str, Tree]
) -> Iterator[Problem]:
    lookup = trees.get
    try:
        here = follow(NodeRef(scenario.tree, trees[scenario.tree].start), lookup)
    except PathBroken as exc:
        yield loaded.problem(("tree",), "bad-reference", str(exc))
        return
    for index, step in enumerate(scenario.reference):
        path = ("reference", index)
        try:
            here = past_continuations(here, lookup)
        except PathBroken as exc:
            yield loaded.problem((*path, "node"), "bad-reference", str(exc))
            return
        if step.node != here.node.node:
            yield loaded.problem(
                (*path, "node"),
                "bad-reference",
                f"the reference path reaches `{here.node.node}` here, not `{step.node}`",
            )
            return
        question = lookup(here.node.tree).nodes[here.node.node]  # type: ignore[union-attr]
        assert isinstance(question, Question)
        picks = reference_picks(question, step.choose)
        if picks is None:
            yield loaded.problem(
                (*path, "choose"),
                "bad-reference",
                f"`{step.node}` has no option labelled `{step.choose}`"
                + (" (or no selection of these options it allows)" if question.many else ""),
            )
            return
        try:
            here = follow(
                resolve_to(here.node.tree, question.target_of(picks[0]), lookup, []), lookup
            )
        except PathBroken as exc:
            yield loaded.problem((*path, "choose"), "bad-reference", str(exc))
            return
    try:
        here = past_continuations(here, lookup)
    except PathBroken as exc:
        yield loaded.problem(("reference",), "bad-reference", str(exc))
        return
    end = lookup(here.node.tree).nodes[here.node.node]  # type: ignore[union-attr]
    if not isinstance(end, Outcome):
        yield loaded.problem(
            ("reference",),
            "bad-reference",
            f"the reference path stops at question `{here.node.node}`, before an outcome",
        )
    if len(scenario.reference) < MIN_FORKS:
        yield loaded.problem(
            ("reference",),
            "few-forks",
            f"the reference comments on {len(scenario.reference)} forks; aim for {MIN_FORKS} or more",
            severity=Severity.WARNING,
        )


def reference_picks(question: Question, choose: str) -> tuple[int, ...] | None:
    """The options a reference step takes: one label or, at a "choose all that apply"
    question, several joined with ";" as the record writes them ("A; B"). None when a label
    is unknown, repeated, or the selection is one the question does not allow."""
    whole = option_index(question, choose)
    if whole is not None:
        return (whole,)
    if not question.many:
        return None
    picks = [option_index(question, part) for part in choose.split(";")]
    found = tuple(sorted(p for p in picks if p is not None))
    if len(found) != len(picks) or len(set(found)) != len(found):
        return None
    if any(question.options[i].alone for i in found):
        return None  # an "on its own" option goes with no other
    return found


def option_index(question: Question, label: str) -> int | None:
    """The option with this label (case and spacing ignored)."""
    wanted = " ".join(label.casefold().split())
    for index, option in enumerate(question.options):
        if " ".join(option.label.casefold().split()) == wanted:
            return index
    return None
