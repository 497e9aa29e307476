"""Saved sessions on disk: naming, listing, resolving, and the live session the UIs drive."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ethicsguide.engine import walk
from ethicsguide.engine.drift import Drift, drift
from ethicsguide.engine.library import Library
from ethicsguide.engine.models import Tree
from ethicsguide.engine.session import (
    Event,
    Position,
    SessionState,
    TreeLookup,
    apply,
    position,
    replay,
)
from ethicsguide.engine.summary import Summary, local_time, summarize
from ethicsguide.storage.paths import sessions_dir
from ethicsguide.storage.sessionlog import LogRead, SessionFileError, SessionLog, read_log

SUFFIX = ".jsonl"
Clock = Callable[[], str]


def utc_now() -> str:
    """Event time: UTC, to the second, ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_session_id(now: datetime | None = None) -> str:
    """Sortable and readable: ``20261126-1022-k3f9``."""
    moment = now or datetime.now(UTC)
    return f"{moment:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


@dataclass(frozen=True)
class SessionInfo:
    """One line of ``ethicsguide sessions``."""

    id: str
    tree: str
    title: str
    started: str
    updated: str
    finished: bool
    path: Path
    mode: str = "walkthrough"
    warnings: tuple[str, ...] = ()
    summary: Summary | None = None

    def as_json(self) -> dict[str, object]:
        about = self.summary
        return {
            "id": self.id,
            "tree": self.tree,
            "started": self.started,
            "updated": self.updated,
            "finished": self.finished,
            "path": str(self.path),
            "title": self.title,
            "description": about.description if about else "",
            "where": about.where if about else "",
            "kind": about.kind if about else "casework",
            "answers": about.answers if about else 0,
            "signed_off": about.signed_off if about else "",
            "updated_local": local_time(self.updated),
        }


def session_files(root: Path) -> list[Path]:
    folder = sessions_dir(root)
    return sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []


def list_sessions(
    root: Path, lookup: TreeLookup | None = None
) -> tuple[list[SessionInfo], list[str]]:
    """Every readable session, newest first, and a warning for each unreadable file.

    With a ``lookup`` (the library's trees) each says the question or outcome it is at by
    its text; without, by number or id.
    """
    infos, problems = [], []
    for path in session_files(root):
        try:
            infos.append(session_info(path, lookup))
        except SessionFileError as exc:
            problems.append(str(exc))
    infos.sort(key=lambda i: (i.updated, i.id), reverse=True)
    return infos, problems


def session_info(path: Path, lookup: TreeLookup | None = None) -> SessionInfo:
    read = read_log(path)
    state = _replay(path, read)
    first = read.events[0]
    return SessionInfo(
        state.id,
        state.tree,
        str(first.get("title") or state.tree),
        state.started,
        state.updated,
        state.finished,
        path,
        state.mode,
        tuple(read.warnings),
        summarize(state, lookup),
    )


def resolve(root: Path, ref: str | None) -> Path:
    """A session by id, id prefix or path; the newest when ``ref`` is None."""
    if ref is None:
        infos, _ = list_sessions(root)
        if not infos:
            raise SessionFileError("there are no saved sessions yet")
        return infos[0].path
    candidate = Path(ref).expanduser()
    if candidate.suffix == SUFFIX or candidate.is_file():
        if not candidate.is_file():
            raise SessionFileError(f"no session file {candidate}")
        return candidate
    exact = sessions_dir(root) / f"{ref}{SUFFIX}"
    if exact.is_file():
        return exact
    matches = [p for p in session_files(root) if p.stem.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    reason = "matches several sessions" if matches else "is not a saved session"
    raise SessionFileError(f"`{ref}` {reason}; `ethicsguide sessions` lists them")


def load_state(path: Path) -> tuple[SessionState, LogRead]:
    read = read_log(path)
    return _replay(path, read), read


def _replay(path: Path, read: LogRead) -> SessionState:
    from ethicsguide.engine.session import ReplayError

    try:
        return replay(read.events)
    except ReplayError as exc:
        raise SessionFileError(f"{path}: {exc}") from None


def delete_session(path: Path) -> None:
    """Overwrite the file's bytes before unlinking, so the reasoning is not left on disk."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.write(b"\0" * size)
        handle.flush()
        import os

        os.fsync(handle.fileno())
    path.unlink()


class LiveSession:
    """A session being walked: every move is appended (fsynced) before the state changes."""

    def __init__(
        self,
        log: SessionLog,
        state: SessionState,
        library: Library,
        clock: Clock = utc_now,
        read: LogRead | None = None,
    ) -> None:
        self.log = log
        self.state = state
        self.library = library
        self.clock = clock
        self.read = read or LogRead()
        self._drift: Drift | None = None

    @classmethod
    def start(
        cls,
        root: Path,
        library: Library,
        tree: Tree,
        *,
        mode: str = "walkthrough",
        dilemma: str = "",
        scenario: str | None = None,
        clock: Clock = utc_now,
        session_id: str | None = None,
    ) -> LiveSession:
        sid = session_id or new_session_id()
        pin = library.pin(tree.id)
        digest = pin.digest if pin else ""
        first = walk.started(
            sid, tree, digest, clock(), mode=mode, dilemma=dilemma, scenario=scenario
        )
        log = SessionLog.create(sessions_dir(root) / f"{sid}{SUFFIX}", first)
        return cls(log, replay([first]), library, clock)

    @classmethod
    def resume(cls, path: Path, library: Library, clock: Clock = utc_now) -> LiveSession:
        log, read = SessionLog.open(path)
        return cls(log, _replay(path, read), library, clock, read)

    @property
    def read_only(self) -> bool:
        """Altered records and sessions whose path an edited tree broke are never extended."""
        return self.log.read_only or not self.drift.path_ok

    @property
    def drift(self) -> Drift:
        """What changed in the trees since the session began (computed once)."""
        if self._drift is None:
            self._drift = drift(self.state, self.library)
        return self._drift

    def position(self) -> Position:
        return position(self.state, self.library.tree)

    def record(self, *events: Event) -> SessionState:
        """Append each event durably, then fold it into the state.

        An altered record takes nothing more. A session whose path an edited guide broke
        still takes notes, comments, sign-offs and exports, but no moves along the path.
        """
        path_moves = {"chose", "reasoned", "went-back", "what-if", "reflected", "reached"}
        if self.log.read_only or (
            not self.drift.path_ok and any(e.get("type") in path_moves for e in events)
        ):
            raise SessionFileError(
                "this session is open read-only; nothing more can be added to it"
            )
        for event in events:
            stored = self.log.append(event)
            self.state = apply(self.state, stored)
        return self.state

    def choose(self, option: int) -> SessionState:
        return self.record(
            *walk.choose(self.state, option, self.library.tree, self.library.pin, self.clock())
        )

    def reason(self, text: str) -> SessionState:
        return self.record(walk.reason(self.state, text, self.clock()))

    def back(self) -> SessionState:
        return self.record(walk.go_back(self.state, self.clock()))

    def what_if(self, step: int, option: int, note: str = "") -> SessionState:
        return self.record(
            walk.what_if(self.state, step, option, self.library.tree, self.clock(), note)
        )

    def reflect(self, text: str) -> SessionState:
        return self.record(walk.reflect(self.state, text, self.clock()))

    def note(self, text: str, step: int | None = None) -> SessionState:
        return self.record(walk.note(text, self.clock(), step))

    def comment(self, text: str, *, step: int | None, role: str) -> SessionState:
        """A supervisor's comment on step ``step`` (1-based), or on the whole session if None."""
        return self.record(walk.comment(text, self.clock(), step=step, role=role))

    def sign_off(self, *, role: str, name: str = "") -> SessionState:
        """The supervisor's sign-off: role and date; the name is optional."""
        return self.record(walk.sign_off(self.clock(), role=role, name=name))

    def debriefed(self) -> SessionState:
        """Record that the exercise's debrief was opened (from then on, going back is off)."""
        if self.state.debriefed:
            return self.state
        return self.record(walk.debriefed(self.clock()))

    def exported(self, path: Path, *, redacted: bool) -> SessionState:
        return self.record(walk.exported(str(path), self.clock(), redacted=redacted))
