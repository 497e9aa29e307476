"""Deleting a session: its words overwritten before the files go, even if the app is killed.

A session is first renamed out of the list (``<id>.jsonl.deleting``), then its bytes are
overwritten and it is unlinked, then its side files go. A window closed in the middle (the
terminal's hang-up kills the app) leaves at most a ``.deleting`` file, never a session file
of zeros that reads as a broken session, nor an empty session that comes back; the next
listing of the sessions finishes the deletion.
"""

from __future__ import annotations

import os
from pathlib import Path

from ethicsguide.storage import lock
from ethicsguide.storage.logread import HEAD_SUFFIX
from ethicsguide.storage.paths import SESSION_SUFFIX, sessions_dir
from ethicsguide.storage.resume_picture import PICTURE_SUFFIX
from ethicsguide.storage.sessionlog import TORN_SUFFIX, SessionFileError

DELETING = ".deleting"  # a session being deleted: "<id>.jsonl.deleting"
# side files with no words in them (the head's hash and count, a torn tail's bytes are
# overwritten with the rest below), and those that hold the worker's words
PLAIN_SIDES = (HEAD_SUFFIX, HEAD_SUFFIX + ".tmp", lock.HOLDER_SUFFIX)
WORDED_SIDES = (TORN_SUFFIX, PICTURE_SUFFIX, PICTURE_SUFFIX + ".tmp")


class SessionLocked(SessionFileError):
    """The session is open for writing in another window."""


def delete_session(path: Path) -> None:
    """Overwrite the file's bytes before unlinking, so the reasoning is not left on disk.

    Holds the session's lock while it does so; raises ``SessionLocked`` when another
    window has it open. Its side files (head, torn tail, lock note, the resume picture) go
    too.
    """
    fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
    try:
        if not lock.try_lock(fd):
            raise SessionLocked(f"{path.stem} is open elsewhere ({lock.holder(path)}); not deleted")
        doomed = path.with_name(path.name + DELETING)
        os.rename(path, doomed)  # out of the list at once: from here on it is being deleted
        _overwrite(fd)
        doomed.unlink(missing_ok=True)
    finally:
        os.close(fd)
    _remove_sides(path)


def finish_interrupted_deletions(root: Path) -> list[str]:
    """Finish deleting every session a killed window left half deleted; their ids."""
    folder = sessions_dir(root)
    if not folder.is_dir():
        return []
    finished = []
    for doomed in sorted(folder.glob(f"*{SESSION_SUFFIX}{DELETING}")):
        session = doomed.with_name(doomed.name.removesuffix(DELETING))
        _overwrite_and_unlink(doomed)
        _remove_sides(session)
        finished.append(session.stem)
    return finished


def _remove_sides(session: Path) -> None:
    for side in PLAIN_SIDES:
        session.with_name(session.stem + side).unlink(missing_ok=True)
    for side in WORDED_SIDES:
        _overwrite_and_unlink(session.with_name(session.stem + side))


def _overwrite(fd: int) -> None:
    os.pwrite(fd, b"\0" * os.fstat(fd).st_size, 0)
    os.fsync(fd)


def _overwrite_and_unlink(path: Path) -> None:
    """Zero a file's bytes, then unlink it (it may hold the worker's words)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return
    except OSError:  # a link or something else in its place: removed, never followed
        path.unlink(missing_ok=True)
        return
    try:
        _overwrite(fd)
    finally:
        os.close(fd)
    path.unlink(missing_ok=True)
