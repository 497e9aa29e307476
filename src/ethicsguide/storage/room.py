"""The sessions of a training folder (every tab's), re-read only when a file has changed."""

from __future__ import annotations

from pathlib import Path

from ethicsguide.engine.session import SessionState
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import SUFFIX, load_state

MAX_SESSIONS = 5_000  # a room is tens of trainees; this only bounds work on a hostile folder


class RoomFolder:
    """Reads every session under a training folder; unchanged files come from memory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._known: dict[Path, tuple[tuple[int, int], SessionState]] = {}
        self.unreadable: list[str] = []

    def states(self) -> list[SessionState]:
        """Every readable session now (blocking: call it from a thread)."""
        known, unreadable = {}, []
        paths = (
            sorted(self.folder.rglob(f"*{SUFFIX}"))[:MAX_SESSIONS] if self.folder.is_dir() else []
        )
        for path in paths:
            try:
                stat = path.stat()
                stamp = (stat.st_mtime_ns, stat.st_size)
                cached = self._known.get(path)
                known[path] = (
                    stamp,
                    cached[1] if cached and cached[0] == stamp else load_state(path)[0],
                )
            except (OSError, SessionFileError) as exc:
                unreadable.append(str(exc))
        self._known, self.unreadable = known, unreadable
        return [state for _stamp, state in known.values()]
