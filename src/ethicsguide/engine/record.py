"""The session's record, built once from its state: what the export, outcome screen and chat show.

Steps carry the answers withdrawn at them, the notes the worker was shown and the facts
they set; outcomes are listed in the order reached, each rendered with the facts that held
when it was reached. Nothing here knows how it will be displayed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ethicsguide.engine.entries import Choice, Continuation, NodeRef
from ethicsguide.engine.models import Outcome, Question, Step
from ethicsguide.engine.render import OutcomeText, StepText, option_notes, outcome_text, step_text
from ethicsguide.engine.session import (
    PathBroken,
    SessionState,
    TreeLookup,
    find_question,
    follow,
    node_at,
    position,
    resolve_to,
)


@dataclass(frozen=True)
class Answer:
    """One answer at a question: the options picked, what the worker was shown, the reasoning.

    ``key`` is the answer's place among all choices, withdrawn ones included (1-based):
    notes and comments on a step are filed under it.
    """

    key: int
    choice: Choice
    question: Question | None
    labels: tuple[str, ...]
    notes: tuple[str, ...]
    facts: tuple[str, ...]


@dataclass(frozen=True)
class StepEntry:
    """A question answered on the current path, numbered in path order."""

    number: int
    answer: Answer
    withdrawn: tuple[Answer, ...]
    guides: tuple[StepText, ...]
    handoffs: tuple[str, ...]


@dataclass(frozen=True)
class OutcomeEntry:
    """An outcome reached, rendered as the path produced it, and what the worker decided there."""

    ref: NodeRef
    text: OutcomeText
    final_decision: str | None
    continued: bool
    guides: tuple[StepText, ...] = ()  # steps passed on the way out, after continuing
    handoffs: tuple[str, ...] = ()


Entry = StepEntry | OutcomeEntry


@dataclass(frozen=True)
class Record:
    """Everything a reader of the session sees, in order."""

    state: SessionState
    start_guides: tuple[StepText, ...]
    entries: tuple[Entry, ...]
    facts: tuple[tuple[str, int, str], ...]  # (fact, number of the step that set it, option)
    unmatched: tuple[Answer, ...]  # withdrawn answers whose question was not answered again
    waiting_at: str | None  # the question the walk stopped at, if it is not finished

    @property
    def steps(self) -> tuple[StepEntry, ...]:
        return tuple(e for e in self.entries if isinstance(e, StepEntry))

    @property
    def outcomes(self) -> tuple[OutcomeEntry, ...]:
        return tuple(e for e in self.entries if isinstance(e, OutcomeEntry))


def build_record(state: SessionState, lookup: TreeLookup) -> Record:
    """The record of ``state``; trees that are gone leave labels as recorded."""
    withdrawn, unmatched = _withdrawn_by_step(state, lookup)
    entries: list[Entry] = []
    entries += _continuations_after(state, 0, lookup)
    number = 0
    for index, choice in enumerate(state.choices):
        if not choice.withdrawn:
            number += 1
            entries.append(_step_entry(state, index, number, withdrawn.get(index, ()), lookup))
        entries += _continuations_after(state, index + 1, lookup)
    if state.outcome is not None:
        entries.append(_final_outcome(state, lookup))
    tree = lookup(state.tree)
    start = _passed(NodeRef(state.tree, tree.start), state.facts_before(0), lookup) if tree else ()
    return Record(
        state=state,
        start_guides=start[0] if start else (),
        entries=tuple(entries),
        facts=_facts(entries),
        unmatched=tuple(unmatched),
        waiting_at=None if state.outcome else _waiting_at(state, lookup),
    )


def current_outcome(state: SessionState, lookup: TreeLookup) -> OutcomeEntry | None:
    """The outcome the session stands at, rendered with the facts of its path."""
    return _final_outcome(state, lookup) if state.outcome is not None else None


def _answer(state: SessionState, index: int, lookup: TreeLookup) -> Answer:
    choice = state.choices[index]
    question = find_question(choice.where, lookup)
    picks = [i for i in choice.picks if question and i < len(question.options)]
    if question is None or not picks:
        return Answer(index + 1, choice, None, (choice.label,), (), choice.sets)
    facts = state.facts_before(index) | set(choice.sets)
    options = [question.options[i] for i in picks]
    notes = tuple(n for o in options for n in option_notes(o, facts))
    return Answer(index + 1, choice, question, tuple(o.label for o in options), notes, choice.sets)


def _step_entry(
    state: SessionState, index: int, number: int, withdrawn: tuple[Answer, ...], lookup: TreeLookup
) -> StepEntry:
    answer = _answer(state, index, lookup)
    guides, handoffs = _after_choice(state, index, lookup)
    return StepEntry(number, answer, withdrawn, guides, handoffs)


def _after_choice(
    state: SessionState, index: int, lookup: TreeLookup
) -> tuple[tuple[StepText, ...], tuple[str, ...]]:
    choice = state.choices[index]
    question = find_question(choice.where, lookup)
    if question is None or choice.option >= len(question.options):
        return (), ()
    handoffs: list[str] = []
    try:
        ref = resolve_to(choice.where.tree, question.target_of(choice.option), lookup, handoffs)
    except PathBroken:
        return (), ()
    passed = _passed(ref, state.facts_before(index + 1), lookup)
    return (passed[0], (*handoffs, *passed[1])) if passed else ((), tuple(handoffs))


def _passed(
    ref: NodeRef, facts: frozenset[str], lookup: TreeLookup
) -> tuple[tuple[StepText, ...], tuple[str, ...]] | None:
    try:
        here = follow(ref, lookup)
    except PathBroken:
        return None
    texts = []
    for passed in here.passed:
        node = node_at(passed, lookup)
        if isinstance(node, Step):
            texts.append(step_text(node, facts))
    return tuple(texts), here.handoffs


def _continuations_after(state: SessionState, after: int, lookup: TreeLookup) -> Iterator[Entry]:
    for item in state.continued:
        if not item.withdrawn and item.after == after:
            entry = _continued_outcome(state, item, lookup)
            if entry is not None:
                yield entry


def _continued_outcome(
    state: SessionState, item: Continuation, lookup: TreeLookup
) -> OutcomeEntry | None:
    node = node_at(item.where, lookup)
    facts = state.facts_before(item.after)
    if not isinstance(node, Outcome) or node.then is None:
        return None
    handoffs: list[str] = []
    try:
        ref = resolve_to(item.where.tree, node.then, lookup, handoffs)
    except PathBroken:
        ref = None
    passed = _passed(ref, facts, lookup) if ref else None
    return OutcomeEntry(
        item.where,
        outcome_text(node, facts),
        item.final_decision,
        True,
        passed[0] if passed else (),
        (*handoffs, *(passed[1] if passed else ())),
    )


def _final_outcome(state: SessionState, lookup: TreeLookup) -> OutcomeEntry:
    assert state.outcome is not None
    node = node_at(state.outcome, lookup)
    if isinstance(node, Outcome):
        text = outcome_text(node, state.facts)
    else:
        text = OutcomeText(state.outcome.node, False, (), (), (), (), False)
    return OutcomeEntry(state.outcome, text, state.final_decision, False)


def _withdrawn_by_step(
    state: SessionState, lookup: TreeLookup
) -> tuple[dict[int, tuple[Answer, ...]], list[Answer]]:
    """Each withdrawn answer goes with the next answer given at the same question."""
    attached: dict[int, tuple[Answer, ...]] = {}
    unmatched: list[Answer] = []
    for index, choice in enumerate(state.choices):
        if not choice.withdrawn:
            continue
        later = next(
            (
                j
                for j in range(index + 1, len(state.choices))
                if not state.choices[j].withdrawn and state.choices[j].where == choice.where
            ),
            None,
        )
        answer = _answer(state, index, lookup)
        if later is None:
            unmatched.append(answer)
        else:
            attached[later] = (*attached.get(later, ()), answer)
    return attached, unmatched


def _facts(entries: list[Entry]) -> tuple[tuple[str, int, str], ...]:
    first: dict[str, tuple[str, int, str]] = {}
    for entry in entries:
        if isinstance(entry, StepEntry):
            for fact in entry.answer.facts:
                first.setdefault(fact, (fact, entry.number, _setter(entry.answer, fact)))
    return tuple(first.values())


def _setter(answer: Answer, fact: str) -> str:
    """The label of the option that set ``fact`` (the recorded labels if the tree changed)."""
    question = answer.question
    if question is not None:
        for index in answer.choice.picks:
            if index < len(question.options) and fact in question.options[index].sets:
                return question.options[index].label
    return "; ".join(answer.labels)


def _waiting_at(state: SessionState, lookup: TreeLookup) -> str | None:
    try:
        here = position(state, lookup)
    except PathBroken:
        return None
    node = node_at(here.node, lookup)
    return node.ask if isinstance(node, Question) else None
