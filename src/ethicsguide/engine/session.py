"""A walkthrough as an append-only list of events, and the immutable state replayed from them.

Events are plain JSON-ready dicts (what the log stores); ``replay`` folds them into a
``SessionState``. Positions (the next question) are derived from the trees, never stored,
so a resumed session always lands where its choices lead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ethicsguide.engine.controls import TooDeep, visible_data
from ethicsguide.engine.entries import (
    WITHDRAWN_DECISION,
    Choice,
    Continuation,
    NodeRef,
    Pin,
    Remark,
    WhatIf,
)
from ethicsguide.engine.events import EventType
from ethicsguide.engine.models import (
    Outcome,
    Question,
    Step,
    Tree,
    handoff_tree,
    is_handoff,
    targets,
)
from ethicsguide.engine.state import (
    APPLY,
    Event,
    SessionState,
    last_active_index,
    last_continuation,
    start_state,
)

TreeLookup = Callable[[str], Tree | None]

MODES = ("walkthrough", "chat", "training", "review")
__all__ = [  # re-exported: callers import these from here
    "WITHDRAWN_DECISION",
    "Choice",
    "Continuation",
    "Event",
    "NodeRef",
    "Pin",
    "Remark",
    "SessionState",
    "WhatIf",
    "last_continuation",
]


class ReplayError(ValueError):
    """The events do not make a session (no ``started`` first, or a malformed event)."""


def apply(state: SessionState | None, event: Event) -> SessionState:
    """Fold one event into the state; unknown event types are kept in the log but ignored.

    Session files are hostile input: their text enters the state with control
    characters made visible, so nothing shown from it can drive a terminal.
    """
    try:
        event = visible_data(event)
    except TooDeep as exc:
        raise ReplayError(f"an event is {exc}") from None
    kind = event.get("type")
    try:
        if kind == EventType.STARTED:
            if state is not None:
                raise ReplayError("a second `started` event")
            new = start_state(state, event)
        elif state is None:
            raise ReplayError("the first event is not `started`")
        else:
            handler = APPLY.get(str(kind))
            new = handler(state, event) if handler else state
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ReplayError):
            raise
        raise ReplayError(f"malformed `{kind}` event: {exc}") from None
    return replace(new, updated=str(event.get("at", new.updated)), events=new.events + 1)


def replay(events: Iterable[Event]) -> SessionState:
    """The state after every event, in order."""
    state: SessionState | None = None
    for event in events:
        state = apply(state, event)
    if state is None:
        raise ReplayError("the session has no events")
    return state


def step_number(state: SessionState) -> int | None:
    """The record's number (1-based, withdrawn choices counted, as the export numbers steps)
    of the latest active choice; None before the first answer."""
    index = last_active_index(state)
    return None if index is None else index + 1


# --- positions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """Where the walkthrough stands: the node waiting for the worker, and steps passed on the way.

    ``node`` is a question or an outcome. ``passed`` lists the step nodes (and handoffs)
    between the last choice and ``node``, so a screen can show their guidance.
    """

    node: NodeRef
    passed: tuple[NodeRef, ...] = ()
    handoffs: tuple[str, ...] = field(default=())


class PathBroken(LookupError):
    """The session's path no longer exists in the tree (it was edited since)."""


def follow(start: NodeRef, lookup: TreeLookup) -> Position:
    """From ``start``, pass through steps and handoffs until a question or an outcome."""
    passed: list[NodeRef] = []
    handoffs: list[str] = []
    ref = start
    for _ in range(10_000):  # the validator forbids cycles; this only guards bad input
        tree = lookup(ref.tree)
        if tree is None or ref.node not in tree.nodes:
            raise PathBroken(f"`{ref.node}` is not in tree `{ref.tree}`")
        node = tree.nodes[ref.node]
        if not isinstance(node, Step):
            return Position(ref, tuple(passed), tuple(handoffs))
        passed.append(ref)
        ref = resolve_to(ref.tree, node.to, lookup, handoffs)
    raise PathBroken("the path does not reach a question or an outcome")


def resolve_to(tree_id: str, to: str, lookup: TreeLookup, handoffs: list[str]) -> NodeRef:
    if not is_handoff(to):
        return NodeRef(tree_id, to)
    other = handoff_tree(to)
    target = lookup(other)
    if target is None:
        raise PathBroken(f"tree `{other}` is not in the library")
    handoffs.append(other)
    return NodeRef(other, target.start)


def position(state: SessionState, lookup: TreeLookup) -> Position:
    """The node the session is waiting at, derived from its active choices."""
    continuation = last_continuation(state)
    if continuation is not None:
        return _after_continuation(state.continued[continuation].where, lookup)
    active = state.active
    if not active:
        tree = lookup(state.tree)
        if tree is None:
            raise PathBroken(f"tree `{state.tree}` is not in the library")
        return follow(NodeRef(state.tree, tree.start), lookup)
    last = active[-1]
    question = question_at(last.where, lookup)
    if last.option >= len(question.options):
        raise PathBroken(f"`{last.where.node}` has no option {last.option + 1} any more")
    handoffs: list[str] = []
    ref = resolve_to(last.where.tree, question.target_of(last.option), lookup, handoffs)
    pos = follow(ref, lookup)
    return replace(pos, handoffs=(*handoffs, *pos.handoffs))


def _after_continuation(ref: NodeRef, lookup: TreeLookup) -> Position:
    node = node_at(ref, lookup)
    if not isinstance(node, Outcome) or node.then is None:
        raise PathBroken(f"`{ref.node}` no longer continues in tree `{ref.tree}`")
    handoffs: list[str] = []
    pos = follow(resolve_to(ref.tree, node.then, lookup, handoffs), lookup)
    return replace(pos, handoffs=(*handoffs, *pos.handoffs))


def past_continuations(pos: Position, lookup: TreeLookup) -> Position:
    """From an outcome that continues, on to the next question or final outcome."""
    for _ in range(1000):  # then-loops are validation errors; this only guards bad input
        node = node_at(pos.node, lookup)
        if not isinstance(node, Outcome) or node.then is None:
            return pos
        pos = _after_continuation(pos.node, lookup)
    raise PathBroken("the continuations go round in a loop")


def question_at(ref: NodeRef, lookup: TreeLookup) -> Question:
    tree = lookup(ref.tree)
    node = tree.nodes.get(ref.node) if tree else None
    if not isinstance(node, Question):
        raise PathBroken(f"`{ref.node}` is not a question in tree `{ref.tree}`")
    return node


def node_at(ref: NodeRef, lookup: TreeLookup) -> Question | Step | Outcome | None:
    """The node at ``ref``, or None when its tree or node is gone."""
    tree = lookup(ref.tree)
    return tree.nodes.get(ref.node) if tree else None


def find_question(ref: NodeRef, lookup: TreeLookup) -> Question | None:
    """The question at ``ref``, or None (unlike ``question_at``, never raises)."""
    node = node_at(ref, lookup)
    return node if isinstance(node, Question) else None


def reachable_outcomes(ref: NodeRef, lookup: TreeLookup) -> list[NodeRef]:
    """Every outcome reachable from ``ref`` (handoffs followed), in first-seen order."""
    seen: set[NodeRef] = set()
    found: list[NodeRef] = []
    stack = [ref]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        node = node_at(current, lookup)
        if isinstance(node, Outcome):
            found.append(current)
        elif node is not None:
            stack.extend(reversed(_next_refs(current.tree, node, lookup)))
    return found


def _next_refs(tree_id: str, node: Question | Step, lookup: TreeLookup) -> list[NodeRef]:
    refs = []
    for to in targets(node):
        try:
            refs.append(resolve_to(tree_id, to, lookup, []))
        except PathBroken:
            continue
    return refs
