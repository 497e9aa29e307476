"""Base for screens over a live session: saving moves in a thread, export, map, home, drafts."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen

from ethicsguide.engine.session import PathBroken
from ethicsguide.engine.walk import MoveError
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import delete_session
from ethicsguide.storage.walkable import GuideRefused, ensure_checked
from ethicsguide.tui import walkview
from ethicsguide.tui.context import app_context, guide_app
from ethicsguide.tui.io import default_export_path, export_session

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.storage.sessions import LiveSession
    from ethicsguide.tui.dialogs.export import ExportRequest

ResultT = TypeVar("ResultT")
MOVE_ERRORS = (SessionFileError, MoveError, PathBroken, GuideRefused)
Draft = tuple[str, str, int | tuple[int, ...]]  # tree, node, option(s) chosen


class SessionScreen(Screen[ResultT]):
    """Holds the ``LiveSession``; every change goes through ``_move`` (the log first)."""

    owns_session = False  # the screen that opened the session closes it (releasing its lock)

    def __init__(self, session: LiveSession, *, exported: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.exported = exported
        self.busy = False
        self.drafts: dict[Draft, str] = {}

    @property
    def library(self) -> Library:
        return self.session.library

    async def _move(self, move: Any, *args: Any) -> bool:
        """Run one blocking session move in a thread; say so if it could not be saved.

        A walk opened before its guides were checked waits for the checks first, and
        records nothing if they fail (see ``storage/walkable.py``).
        """
        self.busy = True
        try:
            await asyncio.to_thread(self._checked_move, move, *args)
        except MOVE_ERRORS as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)
            return False
        finally:
            self.busy = False
        return True

    def _checked_move(self, move: Any, *args: Any) -> None:
        ensure_checked(self.library)  # at once when checked already (it almost always is)
        move(*args)

    def on_unmount(self) -> None:
        if self.owns_session:
            self.session.close()

    def _keep_draft(self, key: Draft, draft: str, *, quiet: bool = False) -> None:
        """Keep words typed into a prompt left with Escape, so they come back next time."""
        if not draft.strip():
            self.drafts.pop(key, None)
            return
        self.drafts[key] = draft
        if not quiet:
            self.notify("Nothing was recorded. What you typed is kept as a draft.", timeout=6)

    def unsaved_text(self) -> str:
        """Drafts not recorded yet (the app asks before quitting over them)."""
        return "\n".join(d for d in self.drafts.values() if d.strip())

    def forget_if_empty(self) -> str | None:
        """Delete the session if nothing was recorded after opening it (opened by mistake).

        Called when the worker leaves it; the id of the session deleted, or None.
        """

        if self.session.read_only or self.session.state.events > 1:
            return None
        self.session.close()  # our own lock would refuse the delete; the worker is leaving
        try:
            delete_session(self.session.log.path)
        except (OSError, SessionFileError):
            return None  # it stays, listed as "opened, nothing answered"
        return self.session.state.id

    def ask_to_withdraw(self, withdraw: Callable[[], Awaitable[None]]) -> None:
        """Ask once before withdrawing the last answer; on yes, run ``withdraw``."""
        # lazy: opened by a key; app.PREWARMED imports it a second after the first frame
        from ethicsguide.tui.dialogs.confirm import ConfirmDialog

        last = self.session.state.active[-1]
        question = walkview.node_text(last.where, self.library.tree)
        dialog = ConfirmDialog(
            f"Withdraw your answer to “{question}”?",
            f"You answered “{last.label}”. It stays in the record as withdrawn, and you "
            "answer the question again.",
            yes="Withdraw",
            no="Keep it",
            deliberate=True,
        )

        def done(yes: bool | None) -> None:
            if yes:
                self.run_worker(withdraw(), group="move")

        self.app.push_screen(dialog, done)

    def action_home(self) -> None:
        guide_app(self).go_home()

    def action_map(self) -> None:
        # lazy: opened by a key; app.PREWARMED imports it a second after the first frame
        from ethicsguide.tui.screens.map import MapScreen

        try:
            position = self.session.position()
        except PathBroken:
            position = None
        self.app.push_screen(MapScreen(self.session.state, position, self.library))

    def action_export(self) -> None:
        # lazy: opened by a key; app.PREWARMED imports it a second after the first frame
        from ethicsguide.tui.dialogs.export import ExportDialog

        default = self.exported or default_export_path(app_context(self), self.session.state.id)

        def done(request: ExportRequest | None) -> None:
            if request is not None:
                self.run_worker(self._export(request), group="export")

        self.app.push_screen(ExportDialog(default, self.session.state), done)

    async def _export(self, request: ExportRequest) -> None:
        try:
            path = await asyncio.to_thread(
                export_session, self.session, request.path, request.redact
            )
        except SessionFileError as exc:
            self.notify(str(exc), title="Export failed", severity="error", timeout=15)
            return
        self.exported = path
        self.exported_to(path)
        # lazy: opened by a key; app.PREWARMED imports it a second after the first frame
        from ethicsguide.tui.dialogs.export import written_message

        self.notify(written_message(path, request.redact), title="Record written", timeout=15)

    def exported_to(self, path: Path) -> None:
        """Called after an export is written (screens that show it override this)."""
