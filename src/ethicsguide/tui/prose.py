"""Scenario prose (vignettes, injects, commentary) as Rich text for the exercise screens."""

from __future__ import annotations

import re

from rich.text import Text

_LIST_ITEM = re.compile(r"^([-*+]|\d+[.)])\s")
_EMPHASIS = re.compile(r"\*\*(?P<bold>.+?)\*\*|(?<![\w*])\*(?P<italic>[^*\s][^*]*?)\*(?![\w*])")


def reflow(source: str) -> str:
    """Join the lines of each paragraph (YAML blocks break lines where the author's editor did)."""
    lines: list[str] = []
    for line in source.strip().splitlines():
        line = line.strip()
        if lines and line and lines[-1] and not _LIST_ITEM.match(line):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


def md_text(source: str) -> Text:
    """Scenario prose as Rich text: paragraphs reflowed, ``**bold**`` and ``*italic*`` styled."""
    source = reflow(source)
    text = Text()
    last = 0
    for match in _EMPHASIS.finditer(source):
        text.append(source[last : match.start()])
        if match.group("bold") is not None:
            text.append(match.group("bold"), style="bold")
        else:
            text.append(match.group("italic"), style="italic")
        last = match.end()
    text.append(source[last:])
    return text
