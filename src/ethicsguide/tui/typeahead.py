"""Keys typed while a text box is opening: held in order by the app, then given to the box."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget


class TypeAhead:
    """Holds keys and pastes between a choice and its text box taking focus.

    Textual sends each key to whatever has focus when the app reads it. Between a digit
    that opens the reasoning prompt and the prompt's box taking focus, keys would go to a
    screen with nothing focused (and be lost) or, worse, to the walkthrough's command keys.
    The app reads every key in order in one queue, so holding them there and handing them
    to the box in one go, in the same step as it takes focus, keeps their order exactly.
    """

    def __init__(self) -> None:
        self._held: list[events.Key | events.Paste] = []
        self._for: Screen[Any] | None = None

    def hold_for(self, screen: Screen[Any], *, keep: bool = False) -> None:
        """Hold keys from now until ``screen`` releases them (or stops being on top);
        ``keep``: with the keys held for the screen before it."""
        self._held, self._for = (self._held if keep else []), screen

    def take(self) -> list[events.Key | events.Paste]:
        """Stop holding; the keys held so far, in the order typed."""
        held, self._held, self._for = self._held, [], None
        return held

    def holding(self, top: Screen[Any]) -> bool:
        """True while keys are held for ``top``; a screen gone from the top stops the hold."""
        if self._for is not None and self._for is not top:
            self.release(None)
        return self._for is not None

    def keep(self, event: events.Key | events.Paste) -> None:
        self._held.append(event)

    def release(self, target: Widget | None) -> None:
        """Give the held keys to ``target`` in the order typed (None: drop them)."""
        held, self._held, self._for = self._held, [], None
        if target is None:
            return
        for event in held:
            target._forward_event(event)


def release_typeahead(target: Widget) -> None:
    """Focus ``target`` and give it the keys typed while it was opening, in one step."""
    target.screen.set_focus(target)
    typeahead: TypeAhead | None = getattr(target.app, "typeahead", None)
    if typeahead is not None:
        typeahead.release(target)


def hold_typeahead(screen: Screen[Any]) -> None:
    """Hold the keys typed from now until ``screen`` gives them to its text box."""
    typeahead: TypeAhead | None = getattr(screen.app, "typeahead", None)
    if typeahead is not None:
        typeahead.hold_for(screen)
