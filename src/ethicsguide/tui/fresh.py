"""A screen pushed new is styled, laid out and painted once as it first shows, not twice."""

from __future__ import annotations

from typing import Self, TypeVar

from textual import events
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.widget import Widget

ResultT = TypeVar("ResultT")


class FreshScreen(Screen[ResultT]):
    """Textual restyles every widget of a screen each time it resumes, the first time too,
    just after each widget was styled as it mounted; lays a new screen out twice (the second
    time on its first Resize, at the same size, with the screen beneath a dialog); paints it
    before its scroll bars are placed, then again with them (text re-wrapped around them);
    and paints it whole once more just after. Together most of drawing a dialog or the
    outcome. Here the first showing is styled, laid out and painted once; later resumes and
    resizes (back from a screen above, a terminal resized) still restyle and lay out."""

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

    _painted_once = False
    _holding_paint = False

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        if self._painted_once:
            super()._refresh_layout(size, scroll)
            return
        # The first layout learns which scrollable widgets overflow only as it ends, and
        # Textual paints it before placing their scroll bars (a later layout does, and
        # re-wraps the text beside them): the first layout is laid out again at once, with
        # its scroll bars, before anything is painted.
        before = self._scrollbars()
        self._holding_paint = True
        try:
            super()._refresh_layout(size, scroll)
        finally:
            self._holding_paint = False
        if self._scrollbars() != before:
            super()._refresh_layout(size, scroll)
        elif self.is_current and not self.app._batch_count:
            self._compositor_refresh()
        self._painted_once = self._just_painted = self.is_current
        if self._painted_once:
            self._repaint_required = False  # asked for before: painted now

    _just_painted = False

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        # Right after the first paint, Textual asks to paint the whole screen again as the
        # resume ends and as its children report mounted: the same screen, whole (for a
        # dialog, the screen beneath dimmed cell by cell again). Changes of a widget or of
        # the screen beneath (``regions``) and layouts still go through.
        if self._just_painted and not regions:
            repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _compositor_refresh(self) -> None:
        if not self._holding_paint:
            self._just_painted = False
            super()._compositor_refresh()

    def _scrollbars(self) -> list[tuple[Widget, bool, bool]]:
        return [
            (widget, widget.show_vertical_scrollbar, widget.show_horizontal_scrollbar)
            for widget in self.walk_children(Widget)
            if widget.is_scrollable
        ]
