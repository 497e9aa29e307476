"""Reading a session file: the hash chain, a torn or cut-short end, and the head record beside it.

Each line carries ``seq``, ``prev`` (a short hash of the line before it) and ``sum`` (a short
hash of its own content), so an edited line is found on reading while every line before it
still loads. An action of several events is written as one record: its first line says how
many lines it holds (``batch``), so an action cut short by a crash is set aside whole. The
head file (``<id>.head``: count and last hash) is kept apart, so removed last lines are found.
Reading never writes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Event = dict[str, Any]
HEAD_SUFFIX = ".head"
LOG_FORMAT, HEAD_KEPT = "log", 2  # on the first line of sessions that keep a head record
MAX_SESSION_BYTES = 64 * 1024 * 1024  # far beyond any real session; bounds work on hostile files
TAIL_BYTES = 64 * 1024  # how far back from the end ``read_ends`` looks


class SessionFileError(Exception):
    """A session file that cannot be read or written, with a reason a person can act on."""


@dataclass
class LogRead:
    """What reading a log found: the good events, warnings, and where it was altered.

    ``good_size`` is the byte length of the intact part (what a writer keeps); ``hashes``
    the hash of each good line; ``head`` is "ok", "missing" (an older session), "lost" (a
    session that kept one, but it is gone) or "mismatch";
    ``expected`` the event count the head record promised when lines are missing.
    """

    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    altered_at: int | None = None
    torn: bool = False
    good_size: int = 0
    hashes: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    head: str = "missing"
    expected: int | None = None

    @property
    def last_hash(self) -> str:
        return self.hashes[-1] if self.hashes else ""


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


def head_path(session: Path) -> Path:
    return session.with_name(session.stem + HEAD_SUFFIX)


def read_log(path: Path) -> LogRead:
    """Read and verify a session file; raises ``SessionFileError`` only if nothing is usable."""
    result = LogRead()
    _read_chain(path, _read_bytes(path), result)
    _set_aside_cut_action(result)
    if not result.events:
        raise SessionFileError(f"{path}: not a session file (no readable events)")
    _check_head(path, result)
    return result


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SESSION_BYTES + 1)
    except OSError as exc:
        raise SessionFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_SESSION_BYTES:
        raise SessionFileError(f"{path}: too large to be a session file")
    return data


def _read_chain(path: Path, data: bytes, result: LogRead) -> None:
    lines = data.split(b"\n")
    ends_clean = lines.pop() == b""  # the part after the last newline is a torn line, if any
    prev, offset = "", 0
    for number, raw in enumerate(lines, start=1):
        event = _parse(raw)
        if event is None or event.get("prev", "") != prev or not intact(event):
            result.altered_at = number
            result.warnings.append(
                f"record altered after line {number - 1}: line {number} was changed or does not follow on"
            )
            return
        offset += len(raw) + 1
        prev = line_hash(raw)
        result.events.append(event)
        result.hashes.append(prev)
        result.sizes.append(offset)
    result.good_size = offset
    if not ends_clean:
        result.torn = True
        result.warnings.append(
            f"{path.name}:{len(lines) + 1}: skipped an incomplete last line (a write was cut short)"
        )


def _set_aside_cut_action(result: LogRead) -> None:
    """An action whose record holds fewer lines than its ``batch`` says was cut short: drop it."""
    if result.altered_at is not None:
        return
    for index in range(len(result.events) - 1, max(-1, len(result.events) - 64), -1):
        batch = result.events[index].get("batch")
        if isinstance(batch, int) and batch > 1:
            if index + batch > len(result.events):
                _truncate(result, index)
                result.torn = True
                result.warnings.append(
                    f"skipped an action cut short at line {index + 1} (it was never saved whole)"
                )
            return


def _truncate(result: LogRead, count: int) -> None:
    del result.events[count:], result.hashes[count:], result.sizes[count:]
    result.good_size = result.sizes[-1] if result.sizes else 0


def _check_head(path: Path, result: LogRead) -> None:
    head = read_head(path)
    if head is None and result.events[0].get(LOG_FORMAT) == HEAD_KEPT:
        result.head = "lost"
        result.warnings.append(
            "its head record is missing (removed?), so lines removed from its end cannot be ruled out"
        )
        return
    if head is None:
        result.head = "missing"
        result.notes.append(
            "older session: it has no head record, so lines removed from its end cannot be detected"
        )
        return
    count, last = head
    found = len(result.events)
    if result.altered_at is not None or count < 0:
        result.head = "mismatch"
        if count < 0:
            result.warnings.append(
                "its head record is unreadable, so a cut-off end cannot be ruled out"
            )
        return
    if count > found:
        result.head, result.expected = "mismatch", count
        result.altered_at = found + 1
        result.warnings.append(
            f"record cut short: its head record says {count} events, only {found} are here "
            "(lines were removed from its end)"
        )
    elif count > 0 and result.hashes[count - 1] != last:
        result.head = "mismatch"
        result.altered_at = count
        _truncate(result, count - 1)
        result.warnings.append(
            f"record altered: line {count} does not match the head record kept beside it "
            "(lines up to it were rewritten)"
        )
    else:
        result.head = "ok"


def read_head(path: Path) -> tuple[int, str] | None:
    """The head record (count, last hash) beside ``path``; None if there is none."""
    try:
        raw = head_path(path).read_bytes()[:4096]
    except OSError:
        return None
    try:
        value = json.loads(raw)
        return int(value["count"]), str(value["last"])
    except (ValueError, KeyError, TypeError):
        return (-1, "")  # unreadable: said so on reading, never taken as a count


def read_ends(path: Path, stop: Collection[str]) -> tuple[Event, list[Event]] | None:
    """The first event, and the last events back to the newest one whose type is in ``stop``.

    Reads only the file's first line and its last ``TAIL_BYTES``, so a long session costs no
    more than a short one. Each line read is checked (its own sum, its link to the next line),
    and the last line against the head record. None when that cannot vouch for them (no head
    record, a torn or altered end, nothing of ``stop`` near the end): use ``read_log`` then.
    Lines between the two ends are not checked; ``read_log`` is the full check.
    """
    head = read_head(path)
    if head is None or head[0] <= 0:
        return None
    try:
        with path.open("rb") as handle:
            first_line = handle.readline(TAIL_BYTES)
            start = max(0, os.fstat(handle.fileno()).st_size - TAIL_BYTES)
            handle.seek(start)
            tail = handle.read(TAIL_BYTES)
    except OSError:
        return None
    first = _parse(first_line.removesuffix(b"\n"))
    if first is None or not intact(first) or first.get("seq") != 0 or first.get("prev") != "":
        return None
    lines = tail.split(b"\n")
    if lines.pop() != b"":
        return None  # a torn end: read_log sets it aside
    newest = _tail_back_to(lines[1:] if start else lines, head, stop)
    return None if newest is None else (first, newest)


def _tail_back_to(
    lines: list[bytes], head: tuple[int, str], stop: Collection[str]
) -> list[Event] | None:
    """Whole lines from the end back to one of type ``stop`` (or the first), each linked on."""
    count, link = head
    found: list[Event] = []
    for raw in reversed(lines):
        event = _parse(raw)
        if event is None or not intact(event) or line_hash(raw) != link:
            return None
        if not found and event.get("seq") != count - 1:
            return None
        found.append(event)
        if event.get("type") in stop or event.get("seq") == 0:
            return found[::-1]
        link = str(event.get("prev"))
    return None


def _parse(raw: bytes) -> Event | None:
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) and "type" in value else None
