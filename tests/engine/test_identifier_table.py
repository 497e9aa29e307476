"""The identifier guard against a labelled table of caseworker sentences: no misses, rare false alarms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from ethicsguide.engine.identifiers import KINDS, find_identifiers, redact

TABLE = Path(__file__).parent / "data" / "identifier_cases.txt"
_MARK = re.compile(r"\{\{([a-z-]+):(.+?)\}\}")


@dataclass(frozen=True)
class Case:
    """One labelled sentence: its plain text and each identifier in it as (kind, start, end)."""

    line: int
    text: str
    marks: tuple[tuple[str, int, int], ...]


def parse(number: int, raw: str) -> Case:
    text, marks, cursor = [], [], 0
    length = 0
    for match in _MARK.finditer(raw):
        before = raw[cursor : match.start()]
        text.append(before)
        length += len(before)
        kind, value = match.groups()
        assert kind in KINDS, f"{TABLE.name}:{number}: unknown kind {kind!r}"
        marks.append((kind, length, length + len(value)))
        text.append(value)
        length += len(value)
        cursor = match.end()
    text.append(raw[cursor:])
    return Case(number, "".join(text), tuple(marks))


def load() -> list[Case]:
    cases = []
    for number, raw in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.strip() and not raw.startswith("#"):
            cases.append(parse(number, raw))
    return cases


CASES = load()


def missed(case: Case) -> list[str]:
    """Marked identifiers not wholly covered by a finding of their kind."""
    found = find_identifiers(case.text)
    return [
        f"{kind}:{case.text[start:end]}"
        for kind, start, end in case.marks
        if not any(f.kind == kind and f.start <= start and end <= f.end for f in found)
    ]


def false_alarms(case: Case) -> list[str]:
    """Findings that touch no marked identifier."""
    found = find_identifiers(case.text)
    return [
        f"{f.kind}:{f.text}"
        for f in found
        if not any(f.start < end and start < f.end for _, start, end in case.marks)
    ]


def test_the_table_is_big_enough_and_covers_every_kind() -> None:
    benign = [c for c in CASES if not c.marks]
    assert len(CASES) >= 200 and len(benign) >= 60
    assert {kind for c in CASES for kind, _, _ in c.marks} == set(KINDS)


def test_no_identifier_in_the_table_is_missed() -> None:
    misses = [(c.line, m) for c in CASES for m in missed(c)]
    assert misses == []


def test_false_alarms_stay_under_two_percent() -> None:
    alarms = [(c.line, a) for c in CASES for a in false_alarms(c)]
    benign = [c for c in CASES if not c.marks]
    flagged_benign = [c for c in benign if find_identifiers(c.text)]
    assert len(flagged_benign) <= 0.02 * len(benign), alarms
    assert len(alarms) <= 0.02 * len(CASES), alarms


@pytest.mark.parametrize("case", [c for c in CASES if c.marks], ids=lambda c: f"line{c.line}")
def test_redaction_leaves_no_piece_of_an_identifier(case: Case) -> None:
    out = redact(case.text)
    for kind, start, end in case.marks:
        value = case.text[start:end]
        pieces = [p for p in re.split(r"[\s,.()-]+", value) if len(p) >= 3]
        assert f"[{kind}]" in out
        assert not [p for p in pieces if p in out], out
