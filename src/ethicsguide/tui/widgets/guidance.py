"""An outcome's guidance: Markdown drawn as Textual's ``Markdown`` draws it, in one widget."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.cells import cell_len
from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget
from textual.widgets import Markdown

PARSER = MarkdownIt("gfm-like")  # as Textual's Markdown widget parses (built once: ~10 ms)
BULLETS = Markdown.BULLETS  # by depth, as Textual's Markdown widget draws them
STYLED = {"em": ".em", "strong": ".strong", "s": ".s"}
INLINE = {"text", "softbreak", "hardbreak", "code_inline"} | {
    f"{kind}_{edge}" for kind in STYLED for edge in ("open", "close")
}
BLOCKS = {"paragraph_open", "paragraph_close", "inline"} | {
    f"{kind}_{edge}" for kind in ("bullet_list", "list_item") for edge in ("open", "close")
}


@dataclass
class Block:
    """A paragraph (``content``), a bullet list (its items in ``children``), or a list
    item (``bullet``, and its paragraphs and lists in ``children``)."""

    content: Content | None = None
    bullet: str = ""
    children: list[Block] = field(default_factory=list)


def inline_content(token: Token) -> Content:
    """One paragraph's text and spans, as ``MarkdownBlock._token_to_content`` makes them."""
    parts: list[str] = []
    spans: list[Span] = []
    opened: list[tuple[str, int]] = []
    at = 0
    for child in token.children or []:
        kind = child.type
        text = ""
        if kind == "text":
            text = re.sub(r"\s+", " ", child.content)
        elif kind in ("softbreak", "hardbreak"):
            text = " " if kind == "softbreak" else "\n"
        elif kind == "code_inline":
            spans.append(Span(at, at + len(child.content), ".code_inline"))
            text = child.content
        elif kind.endswith("_open"):
            opened.append((STYLED[kind.removesuffix("_open")], at))
        elif kind.endswith("_close"):
            style, start = opened.pop()
            spans.append(Span(start, at, style))
        parts.append(text)
        at += len(text)
    return Content("".join(parts), spans=spans)


def parse_blocks(source: str) -> list[Block] | None:
    """The top-level blocks, or None if the text uses more than paragraphs, bullet lists
    and bold/italic/strike/code words (those go to Textual's Markdown widget)."""
    tokens = PARSER.parse(source)
    if any(t.type not in BLOCKS for t in tokens) or any(
        c.type not in INLINE for t in tokens for c in t.children or []
    ):
        return None
    stack = [Block()]  # the document, then each list and item open around the token
    for token in tokens:
        if token.type == "bullet_list_open":
            stack[-1].children.append(Block())
            stack.append(stack[-1].children[-1])
        elif token.type == "list_item_open":
            depth = sum(1 for b in stack if b.bullet)
            stack[-1].children.append(Block(bullet=BULLETS[depth % len(BULLETS)]))
            stack.append(stack[-1].children[-1])
        elif token.type in ("bullet_list_close", "list_item_close"):
            stack.pop()
        elif token.type == "inline":
            stack[-1].children.append(Block(inline_content(token)))
    return stack[0].children


class BlocksVisual(Visual):
    """Lays the blocks out as the Markdown widget's own widgets would: a blank line after
    each top-level block, and list items as bullet + text wrapped beside it."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._cache: dict[tuple[int, Style], list[Strip]] = {}

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(self._height(block, rules, width) + 1 for block in self.blocks)

    def _height(self, block: Block, rules: RulesMap, width: int) -> int:
        if block.content is not None:
            return block.content.get_height(rules, width)
        inner = width - cell_len(block.bullet)
        lines = sum(self._height(child, rules, inner) for child in block.children)
        return max(1, lines) if block.bullet else lines

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        key = (width, style)
        if key not in self._cache:
            strips: list[Strip] = []
            for block in self.blocks:
                strips += self._render(block, width, style, options)
                strips.append(Strip([]))
            self._cache = {key: strips}  # one width at a time: a resize draws anew
        return self._cache[key][:height]

    def _render(
        self, block: Block, width: int, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if block.content is not None:
            return block.content.render_strips(width, None, style, options)
        mark_width = cell_len(block.bullet)
        inner = width - mark_width
        lines = [s for child in block.children for s in self._render(child, inner, style, options)]
        if not block.bullet:  # a list: its items one under another
            return lines
        mark = Content(block.bullet, spans=[Span(0, len(block.bullet), ".bullet")])
        first = mark.render_strips(mark_width, 1, style, options)[0]
        gap = Strip.blank(mark_width, style.rich_style)
        return [
            Strip.join([first if i == 0 else gap, line])
            for i, line in enumerate(lines or [Strip([])])
        ]


class Guidance(Widget):
    """Paragraphs and bullet lists as one widget: Textual's Markdown widget mounts four
    widgets per bullet, and an outcome screen took ~20 more widgets to draw for it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"em", "strong", "s", "code_inline", "bullet"}
    DEFAULT_CSS = """
    Guidance {
        height: auto;
        padding: 0 2 0 2;
        color: $foreground;
        & > .em { text-style: italic; }
        & > .strong { text-style: bold; }
        & > .s { text-style: strike; }
        &:dark > .code_inline { background: $warning 10%; color: $text-warning 95%; }
        &:light > .code_inline { background: $error 5%; color: $text-error 95%; }
        &:ansi > .code_inline { background: ansi_default; }
        & > .bullet { color: $text-primary; }
        &:light > .bullet { color: $text-secondary; }
    }
    """

    def __init__(self, source: str, blocks: list[Block], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = source
        self._visual = BlocksVisual(blocks)

    def render(self) -> Visual:
        return self._visual


def guidance_widget(source: str, *, id: str | None = None) -> Guidance | Markdown:
    """``Guidance`` where it can draw ``source`` exactly, else Textual's Markdown widget."""
    blocks = parse_blocks(source)
    return Markdown(source, id=id) if blocks is None else Guidance(source, blocks, id=id)
