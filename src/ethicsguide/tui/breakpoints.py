"""The narrow/wide breakpoint classes, set before a screen's first frame.

Textual sets breakpoint classes when the screen gets its first Resize, which arrives after
the first frame: at 80 columns the wide layout flashed up and was then laid out again.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

NARROW_WIDE = [(0, "-narrow"), (100, "-wide")]
SHORT_TALL = [(0, "-short"), (32, "-tall")]  # a dialog on a 24-line terminal drops its margins


def apply_width_class(screen: Screen[Any]) -> None:
    """Give ``screen`` the classes its breakpoints pick for the app's current size."""
    size = screen.app.size
    for breakpoints, extent in (
        (screen.HORIZONTAL_BREAKPOINTS, size.width),
        (screen.VERTICAL_BREAKPOINTS, size.height),
    ):
        _apply(screen, breakpoints or [], extent)


def _apply(screen: Screen[Any], breakpoints: list[tuple[int, str]], extent: int) -> None:
    chosen = max(((at, name) for at, name in breakpoints if extent >= at), default=None)
    screen.update_classes(
        {name: chosen is not None and name == chosen[1] for _at, name in breakpoints}
    )
