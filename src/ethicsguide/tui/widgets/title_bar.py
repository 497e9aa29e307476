"""The title line every full screen uses: Textual's ``Header``, drawn by one widget.

Textual's ``Header`` is four widgets (the header, its icon, its title and the space kept for
a clock), each styled, laid out and painted as a screen first shows, and it sets its title
only after mounting. This one looks the same (the icon at the left opens the command
palette, the title and sub-title centred between the icon and the clock's space, cut with
an ellipsis) as one widget that reads the titles as it paints. Unlike Textual's, a click
does not make it three lines tall: nothing here is shown in those lines.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # as Textual's header: the icon with a column either side, in 8 columns
CLOCK_WIDTH = 10  # the space Textual's header keeps on the right for its (unused) clock


class TitleBar(Widget, can_focus=False):
    """The app's title and the screen's sub-title, centred; the icon opens the palette."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"title-bar--icon-hover"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        .title-bar--icon-hover {
            background: $foreground 10%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._over_icon = False

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            for name in ("title", "sub_title"):
                self.watch(owner, name, self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def title_text(self) -> Content:
        """What Textual's header shows: the screen's titles, else the app's."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        middle = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        title = self.title_text().truncate(middle, ellipsis=True)
        left = (middle - title.cell_length) // 2
        icon = Content(f" {ICON}".ljust(ICON_WIDTH)[:width])
        if self._over_icon:
            hover = self.get_component_rich_style("title-bar--icon-hover")
            icon = icon.stylize(Style.from_rich_style(hover))
        line = Content.assemble(icon, " " * left, title)
        return line.truncate(width, pad=True)

    def _on_icon(self, x: int) -> bool:
        return self.app.ENABLE_COMMAND_PALETTE and x < ICON_WIDTH

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._on_icon(event.x))

    def on_leave(self, _event: events.Leave) -> None:
        self._hover(False)

    def _hover(self, over: bool) -> None:
        if over != self._over_icon:
            self._over_icon = over
            self.tooltip = "Open the command palette" if over else None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if self._on_icon(event.x):
            event.stop()
            await self.run_action("app.command_palette")
