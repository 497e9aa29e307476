"""The shared test helpers type what they are given and wait no longer than needed."""

from __future__ import annotations

import time

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea

from tests.drive import keys_for, type_text, wait_for, wait_until

TYPED = (
    'Hi, it\'s 5 p.m. — ok? [a|b] 100% & "done"; x/y\\z_1+2=3 <é> @home #1 ~*`^$!(){} “she’s safe…”'
)


class OneBox(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.submitted: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submitted.append(event.value)


async def test_type_text_types_spaces_and_punctuation_as_written() -> None:
    app = OneBox()
    async with app.run_test() as pilot:
        await type_text(pilot, TYPED)
        assert app.query_one(Input).value == TYPED
        await type_text(pilot, "\n")  # a line break is Enter
        assert app.submitted == [TYPED]


class OneArea(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea()


async def test_type_text_writes_lines_into_a_text_area() -> None:
    app = OneArea()
    async with app.run_test() as pilot:
        await type_text(pilot, "café — “ok”\nsecond line")
        assert app.query_one(TextArea).text == "café — “ok”\nsecond line"


def test_a_line_break_and_a_tab_are_keys() -> None:
    assert keys_for("a b\n\t") == ["a", " ", "b", "enter", "tab"]


async def test_wait_until_returns_as_soon_as_the_condition_holds() -> None:
    app = OneBox()
    async with app.run_test() as pilot:
        app.set_timer(0.1, lambda: app.query_one(Input).insert_text_at_cursor("now"))
        start = time.monotonic()
        value = await wait_until(pilot, lambda: app.query_one(Input).value, timeout=5)
        assert value == "now" and time.monotonic() - start < 2
        with pytest.raises(AssertionError, match=r"timed out .* the box filling twice"):
            await wait_until(pilot, lambda: False, timeout=0.1, what="the box filling twice")


def test_wait_for_returns_the_value_or_fails_after_the_timeout() -> None:
    ready = time.monotonic() + 0.1
    assert wait_for(lambda: time.monotonic() > ready and "ready", timeout=5) == "ready"
    with pytest.raises(AssertionError, match="timed out"):
        wait_for(lambda: False, timeout=0.1)
