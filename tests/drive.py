"""Driving the app as a person does in tests: type words, and wait for what is awaited, not a clock.

``type_text`` types into the focused widget one key per character, as a person types (a
space, punctuation and letters such as "—" or "’" included). ``settle`` lets messages,
screen switches and workers finish. ``wait_until`` (in the app) and ``wait_for`` (outside it:
files, processes, terminals) return as soon as a condition holds and fail after a timeout.
"""

from __future__ import annotations

import asyncio
import time
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from textual import events
from textual.pilot import Pilot

T = TypeVar("T")
POLL = 0.02  # seconds between checks of a condition that no event announces
KEYS_FOR = {"\n": "enter", "\t": "tab"}  # the rest Pilot names itself ("space", "comma"…)


def keys_for(text: str) -> list[str]:
    """The keys that type ``text``: one per character, a line break as Enter."""
    return [KEYS_FOR.get(char, char) for char in text]


def pilot_types(char: str) -> bool:
    """Whether ``pilot.press(char)`` types ``char``: Pilot names punctuation beyond ASCII
    ("—" is ``em_dash``) but then cannot find the character again, and the key types nothing."""
    return char.isascii() or char.isalnum()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` into the focused widget, a key per character."""
    for run in _runs(text):
        if pilot_types(run[0]):
            await pilot.press(*keys_for(run))
        else:  # as a terminal sends it: the key's name with the character it types
            for char in run:
                name = unicodedata.name(char, "unknown").lower().replace(" ", "_")
                pilot.app.post_message(events.Key(name.replace("-", "_"), char))
                await pilot.pause()


def _runs(text: str) -> list[str]:
    """``text`` in runs of characters Pilot types and runs it does not."""
    runs: list[str] = []
    for char in text:
        if runs and pilot_types(char) == pilot_types(runs[-1][0]):
            runs[-1] += char
        else:
            runs.append(char)
    return runs


async def settle(pilot: Pilot[Any]) -> None:
    """Let messages, screen switches and workers finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], T], timeout: float = 10.0, what: str = ""
) -> T:
    """Let the app run until ``condition()`` is true; returns its value (fails after ``timeout``)."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        await pilot.pause()
        await asyncio.sleep(POLL)
    return value


def wait_for(
    condition: Callable[[], T], timeout: float = 20.0, what: str = "", poll: float = POLL
) -> T:
    """Block until ``condition()`` is true; returns its value (fails after ``timeout``)."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        time.sleep(poll)
    return value
