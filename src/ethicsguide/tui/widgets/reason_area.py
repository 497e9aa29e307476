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
    before the last few typed characters (or a fast paste) had reached the box.
    """

    HELP = """\
## Your words

Type freely; lines wrap. **Enter** records what you typed. A pasted text keeps its
line breaks.
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

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("show_line_numbers", False)
        super().__init__(text, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
            return
        await super()._on_key(event)
