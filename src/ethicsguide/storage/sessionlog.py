"""Session files written durably: one record per action, fsynced, one writing process at a time.

Appends go through a file descriptor held open with an exclusive ``flock`` while the session
is open for writing; a second opener gets the session read-only. Every byte of a record is
written (short writes continued) and fsynced before it counts; a failed write leaves a torn
tail that the next write sets aside (into ``<id>.torn``) before appending. Reading never writes.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from ethicsguide.storage import lock
from ethicsguide.storage.durable import (
    PRIVATE_FILE,
    append_file,
    fsync_dir,
    why,
    write_all,
    write_private_file,
)
from ethicsguide.storage.logread import (
    HEAD_KEPT,
    LOG_FORMAT,
    Event,
    LogRead,
    SessionFileError,
    encode,
    head_path,
    intact,
    line_hash,
    read_log,
    seal,
)
from ethicsguide.storage.paths import ensure_private_dir

__all__ = [
    "PRIVATE_FILE",
    "Event",
    "LogRead",
    "SessionFileError",
    "SessionLog",
    "encode",
    "intact",
    "line_hash",
    "read_log",
    "seal",
]

TORN_SUFFIX = ".torn"
_OPEN: dict[str, SessionLog] = {}  # logs this process holds open, shared by every opener here


class SessionLog:
    """An open session file that records are appended to; ``reason`` says why it is read-only."""

    def __init__(self, path: Path, fd: int | None, read: LogRead, reason: str | None) -> None:
        self.path = path
        self.fd = fd
        self.count = len(read.events)
        self.last_hash = read.last_hash
        self.good_size = read.good_size
        self.reason = reason
        self.users = 1

    @property
    def read_only(self) -> bool:
        return self.reason is not None

    @classmethod
    def create(cls, path: Path, first: Event) -> SessionLog:
        """A new private file holding ``first``; refuses to overwrite an existing session."""
        ensure_private_dir(path.parent)
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_NOFOLLOW
        try:
            fd = os.open(path, flags, PRIVATE_FILE)
        except OSError as exc:
            raise SessionFileError(
                f"could not start a session in {path.parent}: {why(exc)}"
            ) from None
        lock.try_lock(fd)
        log = cls(path, fd, LogRead(), None)
        try:
            log.append({**first, LOG_FORMAT: HEAD_KEPT})  # a missing head is then a warning
        except SessionFileError:
            log.close()
            with contextlib.suppress(OSError):
                path.unlink()
            raise
        fsync_dir(path.parent)
        lock.note_holder(path)
        _OPEN[_key(path)] = log
        return log

    @classmethod
    def open(cls, path: Path) -> tuple[SessionLog, LogRead]:
        """Open for appending: locked, or read-only with the reason. Nothing is written here."""
        shared = _OPEN.get(_key(path))
        if shared is not None and shared.fd is not None:  # this process writes it already
            read = read_log(path)
            if read.altered_at is not None:
                shared.reason = "this record was altered; it is open read-only"
            shared.users += 1
            return shared, read
        fd, reason = _open_locked(path)
        try:
            read = read_log(path)
        except SessionFileError:
            _close_quietly(fd)
            raise
        if read.altered_at is not None:
            reason = "this record was altered; it is open read-only"
        if reason is not None:
            _close_quietly(fd)
            return cls(path, None, read, reason), read
        log = cls(path, fd, read, None)
        lock.note_holder(path)
        _OPEN[_key(path)] = log
        return log, read

    def append(self, event: Event) -> Event:
        """Write one event durably; raises ``SessionFileError`` (earlier events stay intact)."""
        return self.append_all([event])[0]

    def append_all(self, events: list[Event]) -> list[Event]:
        """Write the events of one action as one record, all or nothing, and fsync it."""
        if self.reason is not None or self.fd is None:
            raise SessionFileError(f"{self.path}: {self.reason or 'the session is closed'}")
        lines = self._stamp(events)
        try:
            self._set_aside_tail()
            write_all(self.fd, b"".join(line + b"\n" for line in lines))
            os.fsync(self.fd)
        except OSError as exc:
            raise SessionFileError(why(exc)) from None
        self.count += len(lines)
        self.last_hash = line_hash(lines[-1])
        self.good_size += sum(len(line) + 1 for line in lines)
        self._write_head()
        return [json.loads(line) for line in lines]

    def _stamp(self, events: list[Event]) -> list[bytes]:
        lines, prev = [], self.last_hash
        for index, event in enumerate(events):
            batch = {"batch": len(events)} if index == 0 and len(events) > 1 else {}
            line = seal({"seq": self.count + index, "prev": prev, **batch, **event})
            lines.append(line)
            prev = line_hash(line)
        return lines

    def _set_aside_tail(self) -> None:
        """Move bytes past the last whole record (a write cut short) into ``<id>.torn``."""
        assert self.fd is not None
        size = os.fstat(self.fd).st_size
        if size == self.good_size:
            return
        if size < self.good_size:
            self.reason = "the session file was cut short while open; it is now read-only"
            raise SessionFileError(f"{self.path}: {self.reason}")
        tail = os.pread(self.fd, min(size - self.good_size, 1 << 20), self.good_size)
        append_file(self.path.with_name(self.path.stem + TORN_SUFFIX), tail + b"\n")
        os.ftruncate(self.fd, self.good_size)
        os.fsync(self.fd)

    def _write_head(self) -> None:
        """Count and last hash, kept apart so a removed end is found (best effort: the
        record is already safe, and an older head only weakens that one check)."""
        data = json.dumps({"count": self.count, "last": self.last_hash}).encode()
        with contextlib.suppress(OSError):
            write_private_file(head_path(self.path), data)

    def close(self) -> None:
        """Give up writing: release the lock when the last user here closes."""
        self.users -= 1
        if self.users > 0 or self.fd is None:
            return
        if _OPEN.get(_key(self.path)) is self:
            del _OPEN[_key(self.path)]
        lock.forget_holder(self.path)
        _close_quietly(self.fd)
        self.fd = None


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _open_locked(path: Path) -> tuple[int | None, str | None]:
    """A descriptor holding the session's lock, or None and why it is read-only."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_NOFOLLOW)
    except OSError as exc:
        if not path.is_file():
            raise SessionFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
        return None, f"it cannot be written here ({why(exc)}); it is open read-only"
    if not lock.try_lock(fd):
        os.close(fd)
        return None, lock.locked_message(path)
    return fd, None


def _close_quietly(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)
