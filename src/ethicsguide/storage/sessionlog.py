"""Session files: JSON Lines, one event per line, fsynced per event, hash-chained, private.

Each line carries ``seq``, ``prev`` (a short hash of the line before it) and ``sum`` (a
short hash of its own content), so an edited line, even the last one, is found on reading
while every line before it still loads. A torn last line (a
write cut short by a crash) is skipped with a warning and trimmed before the next append.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ethicsguide.storage.paths import ensure_private_dir

Event = dict[str, Any]
PRIVATE_FILE = 0o600


class SessionFileError(Exception):
    """A session file that cannot be read or written, with a reason a person can act on."""


@dataclass
class LogRead:
    """What reading a log found: the good events, warnings, and where it was altered."""

    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    altered_at: int | None = None
    torn: bool = False


def line_hash(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()[:16]


def encode(event: Event) -> bytes:
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def seal(event: Event) -> bytes:
    """The line for ``event`` with its own ``sum`` appended."""
    body = {k: v for k, v in event.items() if k != "sum"}
    return encode({**body, "sum": line_hash(encode(body))})


def intact(event: Event) -> bool:
    """True when the line's ``sum`` matches its content."""
    body = {k: v for k, v in event.items() if k != "sum"}
    return event.get("sum") == line_hash(encode(body))


def read_log(path: Path) -> LogRead:
    """Read and verify a session file; raises ``SessionFileError`` only if nothing is usable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SessionFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    result = LogRead()
    lines = data.split(b"\n")
    ends_clean = lines[-1] == b""
    if ends_clean:
        lines.pop()
    prev = ""
    for number, raw in enumerate(lines, start=1):
        event = _parse(raw)
        last = number == len(lines)
        if event is None and last and not ends_clean:
            result.torn = True
            result.warnings.append(
                f"{path.name}:{number}: skipped an incomplete last line (a write was cut short)"
            )
            break
        if event is None or event.get("prev", "") != prev or not intact(event):
            result.altered_at = number
            result.warnings.append(
                f"record altered after line {number - 1}: line {number} was changed or does not follow on"
            )
            break
        result.events.append(event)
        prev = line_hash(raw)
    if not result.events:
        raise SessionFileError(f"{path}: not a session file (no readable events)")
    return result


def _parse(raw: bytes) -> Event | None:
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):  # deep nesting is hostile input
        return None
    return value if isinstance(value, dict) and "type" in value else None


class SessionLog:
    """An open session file that events are appended to, one fsynced line at a time."""

    def __init__(self, path: Path, count: int, last_hash: str, *, read_only: bool = False) -> None:
        self.path = path
        self.count = count
        self.last_hash = last_hash
        self.read_only = read_only

    @classmethod
    def create(cls, path: Path, first: Event) -> SessionLog:
        """A new private file holding ``first``; refuses to overwrite an existing session."""
        ensure_private_dir(path.parent)
        log = cls(path, 0, "")
        line = log._stamp(first)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, PRIVATE_FILE)
        except OSError as exc:
            raise SessionFileError(_write_reason(path, exc)) from None
        log._write(fd, line)
        _fsync_dir(path.parent)
        return log

    @classmethod
    def open(cls, path: Path) -> tuple[SessionLog, LogRead]:
        """Open an existing file for appending, trimming a torn last line first."""
        read = read_log(path)
        if read.altered_at is not None:
            return cls(
                path, len(read.events), "", read_only=True
            ), read  # never extend an altered record
        good = b"".join(encode(e) + b"\n" for e in read.events)
        if read.torn or not path.read_bytes().endswith(b"\n"):
            _rewrite(path, good)
        last = encode(
            read.events[-1]
        )  # events keep their key order, so this is the line as written
        return cls(path, len(read.events), line_hash(last)), read

    def append(self, event: Event) -> Event:
        """Write one event durably; raises ``SessionFileError`` (earlier events stay intact)."""
        if self.read_only:
            raise SessionFileError(f"{self.path}: this record was altered; it is open read-only")
        line = self._stamp(event)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        except OSError as exc:
            raise SessionFileError(_write_reason(self.path, exc)) from None
        self._write(fd, line)
        stored: Event = json.loads(line)
        return stored

    def _stamp(self, event: Event) -> bytes:
        return seal({"seq": self.count, "prev": self.last_hash, **event})

    def _write(self, fd: int, line: bytes) -> None:
        try:
            os.write(fd, line + b"\n")
            os.fsync(fd)
        except OSError as exc:
            raise SessionFileError(_write_reason(self.path, exc)) from None
        finally:
            os.close(fd)
        self.count += 1
        self.last_hash = line_hash(line)


def _rewrite(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_reason(path: Path, exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "the data folder is not writable"
    else:
        why = exc.strerror or str(exc)
    return f"could not save to {path}: {why}. Everything saved before this step is kept."
