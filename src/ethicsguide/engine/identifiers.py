"""Spotting likely identifiers in what a worker types, and replacing them with typed placeholders.

It is a guard, not a guarantee. Fixed shapes (e-mail, handles, IPs, SSNs, A-numbers, dates of
birth, case and ID numbers, plates, street addresses) come from ``identifier_patterns``,
phone numbers from ``identifier_phones`` (the ``phonenumbers`` library, any region) and
names from ``identifier_names`` (any script, after cue words and titles or by shape). Legal
citations and the public hotlines in the guides are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ethicsguide.engine.identifier_names import find_names
from ethicsguide.engine.identifier_patterns import find_patterns
from ethicsguide.engine.identifier_phones import find_phones


@dataclass(frozen=True)
class Finding:
    """One likely identifier: its kind (the placeholder name) and where it is."""

    kind: str
    start: int
    end: int
    text: str


KINDS = (
    "email",
    "handle",
    "ip",
    "ssn",
    "a-number",
    "date-of-birth",
    "case-number",
    "id-number",
    "plate",
    "address",
    "phone",
    "name",
)

_CODE = r"(?:U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?|C\.?\s?F\.?\s?R\.?|Stat\.|FR|F\.R\.|U\.S\.|F\.\s?(?:\dd|Supp\.))"
_CITATION = re.compile(
    rf"\b\d+\s+{_CODE}\s+(?:(?:Parts?|pt\.|§+|sec\.|section)\s*)?[\w.()-]+"
    r"(?:\s*(?:-|–|to|and|,)\s*\d[\w.()-]*)?"
    r"|\bP(?:ub)?\.?\s?L\.?\s+\d+-\d+|§+\s*[\w.()-]+|\b(?:INA|IRCA)\s+(?:§+\s*)?[\w.()-]+",
)

_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(KINDS) + r")\]")  # already redacted: leave it


def find_identifiers(text: str) -> list[Finding]:
    """Every likely identifier in ``text``, in order, without overlaps.

    Where two rules overlap, the span is widened to cover both (so nothing is left half
    redacted) and keeps the kind of the longer finding (on a tie, the one first in ``KINDS``).
    """
    protected = [m.span() for m in _CITATION.finditer(text)]
    protected += [m.span() for m in _PLACEHOLDER.finditer(text)]
    spans: list[tuple[str, int, int]] = list(find_patterns(text))
    spans += [("phone", start, end) for start, end in find_phones(text)]
    spans += [("name", start, end) for start, end in find_names(text, [s[1:] for s in spans])]
    kept = [_whole_words(text, s) for s in spans if not _overlaps(s[1], s[2], protected)]
    return [Finding(kind, start, end, text[start:end]) for kind, start, end in _merge(kept)]


def _whole_words(text: str, span: tuple[str, int, int]) -> tuple[str, int, int]:
    """Widen a finding that stops inside a word ("@A" of "@AÀ"), so no piece is left behind."""
    kind, start, end = span
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return kind, start, end


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def _merge(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    rank = {kind: i for i, kind in enumerate(KINDS)}
    merged: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(spans, key=lambda s: (s[1], -s[2])):
        if merged and start < merged[-1][2]:
            last_kind, last_start, last_end = merged[-1]
            size, last_size = end - start, last_end - last_start
            best = min((-last_size, rank[last_kind], last_kind), (-size, rank[kind], kind))[2]
            merged[-1] = (best, last_start, max(last_end, end))
        else:
            merged.append((kind, start, end))
    return merged


def redact(text: str) -> str:
    """``text`` with each likely identifier replaced by ``[kind]``; everything else kept.

    Repeated until nothing more is found (a placeholder can expose a neighbour, as in
    "À@A"), so redacting a redacted text changes nothing.
    """
    for _ in range(8):  # bounded: each pass only replaces text with placeholders
        once = _redact_once(text)
        if once == text:
            break
        text = once
    return text


def _redact_once(text: str) -> str:
    pieces, cursor = [], 0
    for finding in find_identifiers(text):
        pieces.append(text[cursor : finding.start])
        pieces.append(f"[{finding.kind}]")
        cursor = finding.end
    pieces.append(text[cursor:])
    return "".join(pieces)
