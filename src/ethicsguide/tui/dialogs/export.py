"""Where to write the Markdown record, and whether to redact likely identifiers."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.tui.context import app_context
from ethicsguide.tui.fresh import FreshScreen
from ethicsguide.tui.redaction import Replacement, preview
from ethicsguide.tui.widgets.keys_footer import HELP_KEY, KeysFooter

if TYPE_CHECKING:
    from ethicsguide.engine.session import SessionState


@dataclass(frozen=True)
class ExportRequest:
    """The file to write (absolute) and whether to redact."""

    path: Path
    redact: bool


def target_path(value: str, default: Path) -> Path | None:
    """The absolute file for what was typed: a folder gets the default file name."""
    text = value.strip()
    if not text:
        return None
    path = Path(text).expanduser()
    if path.is_dir():
        path = path / default.name
    if path.suffix.lower() not in (".md", ".markdown"):
        path = path.with_name(path.name + ".md")
    return path.resolve()


def _these(count: int) -> str:
    return "this likely identifier" if count == 1 else f"these {count} likely identifiers"


class TickBox(Checkbox):
    """A checkbox whose state shows as ✓ or a blank, not by colour alone."""

    BUTTON_INNER = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "✓" if self.value else " "
        super().watch_value()


class ExportDialog(FreshScreen[ExportRequest | None], ModalScreen[ExportRequest | None]):
    """Asks for a path (prefilled), offers redaction, and returns an ``ExportRequest``."""

    HELP = """\
## Export

Writes the supervision record as Markdown to the file named here. The record holds
your reasoning: keep it where only you and your supervisor can read it. Tick
**redact** (or press **ctrl+r**) to replace likely identifiers in what was typed
(phones, e-mail, dates of birth, addresses, case numbers, names after cue words) with
placeholders such as `[phone]`; the list under the box shows each one and what it
becomes, before anything is written. It is a guard, not a guarantee: read the record
before you share it. Without redaction the record keeps every word exactly as typed.
"""

    # focused as it is composed, so its keys are in the first frame's footer
    AUTO_FOCUS = "#export-path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-export"),
        Binding("ctrl+r", "toggle_redact", "Redact on/off", id="toggle-redact"),
        HELP_KEY,
    ]

    def __init__(self, default: Path, source: SessionState | Path | None = None) -> None:
        """``source`` (the state, or a session file read in a worker) feeds the preview."""
        super().__init__(classes="dialog-screen")
        self.default = default
        self.source = source
        self.replacements: list[Replacement] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="export", classes="dialog"):
            yield Static("Export the supervision record", classes="dialog-title")
            yield Static(
                "It holds your reasoning: keep it where only you and your supervisor can read it.",
                classes="dialog-context",
            )
            yield Static("Write to this file (Enter writes it):", classes="dialog-prompt")
            yield Input(str(self.default), id="export-path")
            yield TickBox("Redact likely names and identifiers (ctrl+r)", id="redact", compact=True)
            yield Static("", id="export-warning", classes="dialog-hint", markup=False)
            yield Static("", id="redaction-heading", markup=False)
            with VerticalScroll(id="redaction-preview"):
                yield Static("", id="redaction-list", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Export (Enter)", id="write", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)
        yield KeysFooter(keys_at_compose=True)

    def on_mount(self) -> None:
        field = self.query_one("#export-path", Input)
        field.cursor_blink = app_context(self).blink
        field.focus()
        self._check(field.value)
        self.query_one("#redaction-preview").display = False
        if isinstance(self.source, Path):
            self.query_one("#redaction-heading", Static).update("Looking for likely identifiers…")
            self._load_preview(self.source)
        elif self.source is not None:
            self._show_preview(self.source)
        else:
            self.query_one("#redaction-heading").display = False
        self._describe()

    @work(exclusive=True, group="redaction-preview")
    async def _load_preview(self, path: Path) -> None:
        # lazy: pydantic and networkx load after the dialog has drawn, not while it opens
        from ethicsguide.storage.sessions import load_state

        try:
            state, _read = await asyncio.to_thread(load_state, path)
        except SessionFileError:
            self.query_one("#redaction-heading").display = False
            return
        self._show_preview(state)

    def _show_preview(self, state: SessionState) -> None:
        self.replacements = preview(state)
        lines = [
            Text.assemble(
                "  “", r.text, "” → ", (r.placeholder, "bold"), (f"   in {r.where}", "italic")
            )
            for r in self.replacements
        ]
        self.query_one("#redaction-list", Static).update(Text("\n").join(lines))
        self.query_one("#redaction-preview").display = bool(lines)
        self._describe()

    @on(Checkbox.Changed, "#redact")
    def _describe(self) -> None:
        """Say what the tick means now: what would be replaced, or that nothing is."""
        redact = self.query_one("#redact", Checkbox).value
        self.query_one("#write", Button).label = (
            "Export redacted (Enter)" if redact else "Export as typed (Enter)"
        )
        found = self.replacements
        if found is None:
            return
        count = len(found)
        if not count:
            heading = (
                "No likely identifiers found in what was typed. The guard is a pattern "
                "matcher, not a guarantee: read the record before you share it."
            )
        elif redact:
            heading = f"Redaction on: {_these(count)} will be replaced in the file:"
        else:
            heading = (
                f"Redaction off: {_these(count)} will stay exactly as typed. "
                "Tick the box (ctrl+r) to replace " + ("it:" if count == 1 else "them:")
            )
        self.query_one("#redaction-heading", Static).update(heading)

    def action_toggle_redact(self) -> None:
        self.query_one("#redact", Checkbox).toggle()

    @on(Input.Changed, "#export-path")
    def _changed(self, event: Input.Changed) -> None:
        self._check(event.value)

    def _check(self, value: str) -> None:
        path = target_path(value, self.default)
        warning = ""
        if path is None:
            warning = "⚠ Type a file name."
        elif path.exists():
            warning = f"⚠ {path} exists; exporting replaces it."
        field = self.query_one("#export-warning", Static)
        field.update(warning)
        field.display = bool(warning)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#write")
    def _write(self) -> None:
        path = target_path(self.query_one("#export-path", Input).value, self.default)
        if path is not None:
            self.dismiss(ExportRequest(path, self.query_one("#redact", Checkbox).value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def written_message(path: Path, redact: bool) -> str:
    """What the app says once the record is written: the full path, and whether it was redacted."""
    how = "likely identifiers replaced by placeholders" if redact else "as typed, not redacted"
    return f"Exported to {path} ({how})"
