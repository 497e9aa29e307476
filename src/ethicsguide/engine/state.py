"""The state a session's events fold into, and how each kind of event changes it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

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

Event = dict[str, Any]


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
    outcome_continues: bool = False  # the outcome has a `then`: the walk goes on after it
    continued: tuple[Continuation, ...] = ()
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
        """At an outcome where the walk ends (one without a continuation)."""
        return self.outcome is not None and not self.outcome_continues

    @property
    def at_outcome(self) -> bool:
        """At an outcome, whether or not the walk continues after it."""
        return self.outcome is not None

    @property
    def facts(self) -> frozenset[str]:
        """Facts established by the answers on the current path."""
        return frozenset(f for c in self.choices if not c.withdrawn for f in c.sets)

    def facts_before(self, index: int) -> frozenset[str]:
        """Facts set by active choices earlier than ``self.choices[index]``."""
        prefix = self._fact_prefix
        return prefix[max(0, min(index, len(prefix) - 1))]

    @cached_property
    def _fact_prefix(self) -> tuple[frozenset[str], ...]:
        """Facts before each choice, built once per state (a record asks for every step)."""
        prefix = [frozenset[str]()]
        for choice in self.choices:
            prefix.append(prefix[-1] | set(choice.sets) if not choice.withdrawn else prefix[-1])
        return tuple(prefix)

    def pin(self, tree_id: str) -> Pin | None:
        return next((p for p in self.pins if p.tree == tree_id), None)


def start_state(state: SessionState | None, e: Event) -> SessionState:
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
        selected=tuple(int(i) for i in e.get("options") or ()),
        sets=tuple(str(f) for f in e.get("sets") or ()),
    )
    return replace(
        s, choices=(*s.choices, choice), outcome=None, final_decision=None, outcome_continues=False
    )


def _apply_reasoned(s: SessionState, e: Event) -> SessionState:
    index = last_active_index(s)
    if index is None:
        return s
    choices = list(s.choices)
    choices[index] = replace(choices[index], reasoning=str(e.get("text") or ""))
    return replace(s, choices=tuple(choices))


def _apply_went_back(s: SessionState, e: Event) -> SessionState:
    last = last_continuation(s)
    if last is not None:
        continued = list(s.continued)
        item = continued[last]
        continued[last] = replace(item, withdrawn=True)
        return replace(
            s,
            continued=tuple(continued),
            outcome=item.where,
            final_decision=item.final_decision,
            outcome_continues=True,
        )
    index = last_active_index(s)
    if index is None:
        return s
    choices = list(s.choices)
    choices[index] = replace(choices[index], withdrawn=True)
    remarks = s.remarks
    if s.final_decision:  # going back from the outcome: the decision stays on record, withdrawn
        withdrawn = Remark(str(e["at"]), s.final_decision, index + 1, None, WITHDRAWN_DECISION)
        remarks = (*remarks, withdrawn)
    return replace(
        s,
        choices=tuple(choices),
        remarks=remarks,
        outcome=None,
        final_decision=None,
        outcome_continues=False,
    )


def _apply_continued(s: SessionState, e: Event) -> SessionState:
    if s.outcome is None:
        return s
    item = Continuation(str(e["at"]), s.outcome, len(s.choices), s.final_decision)
    return replace(
        s,
        continued=(*s.continued, item),
        outcome=None,
        final_decision=None,
        outcome_continues=False,
    )


def last_continuation(s: SessionState) -> int | None:
    """Index of the active continuation made after the latest active choice, if any."""
    index = last_active_index(s)
    after = -1 if index is None else index
    for number in range(len(s.continued) - 1, -1, -1):
        item = s.continued[number]
        if not item.withdrawn:
            return number if item.after > after else None
    return None


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
    return replace(s, outcome=NodeRef(e["tree"], e["node"]), outcome_continues=bool(e.get("then")))


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
    EventType.CHOSE: _apply_chose,
    EventType.REASONED: _apply_reasoned,
    EventType.WENT_BACK: _apply_went_back,
    EventType.CONTINUED: _apply_continued,
    EventType.HANDED_OVER: _apply_handed_over,
    EventType.WHAT_IF: _apply_what_if,
    EventType.REACHED: _apply_reached,
    EventType.REFLECTED: _apply_reflected,
    EventType.NOTED: _apply_noted,
    EventType.COMMENTED: _apply_commented,
    EventType.SIGNED_OFF: _apply_signed_off,
    EventType.EXPORTED: _apply_exported,
    EventType.INJECT_SHOWN: _apply_inject,
    EventType.DEBRIEFED: _apply_debriefed,
}


def last_active_index(s: SessionState) -> int | None:
    for index in range(len(s.choices) - 1, -1, -1):
        if not s.choices[index].withdrawn:
            return index
    return None
