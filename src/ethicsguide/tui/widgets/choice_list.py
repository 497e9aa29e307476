"""The numbered options of the current question; posts ``Chosen`` and ``Considered`` upward."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from ethicsguide.engine.models import Option as TreeOption


def option_prompt(
    number: int, option: TreeOption, withdrawn: bool = False, highlighted: bool = False
) -> Table:
    """``▶ 1  Label`` with the option's note and any earlier withdrawal below, indented.

    The ▶ marks the highlighted option in text as well as colour.
    """
    text = Text(option.label)
    if option.note:
        text.append(f"\n{option.note}", style="italic")
    if withdrawn:
        text.append("\n↶ you chose this earlier and went back", style="italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=4, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(f"{'▶' if highlighted else ' '} {number}", style="bold"), text)
    return grid


class ChoiceList(OptionList, inherit_bindings=False):
    """The options of one question. Arrow keys move, Enter or a digit chooses."""

    HELP = """\
## Options

Each option is a possible answer to the question above.

- **↑/↓** (or **k/j**) move between options; the side panel shows what the
  highlighted option upholds and strains.
- **1–9** or **Enter** choose an option and open the reasoning prompt.
  Nothing is recorded until you press Enter in that prompt.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next option", show=False),
        Binding("up,k", "cursor_up", "Previous option", show=False),
        Binding("home", "first", "First option", show=False),
        Binding("end", "last", "Last option", show=False),
        Binding("enter", "select", "Choose highlighted", show=False, id="choose-highlighted"),
    ]

    class Chosen(Message):
        """The worker chose an option (0-based ``index``) with Enter or a click."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Considered(Message):
        """The highlight moved to option ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._choices: list[TreeOption] = []
        self._withdrawn: set[int] = set()
        self._marked: int | None = None

    def show_options(self, options: Sequence[TreeOption], withdrawn: Collection[int] = ()) -> None:
        """Replace the options and highlight the first."""
        self._choices, self._withdrawn, self._marked = list(options), set(withdrawn), None
        self.clear_options()
        self.add_options(Option(self._prompt(i), id=str(i)) for i in range(len(options)))
        if options:
            self.highlighted = 0

    def _prompt(self, index: int) -> Table:
        return option_prompt(
            index + 1, self._choices[index], index in self._withdrawn, index == self.highlighted
        )

    def _mark(self, index: int | None) -> None:
        """Redraw the ▶ marker on the newly highlighted option (and off the old one)."""
        for old_or_new in {self._marked, index} - {None}:
            assert old_or_new is not None
            if old_or_new < len(self._choices):
                self.replace_option_prompt_at_index(old_or_new, self._prompt(old_or_new))
        self._marked = index

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option_index))

    @on(OptionList.OptionHighlighted)
    def _considered(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._mark(event.option_index)
        self.post_message(self.Considered(event.option_index))
