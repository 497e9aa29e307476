"""Recent sessions in brief, for a first frame: checked, but not replayed (no engine imports).

The home screen draws its first frame before the library (pydantic, networkx) is loaded, so
it cannot replay sessions. A summary reads a session's first line and its last moves through
``logread.read_ends`` (anchored to the head record), else the whole file with ``read_log``;
either way it says what ``sessions.session_info`` would after replaying.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ethicsguide.storage.logread import Event, SessionFileError, read_ends, read_log
from ethicsguide.storage.paths import SESSION_SUFFIX, sessions_dir

# The events that move along the path; the session is finished when the last one reached an
# outcome (a later choice or going back leaves it), as ``engine.session.apply`` folds them.
MOVES = ("chose", "went-back", "reached")


@dataclass(frozen=True)
class SessionSummary:
    """One recent session as a list shows it."""

    id: str
    title: str
    updated: str
    finished: bool
    path: str


def summarize(path: Path) -> SessionSummary | None:
    """Title, last update and whether the session is finished; None if it is not a session."""
    ends = read_ends(path, MOVES)
    if ends is None:
        try:
            events = read_log(path).events
        except SessionFileError:
            return None
        ends = events[0], events
    first, newest = ends
    if first.get("type") != "started":
        return None
    return SessionSummary(
        str(first.get("session")),
        str(first.get("title") or first.get("tree")),
        str(newest[-1].get("at")),
        _finished(newest),
        str(path),
    )


def _finished(events: list[Event]) -> bool:
    moves = [e.get("type") for e in events if e.get("type") in MOVES]
    return bool(moves) and moves[-1] == "reached"


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
