"""The finder lands on a guide that fits a plain description (tests/finder_cases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ethicsguide.engine.finder import (
    GENERAL_TREE,
    WORDS_FILE,
    FinderWords,
    bundled_words,
    rank,
    stem,
    terms,
)
from ethicsguide.storage.library import load_library

CASES_FILE = Path(__file__).parent / "finder_cases.yaml"
DATA: dict[str, Any] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def labelled(library) -> list[tuple[str, set[str]]]:  # type: ignore[no-untyped-def]
    """Every case, plus each pending case whose guides all exist now."""
    cases = [(c["text"], set(c["fits"])) for c in DATA["cases"]]
    for case in DATA.get("pending", []):
        if set(case["fits"]) <= set(library.trees):
            cases.append((case["text"], set(case["fits"])))
    return cases


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_library()


def test_the_data_file_has_sixty_sourced_descriptions_and_known_labels(library) -> None:  # type: ignore[no-untyped-def]
    sourced = [c for c in DATA["cases"] if c.get("modelled_on")]
    assert len(sourced) >= 60
    assert {c["modelled_on"] for c in sourced} <= set(DATA["modelled_on"])
    known = set(library.trees) | set(DATA["new_guides"])
    for case in DATA["cases"] + DATA["pending"]:
        assert set(case["fits"]) <= known, case
        assert set(case["fits"]) & set(library.trees) or case in DATA["pending"], case


def test_a_fitting_guide_is_in_the_top_three_and_usually_first(library) -> None:  # type: ignore[no-untyped-def]
    cases = labelled(library)
    top3_misses, first_misses = [], []
    for text, fits in cases:
        top = [m.tree_id for m in rank(library, text, limit=3)]
        if not fits & set(top):
            top3_misses.append((text, top))
        if not top or top[0] not in fits:
            first_misses.append((text, top[:1]))
    top3 = 1 - len(top3_misses) / len(cases)
    first = 1 - len(first_misses) / len(cases)
    assert top3 >= 0.95, f"top-3 {top3:.0%} of {len(cases)}; misses: {top3_misses}"
    assert first >= 0.80, f"first {first:.0%} of {len(cases)}; misses: {first_misses}"


@pytest.mark.parametrize(
    "text", ["", "   ", "zxqv blorp", "\x1b[31m!!!", "the weather is nice today"]
)
def test_a_broken_empty_or_unrelated_description_gets_the_general_guide(library, text) -> None:  # type: ignore[no-untyped-def]
    matches = rank(library, text)
    assert [m.tree_id for m in matches] == [GENERAL_TREE]
    assert matches[0].fallback


def test_everyday_words_map_to_the_guides_words() -> None:
    assert stem("reporting") == stem("reports") == "report"
    assert "police" in terms("the cops came", expand=True)
    assert stem("suicide") in terms("she wants to kill herself", expand=True)
    assert "passport" not in terms("my manager keeps my", expand=True)


def test_the_word_lists_live_in_the_data_file() -> None:
    words = bundled_words()
    assert WORDS_FILE.name == "finder-words.yaml" and WORDS_FILE.is_file()
    assert "the" in words.stop and "police" in words.synonyms["cops"]
    assert ("kill", "herself") in words.phrases


def test_bad_word_lists_are_a_clear_error() -> None:
    with pytest.raises(ValueError, match="finder words"):
        FinderWords.parse({"synonyms": ["not", "a", "mapping"]})


def test_find_says_when_it_offers_the_general_guide(capsys) -> None:  # type: ignore[no-untyped-def]
    from ethicsguide.cli import main

    assert main(["find", "zxqv blorp"]) == 0
    out = capsys.readouterr().out
    assert "No guide fits those words well" in out and GENERAL_TREE in out


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("my manager keeps my passport", "labour-trafficking-first-contact"),
        ("her boss took her passport", "labour-trafficking-first-contact"),
        (
            "she asks me to keep her passport in our safe",
            "client-asks-worker-to-hold-money-or-documents",
        ),
    ],
)
def test_who_holds_the_passport_decides_the_guide(library, text, first) -> None:  # type: ignore[no-untyped-def]
    """An employer holding a passport is labour trafficking; a client asking us to hold it is not."""
    assert rank(library, text, limit=1)[0].tree_id == first
