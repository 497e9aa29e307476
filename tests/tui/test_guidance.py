"""The outcome's guidance widget draws exactly what Textual's Markdown widget draws."""

from __future__ import annotations

import re

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from ethicsguide.tui.widgets.guidance import Guidance, guidance_widget

GUIDANCE = [
    "**The child is in immediate danger. Call 911 now**, and follow your agency's protocol.",
    "Before you act:\n\n- Keep the child with a *safe* adult while help comes.\n"
    "- Do not contact the parent.\n  A second line of the same item, long enough to wrap "
    "once or twice at this width, so the hanging indent shows.\n\nThen tell your supervisor.",
    "- One\n  - nested, with `code` in it\n    - and deeper\n- Two ~~struck~~ back",
]


class Side(App[None]):
    """The guidance as the outcome screen lays it out (padding, a margin, a width cap)."""

    CSS = "VerticalScroll { padding: 0 2; } #g { margin: 1 0 0 0; max-width: 100; }"

    def __init__(self, text: str, ours: bool, theme: str) -> None:
        super().__init__()
        self.text, self.ours, self.start_theme = text, ours, theme

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("above")
            yield guidance_widget(self.text, id="g") if self.ours else Markdown(self.text, id="g")
            yield Static("below")

    def on_mount(self) -> None:
        self.theme = self.start_theme


async def screenshot(text: str, ours: bool, theme: str, width: int) -> str:
    app = Side(text, ours, theme)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        if ours:
            assert isinstance(app.query_one("#g"), Guidance)
        return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())


@pytest.mark.parametrize("text", GUIDANCE)
@pytest.mark.parametrize(("theme", "width"), [("textual-dark", 100), ("textual-light", 61)])
async def test_guidance_looks_like_the_markdown_widget(text: str, theme: str, width: int) -> None:
    ours = await screenshot(text, True, theme, width)
    assert ours == await screenshot(text, False, theme, width)
    assert "immediate" in ours or "Keep" in ours or "nested" in ours


def test_other_markdown_keeps_textuals_widget() -> None:
    assert isinstance(guidance_widget("> a quoted line"), Markdown)
    assert isinstance(guidance_widget("1. first\n2. second"), Markdown)
    assert isinstance(guidance_widget("a [link](https://example.org)"), Markdown)
    assert isinstance(guidance_widget("plain **bold**"), Guidance)
