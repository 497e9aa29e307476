"""Low-level durable file writes: every byte written or an error, fsynced, reasons a person can act on."""

from __future__ import annotations

import errno
import os
from pathlib import Path

PRIVATE_FILE = 0o600


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data``; a short write is continued, a write of nothing is an error."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "the disk accepted no more bytes")
        view = view[written:]


def fsync_dir(folder: Path) -> None:
    """Make a new name in ``folder`` durable (some file systems cannot; that is not an error)."""
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


def write_private_file(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write a whole private file (0600, fsynced); a crash leaves the old file or the new one.

    Every private file ethicsguide writes whole goes through here: head records, lock notes,
    exports, keys, settings and caches. It writes a temporary file beside ``path`` and renames
    it over, so a symlink at ``path`` is replaced, never followed. With ``exclusive`` it only
    creates ``path`` (``FileExistsError`` if it exists), for what must never be overwritten.
    """
    if exclusive:
        _write_new(path, data)
        return
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, PRIVATE_FILE)
        try:
            os.fchmod(fd, PRIVATE_FILE)  # a temporary left by a crash may have another mode
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # a full disk leaves no half-written temporary behind
        raise


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, PRIVATE_FILE)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        path.unlink(missing_ok=True)  # never a half-written key or record
        raise


def append_file(path: Path, data: bytes) -> None:
    """Append ``data`` durably to a private side file (created 0600 if missing)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def why(exc: OSError) -> str:
    """The reason behind a failed write, in plain words."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EIO:
        return "the disk reported an error"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the data folder is not writable"
    return exc.strerror or str(exc)
