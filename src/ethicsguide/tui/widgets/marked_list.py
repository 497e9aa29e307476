"""An option list that marks the highlighted row with ▶ in text, not by colour alone."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

MARK = "▶"


BOLD = Style(bold=True)


class Marked:
    """``prompt`` after a two-cell gutter holding the marker; wrapped lines keep the indent.

    A hand-made renderable rather than a Rich table grid: the home screen draws dozens of
    these in its first frames, and a grid per option cost ~90 ms of start-up.
    """

    def __init__(self, prompt: str | Text, lit: bool) -> None:
        self.prompt = prompt if isinstance(prompt, Text) else Text(prompt)
        self.lit = lit

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - 2)
        for index, line in enumerate(self.prompt.wrap(console, width)):
            gutter = f"{MARK} " if index == 0 and self.lit else "  "
            yield Segment(gutter, BOLD)
            yield from line.render(console, end="")
            yield Segment.line()


def marked(prompt: str | Text, lit: bool) -> Marked:
    return Marked(prompt, lit)


class MarkedList(OptionList):
    """``OptionList`` whose highlighted, enabled option shows ▶; set options with ``set_items``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._prompts: list[str | Text] = []
        self._marked: int | None = None

    def set_items(self, options: Iterable[Option], highlight: int | None = None) -> None:
        """Replace every option; ``highlight`` defaults to the first enabled one."""
        items = list(options)
        self._prompts = [
            o.prompt if isinstance(o.prompt, (str, Text)) else str(o.prompt) for o in items
        ]
        self._marked = None
        self.clear_options()
        self.add_options(
            Option(marked(prompt, False), id=o.id, disabled=o.disabled)
            for prompt, o in zip(self._prompts, items, strict=True)
        )
        first = next((i for i, o in enumerate(items) if not o.disabled), None)
        self.highlighted = first if highlight is None else highlight
        self._mark(self.highlighted)

    def plain(self, index: int) -> str:
        """The text of option ``index`` without its marker."""
        prompt = self._prompts[index]
        return prompt.plain if isinstance(prompt, Text) else str(prompt)

    def _mark(self, index: int | None) -> None:
        for old_or_new in {self._marked, index} - {None}:
            assert old_or_new is not None
            if old_or_new < len(self._prompts):
                lit = old_or_new == index and not self.get_option_at_index(old_or_new).disabled
                self.replace_option_prompt_at_index(
                    old_or_new, marked(self._prompts[old_or_new], lit)
                )
        self._marked = index

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self:
            self._mark(event.option_index)
