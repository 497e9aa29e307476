"""The numbered options of the current question; posts ``Chosen`` and ``Considered`` upward."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ethicsguide.tui.widgets.hanging import Hanging

if TYPE_CHECKING:
    from ethicsguide.engine.models import Option as TreeOption


def option_prompt(
    number: int,
    option: TreeOption,
    withdrawn: bool = False,
    highlighted: bool = False,
    ticked: bool | None = None,
) -> Hanging:
    """``▶ 1  Label`` with the option's note and any earlier withdrawal below, indented.

    The ▶ marks the highlighted option in text as well as colour; ``ticked`` (multi-select
    only) draws ``[x]`` or ``[ ]`` before the label.
    """
    box = "" if ticked is None else ("[x] " if ticked else "[ ] ")
    text = Text(box + option.label + (" (on its own)" if option.alone else ""))
    if option.note:
        text.append(f"\n{option.note}", style="italic")
    if withdrawn:
        text.append("\n↶ you chose this earlier and went back", style="italic")
    return Hanging([(f"{'▶' if highlighted else ' '} {number}", text)], mark_width=4)


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
        Binding(
            "space",
            "tick",
            "Tick",
            key_display="space/1-9",
            id="tick-option",
            tooltip="Tick or untick the highlighted option (choose all that apply)",
        ),
        Binding(
            "enter",
            "confirm",
            "Confirm",
            id="confirm-selection",
            tooltip="Answer with every ticked option",
        ),
    ]

    class Chosen(Message):
        """The worker chose an option (0-based ``index``) with Enter or a click."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Confirmed(Message):
        """The worker confirmed a multi-select answer (0-based ``indices``)."""

        def __init__(self, indices: tuple[int, ...]) -> None:
            super().__init__()
            self.indices = indices

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
        self.many = False
        self.ticked: set[int] = set()

    def show_options(
        self, options: Sequence[TreeOption], withdrawn: Collection[int] = (), *, many: bool = False
    ) -> None:
        """Replace the options and highlight the first; ``many`` makes them tick boxes."""
        self._choices, self._withdrawn, self._marked = list(options), set(withdrawn), None
        self.many, self.ticked = many, set()
        self.refresh_bindings()
        self.clear_options()
        self.add_options(Option(self._prompt(i), id=str(i)) for i in range(len(options)))
        if options:
            self.highlighted = 0

    def _prompt(self, index: int) -> Hanging:
        ticked = (index in self.ticked) if self.many else None
        return option_prompt(
            index + 1,
            self._choices[index],
            index in self._withdrawn,
            index == self.highlighted,
            ticked,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("tick", "confirm"):
            return self.many
        if action == "select":
            return not self.many
        return True

    def toggle(self, index: int) -> str | None:
        """Tick or untick option ``index``; a message when an ``alone`` option refuses company."""
        if not 0 <= index < len(self._choices):
            return None
        if index in self.ticked:
            self.ticked.discard(index)
        else:
            others = self.ticked - {index}
            lonely = [i for i in (index, *others) if self._choices[i].alone]
            if others and lonely:
                label = self._choices[lonely[0]].label
                return f"“{label}” cannot be chosen together with other options."
            self.ticked.add(index)
        self.replace_option_prompt_at_index(index, self._prompt(index))
        return None

    def action_tick(self) -> None:
        if self.highlighted is not None:
            message = self.toggle(self.highlighted)
            if message:
                self.notify(message, title="Choose all that apply", severity="warning")

    def action_confirm(self) -> None:
        if not self.ticked:
            self.notify("Tick at least one option (space or its number), then press Enter.")
            return
        self.post_message(self.Confirmed(tuple(sorted(self.ticked))))

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
