"""Remembering the screen a session resumes on, as its walkthrough closes."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ethicsguide.storage.resume_picture import log_digest, remember

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App

    from ethicsguide.storage.sessions import LiveSession


_writing: list[threading.Thread] = []


def remember_resumed(app: App[object], session: LiveSession) -> None:
    """Write ``storage/resume_picture``'s entry for ``session`` in a thread, best effort.

    Called as the walkthrough leaves (home, another session, quit), while this process
    still holds the session's lock: the file's digest is taken now, so the picture is
    tied to exactly the record it was drawn from. Nothing moves the session after this,
    so the thread may read it (and the interpreter waits for it before exiting).
    """
    context = getattr(app, "context", None)
    roots = getattr(context, "cache_roots", None)
    if context is None or not roots or session.log.read_only:
        return
    digest = log_digest(session.log.path)
    if digest is None:
        return
    args = (context.data_dir, roots[0], session, digest)
    thread = threading.Thread(target=_remember, args=args, name="remember-resumed")
    thread.start()
    _writing.append(thread)


def finish_remembering(timeout: float = 5.0) -> None:
    """Wait for the pictures being written (the CLI, before it says the session is saved:
    a terminal closed right after that message then cannot cut one off)."""
    while _writing:
        _writing.pop().join(timeout)


def _remember(data_dir: Path, root: Path, session: LiveSession, digest: str) -> None:
    # lazy: the engine is loaded already (a walkthrough was open)
    from ethicsguide.storage.walkable import load_walkable
    from ethicsguide.tui.first_view import resumed_view, walk_files

    path = session.log.path
    try:
        view = resumed_view(session)
        # the guide files ``resume`` will load, and the check cache's word for them (a walk
        # begun from home had the whole library: these few are checked on their own now)
        trees = {session.state.tree, *(pin.tree for pin in session.state.pins)}
        library = load_walkable(trees, data_dir) if view is not None else None
    except Exception:  # a picture is only a hint: no traceback over the terminal, ever
        view, library = None, None
    if library is None or library.errors:
        remember(data_dir, root, path, digest, [], None)
        return
    remember(data_dir, root, path, digest, walk_files(library, root), view)
