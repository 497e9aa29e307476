"""F1 help: the focused part explained, the keys of the screen beneath, then the whole guide."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from rich.markdown import Markdown
from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from ethicsguide.tui.fresh import FreshScreen
from ethicsguide.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from rich.style import Style as RichStyle
    from textual.app import App
    from textual.css.styles import RulesMap
    from textual.dom import DOMNode
    from textual.screen import Screen
    from textual.style import Style


def _cell(text: str) -> str:
    """Text safe inside one Markdown list item."""
    return text.replace("*", "\\*").replace("\n", " ")


def key_rows(app: App[Any], screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(keys, what it does, more) for each enabled action of ``screen``, keys merged."""
    rows: dict[tuple[str, str], list[str]] = {}
    tips: dict[tuple[str, str], str] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.id or not binding.description or binding.system:
            continue  # the app's own keys; scrolling and editing keys are in help.md
        action = "choose" if binding.action.startswith("choose(") else binding.action
        key = (action, binding.description)
        display = (
            "1–9" if action == "choose" else app.get_key_display(replace(binding, key_display=None))
        )
        if display not in rows.setdefault(key, []):
            rows[key].append(display)
        tips[key] = active.tooltip or binding.tooltip
    return [(" ".join(keys), desc, tips[(a, desc)]) for (a, desc), keys in rows.items()]


def focused_help(screen: Screen[Any]) -> str:
    """The HELP of the focused widget (or its nearest container that has one), then the screen's."""
    parts: list[str] = []
    node: DOMNode | None = screen.focused
    while node is not None and node is not screen:
        text = getattr(node, "HELP", None)
        if text and getattr(type(node), "__module__", "").startswith("ethicsguide"):
            parts.append(text)
            break
        node = node.parent
    if getattr(screen, "HELP", None):
        parts.append(str(screen.HELP))
    return "\n\n".join(parts)


def help_markdown(app: App[Any], screen: Screen[Any]) -> str:
    table = [
        f"- **{_cell(k)}** — {_cell(d)}" + (f": {_cell(t)}" if t else "")
        for k, d, t in key_rows(app, screen)
    ]
    guide = resources.files("ethicsguide.tui").joinpath("help.md").read_text(encoding="utf-8")
    here = focused_help(screen) or "## Here\n\nNothing is focused."
    return "\n\n".join([here, "## Keys on this screen", "\n".join(table), guide])


DRAWN: dict[tuple[str, int], list[list[Segment]]] = {}  # the last few help pages drawn


def markdown_lines(app: App[Any], markdown: str, width: int) -> list[list[Segment]]:
    """``markdown`` drawn at ``width``, unstyled: F1 again on the same screen reuses it."""
    key = (markdown, width)
    if key not in DRAWN:
        options = app.console_options.update(highlight=False, width=width, height=None)
        segments = app.console.render(Markdown(markdown), options)
        if len(DRAWN) >= 8:
            del DRAWN[next(iter(DRAWN))]
        DRAWN[key] = list(
            Segment.split_and_crop_lines(segments, width, include_new_lines=False, pad=False)
        )
    return DRAWN[key]


class MarkdownPage(Visual):
    """Rich Markdown drawn as a ``Static`` draws it, but once per width: the Static's own
    Rich visual draws it again to measure its height and on every resize (four times for
    each F1, the most of what F1 cost)."""

    def __init__(self, app: App[Any], markdown: str) -> None:
        self.app, self.markdown = app, markdown
        self._strips: tuple[int, RichStyle, list[Strip]] | None = None

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(markdown_lines(self.app, self.markdown, width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        base = style.rich_style
        if self._strips is None or self._strips[:2] != (width, base):
            lines = markdown_lines(self.app, self.markdown, width)
            if base:  # the widget's style beneath each segment's, as Textual's _Styled does
                lines = [[Segment(t, base + s, None) for t, s, _c in line] for line in lines]
            self._strips = (width, base, [Strip(line) for line in lines])
        return self._strips[2][:height]


class HelpScreen(FreshScreen[None], ModalScreen[None]):
    """A scrollable Markdown page over the screen it explains; Escape or F1 closes it."""

    # focused as it is composed, so its keys are in the first frame's footer
    AUTO_FOCUS = "#help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close help", key_display="esc", id="close-help"),
    ]

    def __init__(self, markdown: str) -> None:
        super().__init__(classes="dialog-screen")
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static("Help · Escape closes · ↑/↓ and PgUp/PgDn scroll", classes="dialog-title")
            # one Rich renderable, not Textual's Markdown widget: that builds a widget per
            # paragraph and list item (~700 here), and F1 took seconds on a busy machine
            yield Static(MarkdownPage(self.app, self.markdown), id="help-text")
        # its own keys: without a footer, the one of the screen beneath showed through,
        # offering keys (Decision, Back…) that do nothing while help is open
        yield KeysFooter(keys_at_compose=True)

    def on_mount(self) -> None:
        page = self.query_one("#help")
        page.focus()
        page.show_vertical_scrollbar = True  # the guide is longer than any screen: laid out once

    def action_close(self) -> None:
        self.dismiss()
