"""Escaping worker text, and re-rendering tree text, so neither can break a Markdown record."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote as percent
from urllib.parse import urlsplit

from ethicsguide.engine.controls import visible

# Inline characters CommonMark gives meaning to anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# Characters that only mean something at the start of a line (headings, lists, quotes...).
_LINE_START = re.compile(r"^(\s*)([#>+\-=])")
# An ordered-list marker ("1." or "1)"): its punctuation is what CommonMark lets us escape.
_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def escape(text: str) -> str:
    """Escape one line of user text for use inline (no newlines are kept)."""
    flat = " ".join(text.split())
    escaped = _INLINE.sub(r"\\\1", flat)
    escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def escape_block(text: str) -> list[str]:
    """User text as escaped lines, paragraphs kept, for quoting."""
    lines = [escape(line) for line in text.strip().splitlines()]
    return [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]


def quote(text: str) -> str:
    """User text as a blockquote, every line prefixed so nothing escapes the quote."""
    lines = escape_block(text)
    if not lines:
        return "> *(none given)*"
    # a line followed by another line of the same paragraph ends in a hard break, so the
    # worker's line breaks (a numbered plan, say) survive rendering
    broken = [
        f"{line}\\" if line and i + 1 < len(lines) and lines[i + 1] else line
        for i, line in enumerate(lines)
    ]
    return "\n".join(f"> {line}" if line else ">" for line in broken)


def code_span(text: str) -> str:
    """Inline code that survives backticks inside ``text``."""
    ticks = max((len(m) for m in re.findall(r"`+", text)), default=0) + 1
    fence = "`" * ticks
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# Tree text: Markdown from a file is re-rendered from a safe subset, never pasted raw.

GUIDANCE_HEADING = 4
"""Headings in tree text start at this level, below the export's own sections."""
_RECORD_WORDS = re.compile(
    r"\s*(signed off|sign-off|final decision|supervisor review|reviewed by|approved by)", re.I
)
"""Words the record's own lines start with: tree text may say them, but never in bold."""
# What can start a block at the start of a line once inline characters are escaped: an
# ATX heading, a quote, a list item, or a line of only - or = (a rule or setext underline).
_BLOCK_START = re.compile(
    r"^()(#{1,6}(?=\s|$)|>|[+-](?=\s|$)|\d{1,9}[.)](?=\s|$)|[-=](?=[-=\s]*$))"
)
_URL_SAFE = "/:?#@!$&*+,;=%-._~[]"  # RFC 3986 reserved and unreserved, minus ( ) < > ' "


def safe_url(url: str) -> str | None:
    """``url`` percent-escaped for use in ``<…>`` or ``(…)``, or None unless it is http(s).

    Only absolute http and https addresses with a host are links; anything else
    (``javascript:``, ``data:``, ``file:``, relative paths) is not.
    """

    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        return None
    return percent(text, safe=_URL_SAFE)


def inert_markdown(text: str, *, heading: int = GUIDANCE_HEADING) -> str:
    """Tree Markdown as Markdown that can only be what it looks like.

    Paragraphs, emphasis, inline code, lists, quotes and links (http/https only) are
    kept. Raw HTML becomes visible text, images become their description (no address is
    fetched), code is fenced longer than any fence inside it, and headings start at
    level ``heading`` so tree text cannot open a section of the record.
    """
    # lazy: markdown-it is ~45 ms; `escape` users (debrief, integrity rows) never parse Markdown
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    parser = MarkdownIt("commonmark", {"html": False})
    root = SyntaxTreeNode(parser.parse(text))
    rendered = "\n\n".join(_block(child, heading) for child in root.children).strip()
    return visible(rendered)  # character references such as ``&#x202E;`` decode to controls


def _block(node: Any, heading: int) -> str:
    kind = node.type
    if kind == "paragraph":
        return _line(_inline(node.children))
    if kind == "heading":
        level = min(6, max(heading, int(node.tag[1]) + heading - 1))
        return "#" * level + " " + " ".join(_inline(node.children).split())
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, heading)
    if kind == "blockquote":
        inner = "\n\n".join(_block(c, heading) for c in node.children)
        return "\n".join(f"> {line}" if line else ">" for line in inner.splitlines())
    if kind in ("fence", "code_block"):
        return _fenced(node.content)
    if kind == "hr":
        return "* * *"
    return _line(_escape_text(node.content))  # anything else is shown as text


def _list(node: Any, heading: int) -> str:
    start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 0
    tight = all(p.hidden for item in node.children for p in item.children if p.type == "paragraph")
    items = []
    for index, item in enumerate(node.children):
        marker = f"{start + index}." if node.type == "ordered_list" else "-"
        body = ("\n" if tight else "\n\n").join(_block(c, heading) for c in item.children)
        pad = " " * (len(marker) + 1)
        lines = body.splitlines() or [""]
        rest = [pad + line if line else "" for line in lines[1:]]
        items.append("\n".join([f"{marker} {lines[0]}", *rest]))
    return ("\n" if tight else "\n\n").join(items)


def _fenced(content: str) -> str:
    """Code in a fence longer than any run of backticks inside it, so it cannot close early."""
    ticks = max((len(m) for m in re.findall(r"`+", content)), default=0) + 1
    fence = "`" * max(3, ticks)
    return f"{fence}text\n{content.rstrip(chr(10))}\n{fence}"


def _inline(children: list[Any]) -> str:
    out = []
    for node in children:
        if node.type == "inline":  # the container of a paragraph's or heading's spans
            out.append(_inline(node.children))
            continue
        kind = node.type
        if kind == "text":
            out.append(_escape_text(node.content))
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")  # each new line's start is escaped by ``_line``
        elif kind == "code_inline":
            out.append(code_span(node.content))
        elif kind in ("em", "strong"):
            mark = "" if _RECORD_WORDS.match(_plain(node.children)) else "*" * len(node.markup)
            out.append(f"{mark}{_inline(node.children)}{mark}")
        elif kind == "link":
            out.append(_link(node))
        elif kind == "image":
            alt = _plain(node.children)
            out.append(f"(image: {_escape_text(alt)})" if alt else "(image)")
        else:
            out.append(_escape_text(node.content or ""))
    return "".join(out)


def _link(node: Any) -> str:
    label = _inline(node.children)
    url = safe_url(str(node.attrs.get("href", "")))
    return f"[{label}](<{url}>)" if url else label


def _plain(children: list[Any]) -> str:
    return "".join(c.content if c.type == "text" else _plain(c.children) for c in children)


def _escape_text(text: str) -> str:
    return _INLINE.sub(r"\\\1", text)


def _line(text: str) -> str:
    """Paragraph lines none of which can start a heading, list, quote or rule."""
    lines = (line.strip() for line in text.strip().splitlines())
    return "\n".join(_BLOCK_START.sub(_escape_start, line) for line in lines)


def _escape_start(match: re.Match[str]) -> str:
    """``\\#``, ``\\-``…; for ``12.`` the backslash goes before the dot (``12\\.``)."""
    mark = match.group(2)
    if mark[0].isdigit():
        return match.group(1) + mark[:-1] + "\\" + mark[-1]
    return match.group(1) + "\\" + mark
