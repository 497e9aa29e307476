"""A screen pushed new is not restyled whole when it first shows: it was styled as it mounted."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.screen import Screen

ResultT = TypeVar("ResultT")


class FreshScreen(Screen[ResultT]):
    """Textual restyles every widget of a screen each time it resumes, the first time too,
    just after each widget was styled as it mounted; for the outcome screen that was a
    tenth of its first frame. Later resumes (back from a screen above) still restyle."""

    _styled_on_mount = True

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls the handler of every class in the MRO, Screen's after this one:
        # this only tells it, the first time, that the styles are fresh.
        if self._styled_on_mount:
            self._styled_on_mount = False
            event.refresh_styles = False
