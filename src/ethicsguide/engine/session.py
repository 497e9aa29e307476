"""A walkthrough as an append-only list of events, and the immutable state replayed from them.

Events are plain JSON-ready dicts (what the log stores); ``replay`` folds them into a
``SessionState``. Positions (the next question) are derived from the trees, never stored,
so a resumed session always lands where its choices lead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ethicsguide.engine.models import Outcome, Question, Step, Tree, handoff_tree, is_handoff

Event = dict[str, Any]
TreeLookup = Callable[[str], Tree | None]

MODES = ("walkthrough", "chat", "training", "review")


@dataclass(frozen=True)
class NodeRef:
    """A node in a particular tree (walkthroughs can hand over between trees)."""

    tree: str
    node: str


@dataclass(frozen=True)
class Pin:
    """The exact tree a session used: id, version and content hash."""

    tree: str
    version: int
    digest: str


@dataclass(frozen=True)
class Choice:
    """One answer at a fork, with the worker's reasoning; withdrawn choices stay on record.

    ``reasoning`` is None until the worker was asked, and "" when they chose to skip it.
    """

    seq: int
    at: str
    where: NodeRef
    option: int
    label: str
    reasoning: str | None = None
    withdrawn: bool = False


@dataclass(frozen=True)
class WhatIf:
    """An alternative the worker looked at without taking it."""

    at: str
    where: NodeRef
    option: int
    label: str
    leads_to: tuple[str, ...]
    note: str | None = None


WITHDRAWN_DECISION = "withdrawn-decision"  # a Remark kind: a final decision gone back from


@dataclass(frozen=True)
class Remark:
    """Free text attached to the session: a worker's note, a supervisor's comment, or a final
    decision withdrawn by going back from the outcome (kind ``WITHDRAWN_DECISION``, ``at``
    the time it was withdrawn, ``step`` the answer withdrawn with it)."""

    at: str
    text: str
    step: int | None = None
    role: str | None = None
    kind: str = "note"


@dataclass(frozen=True)
class SessionState:
    """Everything a session holds, rebuilt by ``replay``. Never mutated; ``apply`` returns a new one."""

    id: str
    tree: str
    mode: str
    started: str
    updated: str
    dilemma: str = ""
    scenario: str | None = None
    pins: tuple[Pin, ...] = ()
    choices: tuple[Choice, ...] = ()
    what_ifs: tuple[WhatIf, ...] = ()
    remarks: tuple[Remark, ...] = ()
    outcome: NodeRef | None = None
    final_decision: str | None = None
    exports: tuple[str, ...] = ()
    injects: tuple[str, ...] = ()
    signoffs: tuple[Remark, ...] = ()
    debriefed: str | None = None  # when a training debrief (the reference path) was first shown
    events: int = 0

    @property
    def active(self) -> tuple[Choice, ...]:
        """The choices on the current path, in order."""
        return tuple(c for c in self.choices if not c.withdrawn)

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    def pin(self, tree_id: str) -> Pin | None:
        return next((p for p in self.pins if p.tree == tree_id), None)


def _apply_started(state: SessionState | None, e: Event) -> SessionState:
    pin = Pin(e["tree"], int(e.get("version", 1)), str(e.get("hash", "")))
    return SessionState(
        id=str(e["session"]),
        tree=str(e["tree"]),
        mode=str(e.get("mode", "walkthrough")),
        started=str(e["at"]),
        updated=str(e["at"]),
        dilemma=str(e.get("dilemma") or ""),
        scenario=e.get("scenario"),
        pins=(pin,),
    )


def _apply_chose(s: SessionState, e: Event) -> SessionState:
    choice = Choice(
        int(e.get("seq", s.events)),
        str(e["at"]),
        NodeRef(e["tree"], e["node"]),
        int(e["option"]),
        str(e["label"]),
    )
    return replace(s, choices=(*s.choices, choice), outcome=None, final_decision=None)


def _apply_reasoned(s: SessionState, e: Event) -> SessionState:
    index = _last_active_index(s)
    if index is None:
        return s
    choices = list(s.choices)
    choices[index] = replace(choices[index], reasoning=str(e.get("text") or ""))
    return replace(s, choices=tuple(choices))


def _apply_went_back(s: SessionState, e: Event) -> SessionState:
    index = _last_active_index(s)
    if index is None:
        return s
    choices = list(s.choices)
    choices[index] = replace(choices[index], withdrawn=True)
    remarks = s.remarks
    if s.final_decision:  # going back from the outcome: the decision stays on record, withdrawn
        withdrawn = Remark(str(e["at"]), s.final_decision, index + 1, None, WITHDRAWN_DECISION)
        remarks = (*remarks, withdrawn)
    return replace(s, choices=tuple(choices), remarks=remarks, outcome=None, final_decision=None)


def _apply_handed_over(s: SessionState, e: Event) -> SessionState:
    if s.pin(e["tree"]) is not None:
        return s
    pin = Pin(str(e["tree"]), int(e.get("version", 1)), str(e.get("hash", "")))
    return replace(s, pins=(*s.pins, pin))


def _apply_what_if(s: SessionState, e: Event) -> SessionState:
    item = WhatIf(
        str(e["at"]),
        NodeRef(e["tree"], e["node"]),
        int(e["option"]),
        str(e["label"]),
        tuple(e.get("leads_to") or ()),
        e.get("note") or None,
    )
    return replace(s, what_ifs=(*s.what_ifs, item))


def _apply_reached(s: SessionState, e: Event) -> SessionState:
    return replace(s, outcome=NodeRef(e["tree"], e["node"]))


def _apply_reflected(s: SessionState, e: Event) -> SessionState:
    return replace(s, final_decision=str(e.get("text") or ""))


def _apply_noted(s: SessionState, e: Event) -> SessionState:
    remark = Remark(str(e["at"]), str(e.get("text") or ""), e.get("step"), e.get("role"), "note")
    return replace(s, remarks=(*s.remarks, remark))


def _apply_commented(s: SessionState, e: Event) -> SessionState:
    remark = Remark(str(e["at"]), str(e.get("text") or ""), e.get("step"), e.get("role"), "comment")
    return replace(s, remarks=(*s.remarks, remark))


def _apply_signed_off(s: SessionState, e: Event) -> SessionState:
    remark = Remark(str(e["at"]), str(e.get("name") or ""), None, e.get("role"), "sign-off")
    return replace(s, signoffs=(*s.signoffs, remark))


def _apply_exported(s: SessionState, e: Event) -> SessionState:
    return replace(s, exports=(*s.exports, str(e.get("path") or "")))


def _apply_debriefed(s: SessionState, e: Event) -> SessionState:
    return s if s.debriefed else replace(s, debriefed=str(e["at"]))


def _apply_inject(s: SessionState, e: Event) -> SessionState:
    return replace(s, injects=(*s.injects, str(e.get("node") or "")))


APPLY: Mapping[str, Callable[[SessionState, Event], SessionState]] = {
    "chose": _apply_chose,
    "reasoned": _apply_reasoned,
    "went-back": _apply_went_back,
    "handed-over": _apply_handed_over,
    "what-if": _apply_what_if,
    "reached": _apply_reached,
    "reflected": _apply_reflected,
    "noted": _apply_noted,
    "commented": _apply_commented,
    "signed-off": _apply_signed_off,
    "exported": _apply_exported,
    "inject-shown": _apply_inject,
    "debriefed": _apply_debriefed,
}


class ReplayError(ValueError):
    """The events do not make a session (no ``started`` first, or a malformed event)."""


def apply(state: SessionState | None, event: Event) -> SessionState:
    """Fold one event into the state; unknown event types are kept in the log but ignored."""
    kind = event.get("type")
    try:
        if kind == "started":
            if state is not None:
                raise ReplayError("a second `started` event")
            new = _apply_started(state, event)
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
    index = _last_active_index(state)
    return None if index is None else index + 1


def _last_active_index(s: SessionState) -> int | None:
    for index in range(len(s.choices) - 1, -1, -1):
        if not s.choices[index].withdrawn:
            return index
    return None


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
    ref = resolve_to(last.where.tree, question.options[last.option].to, lookup, handoffs)
    pos = follow(ref, lookup)
    return replace(pos, handoffs=(*handoffs, *pos.handoffs))


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
    targets = [o.to for o in node.options] if isinstance(node, Question) else [node.to]
    refs = []
    for to in targets:
        try:
            refs.append(resolve_to(tree_id, to, lookup, []))
        except PathBroken:
            continue
    return refs
