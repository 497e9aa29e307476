"""The footer every screen uses: the keys that act now, drawn as one line by one widget.

Textual's ``Footer`` is a container with a widget per key: on the outcome screen eleven of its
thirty widgets, each styled, laid out and painted as the screen first shows (a third of
drawing it), and all rebuilt on every bindings signal. This footer looks and behaves the same
(compact keys, the palette hint on the right, dimmed disabled keys, a click runs the key, a
key's tooltip on hover) as one widget: its keys are data, read from the screen's bindings
when the screen first paints, and a later change only repaints its line.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from ethicsguide.tui.breakpoints import NARROW_WIDE

WIDE_FROM = NARROW_WIDE[-1][0]  # below this many columns the "^p palette" hint gives way
# A dialog sees only its own keys (Textual leaves the app's out of a modal screen), so each
# dialog lists F1 itself: it then works there, and its footer shows it.
HELP_KEY = Binding("f1", "app.help", "Help", id="dialog-help", tooltip="Help for this dialog")
PALETTE_EDGE = "▏"  # the palette hint's left edge and (below) its right-hand padding,
PALETTE_PAD = " "  # as Textual's footer draws them


@dataclass(frozen=True)
class FooterKey:
    """One key as the footer shows it, and the columns it takes (``start`` to ``end``)."""

    key: str
    key_display: str
    description: str
    action: str
    disabled: bool = False
    tooltip: str = ""
    palette: bool = False  # the command palette's hint, kept at the right-hand end
    start: int = 0
    end: int = 0

    @property
    def label(self) -> str:
        return f"{self.key_display} {self.description}" if self.description else self.key_display

    @property
    def width(self) -> int:
        edges = len(PALETTE_EDGE + PALETTE_PAD) if self.palette else 0
        return Text(self.label).cell_len + edges


class KeysFooter(Widget, can_focus=False):
    """The screen's keys on one line; a key is clicked, hovered and dimmed as in ``Footer``."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--hover",
        "keys-footer--edge",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keys-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .keys-footer--edge {
            color: $foreground 20%;
            background: $footer-item-background;
        }
        &:hover {
            pointer: pointer;
        }
    }
    """

    def __init__(self, *, keys_at_compose: bool = False) -> None:
        """The keys are read as the screen first paints, and again at each bindings signal.
        ``keys_at_compose``: the screen focuses a widget by ``AUTO_FOCUS`` that decides its
        keys; if Textual has not focused it by the first paint, it is focused then, so the
        first frame's keys are the ones that act."""
        super().__init__()
        self.keys_at_compose = keys_at_compose
        self.keys: tuple[FooterKey, ...] = ()
        self._shown: Hashable | None = None  # what ``keys`` were built from
        self._hover: int | None = None  # the index in ``placed_keys()`` under the mouse

    def on_mount(self) -> None:
        self._fit_width()
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._fit_width()

    def _fit_width(self) -> None:
        """On a narrow terminal the keys that act need every column: the palette hint goes
        (ctrl+p still opens it, and F1 Help says so)."""
        self.set_class(self.app.size.width < WIDE_FROM, "-narrow")

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The keys are read again; the line is repainted only if they differ. Under a
        whole screen (not a dialog) they wait: Textual signals again when it is back on top."""
        if self.is_attached and screen is self.screen and not self._covered():
            self._read_keys()

    def _covered(self) -> bool:
        top = self.app.screen
        return top is not self.screen and top.styles.background.a == 1

    def _read_keys(self) -> None:
        signature = self._keys_signature()
        if signature != self._shown:
            self._shown = signature
            self.keys = self._build_keys()
            self._hover = None
            self.refresh()

    def _keys_signature(self) -> Hashable:
        """Everything the keys are built from, as a comparable value."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (
                key,
                binding.action,
                binding.description,
                self.app.get_key_display(binding),
                enabled,
                tooltip,
            )
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    def _build_keys(self) -> tuple[FooterKey, ...]:
        """As Textual's footer picks them: shown bindings, one per action, then the palette."""
        active = self.screen.active_bindings
        by_action: dict[str, FooterKey] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = self._key(binding, enabled, tooltip)
        keys = list(by_action.values())
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            keys.append(
                self._key(binding, enabled, binding.tooltip or binding.description, palette=True)
            )
        return tuple(keys)

    def _key(
        self, binding: Binding, enabled: bool, tooltip: str, *, palette: bool = False
    ) -> FooterKey:
        return FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip,
            palette=palette,
        )

    def placed_keys(self) -> list[FooterKey]:
        """The keys on the line now, with their columns: the palette hint at the right-hand
        end (none when narrow), the rest from the left, one column apart. A key that does
        not fit before the palette hint keeps the columns it would take (``end`` past it)."""
        placed, x = [], 0
        width = self.size.width
        for key in self.keys:
            if key.palette:
                if not self.has_class("-narrow"):
                    placed.append(_at(key, width - key.width))
                continue
            placed.append(_at(key, x))
            x += key.width + 1
        return placed

    def limit(self, placed: list[FooterKey]) -> int:
        """The first column the keys on the left may not use."""
        return min([self.size.width, *(key.start for key in placed if key.palette)])

    def render(self) -> Text:
        if self._shown is None:
            self._first_keys()
        placed = self.placed_keys()
        limit = self.limit(placed)
        gap = Text(" ", style=self.rich_style)
        line = Text(no_wrap=True, overflow="crop", style=self.rich_style)
        for index, key in enumerate(placed):
            if not key.palette:
                line.append_text(self._draw(key, hover=self._hover == index))
                line.append_text(gap)
        line.truncate(limit, pad=True)
        for index, key in enumerate(placed):
            if key.palette:
                line.append_text(self._draw(key, hover=self._hover == index))
        return line

    def _first_keys(self) -> None:
        """Read as the screen first paints. The keys depend on the focused widget, which
        Textual picks (AUTO_FOCUS) once every widget is composed: picked now, if not yet."""
        if self.keys_at_compose and self.screen.focused is None:
            self.screen._update_auto_focus()
        self._shown = self._keys_signature()
        self.keys = self._build_keys()

    def _draw(self, key: FooterKey, *, hover: bool) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key")
        text_style = self.get_component_rich_style("keys-footer--description")
        if hover:  # as Textual's FooterKey:hover: the key's colours on the hover background
            under = Style(bgcolor=self.get_component_rich_style("keys-footer--hover").bgcolor)
            key_style, text_style = key_style + under, text_style + under
        dim = Style(dim=True) if key.disabled else Style()
        drawn = Text(no_wrap=True, overflow="crop")
        if key.palette:
            drawn.append(PALETTE_EDGE, self.get_component_rich_style("keys-footer--edge"))
        drawn.append(key.key_display, dim + key_style)
        if key.description:
            drawn.append(f" {key.description}", dim + text_style)
        if key.palette:
            drawn.append(PALETTE_PAD, dim + text_style)
        return drawn

    def _key_at(self, x: int) -> int | None:
        placed = self.placed_keys()
        limit = self.limit(placed)
        for index, key in enumerate(placed):
            end = self.size.width if key.palette else min(key.end, limit)
            if key.start <= x < end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_over(self._key_at(event.x))

    def on_leave(self, _event: events.Leave) -> None:
        self._hover_over(None)

    def _hover_over(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            tooltip = self.placed_keys()[index].tooltip if index is not None else ""
            self.tooltip = tooltip or None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        key = self.placed_keys()[index]
        if key.disabled:
            self.app.bell()
        else:
            self.app.simulate_key(key.key)


def _at(key: FooterKey, start: int) -> FooterKey:
    return replace(key, start=start, end=start + key.width)
