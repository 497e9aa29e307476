"""Saved sessions on disk: naming, listing, resolving, and the live session the UIs drive."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ethicsguide.engine import walk
from ethicsguide.engine.controls import visible
from ethicsguide.engine.drift import Drift, drift
from ethicsguide.engine.events import EventType
from ethicsguide.engine.library import Library
from ethicsguide.engine.models import Tree
from ethicsguide.engine.session import (
    Event,
    Position,
    ReplayError,
    SessionState,
    TreeLookup,
    apply,
    position,
    replay,
)
from ethicsguide.engine.summary import Summary, local_time, summarize
from ethicsguide.storage import signing
from ethicsguide.storage.deletion import (  # noqa: F401  (re-exported: callers delete from here)
    SessionLocked,
    delete_session,
    finish_interrupted_deletions,
)
from ethicsguide.storage.paths import SESSION_SUFFIX, sessions_dir
from ethicsguide.storage.session_ref import locate, session_files
from ethicsguide.storage.sessionlog import LogRead, SessionFileError, SessionLog, read_log

WHAT: dict[str, str] = {
    EventType.CHOSE: "your answer",
    EventType.REASONED: "your reasoning",
    EventType.REFLECTED: "your final decision",
    EventType.WENT_BACK: "going back",
    EventType.WHAT_IF: "the what-if you looked at",
    EventType.NOTED: "your note",
    EventType.COMMENTED: "your comment",
    EventType.SIGNED_OFF: "your sign-off",
    EventType.EXPORTED: "the note that the record was exported (the file itself was written)",
    EventType.DEBRIEFED: "the note that the debrief was opened",
}


def not_saved(events: tuple[Event, ...] | list[Event], reason: str) -> str:
    """A plain message naming what was not saved (``reason`` says why)."""
    kinds = [str(e.get("type")) for e in events]
    what = next((WHAT[k] for k in kinds if k in WHAT), "the last step")
    if EventType.CHOSE in kinds:
        label = next(str(e.get("label")) for e in events if e.get("type") == EventType.CHOSE)
        reasoned = EventType.REASONED in kinds
        what = f"your answer “{label}”" + (" and your reasoning" if reasoned else "")
    return (
        f"NOT saved: {what}. Could not write the session: {reason}. "
        "Everything saved before it is kept; try again once that is fixed."
    )


# What an edited guide stops: everything that moves along (or comments on) the path.
PATH_EVENTS = frozenset(
    {
        EventType.CHOSE,
        EventType.REASONED,
        EventType.WENT_BACK,
        EventType.WHAT_IF,
        EventType.REFLECTED,
        EventType.REACHED,
        EventType.CONTINUED,
    }
)
SUFFIX = SESSION_SUFFIX
HEAD, TORN = ".head", ".torn"
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


def list_sessions(
    root: Path, lookup: TreeLookup | None = None
) -> tuple[list[SessionInfo], list[str]]:
    """Every readable session, newest first, and a warning for each unreadable file.

    With a ``lookup`` (the library's trees) each says the question or outcome it is at by
    its text; without, by number or id.
    """
    finish_interrupted_deletions(root)  # a window killed while deleting: its words go now
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
        visible(str(first.get("title") or state.tree)),
        state.started,
        state.updated,
        state.finished,
        path,
        state.mode,
        tuple(read.warnings),
        summarize(state, lookup),
    )


def resolve(root: Path, ref: str | None, *, inside_only: bool = False) -> Path:
    """A session by id, id prefix or path (see ``session_ref.locate``); None: the newest."""
    if ref is None:
        infos, _ = list_sessions(root)
        if not infos:
            raise SessionFileError("there are no saved sessions yet")
        return infos[0].path
    return locate(root, ref, inside_only=inside_only)


def load_state(path: Path) -> tuple[SessionState, LogRead]:
    read = read_log(path)
    return _replay(path, read), read


def _replay(path: Path, read: LogRead) -> SessionState:
    try:
        return replay(read.events)
    except ReplayError as exc:
        raise SessionFileError(f"{path}: {exc}") from None


class LiveSession:
    """A session being walked: every action is appended (fsynced) before the state changes."""

    def __init__(
        self,
        log: SessionLog,
        state: SessionState,
        library: Library,
        clock: Clock = utc_now,
        read: LogRead | None = None,
    ) -> None:
        self.log = log
        self.library = library
        self.clock = clock
        self.read = read or LogRead()
        self._drift: Drift | None = None
        self._closed = False
        # what the last choice implied but a crash kept out of the log; written with the next action
        self.pending = walk.catch_up(state, library.tree, library.pin, "")
        now = clock() if self.pending else ""
        for event in self.pending:
            event["at"] = now
            state = apply(state, event)
        self.state = state

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
        """Open for writing (locked), or read-only with ``log.reason`` saying why."""
        log, read = SessionLog.open(path)
        try:
            state = _replay(path, read)
        except SessionFileError:
            log.close()
            raise
        if log.reason and log.reason not in read.warnings and read.altered_at is None:
            read.warnings.append(log.reason)
        return cls(log, state, library, clock, read)

    @classmethod
    def view(cls, path: Path, library: Library, clock: Clock = utc_now) -> LiveSession:
        """Open only to read (no lock taken, nothing written): for exports and previews."""
        read = read_log(path)
        log = SessionLog(path, None, read, "it is open only to read")
        return cls(log, _replay(path, read), library, clock, read)

    def close(self) -> None:
        """Stop writing to this session (releases its lock once nothing here uses it)."""
        if not self._closed:
            self._closed = True
            self.log.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # a forgotten session still releases its lock
            self.close()

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
        """Append the events of one action as one durable record, then fold them into the state.

        An altered record takes nothing more. A session whose path an edited guide broke
        still takes notes, comments, sign-offs and exports, but no moves along the path.
        On a failed write nothing of the action counts, and the message says what was not saved.
        """
        if self.log.read_only or (
            not self.drift.path_ok and any(e.get("type") in PATH_EVENTS for e in events)
        ):
            raise SessionFileError(
                f"this session is open read-only ({self.log.reason or 'its guide was edited'}); "
                "nothing more can be added to it"
            )
        self.flush_pending()
        try:
            stored = self.log.append_all(list(events))
        except SessionFileError as exc:
            raise SessionFileError(not_saved(events, str(exc))) from None
        for event in stored:
            self.state = apply(self.state, event)
        return self.state

    def flush_pending(self) -> None:
        """Write what a crash kept out of the log (the state already shows it)."""
        if self.pending:
            try:
                self.log.append_all(self.pending)
            except SessionFileError as exc:
                raise SessionFileError(not_saved([], str(exc))) from None
            self.pending = []

    def answer(self, option: int | Sequence[int], reasoning: str) -> SessionState:
        """A choice (one option, or several at a multi-select) and its reasoning as one
        record: both are saved, or neither."""
        events = walk.choose(self.state, option, self.library.tree, self.library.pin, self.clock())
        after = self.state
        for event in events:
            after = apply(after, event)
        return self.record(*events, walk.reason(after, reasoning, self.clock()))

    def choose(self, option: int | Sequence[int]) -> SessionState:
        """Answer the current question: one option, or several at a multi-select."""
        return self.record(
            *walk.choose(self.state, option, self.library.tree, self.library.pin, self.clock())
        )

    def continue_on(self) -> SessionState:
        """Go on past an outcome that continues (``then``)."""
        return self.record(
            *walk.continue_on(self.state, self.library.tree, self.library.pin, self.clock())
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

    def sign_off(self, *, role: str, name: str = "", key: Path | None = None) -> SessionState:
        """The supervisor's sign-off: role, date, optional name, and an Ed25519 signature over
        the record's hash made with the supervisor's key (``review --init-key``)."""

        private = signing.load_key(key or signing.default_key_path(self.log.path.parent.parent))
        if not self.log.read_only:
            self.flush_pending()  # the signature covers the record as it will stand
        event = walk.sign_off(self.clock(), role=role, name=name)
        return self.record(
            signing.signed(event, private, self.state.id, self.log.count, self.log.last_hash)
        )

    def debriefed(self) -> SessionState:
        """Record that the exercise's debrief was opened (from then on, going back is off)."""
        if self.state.debriefed:
            return self.state
        return self.record(walk.debriefed(self.clock()))

    def inject_shown(self, node: str) -> SessionState:
        """Record that a training inject (new information at ``node``) was shown."""
        return self.record(walk.inject_shown(node, self.clock()))

    def exported(self, path: Path, *, redacted: bool) -> SessionState:
        return self.record(walk.exported(str(path), self.clock(), redacted=redacted))
