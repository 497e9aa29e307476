"""Training: injects on the way, the trainee's path against the reference, and group counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ethicsguide.engine.scenario import Inject, ReferenceStep, Scenario
from ethicsguide.engine.scenario_checks import option_index
from ethicsguide.engine.session import (
    NodeRef,
    PathBroken,
    Position,
    SessionState,
    TreeLookup,
    find_question,
    follow,
    past_continuations,
    resolve_to,
)


def due_injects(scenario: Scenario, position: Position, shown: Iterable[str]) -> list[Inject]:
    """Injects for the nodes just reached (steps passed and the current node), not yet shown.

    Injects name nodes of the scenario's own tree; a handed-over tree may reuse the same ids.
    """
    arrived = [*position.passed, position.node]
    reached = {ref.node for ref in arrived if ref.tree == scenario.tree}
    already = set(shown)
    return [i for i in scenario.injects if i.at in reached and i.at not in already]


@dataclass(frozen=True)
class ForkReview:
    """One fork of the trainee's path beside the reference (if the reference passes it)."""

    node: str
    ask: str
    chosen: str
    reasoning: str
    reference: ReferenceStep | None

    @property
    def diverged(self) -> bool:
        if self.reference is None:
            return True
        return " ".join(self.chosen.casefold().split()) != " ".join(
            self.reference.choose.casefold().split()
        )


def review(state: SessionState, scenario: Scenario, lookup: TreeLookup) -> list[ForkReview]:
    """The trainee's forks, divergences first, each beside the reference choice and commentary."""
    steps, _end = walk_reference(scenario, lookup)
    forks = []
    for choice in state.active:
        node = find_question(choice.where, lookup)
        forks.append(
            ForkReview(
                choice.where.node,
                node.ask if node else choice.where.node,
                choice.label,
                choice.reasoning or "",
                steps.get(choice.where),
            )
        )
    return sorted(forks, key=lambda f: not f.diverged)


def walk_reference(
    scenario: Scenario, lookup: TreeLookup
) -> tuple[dict[NodeRef, ReferenceStep], NodeRef | None]:
    """Each reference step at the node (in its tree) where the walk meets it, and the end.

    Matching by tree and node, not node id alone, keeps a handed-over tree that reuses an
    id (``safety`` is common) from picking up the wrong commentary.
    """

    tree = lookup(scenario.tree)
    if tree is None:
        return {}, None
    steps: dict[NodeRef, ReferenceStep] = {}
    try:
        here = follow(NodeRef(scenario.tree, tree.start), lookup)
        for step in scenario.reference:
            here = past_continuations(here, lookup)
            question = find_question(here.node, lookup)
            index = option_index(question, step.choose) if question else None
            if question is None or index is None or here.node.node != step.node:
                return steps, None
            steps[here.node] = step
            here = follow(resolve_to(here.node.tree, question.target_of(index), lookup, []), lookup)
    except PathBroken:
        return steps, None
    return steps, here.node


def reference_outcome(scenario: Scenario, lookup: TreeLookup) -> str | None:
    """Title of the outcome the reference path ends in."""
    _steps, end = walk_reference(scenario, lookup)
    tree = lookup(end.tree) if end else None
    node = tree.nodes.get(end.node) if tree and end else None
    return node.text if node is not None and node.kind == "outcome" else None


@dataclass
class ForkTally:
    """How a group split at one fork."""

    where: NodeRef
    ask: str
    options: list[str]
    counts: Counter[str] = field(default_factory=Counter)
    reasons: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def tally(
    states: Iterable[SessionState], lookup: TreeLookup
) -> tuple[list[ForkTally], Counter[str]]:
    """Per fork (in order first met) the choices made, and the outcomes reached."""
    forks: dict[NodeRef, ForkTally] = {}
    outcomes: Counter[str] = Counter()
    for state in states:
        for choice in state.active:
            question = find_question(choice.where, lookup)
            if question is None:
                continue
            fork = forks.setdefault(
                choice.where,
                ForkTally(choice.where, question.ask, [o.label for o in question.options]),
            )
            fork.counts[choice.label] += 1
            if choice.reasoning:
                fork.reasons.setdefault(choice.label, []).append(choice.reasoning)
        outcomes[_outcome_title(state, lookup)] += 1
    return list(forks.values()), outcomes


def _outcome_title(state: SessionState, lookup: TreeLookup) -> str:
    if state.outcome is None:
        return "(not finished)"
    tree = lookup(state.outcome.tree)
    node = tree.nodes.get(state.outcome.node) if tree else None
    return node.text if node is not None and node.kind == "outcome" else state.outcome.node
