"""Writing a session's Markdown record to a file, and noting that it was written."""

from __future__ import annotations

import os
from pathlib import Path

from ethicsguide.engine.export import export_markdown
from ethicsguide.storage.paths import PRIVATE_DIR
from ethicsguide.storage.sessionlog import PRIVATE_FILE, SessionFileError
from ethicsguide.storage.sessions import LiveSession


def write_private(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` readable by the owner only (it is a sensitive record).

    Folders it has to create are private too (0700); an existing file that was readable by
    others is made private before the record goes into it.
    """
    path = path.expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise SessionFileError(f"could not write {path}: {exc.strerror or exc}") from None
    return path.resolve()


def write_export(live: LiveSession, path: Path, *, redact: bool = False) -> Path:
    """Render, write, and record an ``exported`` event; returns the full path written."""
    text = export_markdown(live.state, live.library, redact=redact, altered_at=live.read.altered_at)
    written = write_private(path, text)
    if not live.read_only:
        live.exported(written, redacted=redact)
    return written
