"""Blocking session and file work that screens run in thread workers (no Textual here)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ethicsguide.engine.wording import counted
from ethicsguide.storage.sessionlog import read_log

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.storage.sessions import LiveSession, SessionInfo
    from ethicsguide.tui.context import AppContext


def start_session(ctx: AppContext, tree_id: str, dilemma: str = "") -> LiveSession:
    """Create the session file for a new walkthrough (raises ``SessionFileError``)."""
    # lazy: runs in a worker thread: pydantic and networkx load there, off the UI thread
    from ethicsguide.storage.sessions import LiveSession

    library = ctx.library_for([tree_id])
    errors = broken_count(library, tree_id)
    if errors:
        raise LookupError(
            f"the guide `{tree_id}` has {counted(errors, 'error')} in its file and cannot be "
            "used until they are fixed (press p on the home screen to see them)"
        )
    entry = library.get(tree_id)
    if entry is None:
        raise LookupError(f"there is no guide `{tree_id}` in the library")
    sid = ctx.new_session_id() if ctx.new_session_id else None
    return LiveSession.start(
        ctx.data_dir, library, entry.tree, dilemma=dilemma.strip(), clock=ctx.clock, session_id=sid
    )


def broken_count(library: Library, tree_id: str) -> int:
    """Errors in the file of ``tree_id`` (a guide with errors is never walked)."""
    # lazy: the sessions screen imports this module; the loader brings pydantic and yaml
    from ethicsguide.engine.loader import display_path

    entry = library.broken.get(tree_id)
    return library.broken_files().get(display_path(entry.path), 1) if entry else 0


def resume_session(ctx: AppContext, path: Path) -> LiveSession:
    # lazy: runs in a worker thread: pydantic and networkx load there, off the UI thread
    from ethicsguide.storage.sessions import LiveSession

    trees = {str(e["tree"]) for e in read_log(path).events if e.get("tree")}
    return LiveSession.resume(path, ctx.library_for(trees), clock=ctx.clock)


def recent_sessions(ctx: AppContext) -> tuple[list[SessionInfo], list[str]]:
    # lazy: runs in a worker thread: pydantic and networkx load there, off the UI thread
    from ethicsguide.storage.sessions import list_sessions

    return list_sessions(ctx.data_dir, ctx.library().tree)


def export_session(live: LiveSession, path: Path, redact: bool) -> Path:
    """Write the Markdown record and log the export; returns the full path written."""
    # lazy: runs in a worker thread: pydantic and networkx load there, off the UI thread
    from ethicsguide.storage.exports import write_export

    return write_export(live, path, redact=redact)


def export_saved(ctx: AppContext, path: Path, target: Path, redact: bool) -> Path:
    """Export a session that is not open (from the sessions list)."""
    live = resume_session(ctx, path)
    try:
        return export_session(live, target, redact)
    finally:
        live.close()


def delete_saved(path: Path) -> None:
    # lazy: runs in a worker thread: pydantic and networkx load there, off the UI thread
    from ethicsguide.storage.sessions import delete_session

    delete_session(path)


def tree_changed(live: LiveSession, library: Library) -> list[str]:
    """Trees of the session that were edited since it began (their hash differs)."""
    changed = []
    for pin in live.state.pins:
        now = library.pin(pin.tree)
        if now is not None and pin.digest and now.digest != pin.digest:
            changed.append(pin.tree)
    return changed


def banner_lines(live: LiveSession) -> list[str]:
    """What the walkthrough's banner says about the session: read-only, or guides edited."""
    lines = []
    if live.read_only and live.read.altered_at is None:
        reason = live.log.reason or "the guide was edited"
        lines.append(f"⚠ Open read-only: {reason}. You can read and export it.")
    elif live.read_only:
        lines.append(
            f"⚠ This record was changed outside ethicsguide (at line {live.read.altered_at}), "
            "so it is open read-only. You can read and export it."
        )
    for tree_id in tree_changed(live, live.library):
        lines.append(
            f"⚠ The guide `{tree_id}` was edited since this session began; "
            "you are seeing its current wording."
        )
    return lines


def default_export_path(ctx: AppContext, session_id: str) -> Path:
    return ctx.exports_dir() / f"{session_id}.md"
