"""The text box for reasoning and notes: Enter submits (in typing order), it never inserts a line."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.message import Message
from textual.widgets import TextArea


class ReasonArea(TextArea):
    """Soft-wrapping text box; Enter posts ``Submitted`` after every key typed before it.

    Enter is handled here, in the box's own queue of keys, rather than by a priority binding
    on the dialog: a binding would run as soon as Enter arrived and could record the text
    before the last few typed characters (or a fast paste) had reached the box. The box's
    own keys (arrows, End, Backspace…) are run here too: as bindings they would run only
    once the key came back up to the app, after letters typed just behind them, so
    "→ and more" typed fast would land before the cursor had moved.
    """

    HELP = """\
## Your words

Type freely; lines wrap. **Enter** records what you typed. A pasted text keeps its
line breaks; where the box takes several lines (the final decision), **ctrl+j** starts
a new one.
"""

    class Submitted(Message):
        """Enter was pressed; ``text`` is everything typed before it."""

        def __init__(self, area: ReasonArea, text: str) -> None:
            super().__init__()
            self.area = area
            self.text = text

        @property
        def control(self) -> ReasonArea:
            return self.area

    NEW_LINE_KEYS = ("ctrl+j", "shift+enter", "alt+enter")  # what terminals send for a new line

    def __init__(self, text: str = "", *, lines: bool = False, **kwargs: Any) -> None:
        """``lines``: ctrl+j (or shift/alt+Enter where the terminal tells) starts a new line."""
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("show_line_numbers", False)
        super().__init__(text, **kwargs)
        self.lines = lines

    async def _on_key(self, event: events.Key) -> None:
        if self.lines and event.key in self.NEW_LINE_KEYS:
            event.stop()
            event.prevent_default()
            self.insert("\n")
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
            return
        bound = self._bindings.key_to_bindings.get(event.key)
        if bound:  # →, End, Backspace…: here, in typing order (see the class docstring)
            event.stop()
            event.prevent_default()
            await self.run_action(bound[0].action)
            return
        await super()._on_key(event)
