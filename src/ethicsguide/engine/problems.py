"""One value for every problem found in a tree or scenario file, and its renderers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

from ethicsguide.engine.wording import counted


class Severity(StrEnum):
    """How bad a problem is: errors fail validation, warnings do not.

    ``review`` marks a review flag (``validate --review``): text for a person to re-read,
    never mixed into a library's problems and never a failure, even with ``--strict``.
    """

    ERROR = "error"
    WARNING = "warning"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class Problem:
    """A located problem. ``line``/``col`` are 1-based; 0 means "the whole file"."""

    file: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """``file:line:col``, or just ``file`` when no position is known."""
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col or 1}"

    def render(self) -> str:
        """The one-line text form: ``file:line:col: error[code] message (hint)``."""
        text = f"{self.location()}: {self.severity}[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Errors and warnings in file order, so a reader can walk down the file."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.col, p.code, p.message))


def render_text(problems: Iterable[Problem], *, review: bool = False) -> str:
    """All problems as text lines, followed by a summary line (counting flags if ``review``)."""
    items = sort_problems(problems)
    lines = [p.render() for p in items]
    lines.append(summary(items, review=review))
    return "\n".join(lines)


def summary(problems: list[Problem], *, review: bool = False) -> str:
    """``N errors, M warnings`` in plain words (and ``, K review flags`` if asked or any)."""
    errors = sum(p.is_error for p in problems)
    flags = sum(p.severity is Severity.REVIEW for p in problems)
    warnings = len(problems) - errors - flags
    text = f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"
    return f"{text}, {counted(flags, 'review flag')}" if flags or review else text


def render_json(problems: Iterable[Problem]) -> str:
    """All problems as a JSON array of objects with the dataclass fields."""
    return json.dumps([asdict(p) for p in sort_problems(problems)], indent=2)
