"""The reasoning prompt: Enter records what the worker typed (blank allowed), Escape leaves."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ethicsguide.tui.breakpoints import SHORT_TALL, apply_width_class
from ethicsguide.tui.context import app_context
from ethicsguide.tui.typeahead import release_typeahead
from ethicsguide.tui.widgets.identifier_hint import IdentifierHint
from ethicsguide.tui.widgets.keys_footer import HELP_KEY, KeysFooter
from ethicsguide.tui.widgets.reason_area import ReasonArea

Save = Callable[[str], Awaitable[bool]]
RESTORED = "Your earlier draft is back, selected: typing replaces it, → keeps it."


class ReasoningDialog(ModalScreen[str | None]):
    """Ask why; ``dismiss`` the text on Enter, or None on Escape (the draft is kept in ``draft``)."""

    HELP = """\
## Reasoning

Say in your own words **why** you chose this. It goes into the supervision record
exactly as you type it.

- **Enter** records it and moves on (leaving it blank is fine).
- **Escape** leaves the prompt *without choosing*; what you typed is kept as a draft
  and comes back, selected, if you pick the same option again: typing replaces it,
  → keeps it so you can add to it.

If what you type looks like an identifier (a phone number, an e-mail address, a name
after "client"…), a line under the box says so. It never stops you saving; leave such
details out if the record does not need them.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "record_reasoning",
            "Record",
            id="record-reasoning",
            tooltip="Record what you typed (blank is fine) and move on",
        ),
        Binding(
            "escape",
            "leave",
            "Leave",
            id="cancel-reasoning",
            tooltip="Close the prompt without recording anything",
        ),
        HELP_KEY,
    ]

    def __init__(
        self,
        heading: str,
        context: Text | str,
        prompt: str,
        *,
        initial: str = "",
        placeholder: str = "Type your reasoning here…",
        hint: str = "Enter records it and moves on (blank is fine) · "
        "Escape leaves without choosing",
        save: Save | None = None,
        lines: bool = False,
        restored: bool = False,
    ) -> None:
        """``save``, if given, records the text first; the prompt closes only once it is saved.

        ``lines``: the box takes several lines (ctrl+j starts a new one) and is taller.
        ``restored``: ``initial`` is a draft left earlier with Escape. It comes back selected,
        so words typed at once (perhaps before the box was even drawn) replace it instead of
        being silently added to text the worker has not seen yet.
        """
        super().__init__(classes="dialog-screen")
        self.lines = lines
        self.restored = restored and bool(initial)
        if self.restored:
            prompt += f"\n{RESTORED}"
        self.heading, self.context, self.prompt, self.hint = heading, context, prompt, hint
        self.initial, self.placeholder, self.save = initial, placeholder, save
        self.draft = initial
        self.saving = False

    VERTICAL_BREAKPOINTS = SHORT_TALL

    def compose(self) -> ComposeResult:
        apply_width_class(self)
        with VerticalScroll(id="reasoning", classes="dialog"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Static(self.context, classes="dialog-context", markup=False)
            yield Static(self.prompt, classes="dialog-prompt", markup=False)
            yield ReasonArea(
                self.initial,
                id="reason",
                placeholder=self.placeholder,
                lines=self.lines,
                classes="-lines" if self.lines else "",
            )
            yield IdentifierHint(id="identifier-hint")
            yield Static(self.hint, classes="dialog-hint", markup=False)
        yield KeysFooter()  # the keys that act while typing, not the screen's below

    def on_mount(self) -> None:
        area = self.query_one("#reason", ReasonArea)
        area.cursor_blink = app_context(self).blink
        if self.restored:
            area.select_all()  # what is typed next replaces the old draft
        else:
            area.move_cursor(area.document.end)
        release_typeahead(area)
        if self.initial:
            self.query_one(IdentifierHint).check_now(self.initial)

    @on(TextArea.Changed, "#reason")
    def _typed(self, event: TextArea.Changed) -> None:
        self.query_one(IdentifierHint).check_soon(event.text_area.text)

    @property
    def text(self) -> str:
        return self.query_one("#reason", ReasonArea).text

    @on(ReasonArea.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_record_reasoning()

    def unsaved_text(self) -> str:
        """What was typed and not yet recorded (the app asks before quitting over it)."""
        return self.text.strip()

    def action_record_reasoning(self) -> None:
        if self.saving:
            return
        if self.save is None:
            self.draft = ""
            self.dismiss(self.text.strip())
            return
        self.saving = True
        self.run_worker(self._save_then_close(self.text.strip()), group="save")

    async def _save_then_close(self, text: str) -> None:
        """Keep the prompt (and the text) on screen until the session has it on disk."""
        assert self.save is not None
        try:
            saved = await self.save(text)
        finally:
            self.saving = False
        if saved:
            self.draft = ""
            self.dismiss(text)

    def action_leave(self) -> None:
        if self.saving:
            return
        self.draft = self.text
        self.dismiss(None)
