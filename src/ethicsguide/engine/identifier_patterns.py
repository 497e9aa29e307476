"""Pattern rules for identifiers with a fixed shape: e-mail, handles, IPs, SSNs, A-numbers, cases, plates.

Each rule is a kind, a compiled pattern, and (for cue-led rules) which group holds the
identifier; the cue itself ("DOB", "plate", "case #") stays in the text.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from typing import NamedTuple

_I = re.IGNORECASE


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|enero|febrero|marzo|abril|mayo|"
    r"junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)[a-z]*\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+{_DAY},?\s+\d{{4}}"
    rf"|{_DAY}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+)?\d{{4}}|{_MONTH}\s+{_DAY}\b"
    rf"|{_DAY}\s+(?:of\s+|de\s+)?{_MONTH}|\d{{1,2}}/\d{{1,2}}\b)"
)
_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    "NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR"
)
_SOCIAL_SITES = (
    r"instagram\.com|facebook\.com|fb\.com|tiktok\.com|twitter\.com|x\.com|snapchat\.com|"
    r"onlyfans\.com|t\.me|youtube\.com|linkedin\.com|cash\.app|venmo\.com|"
    r"megapersonals\.eu|skipthegames\.com|reddit\.com"
)
_ID_TOKEN = r"((?=[\w-]*\d)[A-Za-z0-9][\w-]{3,}(?:[:/][\w-]+)*)"


class _Lazy:
    """A pattern compiled on first use: most checks never need most rules, and compiling all
    of them would cost the first check tens of milliseconds."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source, self.flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled


class Rule(NamedTuple):
    """A kind, its pattern (group 1, if any, is the identifier), and words it cannot match without.

    ``needs`` is a cheap filter: the rule only runs when the lower-cased text holds one of them.
    """

    kind: str
    pattern: _Lazy
    needs: frozenset[str] = frozenset()


RULES: tuple[Rule, ...] = (
    Rule("email", _Lazy(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), _set("@")),
    Rule(
        "email",
        _Lazy(
            r"(?<![\w.+-])[\w.+-]+\s?(?:\[at\]|\(at\)| at )\s?[\w-]+\s?(?:\[dot\]|\(dot\)| dot )\s?"
            r"(?:com|org|net|edu|gov|mx)\b",
            _I,
        ),
        _set("at"),
    ),
    Rule(
        "handle",
        _Lazy(rf"\b(?:https?://)?(?:www\.|m\.)?(?:{_SOCIAL_SITES})/[^\s)\]>,;]+", _I),
        _set(".com/ .me/ .app/ .eu/"),
    ),
    Rule("handle", _Lazy(r"(?<![\w@.])@[A-Za-z_][A-Za-z0-9_.]{0,29}(?<!\.)"), _set("@")),
    Rule("handle", _Lazy(r"(?<![\w$])\$[A-Za-z][A-Za-z0-9_-]{2,19}\b"), _set("$")),
    Rule(
        "handle",
        _Lazy(
            r"(?i:\b(?:instagram|insta|ig|snapchat|snap|tiktok|twitter|telegram|kik|discord|"
            r"onlyfans|handle|username|user name|screen ?name|gamertag)\b(?:\s+(?:handle|name|"
            r"account|id|is|was))*\s*[:\-]?\s*)([A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?<!\.))"
        ),
        _set("insta ig snap tiktok twitter telegram kik discord onlyfans handle user screen gamer"),
    ),
    Rule(
        "ip",
        _Lazy(
            r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)"
        ),
    ),
    Rule("ip", _Lazy(r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")),
    Rule("ssn", _Lazy(r"\b(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}\b")),
    Rule(
        "ssn",
        _Lazy(
            r"(?i:\b(?:ssn|ss\#|soc(?:ial)?\.?\s+sec(?:urity)?\.?(?:\s+(?:number|no\.?|\#|card))?)"
            r"(?:\s+(?:is|was|number))?\s*[:#]?\s*)(\d{3}[- .]?\d{2}[- .]?\d{4})\b"
        ),
        _set("ssn ss# soc"),
    ),
    Rule(
        "ssn",
        _Lazy(
            r"(?i:\b(?:ssn|social(?:\s+security)?(?:\s+number)?)[^.\n\d]{0,20}?(?:last\s+(?:4|four)"
            r"|ending(?:\s+in)?|ends?\s+(?:in|with))(?:\s+digits)?(?:\s+(?:is|are|of))?\s*[:#]?\s*)(\d{4})\b"
        ),
        _set("ssn social"),
    ),
    Rule(
        "ssn",
        _Lazy(
            r"(?i:\blast\s+(?:4|four)(?:\s+digits)?\s+of\s+(?:her\s+|his\s+|their\s+|the\s+)?"
            r"(?:ssn|social(?:\s+security)?(?:\s+number)?)\s*(?:is|are|:)?\s*)(\d{4})\b"
        ),
        _set("last"),
    ),
    Rule(
        "a-number",
        _Lazy(
            r"(?i:\b(?:a[- ]?(?:number|no\.?|file)|alien\s+(?:registration\s+)?(?:number|no\.?|\#)|"
            r"uscis\s+(?:number|no\.?|\#)|a\s?\#)(?:\s+[a-z]+){0,4}?\s*[:#]?\s*)"
            r"((?:A[- ]?)?\d(?:[- ]?\d){7,8})\b"
        ),
        _set("number no file # alien uscis"),
    ),
    Rule(
        "a-number",
        _Lazy(r"\b[Aa][-#]?\s?(?:\d{3}[- ]?\d{3}[- ]?\d{3}|\d{8,9}|\d{2}[- ]?\d{3}[- ]?\d{3})\b"),
    ),
    Rule("a-number", _Lazy(r"(?<![\d-])\d{3}-\d{3}-\d{3}(?![\d-])")),  # 3-3-3: only A-numbers
    Rule(
        "date-of-birth",
        _Lazy(
            rf"(?i:\b(?:born(?:\s+on)?|dob|d\.o\.b\.?|date\s+of\s+birth|birth\s?date|birthday|"
            rf"bday|b\.)(?:\s+(?:is|was|on|of))?[:\s]*)({_DATE})",
            _I,
        ),
        _set("born dob d.o.b birth bday b."),
    ),
    Rule(
        "case-number",
        _Lazy(r"\b(?:EAC|WAC|LIN|SRC|NBC|MSC|IOE|YSC|TSC|VSC|NSC|CSC)[- ]?\d{10}\b"),
    ),
    Rule("case-number", _Lazy(r"\b\d{1,2}:\d{2}-[A-Za-z]{2,4}-\d{3,6}(?:-[A-Za-z]{2,4})?\b")),
    Rule("case-number", _Lazy(r"\b[A-Z]{1,4}-?\d{2,4}-\d{3,7}\b")),
    Rule(
        "id-number",
        _Lazy(
            r"(?i:\b(?:passport|driver'?s?\s+licen[cs]e|dl|state\s+id|id\s+card|i-94|sevis|"
            r"visa\s+(?:number|no\.?|\#)|green\s+card|ead|ein|itin|tin)(?:\s+(?:number|no\.?|\#))?"
            rf"(?:\s+(?:is|was))?\s*[:#]?\s*){_ID_TOKEN}"
        ),
        _set("passport licen dl id i-94 sevis visa green ead ein tin"),
    ),
    Rule(
        "case-number",
        _Lazy(
            r"(?i:\b(?:case|docket|cause|file|record|mrn|medical\s+record|chart|client\s+id|id|"
            r"account|acct|inmate|booking|report|police\s+report|incident|complaint|petition|"
            r"receipt|warrant|ncic|oca|referral|intake|ticket)(?:\s+(?:no\.?|number|\#))?"
            rf"(?:\s+(?:is|was))?\s*[:#]?\s*){_ID_TOKEN}"
        ),
        _set(
            "case docket cause file record mrn chart id account acct inmate booking report incident complaint petition receipt warrant ncic oca referral intake ticket"
        ),
    ),
    Rule(
        "plate",
        _Lazy(
            # Up to five words may come between ("plate on the Tahoe was …"); the plate itself
            # must be in capitals, which keeps "plate of food with 2 eggs" out.
            r"(?i:\b(?:licen[cs]e\s+plates?|plates?|tags?|registration)(?:\s+[\w'’-]+){0,5}?"
            rf"\s*[:#]?\s*(?:(?:{_STATES})\s+)?)"
            r"([A-Z0-9]{1,4}[- ]?[A-Z0-9]{1,5})\b"
        ),
        _set("plate tag registration licen"),
    ),
    Rule("plate", _Lazy(r"\b\d[A-Z]{3}\d{3}\b")),
    Rule("address", _Lazy(r"(?i:\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b)"), _set("box")),
    Rule(
        "address",
        _Lazy(
            r"\b\d{1,5}\s+(?:Calle|Avenida|Av\.|Avda\.|Carrera|Rua|Rue|Camino|Callejón|Privada)"
            r"(?:\s+(?:de|del|la|las|los|[A-ZÀ-Þ][\w'’.-]*)){1,4}"
        ),
        _set("calle avenida av. avda carrera rua rue camino callej privada"),
    ),
    Rule(
        "address",
        _Lazy(
            r"\b(?:Calle|Avenida|Av\.|Avda\.|Carrera|Rua|Rue|Camino|Callejón|Privada)\s+"
            r"(?:[\w'’.-]+\s+){0,4}\d{1,5}\b"
        ),
        _set("calle avenida av. avda carrera rua rue camino callej privada"),
    ),
    Rule(
        "address",
        _Lazy(
            rf"\b[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,2}},\s*(?:{_STATES})\s+\d{{5}}(?:-\d{{4}})?\b"
        ),
    ),
    Rule(
        "address",
        _Lazy(r"(?i:\bzip(?:\s+code)?(?:\s+is)?\s*[:#]?\s*)(\d{5}(?:-\d{4})?)\b"),
        _set("zip"),
    ),
)

_YEAR = re.compile(r"(?:19|20)\d\d")
_STREET_WORDS = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|highway|hwy|parkway|pkwy|lane|ln|drive|dr|"
    r"way|court|ct|circle|cir|terrace|ter|place|pl|trail|trl|loop|plaza|square|sq"
)
_ADDRESS = re.compile(
    r"\b(\d{1,6}[A-Za-z]?(?:-\d{1,4})?)\s+((?:[\w'’.-]+\s+){1,4}?)"
    rf"(?i:({_STREET_WORDS}))(\.?)(?!\w)"
    r"(?:\s*,?\s*(?i:apt|apartment|unit|suite|ste|\#|room|rm)\.?\s*\#?[\w-]+)?"
)
_STREET_WORD = re.compile(rf"\b(?i:{_STREET_WORDS})\b")
_ABBREVIATIONS = _set("st ave rd blvd hwy pkwy ln dr ct cir ter pl trl sq")
_NOT_STREET_NAMES = _set(
    """a an the on in at of to for from by with and or but down up off near across past along
    around behind over under into onto about after before hours days nights weeks months years
    minutes times blocks miles people girls boys kids clients men women calls more than"""
)


_HANDLE_HINTS = _set(
    "@ $ / insta ig snap tiktok twitter telegram kik discord onlyfans handle user screen gamer"
)


def find_patterns(text: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) for every rule match worth reporting, in rule order."""
    kinds = _possible_kinds(text)
    lowered = text.lower()
    for kind, pattern, needs in RULES:
        if kind not in kinds or (needs and not any(n in lowered for n in needs)):
            continue
        compiled = pattern.compiled
        for match in compiled.finditer(text):
            start, end = match.span(1) if _marks_group(compiled) else match.span()
            if _plausible(kind, text[start:end]):
                yield kind, start, end
    if "address" in kinds and _STREET_WORD.search(text):
        yield from _street_addresses(text)


def _street_addresses(text: str) -> Iterator[tuple[str, int, int]]:
    # Searched by hand, not with finditer: a rejected match ("4 at 1200 W 34th St") must not
    # hide the address that starts inside it ("1200 W 34th St").
    position = 0
    while (match := _ADDRESS.search(text, position)) is not None:
        if _street_address(match):
            yield "address", match.start(), match.end()
            position = match.end()
        else:
            position = match.start() + 1


def _possible_kinds(text: str) -> set[str]:
    """Kinds whose rules could match at all: a cheap test that spares most rules most keystrokes."""
    lowered = text.lower()
    kinds = set()
    if "@" in lowered or "at" in lowered:
        kinds.add("email")
    if any(hint in lowered for hint in _HANDLE_HINTS):
        kinds.add("handle")
    if any(c.isdigit() for c in text):  # every other kind holds a digit
        kinds |= {"ip", "ssn", "a-number", "date-of-birth", "case-number", "id-number"}
        kinds |= {"plate", "address"}
    return kinds


def _marks_group(pattern: re.Pattern[str]) -> bool:
    # A back-reference (the SSN's repeated separator) means group 1 is not the identifier.
    return pattern.groups >= 1 and "\\1" not in pattern.pattern


def _plausible(kind: str, found: str) -> bool:
    if kind == "ip" and ":" in found:
        return _ipv6(found)
    if kind in ("case-number", "id-number"):
        return not _YEAR.fullmatch(found)
    if kind == "plate":
        return _plate(found)
    if kind == "handle" and not found.startswith(("@", "$")) and "/" not in found:
        return bool(re.search(r"[\d_.]", found))
    return True


def _ipv6(found: str) -> bool:
    if not re.search(r"[0-9A-Fa-f]", found):
        return False
    try:
        ipaddress.IPv6Address(found)
    except ValueError:
        return False
    return True


def _plate(found: str) -> bool:
    bare = found.replace("-", "").replace(" ", "")
    has_digit = any(c.isdigit() for c in bare)
    has_letter = any(c.isalpha() for c in bare)
    return (
        has_digit
        and has_letter
        and 4 <= len(bare) <= 8
        and not re.fullmatch(r"\d+(?:st|nd|rd|th)", bare, _I)
    )


def _street_address(match: re.Match[str]) -> bool:
    middle = match.group(2).split()
    if any(w.lower().strip(".,") in _NOT_STREET_NAMES for w in middle):
        return False
    suffix = match.group(3).lower()
    if (
        suffix in _ABBREVIATIONS
        and suffix in ("dr", "pl", "ct", "ter", "cir")
        and match.group(4) == ""
    ):
        return any(w[:1].isupper() for w in middle)
    if suffix in _ABBREVIATIONS:
        return True
    return any(w[:1].isupper() or w[:1].isdigit() for w in middle) or len(middle) <= 2
