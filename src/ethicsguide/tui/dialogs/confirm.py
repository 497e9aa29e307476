"""A yes/no question whose safe answer is the default (focus starts on "keep")."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ethicsguide.tui.widgets.keys_footer import HELP_KEY, KeysFooter


def now() -> float:
    """Seconds on a steady clock (a seam for tests)."""
    return time.monotonic()


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses True only for an explicit yes (``y`` or the yes button).

    A ``deliberate`` question ignores a yes that comes within ``SETTLE`` seconds of it
    opening: that is a held key repeating or keys typed ahead, not an answer to a question
    nobody has read yet.
    """

    SETTLE = 0.5
    quit_question = False  # the app's own "quit anyway?": a second ctrl+q answers it

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
        Binding("left,right", "app.focus_previous", "Switch button", show=False),
        HELP_KEY,
    ]

    def __init__(
        self,
        question: str,
        detail: str,
        *,
        yes: str = "Yes",
        no: str = "No",
        deliberate: bool = False,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.question, self.detail, self.yes, self.no = question, detail, yes, no
        self.deliberate = deliberate
        self.opened = now()
        self._name_answers()

    def _name_answers(self) -> None:
        """The footer says what the buttons say ("y Withdraw  n Keep it"), not "y Yes  n No"."""
        names = {"confirm-yes": self.yes, "confirm-no": self.no}
        keys = self._bindings.key_to_bindings  # this instance's own copy of the class's map
        for key, bindings in keys.items():
            keys[key] = [
                replace(b, description=names.get(b.id or "", b.description)) for b in bindings
            ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog confirm"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Static(self.detail, classes="dialog-context", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error", compact=True)
                yield Button(f"{self.no} (n)", id="no", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        if yes and self.deliberate and now() - self.opened < self.SETTLE:
            self.app.bell()
            return
        self.dismiss(yes)
