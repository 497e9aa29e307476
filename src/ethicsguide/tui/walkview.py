"""Pure views of a session for the screens: transcript entries, path, ledger (no Textual here)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from ethicsguide.engine.models import Outcome, Question, Step, handoff_tree, is_handoff, targets
from ethicsguide.engine.render import option_notes, step_text
from ethicsguide.engine.session import (
    Choice,
    Continuation,
    NodeRef,
    Position,
    Remark,
    SessionState,
    TreeLookup,
    WhatIf,
    node_at,
    position,
    question_at,
    resolve_to,
)


@dataclass(frozen=True)
class Said:
    """Something the guide said: a question, a step's guidance, or a handover to another tree."""

    kind: str  # "question" | "step" | "handoff"
    text: str
    ref: NodeRef
    number: int = 0  # question number on the path, for questions


@dataclass(frozen=True)
class Answered:
    """The worker's answer at a fork: a choice on the path, or one withdrawn by going back."""

    choice: Choice
    question: str
    same_question: bool = True
    notes: tuple[str, ...] = ()  # the chosen options' notes, as shown when chosen


@dataclass(frozen=True)
class Explored:
    """A what-if the worker looked at."""

    what_if: WhatIf
    question: str


@dataclass(frozen=True)
class Noted:
    """A note the worker added to the session."""

    remark: Remark


Entry = Said | Answered | Explored | Noted


def node_text(ref: NodeRef, lookup: TreeLookup) -> str:
    node = node_at(ref, lookup)
    return node.text if node is not None else ref.node


def position_after(
    state: SessionState, count: int, lookup: TreeLookup, *, went_on: int | None = None
) -> Position:
    """Where the path stood after the first ``count`` active choices.

    ``went_on`` counts the continuations right after them to include (all when None).
    """
    return position(state_after(state, count, went_on=went_on), lookup)


def state_after(state: SessionState, count: int, *, went_on: int | None = None) -> SessionState:
    """The session as it stood after its first ``count`` active choices."""
    end, window = _window(state, count)
    earlier = [c for c in state.continued if not c.withdrawn and c.after < end]
    later = window if went_on is None else window[:went_on]
    return replace(
        state,
        choices=state.choices[:end],
        continued=(*earlier, *later),
        outcome=None,
        final_decision=None,
    )


def _window(state: SessionState, count: int) -> tuple[int, list[Continuation]]:
    """Where the ``count``-th active choice ends, and the continuations made right after it."""
    active = [i for i, c in enumerate(state.choices) if not c.withdrawn]
    end = active[count - 1] + 1 if count else 0
    nxt = active[count] if count < len(active) else len(state.choices)
    return end, [c for c in state.continued if not c.withdrawn and end <= c.after <= nxt]


def went_on(state: SessionState, count: int, tree: str, lookup: TreeLookup) -> list[Said]:
    """Steps and outcomes passed after the ``count``-th active choice when the worker went on."""
    said: list[Said] = []
    for number, item in enumerate(_window(state, count)[1]):
        pos = position_after(state, count, lookup, went_on=number)
        said.extend(lead_in(pos, tree, lookup, state.facts_before(_window(state, count)[0])))
        said.append(Said("outcome", node_text(item.where, lookup), item.where))
        tree = item.where.tree
    return said


def lead_in(
    pos: Position, from_tree: str, lookup: TreeLookup, facts: frozenset[str] = frozenset()
) -> list[Said]:
    """The steps and handovers passed on the way to ``pos.node``, in order."""
    said: list[Said] = []
    tree = from_tree
    for ref in (*pos.passed, pos.node):
        if ref.tree != tree:
            said.append(Said("handoff", _tree_title(ref.tree, lookup), ref))
            tree = ref.tree
        if ref != pos.node:
            said.append(Said("step", _step_text(ref, lookup, facts), ref))
    return said


def _step_text(ref: NodeRef, lookup: TreeLookup, facts: frozenset[str]) -> str:
    node = node_at(ref, lookup)
    if isinstance(node, Step):
        return "\n\n".join(step_text(node, facts).say)
    return node_text(ref, lookup)


def _tree_title(tree_id: str, lookup: TreeLookup) -> str:
    tree = lookup(tree_id)
    return tree.title if tree else tree_id


def transcript(state: SessionState, lookup: TreeLookup) -> list[Entry]:
    """The path so far, up to (not including) the lead-in of the current position."""
    entries: list[Entry] = []
    withdrawn = [c for c in state.choices if c.withdrawn]
    pos, tree, prev_seq = position_after(state, 0, lookup), state.tree, -1
    notes = [r for r in state.remarks if r.kind == "note"]
    for k, choice in enumerate(state.active):
        entries.extend(Noted(r) for r in notes if r.step == k)
        went = went_on(state, k, tree, lookup)
        entries.extend(went)
        tree = went[-1].ref.tree if went else tree
        entries.extend(lead_in(pos, tree, lookup, state.facts_before(_window(state, k)[0])))
        ask = node_text(choice.where, lookup)
        entries.append(Said("question", ask, choice.where, k + 1))
        entries.extend(_withdrawn_between(withdrawn, prev_seq, choice.seq, choice.where, lookup))
        entries.append(Answered(choice, ask, notes=chosen_notes(state, choice, lookup)))
        entries.extend(Explored(w, ask) for w in state.what_ifs if w.where == choice.where)
        prev_seq, tree = choice.seq, choice.where.tree
        pos = position_after(state, k + 1, lookup)
    done = len(state.active)
    entries.extend(went_on(state, done, tree, lookup))
    entries.extend(Noted(r) for r in notes if r.step is None or r.step >= done)
    return entries


def chosen_notes(state: SessionState, choice: Choice, lookup: TreeLookup) -> tuple[str, ...]:
    """The notes of the options chosen, as shown at once when they were chosen."""
    question = node_at(choice.where, lookup)
    if not isinstance(question, Question):
        return ()
    index = state.choices.index(choice)
    facts = state.facts_before(index) | set(choice.sets)
    picks = [i for i in choice.picks if i < len(question.options)]
    return tuple(n for i in picks for n in option_notes(question.options[i], facts))


def withdrawn_since_last(state: SessionState, here: NodeRef, lookup: TreeLookup) -> list[Answered]:
    """Choices withdrawn after the last active one: they belong with the current question."""
    last = state.active[-1].seq if state.active else -1
    withdrawn = [c for c in state.choices if c.withdrawn]
    return _withdrawn_between(withdrawn, last, 1 << 60, here, lookup)


def _withdrawn_between(
    withdrawn: list[Choice], after: int, before: int, here: NodeRef, lookup: TreeLookup
) -> list[Answered]:
    return [
        Answered(c, node_text(c.where, lookup), c.where == here)
        for c in withdrawn
        if after < c.seq < before
    ]


def current_tree(state: SessionState) -> str:
    return state.active[-1].where.tree if state.active else state.tree


@dataclass(frozen=True)
class Crumb:
    """One place on the path: a node id and whether it is where the worker stands."""

    ref: NodeRef
    here: bool = False
    step: bool = False  # the worker is reading a guide step, not answering a question

    @property
    def label(self) -> str:
        return self.ref.node.replace("-", " ").capitalize()


def breadcrumb(state: SessionState, here: NodeRef, *, step: bool = False) -> list[Crumb]:
    """The answered forks, then where the worker stands (a question, or a step on the way)."""
    return [Crumb(c.where) for c in state.active] + [Crumb(here, here=True, step=step)]


def questions_left(ref: NodeRef, lookup: TreeLookup) -> tuple[int, int]:
    """Fewest and most questions from ``ref`` (itself included) to an outcome."""

    @cache
    def span(tree_id: str, node_id: str) -> tuple[int, int]:
        node = node_at(NodeRef(tree_id, node_id), lookup)
        if node is None or node.kind == "outcome":
            return 0, 0
        spans = [span(n.tree, n.node) for n in _next(tree_id, node, lookup)] or [(0, 0)]
        extra = 1 if node.kind == "question" else 0
        return min(s[0] for s in spans) + extra, max(s[1] for s in spans) + extra

    return span(ref.tree, ref.node)


def _next(tree_id: str, node: Question | Step | Outcome, lookup: TreeLookup) -> Iterator[NodeRef]:
    for to in targets(node):
        if is_handoff(to) and lookup(handoff_tree(to)) is None:
            continue
        yield resolve_to(tree_id, to, lookup, [])


@dataclass(frozen=True)
class LedgerRow:
    """How often the choices on the path upheld and strained one principle."""

    principle: str
    upheld: int
    strained: int


def ledger(state: SessionState, lookup: TreeLookup) -> list[LedgerRow]:
    """Principles upheld and strained by the active choices, in first-seen order."""
    counts: dict[str, list[int]] = {}
    for choice in state.active:
        question = question_at(choice.where, lookup)
        for option in (question.options[i] for i in choice.picks if i < len(question.options)):
            for name in option.upholds:
                counts.setdefault(name, [0, 0])[0] += 1
            for name in option.strains:
                counts.setdefault(name, [0, 0])[1] += 1
    return [LedgerRow(name, up, down) for name, (up, down) in counts.items()]
