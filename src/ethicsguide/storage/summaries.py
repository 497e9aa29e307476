"""Recent sessions in brief, for a first frame: checked, but not replayed (no pydantic, no networkx).

The home screen draws its first frame before the library (pydantic, networkx) is loaded, so
it cannot replay sessions. A summary reads a session's first line and its last moves through
``logread.read_ends`` (anchored to the head record), else the whole file with ``read_log``;
either way it says what ``sessions.session_info`` would after replaying.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ethicsguide.engine.controls import visible
from ethicsguide.engine.events import POSITION_MOVES, EventType
from ethicsguide.engine.summary import NOTHING_ANSWERED, short
from ethicsguide.storage.logread import Event, SessionFileError, read_ends, read_log
from ethicsguide.storage.paths import SESSION_SUFFIX, sessions_dir


@dataclass(frozen=True)
class SessionSummary:
    """One recent session as a list shows it."""

    id: str
    title: str
    updated: str
    finished: bool
    path: str
    description: str = ""  # the worker's own words, shortened
    where: str = ""  # the outcome or question it is at ("" until the full load knows)
    kind: str = "casework"  # or "exercise"
    signed_off: str = ""


def summarize(path: Path) -> SessionSummary | None:
    """Title, last update and whether the session is finished; None if it is not a session."""
    ends = read_ends(path, POSITION_MOVES)
    if ends is None:
        try:
            events = read_log(path).events
        except SessionFileError:
            return None
        ends = events[0], events
    first, newest = ends
    if first.get("type") != EventType.STARTED:
        return None
    finished = _finished(newest)
    return SessionSummary(  # session files are hostile input: control characters made visible
        visible(str(first.get("session"))),
        visible(str(first.get("title") or first.get("tree"))),
        visible(str(newest[-1].get("at"))),
        finished,
        str(path),
        visible(short(str(first.get("dilemma") or ""))),
        _where(first, newest, finished),
        "exercise" if first.get("scenario") else "casework",
        _signed_off(newest),
    )


def _where(first: Event, events: list[Event], finished: bool) -> str:
    """Where it stands, as far as the events read can tell (the full load names the node)."""
    if finished:
        return "Outcome reached"
    whole = bool(events) and events[0].get("seq") == first.get("seq")  # every move is here
    kinds = [e.get("type") for e in events]
    if whole and EventType.CHOSE not in kinds:
        return NOTHING_ANSWERED
    if whole:
        return f"question {kinds.count(EventType.CHOSE) - kinds.count(EventType.WENT_BACK) + 1}"
    return ""


def _signed_off(events: list[Event]) -> str:
    signoffs = [e for e in events if e.get("type") == EventType.SIGNED_OFF]
    if not signoffs:
        return ""
    last = signoffs[-1]
    who = " ".join(str(last.get(k) or "") for k in ("role", "name")).strip()
    return visible(who) or "signed off"


def _finished(events: list[Event]) -> bool:
    """At an outcome where the walk ends, as the fold decides: the latest move reached one
    (a later choice, going back or going on leaves it) that has no ``then``."""
    moves = [e for e in events if e.get("type") in POSITION_MOVES]
    return bool(moves) and moves[-1].get("type") == EventType.REACHED and not moves[-1].get("then")


def recent_summaries(root: Path, limit: int) -> list[SessionSummary]:
    """The newest sessions (by file time, then by last update), at most ``limit`` of them."""
    folder = sessions_dir(root)
    try:
        files = sorted(
            folder.glob(f"*{SESSION_SUFFIX}"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
    except OSError:
        return []
    found = [s for s in (summarize(p) for p in files[: limit * 2]) if s is not None]
    found.sort(key=lambda s: (s.updated, s.id), reverse=True)
    return found[:limit]
