"""The room during an exercise: where each trainee stands, how each fork splits, quotes."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ethicsguide.engine.debrief import bar, split_sessions
from ethicsguide.engine.identifiers import redact
from ethicsguide.engine.library import Library
from ethicsguide.engine.models import Question
from ethicsguide.engine.scenario import Scenario
from ethicsguide.engine.session import (
    NodeRef,
    PathBroken,
    SessionState,
    node_at,
    position,
)
from ethicsguide.engine.training import ForkTally, tally, walk_reference

QUOTE_LIMIT = 400  # characters of one quote shown live; the export has them whole


@dataclass(frozen=True)
class RoomStatus:
    """One moment of the exercise: counts only, never who is who."""

    trainees: int
    finished: int
    set_aside: int
    waiting: list[tuple[str, int]]  # (question now on a trainee's screen, how many)
    forks: list[ForkTally]  # reference forks first, in order; then the others


def room_status(states: Sequence[SessionState], scenario: Scenario, library: Library) -> RoomStatus:
    """Where the counted sessions stand and how they chose, for ``scenario``."""
    counted, aside = split_sessions(states, scenario, library)
    forks, _outcomes = tally(counted, library.tree)
    reference, _end = walk_reference(scenario, library.tree)
    order = {ref: i for i, ref in enumerate(reference)}
    forks.sort(key=lambda f: (order.get(f.where, len(order)), f.where.tree, f.where.node))
    waiting: Counter[NodeRef] = Counter()
    for state in counted:
        if not state.finished:
            try:
                waiting[position(state, library.tree).node] += 1
            except PathBroken:
                continue
    ordered = sorted(waiting.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0].node))
    return RoomStatus(
        trainees=len(counted),
        finished=sum(s.finished for s in counted),
        set_aside=len(aside),
        waiting=[(_label(ref, library), n) for ref, n in ordered],
        forks=forks,
    )


def _label(ref: NodeRef, library: Library) -> str:
    node = node_at(ref, library.tree)
    return node.ask if isinstance(node, Question) else ref.node


def room_text(status: RoomStatus, *, quotes: bool = False) -> str:
    """The live view as plain text: bars read without colour; quotes are redacted."""
    lines = [
        f"Trainees: {status.trainees} · reached an outcome: {status.finished} · "
        f"still walking: {status.trainees - status.finished}"
        + (
            f" · set aside (other exercise or tree version): {status.set_aside}"
            if status.set_aside
            else ""
        ),
        "",
        "Now at:",
    ]
    lines += [f"  {n:>3}  {_one_line(ask)}" for ask, n in status.waiting] or ["  (nobody mid-way)"]
    for number, fork in enumerate(status.forks, 1):
        lines += ["", f"{number}. {_one_line(fork.ask)}  ({fork.total} answered)"]
        for label in fork.options:
            count = fork.counts.get(label, 0)
            lines.append(f"  {bar(count, fork.total)} {count:>3}  {_one_line(label)}")
        if quotes:
            lines += _quote_lines(fork)
    return "\n".join(lines)


def _quote_lines(fork: ForkTally) -> list[str]:
    lines = []
    for label in fork.options:
        # Ordered by a hash, not by arrival, so the order says nothing about who wrote what.
        for reason in sorted(fork.reasons.get(label, []), key=_digest):
            text = _one_line(redact(reason))
            if len(text) > QUOTE_LIMIT:
                text = text[: QUOTE_LIMIT - 1] + "…"
            lines.append(f"      “{text}” — chose {_one_line(label)}")
    return lines


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _one_line(text: str) -> str:
    """Typed text on one line with control characters gone (no escape codes to a terminal)."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())
