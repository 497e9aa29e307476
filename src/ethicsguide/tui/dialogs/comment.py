"""The supervisor's prompts in review: a comment (on a step or the whole session), and sign-off."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from ethicsguide.tui.context import app_context
from ethicsguide.tui.widgets.identifier_hint import IdentifierHint
from ethicsguide.tui.widgets.keys_footer import HELP_KEY, KeysFooter
from ethicsguide.tui.widgets.reason_area import ReasonArea

Save = Callable[[str, str], Awaitable[bool]]
ROLE_HINT = "for example: clinical supervisor, program manager"


class SavingDialog(ModalScreen[bool | None]):
    """Runs ``save`` and closes only once it is on disk; a failure keeps the words on screen."""

    def __init__(self, save: Save) -> None:
        super().__init__(classes="dialog-screen")
        self.save = save
        self.saving = False

    def warn(self, message: str, focus: str | None = None) -> None:
        warning = self.query_one(".dialog-warning", Static)
        warning.update(f"⚠ {message}" if message else "")
        warning.set_class(bool(message), "-shown")
        if focus:
            self.query_one(focus, Widget).focus()

    def start_saving(self, first: str, second: str) -> None:
        if not self.saving:
            self.saving = True
            self.run_worker(self._save_then_close(first, second), group="save")

    async def _save_then_close(self, first: str, second: str) -> None:
        try:
            saved = await self.save(first, second)
        finally:
            self.saving = False
        if saved:
            self.saved()
            self.dismiss(True)

    def saved(self) -> None:
        """Called once the save succeeded, before the dialog closes."""


class CommentDialog(SavingDialog):
    """A comment and the commenter's role; ``save(role, text)`` records it. ``draft`` keeps words."""

    HELP = """\
## Supervisor comment

Your comment is added to the session as its own entry, beside the step (or on the
whole session). The worker's reasoning is never changed. Your **role** is recorded
with it; your name is not. **Enter** saves, **Tab** moves between the comment and
your role, **Escape** closes without saving (what you typed is kept for next time).
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave", id="cancel-comment"),
        HELP_KEY,
    ]

    def __init__(
        self, heading: str, context: Text | str, *, role: str, initial: str, save: Save
    ) -> None:
        super().__init__(save)
        self.heading, self.context, self.role, self.initial = heading, context, role, initial
        self.draft = initial

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="comment-dialog", classes="dialog"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Static(self.context, classes="dialog-context", markup=False)
            yield Static(
                "Your comment (kept apart from the worker's reasoning, which is not changed):",
                classes="dialog-prompt",
                markup=False,
            )
            yield ReasonArea(self.initial, id="comment", placeholder="Type your comment…")
            yield IdentifierHint(id="comment-hint")
            yield Static(
                f"Your role ({ROLE_HINT}):", id="comment-role-label", classes="dialog-prompt"
            )
            yield Input(self.role, id="comment-role", placeholder="Your role")
            yield Static("", classes="dialog-warning", markup=False)
            yield Static(
                "Enter saves · Tab moves to your role · Escape closes without saving "
                "(what you typed is kept)",
                classes="dialog-hint",
                markup=False,
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        blink = app_context(self).blink
        self.query_one("#comment-role", Input).cursor_blink = blink
        area = self.query_one("#comment", ReasonArea)
        area.cursor_blink = blink
        area.move_cursor(area.document.end)
        area.focus()
        if self.initial:
            self.query_one(IdentifierHint).check_now(self.initial)

    @on(TextArea.Changed, "#comment")
    def _typed(self, event: TextArea.Changed) -> None:
        self.query_one(IdentifierHint).check_soon(event.text_area.text)

    @property
    def text(self) -> str:
        return self.query_one("#comment", ReasonArea).text

    @on(ReasonArea.Submitted, "#comment")
    @on(Input.Submitted, "#comment-role")
    def submit(self) -> None:
        text, role = self.text.strip(), self.query_one("#comment-role", Input).value.strip()
        if not text:
            self.warn("Type a comment first (or Escape to close).", "#comment")
        elif not role:
            self.warn(f"Say your role ({ROLE_HINT}).", "#comment-role")
        else:
            self.warn("")
            self.start_saving(role, text)

    def saved(self) -> None:
        self.draft = ""

    def unsaved_text(self) -> str:
        return self.text.strip()

    def action_leave(self) -> None:
        if not self.saving:
            self.draft = self.text
            self.dismiss(None)


class SignOffDialog(SavingDialog):
    """Role (required) and name (optional); ``save(role, name)`` records the sign-off."""

    HELP = """\
## Sign-off

Signing off records that you reviewed this session: your **role** (required), your
**name** if you want it there (optional), and the date and time, which are taken
automatically. It is added to the session; nothing the worker wrote is changed.
**Enter** in the role moves to the name; **Enter** in the name signs off.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-sign-off"),
        HELP_KEY,
    ]

    def __init__(self, context: Text | str, *, role: str, save: Save) -> None:
        super().__init__(save)
        self.context, self.role = context, role

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="sign-off-dialog", classes="dialog"):
            yield Static("Sign off this session", classes="dialog-title", markup=False)
            yield Static(self.context, classes="dialog-context", markup=False)
            yield Static(f"Your role, required ({ROLE_HINT}):", classes="dialog-prompt")
            yield Input(self.role, id="sign-off-role", placeholder="Your role")
            yield Static("Your name, optional (blank signs by role only):", classes="dialog-prompt")
            yield Input("", id="sign-off-name", placeholder="Your name (optional)")
            yield Static(
                "The date and time are recorded automatically.",
                classes="dialog-hint",
                markup=False,
            )
            yield Static("", classes="dialog-warning", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Sign off", id="sign-off", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = app_context(self).blink
        self.query_one("#sign-off-role", Input).focus()

    @on(Input.Submitted, "#sign-off-role")
    def _role_done(self) -> None:
        self.query_one("#sign-off-name", Input).focus()

    @on(Input.Submitted, "#sign-off-name")
    @on(Button.Pressed, "#sign-off")
    def submit(self) -> None:
        role = self.query_one("#sign-off-role", Input).value.strip()
        name = self.query_one("#sign-off-name", Input).value.strip()
        if not role:
            self.warn(f"Your role is needed to sign off ({ROLE_HINT}).", "#sign-off-role")
        else:
            self.warn("")
            self.start_saving(role, name)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)
