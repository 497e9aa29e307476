"""Spotting likely identifiers in what a worker types, and replacing them with typed placeholders.

It is a guard, not a guarantee: patterns catch the usual shapes (phones, e-mail, SSNs,
A-numbers, dates of birth, street addresses, case numbers, names after cue words) and
leave legal citations and public hotline numbers alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One likely identifier: its kind (the placeholder name) and where it is."""

    kind: str
    start: int
    end: int
    text: str


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})"
_STREET = (
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|"
    r"terrace|ter|highway|hwy|parkway|pkwy|circle|cir)\.?"
)
_NAME_CUES = (
    r"client|survivor|victim|patient|resident|youth|girl|boy|mother|mom|father|dad|son|daughter|"
    r"sister|brother|aunt|uncle|cousin|boyfriend|girlfriend|husband|wife|partner|trafficker|pimp|"
    r"named|called|name is|named as|ms\.?|mr\.?|mrs\.?|miss"
)
_NOT_NAMES = {
    "I",
    "The",
    "A",
    "An",
    "She",
    "He",
    "They",
    "We",
    "It",
    "This",
    "That",
    "Her",
    "His",
    "Their",
    "Was",
    "Is",
    "Has",
    "Had",
    "Said",
    "Told",
    "Who",
    "And",
    "But",
    "Or",
    "If",
    "When",
    "Then",
    "So",
    "Not",
    "In",
    "On",
    "At",
    "To",
    "For",
    "With",
    "From",
    "CPS",
    "APS",
}

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    (
        "ssn",
        re.compile(
            r"\b(?!000|666|9\d\d)\d{3}[- ]\d{2}[- ]\d{4}\b|(?i:\b(?:ssn|social security(?: number| no\.?)?)[:#\s]*)\d{9}\b"
        ),
    ),
    (
        "a-number",
        re.compile(r"\b[Aa][- ]?(?:\d{3}[- ]?\d{3}[- ]?\d{3}|\d{8,9}|\d{2}[- ]?\d{3}[- ]?\d{3})\b"),
    ),
    (
        "phone",
        re.compile(r"(?<![\w.§])(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}\b"),
    ),
    (
        "date-of-birth",
        re.compile(
            rf"(?i:\b(?:born(?: on)?|dob|d\.o\.b\.?|date of birth|birthday|birth date|b\.)(?:\s+(?:is|was|on))?[:\s]*)({_DATE})",
            re.I,
        ),
    ),
    (
        "address",
        re.compile(
            rf"\b\d{{1,6}}\s+(?:[A-Z0-9][\w'-]*\s+){{1,4}}(?i:{_STREET})(?:\s*,?\s*(?i:apt|apartment|unit|#)\s*\w+)?(?=\W|$)"
        ),
    ),
    (
        "case-number",
        re.compile(
            r"(?i:\b(?:case|record|file|docket|mrn|client id|id|chart|account|acct|inmate|booking)\s*(?:no\.?|number|#)?\s*[:#]?\s*)((?=[\w-]*\d)[A-Z0-9][\w-]{3,})\b"
        ),
    ),
    ("name", re.compile(rf"(?i:\b(?:{_NAME_CUES}))[\s,:]+([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)")),
)

_CITATION = re.compile(
    r"\b\d+\s+(?:U\.?\s?S\.?\s?C\.?|C\.?\s?F\.?\s?R\.?|Stat\.|FR|F\.R\.)\s+(?:§+\s*)?[\w.()-]+|"
    r"\bP\.?\s?L\.?\s+\d+-\d+|§+\s*[\w.()-]+|\bPub\.\s+L\.\s+\d+-\d+|\b\d+\s+FR\s+\d+",
)
_PUBLIC_NUMBERS = {"18883737888", "8887377888", "233733", "18007997233", "8007997233", "988", "911"}


def find_identifiers(text: str) -> list[Finding]:
    """Every likely identifier in ``text``, in order, without overlaps."""
    protected = [m.span() for m in _CITATION.finditer(text)]
    found: list[Finding] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span(1) if match.lastindex else match.span()
            candidate = text[start:end]
            if _skip(kind, candidate, start, end, protected, found):
                continue
            found.append(Finding(kind, start, end, candidate))
    return sorted(found, key=lambda f: f.start)


def _skip(
    kind: str,
    candidate: str,
    start: int,
    end: int,
    protected: list[tuple[int, int]],
    found: list[Finding],
) -> bool:
    if any(start < p_end and p_start < end for p_start, p_end in protected):
        return True
    if any(start < f.end and f.start < end for f in found):
        return True
    if kind == "phone" and re.sub(r"\D", "", candidate) in _PUBLIC_NUMBERS:
        return True
    return kind == "name" and candidate.split()[0].rstrip("’'") in _NOT_NAMES


def redact(text: str) -> str:
    """``text`` with each likely identifier replaced by ``[kind]``; everything else kept."""
    pieces, cursor = [], 0
    for finding in find_identifiers(text):
        pieces.append(text[cursor : finding.start])
        pieces.append(f"[{finding.kind}]")
        cursor = finding.end
    pieces.append(text[cursor:])
    return "".join(pieces)
