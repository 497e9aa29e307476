"""Pure event constructors for each thing a worker does in a walkthrough.

Each function checks the move makes sense at the current position and returns the
events to append (time is passed in, so tests and exports are deterministic).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ethicsguide.engine.events import EventType
from ethicsguide.engine.models import Outcome, Question, Tree
from ethicsguide.engine.session import (
    Event,
    NodeRef,
    Pin,
    Position,
    SessionState,
    TreeLookup,
    apply,
    last_continuation,
    node_at,
    position,
    question_at,
    reachable_outcomes,
    resolve_to,
)

PinLookup = Callable[[str], Pin | None]


class MoveError(ValueError):
    """A move that makes no sense here (no such option, nothing to go back to...)."""


def started(
    session_id: str,
    tree: Tree,
    digest: str,
    now: str,
    *,
    mode: str = "walkthrough",
    dilemma: str = "",
    scenario: str | None = None,
) -> Event:
    """The first event: it pins the tree id, version and content hash."""
    event: Event = {
        "type": EventType.STARTED,
        "at": now,
        "session": session_id,
        "tree": tree.id,
        "title": tree.title,
        "version": tree.version,
        "hash": digest,
        "mode": mode,
        "dilemma": dilemma,
    }
    if scenario:
        event["scenario"] = scenario
    return event


def choose(
    state: SessionState,
    option: int | Sequence[int],
    lookup: TreeLookup,
    pins: PinLookup,
    now: str,
) -> list[Event]:
    """Pick ``option`` (0-based; several for a multi-select) plus handover/outcome events."""
    here = position(state, lookup)
    node = question_at(here.node, lookup) if _is_question(here, lookup) else None
    if node is None:
        raise MoveError("there is no question to answer here")
    picks = check_selection(node, [option] if isinstance(option, int) else list(option))
    chosen = [node.options[i] for i in picks]
    event: Event = {
        "type": EventType.CHOSE,
        "at": now,
        "tree": here.node.tree,
        "node": here.node.node,
        "option": picks[0],
        "label": "; ".join(o.label for o in chosen),
    }
    if node.many:
        event["options"] = picks
    sets = list(dict.fromkeys(f for o in chosen for f in o.sets))
    if sets:
        event["sets"] = sets
    return [event, *_arrival(state, apply(state, event), lookup, pins, now)]


def check_selection(question: Question, picks: list[int]) -> list[int]:
    """The options in option order, or a ``MoveError`` a worker can act on."""
    count = len(question.options)
    if not picks:
        raise MoveError("choose at least one option")
    if any(not 0 <= i < count for i in picks):
        raise MoveError(f"choose a number from 1 to {count}")
    picks = sorted(set(picks))
    if len(picks) > 1 and not question.many:
        raise MoveError("choose one option only")
    alone = [i for i in picks if question.options[i].alone]
    if alone and len(picks) > 1:
        label = question.options[alone[0]].label
        raise MoveError(f"“{label}” cannot be chosen together with other options")
    return picks


def continue_on(state: SessionState, lookup: TreeLookup, pins: PinLookup, now: str) -> list[Event]:
    """Go on past an outcome with ``then``, plus handover/outcome events."""
    ref = state.outcome
    if ref is None or not state.outcome_continues:
        raise MoveError("there is no outcome to continue from here")
    event: Event = {"type": EventType.CONTINUED, "at": now, "tree": ref.tree, "node": ref.node}
    return [event, *_arrival(state, apply(state, event), lookup, pins, now)]


def _arrival(
    before: SessionState, after: SessionState, lookup: TreeLookup, pins: PinLookup, now: str
) -> list[Event]:
    """Handovers passed and the outcome reached (if any) after a move."""
    here = position(after, lookup)
    events = _handovers(before, here, pins, now)
    if _is_outcome(here, lookup):
        outcome = _outcome(here.node, lookup)
        reached: Event = {
            "type": EventType.REACHED,
            "at": now,
            "tree": here.node.tree,
            "node": here.node.node,
            "outcome": outcome.outcome,
        }
        if outcome.then is not None:
            reached["then"] = True
        events.append(reached)
    return events


def catch_up(state: SessionState, lookup: TreeLookup, pins: PinLookup, now: str) -> list[Event]:
    """Events the last choice implies but the log lacks (a crash cut its record short).

    Older versions wrote ``chose`` and ``reached`` as separate lines; a session killed between
    them stands at an outcome it never recorded reaching. Returns nothing when the path is broken.
    """
    if not (state.active or state.continued) or state.at_outcome:
        return []
    try:
        return _arrival(state, state, lookup, pins, now)
    except LookupError:
        return []


def reason(state: SessionState, text: str, now: str) -> Event:
    """The worker's reasoning for their latest choice (blank is allowed and kept as none)."""
    if not state.active:
        raise MoveError("there is no choice to give a reason for")
    return {"type": EventType.REASONED, "at": now, "text": text.strip()}


def go_back(state: SessionState, now: str) -> Event:
    """Withdraw the latest choice (or continuation); it stays in the record, marked withdrawn."""
    continuation = last_continuation(state)
    if continuation is None and not state.active:
        raise MoveError("this is the first question; there is nothing to go back to")
    if state.debriefed:
        raise MoveError(
            "the debrief has been opened, so the answers stay as given: the group debrief "
            "counts the answers given before the reference path was seen"
        )
    if continuation is not None:
        where = state.continued[continuation].where
    else:
        where = state.active[-1].where
    return {"type": EventType.WENT_BACK, "at": now, "tree": where.tree, "node": where.node}


def what_if(
    state: SessionState, step: int, option: int, lookup: TreeLookup, now: str, note: str = ""
) -> Event:
    """Record a look at option ``option`` of active step ``step`` without taking it."""
    if not 0 <= step < len(state.active):
        raise MoveError("no such step")
    where = state.active[step].where
    question = question_at(where, lookup)
    if not 0 <= option < len(question.options):
        raise MoveError(f"choose a number from 1 to {len(question.options)}")
    leads = alternative_outcomes(where, option, lookup)
    return {
        "type": EventType.WHAT_IF,
        "at": now,
        "tree": where.tree,
        "node": where.node,
        "option": option,
        "label": question.options[option].label,
        "leads_to": leads,
        "note": note.strip(),
    }


def alternative_outcomes(where: NodeRef, option: int, lookup: TreeLookup) -> list[str]:
    """Titles of the outcomes an option can still lead to."""
    question = question_at(where, lookup)
    start = resolve_to(where.tree, question.target_of(option), lookup, [])
    return [_outcome(ref, lookup).outcome for ref in reachable_outcomes(start, lookup)]


def reflect(state: SessionState, text: str, now: str) -> Event:
    """The worker's final decision and next steps, once an outcome is reached."""
    if not state.at_outcome:
        raise MoveError("the final decision comes after an outcome is reached")
    return {"type": EventType.REFLECTED, "at": now, "text": text.strip()}


def note(text: str, now: str, step: int | None = None) -> Event:
    return {"type": EventType.NOTED, "at": now, "text": text.strip(), "step": step}


def comment(text: str, now: str, *, step: int | None, role: str) -> Event:
    """A supervisor's comment on a step, kept apart from the worker's reasoning."""
    return {
        "type": EventType.COMMENTED,
        "at": now,
        "text": text.strip(),
        "step": step,
        "role": role.strip(),
    }


def sign_off(now: str, *, role: str, name: str = "") -> Event:
    return {"type": EventType.SIGNED_OFF, "at": now, "role": role.strip(), "name": name.strip()}


def debriefed(now: str) -> Event:
    """A trainee opened the debrief of an exercise: the reference path has been seen."""
    return {"type": EventType.DEBRIEFED, "at": now}


def exported(path: str, now: str, *, redacted: bool) -> Event:
    return {"type": EventType.EXPORTED, "at": now, "path": path, "redacted": redacted}


def inject_shown(node: str, now: str) -> Event:
    """A training inject (new information at ``node``) was shown to the trainee."""
    return {"type": EventType.INJECT_SHOWN, "at": now, "node": node}


def _handovers(state: SessionState, after: Position, pins: PinLookup, now: str) -> list[Event]:
    events = []
    for tree_id in after.handoffs:
        pin = pins(tree_id)
        if pin is not None and state.pin(tree_id) is None:
            events.append(
                {
                    "type": EventType.HANDED_OVER,
                    "at": now,
                    "tree": tree_id,
                    "version": pin.version,
                    "hash": pin.digest,
                }
            )
    return events


def _is_question(pos: Position, lookup: TreeLookup) -> bool:
    return _kind(pos, lookup) == "question"


def _is_outcome(pos: Position, lookup: TreeLookup) -> bool:
    return _kind(pos, lookup) == "outcome"


def _kind(pos: Position, lookup: TreeLookup) -> str | None:
    node = node_at(pos.node, lookup)
    return node.kind if node is not None else None


def _outcome(ref: NodeRef, lookup: TreeLookup) -> Outcome:
    tree = lookup(ref.tree)
    node = tree.nodes.get(ref.node) if tree else None
    assert isinstance(node, Outcome)
    return node
