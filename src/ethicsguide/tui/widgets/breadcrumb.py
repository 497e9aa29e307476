"""One line saying where the worker is: the path of forks and how far the outcome is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from ethicsguide.tui.walkview import Crumb


SEP = " › "


def crumb_text(crumbs: list[Crumb], left: tuple[int, int] | None, width: int) -> Text:
    """``Path: Safety › Age › ▶ Role · question 3 · 1–2 to go``, trimmed from the left to fit."""
    parts = [("▶ " + c.label) if c.here else c.label for c in crumbs]
    reading_step = bool(crumbs) and crumbs[-1].step
    where = f"before question {len(crumbs)}" if reading_step else f"question {len(crumbs)}"
    tail = f"  ·  {where}" + _left(left)
    body = SEP.join(parts)
    room = max(width - len("Path: ") - len(tail), 8)
    while len(body) > room and len(parts) > 1:
        parts = parts[1:]
        body = "…" + SEP + SEP.join(parts)
    text = Text.assemble(("Path: ", "bold"))
    text.append(body)
    text.append(tail, style="italic")
    return text


def _left(left: tuple[int, int] | None) -> str:
    if left is None:
        return ""
    low, high = left
    if high <= 1:
        return " · the last before an outcome"
    more = f"{low - 1}" if low == high else f"{low - 1}–{high - 1}"
    return f" · {more} more before an outcome"


class Breadcrumb(Static):
    """The path so far, ending at the current node (marked ▶, not by colour alone)."""

    HELP = "## Path\n\nThe forks you have answered, oldest first; **▶** marks where you are."

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._crumbs: list[Crumb] = []
        self._left: tuple[int, int] | None = None

    def show(self, crumbs: list[Crumb], left: tuple[int, int] | None) -> None:
        self._crumbs, self._left = crumbs, left
        self.refresh()

    def render(self) -> Text:
        return crumb_text(self._crumbs, self._left, self.size.width or 80)
