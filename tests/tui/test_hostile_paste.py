"""Pasted escape codes and bidi overrides are shown, never sent to the terminal or recorded raw."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.events import Paste
from textual.widget import Widget
from textual.widgets import Input, TextArea

from ethicsguide.cli import main
from ethicsguide.tui.dialogs.reasoning import ReasoningDialog

from .conftest import SESSION_ID, events, settle

# clear the screen, set the clipboard (OSC 52), reverse the text, a C1 CSI, and raw HTML
HOSTILE = "a\x1b[2J b\x1b]52;c;SGVsbG8=\x07 c\u202eevil\u202c d\x9b2J <script>x</script>"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def drawn(widget: Widget) -> str:
    """Every character the widget sends to the terminal for its first lines."""
    return "".join(s.text for y in range(widget.size.height) for s in widget.render_line(y))


async def test_a_paste_into_the_describe_box_shows_its_controls(build) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#describe", Input)
        box.focus()
        app.post_message(Paste(HOSTILE))  # as the terminal delivers a paste
        await settle(pilot)
        assert not RAW.search(box.value) and not RAW.search(drawn(box))
        assert box.value.startswith("a␛[2J b␛]52;c;SGVsbG8=␇ c{U+202E}evil{U+202C}")


async def test_a_paste_into_the_reasoning_box_is_recorded_and_exported_as_shown(
    build, data, capsys: pytest.CaptureFixture[str]
) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        app.post_message(Paste(HOSTILE + "\r\nsecond line"))
        await settle(pilot)
        dialog: Any = app.screen
        assert isinstance(dialog, ReasoningDialog)
        box = dialog.query_one(TextArea)
        assert not RAW.search(box.text) and not RAW.search(drawn(box))
        assert box.text.endswith("</script>\nsecond line")  # a Windows line break is a line break
        await pilot.press("enter")
        await settle(pilot)
    reasoned = [e for e in events(data) if e["type"] == "reasoned"][-1]
    assert not RAW.search(reasoned["text"]) and "␛[2J" in reasoned["text"]
    capsys.readouterr()
    assert main(["--data-dir", str(data), "export", SESSION_ID]) == 0
    record = capsys.readouterr().out
    assert "␛\\[2J" in record and "<script>" not in record and not RAW.search(record)
