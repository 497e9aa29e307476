"""The one sanitizer for text from trees, sessions and scenarios: control characters made visible.

A terminal obeys control characters: ESC starts sequences that can set the clipboard
(OSC 52), the window title or clear the screen; C1 codes do the same in one byte; bidi
overrides reorder what a reader sees. Text read from a file is shown, never obeyed, so
each such character is replaced by a visible stand-in. Newline and tab are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
"""C0 (but tab and newline), DEL, C1, and the bidi marks, embeddings, overrides, isolates."""

_MAY_HOLD = re.compile(f"[\\\\\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def stand_in(char: str) -> str:
    """What is shown instead of ``char``: a Control Picture (␛) for C0 and DEL, else U+XXXX."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"{{U+{code:04X}}}"


def visible(text: str) -> str:
    """``text`` with every control character replaced by its visible stand-in."""
    if CONTROL.search(text) is None:
        return text
    return CONTROL.sub(lambda m: stand_in(m.group()), text)


def describe(char: str) -> str:
    """``U+001B`` with its stand-in, for messages."""
    return f"U+{ord(char):04X} ({stand_in(char)})"


def may_hold_controls(source: str) -> bool:
    """False when no string parsed from ``source`` (YAML or JSON) can hold a control.

    Controls get in either raw or through a backslash escape (``"\\e"``, ``"\\u001b"``);
    text with neither needs no walk over its data.
    """
    return _MAY_HOLD.search(source) is not None


PathPart = str | int
MAX_DEPTH = 64
"""Deeper nesting than any tree, scenario or session needs; the walks below stop there."""


class TooDeep(ValueError):
    """Data nested deeper than ``MAX_DEPTH``, at ``path``."""

    def __init__(self, path: tuple[PathPart, ...]) -> None:
        super().__init__(f"nested more than {MAX_DEPTH} levels deep")
        self.path = path


def visible_data(value: Any, depth: int = 0) -> Any:
    """A copy of parsed data (dicts, lists, strings) with every string made visible."""
    if isinstance(value, str):
        return visible(value)
    if depth > MAX_DEPTH and isinstance(value, dict | list):
        raise TooDeep(())
    if isinstance(value, dict):
        return {visible_data(k): visible_data(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [visible_data(v, depth + 1) for v in value]
    return value


def find_controls(
    value: Any, path: tuple[PathPart, ...] = ()
) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    """Each string (or key) holding a control character: its path and the first such char.

    Raises ``TooDeep`` (with the path) past ``MAX_DEPTH`` levels.
    """
    if isinstance(value, str):
        found = CONTROL.search(value)
        if found:
            yield path, found.group()
        return
    if len(path) > MAX_DEPTH and isinstance(value, dict | list):
        raise TooDeep(path)
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (found := CONTROL.search(key)):
                yield (*path, key), found.group()
            yield from find_controls(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from find_controls(item, (*path, index))
