"""The commands' last guard: stdout and stderr never pass a control character to the terminal."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from ethicsguide.engine.controls import visible


class VisibleWriter(io.TextIOBase):
    """A text stream that writes through to ``target`` with control characters made visible.

    Text from trees and sessions is already made safe where it is read; this catches
    anything else a command prints (a file name, a library error message).
    """

    def __init__(self, target: TextIO) -> None:
        self.target = target

    def write(self, text: str) -> int:
        self.target.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.target, "encoding", None) or "utf-8")

    def __getattr__(self, name: str) -> Any:  # errors, buffer, ...
        return getattr(self.target, name)


@contextmanager
def visible_output() -> Iterator[None]:
    """Guard ``sys.stdout`` and ``sys.stderr`` for the duration of one command."""
    saved = sys.stdout, sys.stderr
    sys.stdout = VisibleWriter(saved[0])
    sys.stderr = VisibleWriter(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
