"""One writer per session: an advisory ``flock`` on the session file, and who holds it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from pathlib import Path

from ethicsguide.storage.durable import write_private_file

HOLDER_SUFFIX = ".lock"


def holder_path(session: Path) -> Path:
    return session.with_name(session.stem + HOLDER_SUFFIX)


def try_lock(fd: int) -> bool:
    """Take the session's exclusive lock without waiting; False if another opener holds it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True  # a file system without locks: carry on as before (nothing better to do)
    return True


def note_holder(session: Path) -> None:
    """Record this process as the writer so a second opener can name it (best effort)."""
    command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
    text = f"pid {os.getpid()}: {command[:200]}".encode("utf-8", "replace")
    with contextlib.suppress(OSError):
        write_private_file(holder_path(session), text)


def forget_holder(session: Path) -> None:
    with contextlib.suppress(OSError):
        holder_path(session).unlink()


def holder(session: Path) -> str:
    """Who holds the lock, as recorded: ``pid 123: ethicsguide chat …`` (or a plain guess)."""
    try:
        raw = holder_path(session).read_bytes()[:300]
    except OSError:
        return "another process"
    text = "".join(c for c in raw.decode("utf-8", "replace") if c.isprintable())
    return text or "another process"


def locked_message(session: Path) -> str:
    return (
        f"this session is open for writing elsewhere ({holder(session)}), so it opens "
        "read-only here; close it there to carry on"
    )


def locked_by(session: Path) -> str | None:
    """None if nobody holds the session's lock now, else who does."""
    try:
        fd = os.open(session, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        if try_lock(fd):
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        return holder(session)
    finally:
        os.close(fd)
