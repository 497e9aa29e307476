"""Pure views of a session for the screens: transcript entries, path, ledger (no Textual here)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from ethicsguide.engine.models import Outcome, Question, Step, handoff_tree, is_handoff, targets
from ethicsguide.engine.session import (
    Choice,
    NodeRef,
    PathBroken,
    Position,
    Remark,
    SessionState,
    TreeLookup,
    WhatIf,
    follow,
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
    if isinstance(node, Question):
        return node.ask
    if isinstance(node, Step):
        return node.say
    if isinstance(node, Outcome):
        return node.outcome
    return ref.node


def start_position(state: SessionState, lookup: TreeLookup) -> Position:
    tree = lookup(state.tree)
    if tree is None:
        raise PathBroken(f"tree `{state.tree}` is not in the library")
    return follow(NodeRef(state.tree, tree.start), lookup)


def position_after(state: SessionState, count: int, lookup: TreeLookup) -> Position:
    """Where the path stood after the first ``count`` active choices."""
    return position(replace(state, choices=state.active[:count]), lookup)


def lead_in(pos: Position, from_tree: str, lookup: TreeLookup) -> list[Said]:
    """The steps and handovers passed on the way to ``pos.node``, in order."""
    said: list[Said] = []
    tree = from_tree
    for ref in (*pos.passed, pos.node):
        if ref.tree != tree:
            said.append(Said("handoff", _tree_title(ref.tree, lookup), ref))
            tree = ref.tree
        if ref != pos.node:
            said.append(Said("step", node_text(ref, lookup), ref))
    return said


def _tree_title(tree_id: str, lookup: TreeLookup) -> str:
    tree = lookup(tree_id)
    return tree.title if tree else tree_id


def transcript(state: SessionState, lookup: TreeLookup) -> list[Entry]:
    """The path so far, up to (not including) the lead-in of the current position."""
    entries: list[Entry] = []
    withdrawn = [c for c in state.choices if c.withdrawn]
    pos, tree, prev_seq = start_position(state, lookup), state.tree, -1
    notes = [r for r in state.remarks if r.kind == "note"]
    for k, choice in enumerate(state.active):
        entries.extend(Noted(r) for r in notes if r.step == k)
        entries.extend(lead_in(pos, tree, lookup))
        ask = node_text(choice.where, lookup)
        entries.append(Said("question", ask, choice.where, k + 1))
        entries.extend(_withdrawn_between(withdrawn, prev_seq, choice.seq, choice.where, lookup))
        entries.append(Answered(choice, ask))
        entries.extend(Explored(w, ask) for w in state.what_ifs if w.where == choice.where)
        prev_seq, tree = choice.seq, choice.where.tree
        pos = position_after(state, k + 1, lookup)
    done = len(state.active)
    entries.extend(Noted(r) for r in notes if r.step is None or r.step >= done)
    return entries


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
        if node is None or isinstance(node, Outcome):
            return 0, 0
        spans = [span(n.tree, n.node) for n in _next(tree_id, node, lookup)] or [(0, 0)]
        extra = 1 if isinstance(node, Question) else 0
        return min(s[0] for s in spans) + extra, max(s[1] for s in spans) + extra

    return span(ref.tree, ref.node)


def _next(tree_id: str, node: Question | Step, lookup: TreeLookup) -> Iterator[NodeRef]:
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
        option = question_at(choice.where, lookup).options[choice.option]
        for name in option.upholds:
            counts.setdefault(name, [0, 0])[0] += 1
        for name in option.strains:
            counts.setdefault(name, [0, 0])[1] += 1
    return [LedgerRow(name, up, down) for name, (up, down) in counts.items()]
