"""The trainer's live view of a running exercise: where trainees are, how forks split, quotes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ethicsguide.engine.room import room_status, room_text
from ethicsguide.engine.wording import counted
from ethicsguide.storage.room import RoomFolder
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.tui.context import app_context
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.session import SessionState

REFRESH_SECONDS = 3.0


def debrief_path(folder: Path, scenario_id: str, now: str) -> Path:
    """Where the one-key export goes: the training folder, named by exercise and time."""
    stamp = now.replace("-", "").replace(":", "").replace("T", "-").rstrip("Z")
    return folder / "debriefs" / f"{scenario_id}-{stamp}.md"


class LiveRoomScreen(Screen[None]):
    """Counts from every trainee's session file, read again every few seconds."""

    HELP = """\
## Live room

For the trainer, while the room walks the exercise: how many trainees are at each
question, and how each fork split so far (text bars with counts). It is read again from
the training folder every few seconds; nothing shows who chose what. **q** shows or
hides anonymous quotes of reasoning (likely identifiers replaced by placeholders);
**ctrl+e** writes the group debrief as Markdown into the training folder. **Escape** goes back.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "q",
            "toggle_quotes",
            "Quotes",
            id="room-quotes",
            tooltip="Show or hide anonymous reasoning (identifiers redacted)",
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export debrief",
            id="export",
            tooltip="Write the group debrief (Markdown, quotes redacted) into the training folder",
        ),
        Binding("escape", "close", "Back", key_display="esc", id="close"),
    ]

    def __init__(self, scenario_id: str, folder: Path, share_url: str | None = None) -> None:
        super().__init__()
        self.scenario_id, self.folder, self.share_url = scenario_id, folder, share_url
        self.room = RoomFolder(folder)
        self.quotes = False
        self.states: list[SessionState] = []
        self.library: Library | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        where = f"Trainees open {self.share_url}" if self.share_url else "Sessions are read from"
        yield Static(f"{where} · {self.folder}", id="room-where", markup=False)
        with VerticalScroll(id="room-scroll"):
            yield Static("Reading the sessions…", id="room-body", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Live room · {self.scenario_id}"
        self.query_one("#room-scroll").focus()
        self.reload()
        self.set_interval(REFRESH_SECONDS, self.reload)

    @work(exclusive=True, group="room-reload")
    async def reload(self) -> None:
        self.library = await asyncio.to_thread(app_context(self).library)
        self.states = await asyncio.to_thread(self.room.states)
        self.show()

    def show(self) -> None:
        entry = self.library.scenarios.get(self.scenario_id) if self.library else None
        body = self.query_one("#room-body", Static)
        if entry is None or self.library is None:
            body.update(f"There is no exercise `{self.scenario_id}` in the library.")
            return
        status = room_status(self.states, entry.scenario, self.library)
        text = f"{entry.scenario.title}\n\n" + room_text(status, quotes=self.quotes)
        if self.room.unreadable:
            unreadable = counted(len(self.room.unreadable), "session file")
            text += f"\n\n⚠ {unreadable} could not be read."
        body.update(text)

    def action_toggle_quotes(self) -> None:
        self.quotes = not self.quotes
        self.show()

    def action_export(self) -> None:
        self.run_worker(self._export(), group="room-export")

    async def _export(self) -> None:
        # lazy: the export and diagram modules only when the trainer writes the debrief
        from ethicsguide.engine.debrief import group_debrief
        from ethicsguide.storage.exports import write_private

        entry = self.library.scenarios.get(self.scenario_id) if self.library else None
        if entry is None or self.library is None:
            return
        self.states = await asyncio.to_thread(self.room.states)  # everything saved until now
        text = group_debrief(self.states, entry.scenario, self.library, quotes=True, redacted=True)
        path = debrief_path(self.folder, self.scenario_id, app_context(self).clock())
        try:
            written = await asyncio.to_thread(write_private, path, text)
        except SessionFileError as exc:
            self.notify(str(exc), title="Export failed", severity="error", timeout=15)
            return
        self.notify(f"Group debrief written to {written}", title="Debrief written", timeout=15)

    def action_close(self) -> None:
        self.dismiss()
