"""Marked items whose wrapped lines stay indented under the text, not under the mark."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

BOLD = Style(bold=True)


class Hanging:
    """``☐ 1. text`` rows: the mark in a bold column as wide as the widest mark (or
    ``mark_width``), one space, then the text wrapped beside it.

    What a two-column Rich grid (``Table.grid(padding=(0, 1))``) draws, cell for cell, made
    by hand: a grid measures every cell before drawing it, and the outcome screen's lists
    were most of the Rich work in its first frame. One difference, on purpose: a word too
    long for the line (a source's address) is folded onto the next lines whole
    (``overflow="fold"``), where a grid cut it short with "…".
    """

    def __init__(
        self, rows: list[tuple[str, Text]], mark_width: int | None = None, overflow: str = "fold"
    ) -> None:
        self.rows = rows
        self.overflow = overflow
        widest = max((cell_len(mark) for mark, _text in rows), default=0)
        self.mark_width = widest if mark_width is None else mark_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.mark_width - 1)
        for mark, text in self.rows:
            lines = text.wrap(console, width, overflow=self.overflow)  # type: ignore[arg-type]
            for index, line in enumerate(lines):
                gutter = mark if index == 0 else ""
                yield Segment(gutter + " " * (self.mark_width - cell_len(gutter)), BOLD)
                yield Segment(" ")
                # the line's own style under its spans (``render`` leaves it to the caller)
                base = console.get_style(line.style, default=None) if line.style else None
                yield from Segment.apply_style(line.render(console, end=""), base)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.mark_width + 2, options.max_width)
