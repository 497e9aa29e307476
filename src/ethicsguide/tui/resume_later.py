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


def remember_resumed(app: App[object], session: LiveSession) -> bool:
    """Write ``storage/resume_picture``'s picture of ``session`` in a thread, then close
    the session there; False (nothing started: close it yourself) where none is kept.

    Called as the walkthrough leaves (home, another session, quit). The session stays open,
    its lock held, until the picture is written: no other window writes to it meanwhile and
    no delete can leave a picture of a deleted session behind, so the picture shows exactly
    the record whose digest it carries. Nothing moves the session after this, so the
    thread may read it (and the CLI waits for it before exiting: ``finish_remembering``).
    """
    context = getattr(app, "context", None)
    roots = getattr(context, "cache_roots", None)
    if context is None or not roots or session.log.read_only:
        return False
    digest = log_digest(session.log.path)
    if digest is None:
        return False
    args = (context.data_dir, roots[0], session, digest)
    thread = threading.Thread(target=_remember_then_close, args=args, name="remember-resumed")
    thread.start()
    _writing.append(thread)
    return True


def finish_remembering(timeout: float = 5.0) -> None:
    """Wait for the pictures being written (the CLI, before it says the session is saved:
    a terminal closed right after that message then cannot cut one off)."""
    while _writing:
        _writing.pop().join(timeout)


def _remember_then_close(data_dir: Path, root: Path, session: LiveSession, digest: str) -> None:
    try:
        _remember(data_dir, root, session, digest)
    finally:
        session.close()


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
