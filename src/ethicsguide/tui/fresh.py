"""A screen pushed new skips Textual's second styling and layout of it as it first shows."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.screen import Screen

ResultT = TypeVar("ResultT")


class FreshScreen(Screen[ResultT]):
    """Textual restyles every widget of a screen each time it resumes, the first time too,
    just after each widget was styled as it mounted, and lays a new screen out twice (the
    second time on its first Resize, at the same size, with the screen beneath a dialog);
    together a fifth of drawing a dialog or the outcome. Later resumes and resizes (back
    from a screen above, a terminal resized) still restyle and lay out."""

    _styled_on_mount = True

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls the handler of every class in the MRO, Screen's after this one:
        # this only tells it, the first time, that the styles are fresh.
        if self._styled_on_mount:
            self._styled_on_mount = False
            event.refresh_styles = False

    _laid_out_once = False

    async def _on_resize(self, event: events.Resize) -> None:
        # A new screen's first Resize reports the size its resume has just laid it out at;
        # Textual lays it out again, and under a dialog the screen beneath too. Skipped
        # then (Screen's handler is not called), unless breakpoints would set classes.
        first, self._laid_out_once = not self._laid_out_once, True
        if first and event.size == self.size and not self._breakpoints():
            event.stop()
            event.prevent_default()

    def _breakpoints(self) -> bool:
        """Whether Textual sets breakpoint classes on this screen as it resizes."""
        across, down = self.HORIZONTAL_BREAKPOINTS, self.VERTICAL_BREAKPOINTS
        across = self.app.HORIZONTAL_BREAKPOINTS if across is None else across
        down = self.app.VERTICAL_BREAKPOINTS if down is None else down
        return bool(across or down)
