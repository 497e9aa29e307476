"""The bottom of the conversation: the question waiting for an answer, or a "continue" prompt."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ethicsguide.tui.widgets.choice_list import ChoiceList
from ethicsguide.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from ethicsguide.engine.models import Question

CONTINUE = "▶ Press Enter (or c) to continue."


class QuestionPanel(Vertical):
    """Shows either a question (text, why, earlier withdrawn answers, options) or a wait."""

    def compose(self) -> ComposeResult:
        yield Static(id="question", classes="bubble guide current", markup=False)
        yield Static(id="why", classes="why", markup=False)
        yield Transcript(id="withdrawn-here")
        yield ChoiceList(id="choices")
        yield Static(id="continue-hint", markup=False)

    async def ask(
        self,
        number: int,
        question: Question,
        withdrawn: Iterable[tuple[str, Text]],
        withdrawn_options: Collection[int],
    ) -> None:
        """Show question ``number`` with its options; focus the options."""
        self._parts(asking=True)
        heading = Text.assemble(
            (f"Guide · question {number} — your answer?", "italic"), "\n", (question.ask, "bold")
        )
        if question.many:
            said = "" if question.says_choose_all else "Choose all that apply: "
            heading.append(f"\n{said}1–9 or space ticks, Enter confirms.", "italic")
        self.query_one("#question", Static).update(heading)
        bubbles = list(withdrawn)
        await self.query_one("#withdrawn-here", Transcript).show(bubbles)
        self.query_one("#withdrawn-here").display = bool(bubbles)
        choices = self.query_one("#choices", ChoiceList)
        choices.show_options(question.options, withdrawn_options, many=question.many)
        choices.focus()

    def wait(self) -> None:
        """Hide the question: a guide message above waits for Enter."""
        self._parts(asking=False)
        self.query_one("#continue-hint", Static).update(CONTINUE)

    def show_why(self, why: str | None, visible: bool) -> None:
        widget = self.query_one("#why", Static)
        widget.display = bool(visible and why)
        if why:
            widget.update(Text.assemble(("Why this question: ", "bold"), why))

    def _parts(self, *, asking: bool) -> None:
        for wid in ("#question", "#why", "#withdrawn-here", "#choices"):
            self.query_one(wid).display = asking
        self.query_one("#continue-hint").display = not asking
