"""The identifier guard in context: the guides' own text, loading cost, hostile input."""

from __future__ import annotations

import subprocess
import sys
import time
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ethicsguide.engine.identifiers import find_identifiers, redact
from ethicsguide.engine.models import Outcome, Question, Step
from ethicsguide.storage.library import load_library


def guide_texts() -> list[str]:
    texts = []
    for entry in load_library().trees.values():
        for node in entry.tree.nodes.values():
            if isinstance(node, Outcome):
                texts += [node.guidance, *node.actions, *node.avoid]
            elif isinstance(node, Question):
                texts += [node.ask, *(o.label for o in node.options)]
            elif isinstance(node, Step):
                texts.append(node.say)
    return texts


def test_numbers_and_citations_in_the_guides_are_not_identifiers() -> None:
    """A worker who pastes guidance (hotlines, statutes, dates) gets no warning for it."""
    texts = guide_texts()
    assert any("1-888-373-7888" in t for t in texts)  # the Hotline is really in there
    flagged = [
        (f.kind, f.text)
        for text in texts
        for f in find_identifiers(text)
        if f.kind not in ("name", "handle")  # guides cite authors and agencies by name
    ]
    assert flagged == []


def run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_phonenumbers_loads_only_when_a_number_could_be_a_phone() -> None:
    code = (
        "import sys\n"
        "from ethicsguide.engine.identifiers import find_identifiers\n"
        "find_identifiers('Client María García, 16, said on 11/30/2026 she owes 3000 dollars.')\n"
        "print('phonenumbers' in sys.modules)\n"
        "find_identifiers('her cell is 5552013344')\n"
        "print('phonenumbers' in sys.modules)\n"
    )
    assert run(code).splitlines() == ["False", "True"]


def test_the_guard_is_pure_engine_code() -> None:
    code = (
        "import sys\nimport ethicsguide.engine.identifiers, ethicsguide.engine.redaction\n"
        "print(sorted(m for m in ('textual', 'rich', 'ethicsguide.storage', 'ethicsguide.tui')"
        " if m in sys.modules))"
    )
    assert run(code) == "[]"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_gives_ordered_separate_findings_and_redacts_once(text: str) -> None:
    found = find_identifiers(text)
    assert all(0 <= f.start < f.end <= len(text) for f in found)
    assert all(a.end <= b.start for a, b in pairwise(found))
    assert redact(redact(text)) == redact(text)


HOSTILE = [
    "1-",
    "1.",
    "1 ",
    "a at ",
    "a.a.",
    "1:",
    "a:",
    "@a",
    "Maria ",
    "ssn ",
    "plate ",
    "[name] ",
    "1 on st ",
    "12 Elm ",
    "Maria and ",
]


@pytest.mark.parametrize("unit", HOSTILE)
def test_hostile_repetition_stays_linear(unit: str) -> None:
    """20,000 characters of one shape: each once took a minute (patterns that backtracked)."""
    text = unit * (20_000 // len(unit))
    start = time.perf_counter()
    find_identifiers(text)
    assert time.perf_counter() - start < 3.0  # generous: only quadratic work breaks it
