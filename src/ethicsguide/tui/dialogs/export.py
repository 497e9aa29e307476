"""Where to write the Markdown record, and whether to redact likely identifiers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from ethicsguide.tui.context import app_context


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


class TickBox(Checkbox):
    """A checkbox whose state shows as ✓ or a blank, not by colour alone."""

    BUTTON_INNER = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "✓" if self.value else " "
        super().watch_value()


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Asks for a path (prefilled), offers redaction, and returns an ``ExportRequest``."""

    HELP = """\
## Export

Writes the supervision record as Markdown to the file named here. The record holds
your reasoning: keep it where only you and your supervisor can read it. Tick
**redact** to replace likely identifiers in what you typed (phones, e-mail, dates of
birth, addresses, case numbers, names after cue words) with placeholders. It is a guard,
not a guarantee: read the record before you share it.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-export"),
    ]

    def __init__(self, default: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.default = default

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="export", classes="dialog"):
            yield Static("Export the supervision record", classes="dialog-title")
            yield Static(
                "It holds your reasoning: keep it where only you and your supervisor can read it.",
                classes="dialog-context",
            )
            yield Static("Write to this file (Enter writes it):", classes="dialog-prompt")
            yield Input(str(self.default), id="export-path")
            yield TickBox("Redact likely names and identifiers", id="redact", compact=True)
            yield Static("", id="export-warning", classes="dialog-hint", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Export (Enter)", id="write", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        field = self.query_one("#export-path", Input)
        field.cursor_blink = app_context(self).blink
        field.focus()
        self._check(field.value)

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
        self.query_one("#export-warning", Static).update(warning)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#write")
    def _write(self) -> None:
        path = target_path(self.query_one("#export-path", Input).value, self.default)
        if path is not None:
            self.dismiss(ExportRequest(path, self.query_one("#redact", Checkbox).value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
