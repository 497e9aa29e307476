"""Safe YAML loading: strings stay strings, duplicates and junk are located errors."""

from __future__ import annotations

import pytest

from ethicsguide.engine.yamlio import Locator, YamlError, load


def test_yes_no_and_dates_stay_strings() -> None:
    data = load("a: yes\nb: No\nc: on\nd: 2026-11-01\ne: true\nf: 3\n")
    assert data == {"a": "yes", "b": "No", "c": "on", "d": "2026-11-01", "e": True, "f": 3}


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    with pytest.raises(YamlError) as info:
        load("id: x\ntitle: a\nid: y\n")
    assert (info.value.code, info.value.line, info.value.col) == ("duplicate-key", 3, 1)


def test_object_construction_is_refused() -> None:
    with pytest.raises(YamlError) as info:
        load("a: !!python/object/apply:os.system ['echo hi']\n")
    assert info.value.line == 1


def test_nul_byte_names_its_line() -> None:
    with pytest.raises(YamlError) as info:
        load("a: 1\nb: \x00\n")
    assert (info.value.code, info.value.line) == ("not-text", 2)


def test_locator_finds_nested_paths_and_skips_unknown_parts() -> None:
    text = "nodes:\n  q:\n    options:\n      - label: A\n        to: x\n"
    locator = Locator(text)
    assert locator.position(("nodes", "q", "options", 0, "to")) == (5, 13)
    assert locator.position(("nodes", "q", "question", "options", 0)) == (4, 9)
    assert locator.key_position(("nodes", "q")) == (2, 3)
