"""Writing a session's Markdown record to a file, and noting that it was written."""

from __future__ import annotations

from pathlib import Path

from ethicsguide.engine.export import export_markdown
from ethicsguide.storage.durable import write_private_file
from ethicsguide.storage.integrity import integrity
from ethicsguide.storage.paths import data_dir, make_private_parents
from ethicsguide.storage.sessionlog import SessionFileError, read_log
from ethicsguide.storage.sessions import LiveSession

EXPORTS = "exports"  # the one folder inside the data folder that records may be written to


def write_private(path: Path, text: str, *, refuse: tuple[Path, ...] = ()) -> Path:
    """Write ``text`` to ``path`` readable by the owner only (it is a sensitive record).

    Folders it has to create are 0700 whatever the umask; the record replaces any file there
    with a new 0600 one (``durable.write_private_file``). A symlink is refused, never followed,
    and nothing is written inside the folders in ``refuse`` (the data folder: sessions and
    keys live there), except in their ``exports`` folder.
    """
    path = path.expanduser()
    _refuse_inside(path, refuse)
    if path.is_symlink():
        raise SessionFileError(f"{path} is a symbolic link; not following it")
    try:
        make_private_parents(path.parent)
        if path.exists() and path.stat().st_nlink > 1:  # another name for these bytes (a session?)
            raise SessionFileError(f"{path} has other names (hard links); not overwriting it")
        write_private_file(path, text.encode("utf-8"))
    except OSError as exc:
        raise SessionFileError(f"could not write {path}: {exc.strerror or exc}") from None
    return path.absolute()


def _refuse_inside(path: Path, folders: tuple[Path, ...]) -> None:
    target = path.parent.resolve() / path.name
    for folder in folders:
        root = folder.expanduser().resolve()
        if (root / EXPORTS) in target.parents:
            continue
        if target == root or root in target.parents:
            raise SessionFileError(
                f"{path} is inside the data folder {root}; write the record somewhere else"
            )


def export_text(live: LiveSession, *, redact: bool = False) -> str:
    """The Markdown record with its chain head, sign-off keys and integrity notes."""
    try:
        read = read_log(live.log.path)  # as it is now: the log has grown since it was opened
    except SessionFileError:
        read = live.read
    altered = read.altered_at if read.expected is None else None
    found = integrity(read, live.state.id) if read.events else None
    return export_markdown(
        live.state, live.library, redact=redact, altered_at=altered, integrity=found
    )


def write_export(live: LiveSession, path: Path, *, redact: bool = False) -> Path:
    """Render, write, and record an ``exported`` event; returns the full path written."""
    refuse = (live.log.path.parent.parent, data_dir(None), live.log.path.parent)
    written = write_private(path, export_text(live, redact=redact), refuse=refuse)
    if not live.read_only:
        live.exported(written, redacted=redact)
    return written
