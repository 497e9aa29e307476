"""What-if: pick an earlier fork and another option, see where it leads, add a note."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ethicsguide.tui.context import app_context
from ethicsguide.tui.fresh import FreshScreen
from ethicsguide.tui.widgets.identifier_hint import IdentifierHint
from ethicsguide.tui.widgets.keys_footer import HELP_KEY, KeysFooter
from ethicsguide.tui.widgets.marked_list import MarkedList
from ethicsguide.tui.widgets.reason_area import ReasonArea

if TYPE_CHECKING:
    from ethicsguide.engine.models import Question


@dataclass(frozen=True)
class Fork:
    """An answered fork on the path: its question and the option taken (0-based)."""

    question: Question
    taken: int


@dataclass(frozen=True)
class WhatIfRequest:
    """Which active step (0-based), which other option, and the worker's note."""

    step: int
    option: int
    note: str


class FieldList(MarkedList):
    """A list of the dialog: Enter takes the highlighted row and goes on to the next field.

    OptionList's own Enter does that too, but is left out of the footer; and as the focused
    widget's key it hides the dialog's, so the footer showed no Enter at all on the lists.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select",
            "Next",
            id="next-what-if",
            tooltip="Take the highlighted one and go on to the next field",
        ),
    ]


class WhatIfDialog(FreshScreen[WhatIfRequest | None], ModalScreen[WhatIfRequest | None]):
    """Three fields top to bottom: fork, alternative, note. Enter moves down, then records."""

    HELP = """\
## What if…

Look at another answer to an earlier fork without changing your path.

1. Pick the fork (**Enter**).
2. Pick another option: the outcomes it could lead to are shown below it (**Enter**).
3. Add a note if you like, then **Enter** records the what-if in the session.

**Escape** closes without recording anything.
"""

    # focused as it is composed, so its keys are in the first frame's footer
    AUTO_FOCUS = "#forks"
    BINDINGS: ClassVar[list[BindingType]] = [
        # shown in the note; on the lists their own Enter (Next) comes first, and a key
        # remapped here records from anywhere in the dialog, as the footer then says
        Binding(
            "enter",
            "record",
            "Record",
            id="record-what-if",
            tooltip="Record the what-if (the fork, the other option and the note)",
        ),
        Binding("escape", "cancel", "Close", id="cancel-what-if"),
        HELP_KEY,
    ]

    def __init__(
        self, forks: Sequence[Fork], leads_to: Callable[[int, int], list[str]], draft: str = ""
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.forks, self.leads_to = list(forks), leads_to
        self.draft = draft
        self.shown: tuple[int | None, int | None] = (None, None)  # fork, alternative on screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="what-if", classes="dialog"):
            yield Static("What if you had answered differently?", classes="dialog-title")
            yield Static("1 · The fork", classes="dialog-prompt")
            yield FieldList(id="forks", compact=True)
            yield Static("2 · Another option", classes="dialog-prompt")
            yield FieldList(id="alternatives", compact=True)
            yield Static("", id="leads", markup=False)
            yield Static("3 · A note (optional)", classes="dialog-prompt")
            yield ReasonArea(
                self.draft, id="what-if-note", placeholder="Why are you weighing this?"
            )
            yield IdentifierHint(id="what-if-hint")
            yield Static(
                "Enter moves on, then records · Escape closes without recording "
                "(a note you typed is kept for next time)",
                classes="dialog-hint",
            )
        yield KeysFooter(keys_at_compose=True)

    def _fork_options(self) -> list[Option]:
        return [
            Option(Text(f"{i + 1}. {f.question.ask}"), id=str(i)) for i, f in enumerate(self.forks)
        ]

    def on_mount(self) -> None:
        self.query_one("#what-if-note", ReasonArea).cursor_blink = app_context(self).blink
        forks = self.query_one("#forks", MarkedList)
        forks.set_items(self._fork_options(), highlight=len(self.forks) - 1)
        forks.focus()
        # Fill the other two now, for the first frame: left to the highlight messages,
        # each arrived in a frame of its own, and the dialog settled three frames later.
        self._show_alternatives(len(self.forks) - 1)
        alternative = self.query_one("#alternatives", OptionList).highlighted
        if alternative is not None:
            self._show_leads(len(self.forks) - 1, alternative)

    @on(TextArea.Changed, "#what-if-note")
    def _typed(self, event: TextArea.Changed) -> None:
        self.query_one(IdentifierHint).check_soon(event.text_area.text)

    @on(OptionList.OptionHighlighted, "#forks")
    def _fork_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_alternatives(event.option_index)

    def _show_alternatives(self, step: int) -> None:
        if self.shown[0] == step:
            return  # already showing them (drawn by on_mount)
        self.shown = (step, None)
        fork = self.forks[step]
        items = [
            Option(
                f"{i + 1}. {o.label}" + ("  (your answer)" if i == fork.taken else ""),
                id=str(i),
                disabled=i == fork.taken,
            )
            for i, o in enumerate(fork.question.options)
        ]
        self.query_one("#alternatives", MarkedList).set_items(items)

    @on(OptionList.OptionHighlighted, "#alternatives")
    def _alternative_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_leads(self.query_one("#forks", OptionList).highlighted or 0, event.option_index)

    def _show_leads(self, step: int, option: int) -> None:
        if self.shown == (step, option):
            return
        self.shown = (step, option)
        outcomes = self.leads_to(step, option)
        text = Text.assemble(("Could lead to: ", "bold"))
        text.append("; ".join(outcomes) or "no outcome found")
        self.query_one("#leads", Static).update(text)

    @on(OptionList.OptionSelected, "#forks")
    def _fork_chosen(self) -> None:
        self.query_one("#alternatives").focus()

    @on(OptionList.OptionSelected, "#alternatives")
    def _alternative_chosen(self) -> None:
        self.query_one("#what-if-note").focus()

    def on_key(self, event: events.Key) -> None:
        """Words typed while a list has focus are meant for the note: they go there, in order."""
        if event.is_printable:
            self._to_note(event)

    def on_paste(self, event: events.Paste) -> None:
        self._to_note(event)

    def _to_note(self, event: events.Key | events.Paste) -> None:
        if self.focused is None or self.focused.id == "what-if-note":
            return
        event.stop()
        note = self.query_one("#what-if-note", ReasonArea)
        note.focus()
        note._forward_event(event)

    @on(ReasonArea.Submitted, "#what-if-note")
    def _note_done(self) -> None:
        self._record()

    def action_record(self) -> None:
        self._record()

    def _record(self) -> None:
        step = self.query_one("#forks", OptionList).highlighted
        option = self.query_one("#alternatives", OptionList).highlighted
        if step is None or option is None or option == self.forks[step].taken:
            self.notify("Pick another option first.", severity="warning")
            return
        note = self.query_one("#what-if-note", ReasonArea).text.strip()
        self.draft = ""
        self.dismiss(WhatIfRequest(step, option, note))

    def unsaved_text(self) -> str:
        return self.query_one("#what-if-note", ReasonArea).text.strip()

    def action_cancel(self) -> None:
        self.draft = self.query_one("#what-if-note", ReasonArea).text
        self.dismiss(None)
