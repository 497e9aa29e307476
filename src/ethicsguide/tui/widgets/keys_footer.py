"""The footer every screen uses: Textual's ``Footer``, drawn sooner and redrawn less.

Textual's footer starts empty and fills in one refresh after the screen's first frame, then
rebuilds all its keys on every bindings signal (focus moves, ``refresh_bindings``), even
when nothing it shows has changed. On the home screen that meant four rebuilds and the keys
arriving ~90 ms after everything else. This one builds its keys as soon as the screen first
reports its bindings (so they land with the first frame, or the frame just after), folds a
burst of signals into one check, and rebuilds only when the keys it would show differ.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from ethicsguide.tui.breakpoints import NARROW_WIDE

WIDE_FROM = NARROW_WIDE[-1][0]  # below this many columns the "^p palette" hint gives way
# A dialog sees only its own keys (Textual leaves the app's out of a modal screen), so each
# dialog lists F1 itself: it then works there, and its footer shows it.
HELP_KEY = Binding("f1", "app.help", "Help", id="dialog-help", tooltip="Help for this dialog")


class KeysFooter(Footer):
    """A ``Footer`` that shows its keys with the first frame and skips needless rebuilds."""

    def __init__(self, *, compact: bool = True, keys_at_compose: bool = False) -> None:
        """``keys_at_compose``: the screen's ``check_action`` reads no widget of it, so its
        keys can be built as the footer is composed (with the first frame, not mounted
        again a moment later)."""
        super().__init__(compact=compact)
        self.keys_at_compose = keys_at_compose
        self._shown: Hashable | None = None  # what the keys on screen were built from
        self._check_pending = False

    def compose(self) -> ComposeResult:
        if self.keys_at_compose and not self._bindings_ready:
            # The keys depend on the focused widget, which Textual picks (AUTO_FOCUS) once
            # every widget is composed, after this: picked now, if it is there already.
            self.screen._update_auto_focus()
            if self.screen.focused is not None:
                self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys_signature() if self._bindings_ready else None
        for widget in super().compose():
            if self.compact and isinstance(widget, FooterKey):
                # Born compact: Textual adds the class once mounted, restyling each key
                # on its own (11 keys: a sixth of what drawing the outcome screen cost).
                widget.add_class("-compact", update=False)
            yield widget

    def on_mount(self) -> None:
        self._fit_width()

    def on_resize(self) -> None:
        self._fit_width()

    def _fit_width(self) -> None:
        """On a narrow terminal the keys that act need every column: the palette hint goes
        (ctrl+p still opens it, and F1 Help says so)."""
        self.set_class(self.app.size.width < WIDE_FROM, "-narrow")

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        # Textual skips blurred apps; a served app starts blurred until the page is clicked,
        # so the keys are built once regardless and only later rebuilds wait for focus.
        if (not screen.app.app_focus and self._shown is not None) or self._check_pending:
            return
        if self.is_attached and screen is self.screen:
            self._check_pending = True
            if self._shown is None:  # nothing drawn yet: build the keys at once
                self.call_next(self._rebuild_if_changed)
            elif not self._check_after_burst():
                self._check_pending = False  # closing down: nothing will run it

    def _check_after_burst(self) -> bool:
        """Check once the burst of signals is over. Under a dialog, from this footer's own
        queue: a "call after refresh" made while a dialog covered the screen never ran, and
        the keys stayed stale for good."""
        if self.screen is self.app.screen:
            return self.call_after_refresh(self._rebuild_if_changed)
        return self.call_later(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._check_pending = False
        if self.is_attached and not self._covered() and self._keys_signature() != self._shown:
            await self.recompose()

    def _covered(self) -> bool:
        """Whether a whole screen (not a dialog) covers this footer's screen: its keys are
        checked again when the screen is back on top (Textual signals it then). An answer
        that reaches an outcome changed the walkthrough's keys as the outcome opened over
        it, and rebuilding them there delayed the outcome by a fifth."""
        top = self.app.screen
        return top is not self.screen and top.styles.background.a == 1

    def _keys_signature(self) -> Hashable:
        """Everything ``Footer.compose`` reads from the bindings, as a comparable value."""
        palette = self.app.COMMAND_PALETTE_BINDING if self.show_command_palette else None
        return tuple(
            (
                key,
                binding.action,
                binding.description,
                self.app.get_key_display(binding),
                enabled,
                tooltip,
                binding.group,
            )
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )
