"""The narrow/wide breakpoint classes, set before a screen's first frame.

Textual sets breakpoint classes when the screen gets its first Resize, which arrives after
the first frame: at 80 columns the wide layout flashed up and was then laid out again.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

NARROW_WIDE = [(0, "-narrow"), (100, "-wide")]


def apply_width_class(screen: Screen[Any]) -> None:
    """Give ``screen`` the class its breakpoints pick for the app's current width."""
    breakpoints = screen.HORIZONTAL_BREAKPOINTS or []
    width = screen.app.size.width
    chosen = max(((at, name) for at, name in breakpoints if width >= at), default=None)
    screen.update_classes(
        {name: chosen is not None and name == chosen[1] for _at, name in breakpoints}
    )
