"""Saved sessions: resume, review for supervision, export, or delete (after confirming)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ethicsguide.tui.context import app_context, classroom_forbids
from ethicsguide.tui.io import delete_saved, recent_sessions
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.marked_table import MarkedTable

if TYPE_CHECKING:
    from ethicsguide.storage.sessions import SessionInfo


def when(stamp: str) -> str:
    """``2026-11-26T10:22:00Z`` as ``2026-11-26 10:22`` (UTC, as stored)."""
    return stamp.replace("T", " ")[:16]


class SessionsScreen(Screen[None]):
    """Every readable session, newest first; unreadable files are listed, never hidden."""

    HELP = """\
## Sessions

Every saved session, newest first. **Enter** resumes at the exact next question,
**v** opens it for supervisor review (step by step; comments and sign-off are added
beside the worker's words, never into them), **ctrl+e** exports the record (asking
whether to redact), **d** deletes it after asking (the file is overwritten, then
removed). **Escape** goes back.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resume", "Resume", key_display="enter", id="resume"),
        Binding(
            "v",
            "review",
            "Review",
            id="review",
            tooltip="Replay it step by step; comment on any step and sign off",
        ),
        Binding("ctrl+e", "export", "Export", id="export"),
        Binding("d,delete", "delete", "Delete", key_display="d", id="delete"),
        Binding("escape", "close", "Back", key_display="esc", id="close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.infos: dict[str, SessionInfo] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading sessions…", id="sessions-intro", markup=False)
        yield MarkedTable(id="sessions")
        yield Static("", id="sessions-warnings", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Saved sessions"
        table = self.query_one("#sessions", MarkedTable)
        table.add_marked_columns("Updated (UTC)", "Status", "Session", "Guide")
        table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.infos:  # back from a review or an export: the list may have changed
            self.load()

    @work(exclusive=True, group="sessions-load")
    async def load(self) -> None:
        infos, warnings = await asyncio.to_thread(recent_sessions, app_context(self))
        table = self.query_one("#sessions", MarkedTable)
        was = self.selected()
        self.infos = {str(i.path): i for i in infos}
        table.clear()
        for info in infos:
            status = "✓ finished" if info.finished else "… in progress"
            if info.warnings:
                status += " · ⚠ see review"
            table.add_row(" ", when(info.updated), status, info.id, info.title, key=str(info.path))
        if was is not None and str(was.path) in self.infos:
            table.move_cursor(row=table.get_row_index(str(was.path)))
        count = len(infos)
        self.query_one("#sessions-intro", Static).update(
            f"{count} saved session{'s' if count != 1 else ''} in {app_context(self).data_dir}"
            if count
            else "No saved sessions yet. Start a walkthrough from the home screen."
        )
        self.query_one("#sessions-warnings", Static).update("\n".join(f"⚠ {w}" for w in warnings))
        self.refresh_bindings()

    def selected(self) -> SessionInfo | None:
        table = self.query_one("#sessions", MarkedTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self.infos.get(str(key.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if classroom_forbids(self, action):
            return False
        if action in ("resume", "review", "export", "delete"):
            return True if self.selected() else None
        return True

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_resume()

    def action_resume(self) -> None:
        info = self.selected()
        if info:
            self.app.resume_walkthrough(str(info.path))  # type: ignore[attr-defined]

    def action_review(self) -> None:
        info = self.selected()
        if info:
            self.app.open_review(str(info.path))  # type: ignore[attr-defined]

    def action_export(self) -> None:
        info = self.selected()
        if info:
            self.app.export_saved(str(info.path))  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        from ethicsguide.tui.dialogs.confirm import ConfirmDialog

        info = self.selected()
        if info is None:
            return
        detail = (
            f"“{info.title}”, started {when(info.started)} (session {info.id}).\n"
            "Its file is overwritten, then removed. This cannot be undone."
        )

        def done(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._delete(info.path), group="delete")

        self.app.push_screen(
            ConfirmDialog("Delete this session?", detail, yes="Delete", no="Keep"), done
        )

    async def _delete(self, path: Path) -> None:
        from ethicsguide.storage.sessionlog import SessionFileError

        try:
            await asyncio.to_thread(delete_saved, path)
        except SessionFileError as exc:  # open in another window: left alone
            self.notify(str(exc), title="Not deleted", severity="warning")
            return
        except OSError as exc:
            self.notify(f"Could not delete {path}: {exc.strerror or exc}", severity="error")
            return
        self.notify("Session deleted.", timeout=4)
        self.load()

    def action_close(self) -> None:
        self.dismiss()
