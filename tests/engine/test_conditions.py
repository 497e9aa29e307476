"""Conditions over facts: precedence, parentheses, and errors that say where they are."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ethicsguide.engine.conditions import MAX_DEPTH, ConditionError, fact_names, holds, parse


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        ("minor", {"minor"}, True),
        ("minor", set(), False),
        ("not minor", set(), True),
        ("part2 and not vsp", {"part2"}, True),
        ("part2 and not vsp", {"part2", "vsp"}, False),
        ("a or b and c", {"a"}, True),  # and binds tighter than or
        ("(a or b) and c", {"a"}, False),
        ("not (a or b)", {"b"}, False),
        ("not not a", {"a"}, True),
        ("  a   and\tb ", {"a", "b"}, True),
    ],
)
def test_conditions_evaluate_like_boolean_logic(text: str, facts: set[str], expected: bool) -> None:
    assert holds(text, facts) is expected


@pytest.mark.parametrize(
    ("text", "column", "reason"),
    [
        ("", 1, "empty"),
        ("a and", 6, "expected a fact name"),
        ("a and (b or c", 14, "expected `)`"),
        ("a b", 3, "expected `and`, `or` or the end, found `b`"),
        ("a && b", 3, "unexpected `&`"),
        ("and", 1, "found `and`"),
        ("Minor", 1, "found `Minor`"),
        ("a )", 3, "found `)`"),
    ],
)
def test_bad_conditions_name_the_column(text: str, column: int, reason: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse(text)
    assert caught.value.column == column
    assert reason in caught.value.reason


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse("(" * (MAX_DEPTH + 5) + "a" + ")" * (MAX_DEPTH + 5))
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse("not " * (MAX_DEPTH + 5) + "a")


def test_fact_names_lists_every_fact_mentioned() -> None:
    assert list(fact_names(parse("a and not (b or a)"))) == ["a", "b", "a"]


@given(st.text(alphabet="ab() notrd&|", max_size=40))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        condition = parse(text)
    except ConditionError as exc:
        assert 1 <= exc.column <= len(text) + 1
    else:
        assert isinstance(condition.holds({"a"}), bool)
