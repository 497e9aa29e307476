"""The blank screen ``start`` and ``resume`` show while their walkthrough loads."""

from __future__ import annotations

from textual.screen import Screen


class OpeningScreen(Screen[None]):
    """Blank, for the moment a walkthrough opened from the command line takes to load.

    ``start`` and ``resume`` draw their first question on this, not on the home screen:
    home is built when the worker first goes there (``go_home``), so the question does
    not wait for the guide list, the describe box and the side panels to be drawn.
    """

    drawn_from_cache = False  # ``FirstQuestionScreen``: keys wait for the real walk
