"""Escaping worker-typed text so it cannot break the structure of a Markdown record."""

from __future__ import annotations

import re

# Inline characters CommonMark gives meaning to anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# Characters that only mean something at the start of a line (headings, lists, quotes...).
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def escape(text: str) -> str:
    """Escape one line of user text for use inline (no newlines are kept)."""
    flat = " ".join(text.split())
    escaped = _INLINE.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def escape_block(text: str) -> list[str]:
    """User text as escaped lines, paragraphs kept, for quoting."""
    lines = [escape(line) for line in text.strip().splitlines()]
    return [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]


def quote(text: str) -> str:
    """User text as a blockquote, every line prefixed so nothing escapes the quote."""
    lines = escape_block(text)
    return (
        "\n".join(f"> {line}" if line else ">" for line in lines) if lines else "> *(none given)*"
    )


def code_span(text: str) -> str:
    """Inline code that survives backticks inside ``text``."""
    ticks = max((len(m) for m in re.findall(r"`+", text)), default=0) + 1
    fence = "`" * ticks
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
