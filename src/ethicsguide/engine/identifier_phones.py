"""Phone numbers in typed text, any region, formatted or not, checked with ``phonenumbers``.

A cheap pattern finds digit runs first; the library (imported only when a run is long
enough to be a phone number, so app start-up never pays for it) decides what is possible.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from types import ModuleType

_CANDIDATE = re.compile(
    r"(?<![\w§$/:.,+-])(?:\+|\b00|\b011)?[ \t]?\(?\d[\d(). \t-]{5,22}\d(?![\w/]|[.,]\d)"
)
_LOCAL_SHAPE = re.compile(r"\d{3}[-. ]\d{4}")
# Public help lines named in the guides: never a client's number.
PUBLIC_NUMBERS = frozenset({"18883737888", "233733", "18007997233", "18007873224"})
# Regions tried for a national-format number (leading 0) that is not a US shape.
_REGIONS = ("MX", "GT", "HN", "SV", "PH", "GB", "IN", "NG", "CN", "VN", "KR", "UA", "RO", "ES")


def find_phones(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every likely phone number in ``text``."""
    for match in _CANDIDATE.finditer(text):
        found = match.group().strip()
        start = match.start() + match.group().index(found[0])
        start, end = _paired(text, start, start + len(found))
        found = text[start:end]
        digits = re.sub(r"\D", "", found)
        if not 7 <= len(digits) <= 15 or _public(digits):
            continue
        if _is_phone(found, digits):
            yield start, end


def _paired(text: str, start: int, end: int) -> tuple[int, int]:
    """The span with its parentheses paired: "(555) 123-4567" after "cell:" takes its "("
    (the pattern cannot start there), and "(555 123 4567)" leaves its "(" with the ")"."""
    span = text[start:end]
    opening, closing = span.find("("), span.find(")")
    if closing >= 0 and not 0 <= opening < closing and start > 0 and text[start - 1] == "(":
        return start - 1, end
    if span.startswith("(") and ")" not in span:
        return start + 1 + len(span[1:]) - len(span[1:].lstrip()), end
    return start, end


def _public(digits: str) -> bool:
    return digits in PUBLIC_NUMBERS or "1" + digits in PUBLIC_NUMBERS


def _is_phone(found: str, digits: str) -> bool:
    if found.startswith("+"):
        return _international(found)
    if found.startswith("011"):
        return _international("+" + digits[3:])
    if found.startswith("00"):
        return _international("+" + digits[2:])
    if len(digits) == 7:
        return bool(_LOCAL_SHAPE.fullmatch(found))
    if _possible(found, "US", strict=True):
        return True
    return found.startswith("0") and any(_valid(found, region) for region in _REGIONS)


def _possible(number: str, region: str | None, strict: bool = False) -> bool:
    pn = _phonenumbers()
    try:
        parsed = pn.parse(number, region)
    except pn.NumberParseException:
        return False
    if strict:
        reason = pn.is_possible_number_with_reason(parsed)
        return reason == pn.ValidationResult.IS_POSSIBLE
    return bool(pn.is_possible_number(parsed))


def _international(number: str) -> bool:
    """A known country code and a plausible length: old and new numbering plans alike
    ("+52 1 33 …" is still written years after Mexico dropped the mobile 1)."""
    pn = _phonenumbers()
    try:
        parsed = pn.parse(number, None)
    except pn.NumberParseException:
        return False
    known = pn.region_code_for_country_code(parsed.country_code) != pn.UNKNOWN_REGION
    return known and 6 <= len(str(parsed.national_number)) <= 14


def _valid(number: str, region: str) -> bool:
    pn = _phonenumbers()
    try:
        return bool(pn.is_valid_number(pn.parse(number, region)))
    except pn.NumberParseException:
        return False


@cache
def _phonenumbers() -> ModuleType:
    import phonenumbers  # lazy: ~20 ms, paid only once a typed text holds a number-like run

    return phonenumbers
