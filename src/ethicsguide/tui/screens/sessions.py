"""Saved sessions: resume, review for supervision, export, or delete (after confirming)."""

from __future__ import annotations

import asyncio
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from ethicsguide.engine.summary import local_time
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.tui.context import app_context, classroom_forbids, guide_app
from ethicsguide.tui.dialogs.confirm import ConfirmDialog
from ethicsguide.tui.fresh import FreshScreen
from ethicsguide.tui.io import delete_saved, recent_sessions
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.marked_table import MarkedTable
from ethicsguide.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ethicsguide.storage.sessions import SessionInfo

    Listed = tuple[list[SessionInfo], list[str]]  # the sessions, and the files unread


def status_cell(info: SessionInfo) -> Text:
    """Finished or not, casework or exercise, and any sign-off, one to a line."""
    about = info.summary
    lines = ["✓ finished" if info.finished else "… in progress"]
    lines.append(about.kind if about else "casework")
    if about and about.signed_off:  # the signer wraps: a long name must not push the id out
        lines += ["✓ signed off", *textwrap.wrap(f"by {about.signed_off}", STATUS_WIDTH)]
    if info.warnings:
        lines.append("⚠ see review")
    return Text("\n".join(lines))


STATUS_WIDTH = 14  # cells: as wide as "… in progress" and "✓ signed off"
ABOUT_WIDTH = (24, 60)  # cells: the About column's narrowest and widest
MOST_LINES = 6  # a long description is cut here rather than making one row fill the screen
COLUMNS = ("Updated", "Status", "About", "Session")  # (the intro line says times are local)


def stamp_cell(at: str) -> str:
    """Local date over local time: one column narrow enough that at 80 columns the session
    id beside it is never cut off."""
    return local_time(at).replace(" ", "\n", 1)


def about_width(total: int, fixed: list[str]) -> int:
    """What the About column may take of ``total`` cells, after the ``fixed`` text columns,
    the one-cell mark, each column's padding and a scroll bar, so the session id shows."""
    others = sum(max(len(line) for line in text.splitlines() or [""]) for text in fixed)
    spare = total - others - 1 - 2 * (len(fixed) + 2) - 2
    return max(ABOUT_WIDTH[0], min(ABOUT_WIDTH[1], spare))


def about_cell(info: SessionInfo) -> Text:
    """The worker's words (or the guide's title), then the question or outcome reached."""
    about = info.summary
    text = Text(f"“{about.description}”" if about and about.description else info.title)
    text.stylize("bold")
    if about and about.description:
        text.append(f"\n{info.title}", style="italic")
    if about:
        text.append(f"\n{about.where}")
    return text


class SessionsScreen(FreshScreen[None]):
    """Every readable session, newest first; unreadable files are listed, never hidden."""

    HELP = """\
## Sessions

Every saved session, newest first. **Enter** resumes at the exact next question,
**v** opens it for supervisor review (step by step; comments and sign-off are added
beside the worker's words, never into them), **ctrl+e** exports the record (asking
whether to redact), **d** deletes it after asking (the file is overwritten, then
removed). **Escape** goes back.
"""

    # focused as it is composed, so its keys are in the first frame's footer
    AUTO_FOCUS = "#sessions"
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

    def __init__(self, listed: Listed | None = None) -> None:
        """``listed``: the sessions already read (``recent_sessions``), drawn with the first
        frame; without it they are read in a thread after it."""
        super().__init__()
        self.infos: dict[str, SessionInfo] = {}
        self.listed = listed
        self.fitted_width = 0  # the table width the About column was fitted to
        self.left = False  # another screen was opened over this one

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Loading sessions…", id="sessions-intro", markup=False)
        yield MarkedTable(id="sessions")
        yield Static("", id="sessions-warnings", markup=False)
        yield KeysFooter(keys_at_compose=True)

    def on_mount(self) -> None:
        self.sub_title = "Saved sessions"
        table = self.query_one("#sessions", MarkedTable)
        table.add_marked_columns(*COLUMNS)
        table.focus()
        if self.listed is None:
            self.load()
        else:  # one paint, not "Loading…" and then the list (and its keys) a frame later
            self.show(*self.listed)
            self.listed = None

    def on_screen_suspend(self) -> None:
        self.left = True

    def on_screen_resume(self) -> None:
        if self.left:  # back from a review or an export: the list may have changed
            self.left = False
            self.load()

    @work(exclusive=True, group="sessions-load")
    async def load(self) -> None:
        self.show(*await asyncio.to_thread(recent_sessions, app_context(self)))

    def show(self, infos: list[SessionInfo], warnings: list[str]) -> None:
        table = self.query_one("#sessions", MarkedTable)
        was = self.selected()
        self.infos = {str(i.path): i for i in infos}
        rows = [
            (stamp_cell(i.updated), status_cell(i), about_cell(i), i.id, str(i.path)) for i in infos
        ]
        width = self._fit_about_column(table, rows)
        for updated, status, about, sid, key in rows:
            wrapped = len(about.wrap(self.app.console, width))
            height = min(MOST_LINES, max(len(status.plain.splitlines()), wrapped))
            table.add_row(" ", updated, status, about, sid, key=key, height=height)
        if was is not None and str(was.path) in self.infos:
            table.move_cursor(row=table.get_row_index(str(was.path)))
        count = len(infos)
        self.query_one("#sessions-intro", Static).update(
            f"{count} saved session{'s' if count != 1 else ''} in {app_context(self).data_dir}"
            " (times are local)"
            if count
            else "No saved sessions yet. Start a walkthrough from the home screen."
        )
        self.query_one("#sessions-warnings", Static).update("\n".join(f"⚠ {w}" for w in warnings))
        self.refresh_bindings()

    def _fit_about_column(
        self, table: MarkedTable, rows: list[tuple[str, Text, Text, str, str]]
    ) -> int:
        """Rebuild the columns with the About column narrowed (its text wraps) to fit the
        table's width, so the Session id column is never pushed off the right edge."""
        fixed = [
            "\n".join([title, *(str(r[i]) for r in rows)])
            for i, title in ((0, COLUMNS[0]), (1, COLUMNS[1]), (3, COLUMNS[3]))
        ]
        self.fitted_width = table.size.width or self.app.size.width
        width = about_width(self.fitted_width, fixed)
        table.clear(columns=True)
        table.add_column(" ", key="mark", width=1)
        for title in COLUMNS:
            table.add_column(title, width=width if title == "About" else None)
        return width

    def on_resize(self) -> None:
        if self.infos and self.query_one("#sessions").size.width != self.fitted_width:
            self.load()

    def selected(self) -> SessionInfo | None:
        tables = self.query("#sessions").results(MarkedTable)
        table = next(tables, None)  # none while the screen is closing: nothing is selected
        if table is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self.infos.get(str(key.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if classroom_forbids(self, action):
            return False
        if action in ("resume", "review", "export", "delete"):
            # before on_mount fills the table from ``listed``, its cursor is bound for row 1
            listing = self.listed is not None and bool(self.listed[0])
            return True if listing or self.selected() else None
        return True

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_resume()

    def action_resume(self) -> None:
        info = self.selected()
        if info:
            guide_app(self).resume_walkthrough(str(info.path))

    def action_review(self) -> None:
        info = self.selected()
        if info:
            guide_app(self).open_review(str(info.path))

    def action_export(self) -> None:
        info = self.selected()
        if info:
            guide_app(self).export_saved(str(info.path))

    def action_delete(self) -> None:
        info = self.selected()
        if info is None:
            return
        detail = (
            f"“{info.title}”, started {local_time(info.started)} (session {info.id}).\n"
            "Its file is overwritten, then removed. This cannot be undone."
        )

        def done(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._delete(info.path), group="delete")

        self.app.push_screen(
            ConfirmDialog("Delete this session?", detail, yes="Delete", no="Keep"), done
        )

    async def _delete(self, path: Path) -> None:
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
