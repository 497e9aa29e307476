"""Training: injects on the way, the trainee's path against the reference, and group counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ethicsguide.engine.scenario import Inject, ReferenceStep, Scenario
from ethicsguide.engine.scenario_checks import reference_picks
from ethicsguide.engine.session import (
    Choice,
    NodeRef,
    PathBroken,
    Position,
    Question,
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
        return picked(self.chosen) != picked(self.reference.choose)


def picked(labels: str) -> frozenset[str]:
    """The labels of a choice ("A; B" at a choose-all-that-apply question), in any order,
    case and spacing ignored."""
    return frozenset(" ".join(part.split()) for part in labels.casefold().split(";"))


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
            picks = reference_picks(question, step.choose) if question else None
            if question is None or picks is None or here.node.node != step.node:
                return steps, None
            steps[here.node] = step
            to = question.target_of(picks[0])  # a multi-select's options share one `to`
            here = follow(resolve_to(here.node.tree, to, lookup, []), lookup)
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
    counts: Counter[str] = field(default_factory=Counter)  # per option: who ticked or chose it
    reasons: dict[str, list[str]] = field(default_factory=dict)  # per answer as given
    answered: int = 0

    @property
    def total(self) -> int:
        """How many answered (at a choose-all-that-apply fork, fewer than the ticks)."""
        return self.answered


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
            fork.answered += 1
            fork.counts.update(_ticked(choice, question))
            if choice.reasoning:
                fork.reasons.setdefault(choice.label, []).append(choice.reasoning)
        outcomes[_outcome_title(state, lookup)] += 1
    return list(forks.values()), outcomes


def _ticked(choice: Choice, question: Question) -> list[str]:
    """The option labels a choice counts for: each one ticked, or the one chosen."""
    if not choice.selected:
        return [choice.label]
    return [question.options[i].label for i in choice.selected if i < len(question.options)]


def _outcome_title(state: SessionState, lookup: TreeLookup) -> str:
    if state.outcome is None:
        return "(not finished)"
    tree = lookup(state.outcome.tree)
    node = tree.nodes.get(state.outcome.node) if tree else None
    return node.text if node is not None and node.kind == "outcome" else state.outcome.node
