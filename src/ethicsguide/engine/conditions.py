"""Conditions over facts (``part2 and not vsp``): parse once, evaluate against a set of facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

MAX_LENGTH = 500
MAX_DEPTH = 32  # nesting bound: hostile files get an error, never a RecursionError
KEYWORDS = frozenset({"and", "or", "not"})
_TOKEN = re.compile(r"\s*(?:(?P<paren>[()])|(?P<word>[A-Za-z0-9][A-Za-z0-9_-]*)|(?P<bad>\S))")
_FACT = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class ConditionError(ValueError):
    """A condition that does not parse; ``column`` is 1-based within the condition text."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"{message} (at column {column})")
        self.reason = message
        self.column = column


@dataclass(frozen=True, slots=True)
class Fact:
    name: str

    def holds(self, facts: AbstractSet[str]) -> bool:
        return self.name in facts


@dataclass(frozen=True, slots=True)
class Not:
    operand: Condition

    def holds(self, facts: AbstractSet[str]) -> bool:
        return not self.operand.holds(facts)


@dataclass(frozen=True, slots=True)
class All:
    operands: tuple[Condition, ...]

    def holds(self, facts: AbstractSet[str]) -> bool:
        return all(op.holds(facts) for op in self.operands)


@dataclass(frozen=True, slots=True)
class Any_:
    operands: tuple[Condition, ...]

    def holds(self, facts: AbstractSet[str]) -> bool:
        return any(op.holds(facts) for op in self.operands)


Condition = Fact | Not | All | Any_


def fact_names(condition: Condition) -> Iterator[str]:
    """Every fact a condition mentions, in the order written."""
    if isinstance(condition, Fact):
        yield condition.name
    elif isinstance(condition, Not):
        yield from fact_names(condition.operand)
    else:
        for operand in condition.operands:
            yield from fact_names(operand)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    column: int


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        if match.group("bad"):
            raise ConditionError(f"unexpected `{match.group('bad')}`", match.start("bad") + 1)
        kind = "paren" if match.group("paren") else "word"
        tokens.append(_Token(match.group(kind), match.start(kind) + 1))
    return tokens


class _Parser:
    """Recursive descent: or > and > not > fact | ( expr )."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0

    def parse(self) -> Condition:
        if not self.tokens:
            raise ConditionError("the condition is empty", 1)
        condition = self._or(0)
        if self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            raise ConditionError(
                f"expected `and`, `or` or the end, found `{token.text}`", token.column
            )
        return condition

    def _peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _binary(self, word: str, depth: int) -> list[Condition]:
        parse_operand = self._and if word == "or" else self._not
        operands = [parse_operand(depth)]
        while (token := self._peek()) is not None and token.text == word:
            self.pos += 1
            operands.append(parse_operand(depth))
        return operands

    def _or(self, depth: int) -> Condition:
        operands = self._binary("or", depth)
        return operands[0] if len(operands) == 1 else Any_(tuple(operands))

    def _and(self, depth: int) -> Condition:
        operands = self._binary("and", depth)
        return operands[0] if len(operands) == 1 else All(tuple(operands))

    def _not(self, depth: int) -> Condition:
        token = self._peek()
        if token is not None and token.text == "not":
            self.pos += 1
            return Not(self._not(self._deeper(depth, token)))
        return self._atom(depth)

    def _atom(self, depth: int) -> Condition:
        token = self._peek()
        if token is None:
            raise ConditionError("expected a fact name", len(self.text) + 1)
        self.pos += 1
        if token.text == "(":
            inner = self._or(self._deeper(depth, token))
            closing = self._peek()
            if closing is None or closing.text != ")":
                column = closing.column if closing else len(self.text) + 1
                raise ConditionError("expected `)`", column)
            self.pos += 1
            return inner
        if token.text in KEYWORDS or token.text == ")" or not _FACT.match(token.text):
            raise ConditionError(f"expected a fact name, found `{token.text}`", token.column)
        return Fact(token.text)

    @staticmethod
    def _deeper(depth: int, token: _Token) -> int:
        if depth + 1 > MAX_DEPTH:
            raise ConditionError("the condition is nested too deeply", token.column)
        return depth + 1


@lru_cache(maxsize=4096)
def parse(text: str) -> Condition:
    """Parse a condition, or raise ``ConditionError`` saying where it went wrong."""
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"the condition is longer than {MAX_LENGTH} characters", 1)
    return _Parser(text).parse()


def holds(text: str, facts: AbstractSet[str]) -> bool:
    """True when the condition ``text`` holds for ``facts`` (it must already be valid)."""
    return parse(text).holds(facts)
