"""An option list that marks the highlighted row with ▶ in text, not by colour alone."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

MARK = "▶"


def marked(prompt: str | Text, lit: bool) -> Table:
    """``prompt`` in a grid whose first, narrow column holds the marker (wrapped lines indent)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(MARK if lit else " ", style="bold"), prompt)
    return grid


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
