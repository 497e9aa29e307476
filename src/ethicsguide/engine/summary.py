"""One session in a line: what it was about, where it stands, what kind, whether signed off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ethicsguide.engine.session import SessionState, TreeLookup

NOTHING_ANSWERED = "opened, nothing answered"
DESCRIPTION_WIDTH = 60


@dataclass(frozen=True)
class Summary:
    """What tells one session from another in a list."""

    description: str  # the worker's own words, first line, shortened ("" if none given)
    where: str  # the outcome reached, the question waiting, or NOTHING_ANSWERED
    kind: str  # "casework" or "exercise"
    answers: int  # answers on the current path
    signed_off: str  # "" or who signed it off ("supervisor Dana Reyes")

    @property
    def empty(self) -> bool:
        return self.where == NOTHING_ANSWERED


def summarize(state: SessionState, lookup: TreeLookup | None = None) -> Summary:
    """Summarise ``state``; without a ``lookup`` the question or outcome is named by its id."""
    signoff = state.signoffs[-1] if state.signoffs else None
    who = " ".join(p for p in (signoff.role, signoff.text) if p) if signoff else ""
    return Summary(
        short(state.dilemma),
        _where(state, lookup),
        "exercise" if state.scenario else "casework",
        len(state.active),
        (who or "signed off") if signoff else "",
    )


def short(text: str, width: int = DESCRIPTION_WIDTH) -> str:
    """The first line of ``text``, cut at a word boundary to about ``width`` characters."""
    line = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    if len(line) <= width:
        return line
    cut = line[: width - 1].rsplit(" ", 1)[0] or line[: width - 1]
    return cut.rstrip(" ,;:") + "…"


def _where(state: SessionState, lookup: TreeLookup | None) -> str:
    # lazy: the home screen's first frame uses ``short`` and ``local_time`` only
    from ethicsguide.engine.models import Outcome, Question
    from ethicsguide.engine.session import PathBroken, node_at, position

    if not state.choices and not state.finished:
        return NOTHING_ANSWERED
    number = len(state.active) + 1
    try:
        node = node_at(state.outcome or position(state, lookup).node, lookup) if lookup else None
    except PathBroken:
        return "the guide has changed; the path is broken"
    if isinstance(node, Outcome):
        return f"Outcome: {node.outcome}"
    if isinstance(node, Question):
        return f"Question {number}: {short(node.ask)}"
    return "Outcome reached" if state.outcome else f"question {number}"


def local_time(stamp: str) -> str:
    """An event time (UTC, ISO 8601) as local time with its UTC offset: ``2026-11-30 09:04 +01:00``."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    offset = moment.strftime("%z")
    return f"{moment:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"
