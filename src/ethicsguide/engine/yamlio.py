"""Safe YAML loading for tree files: strings stay strings, duplicates are errors, lines are kept.

Parsing uses libyaml's C parser when it is installed. Positions are not recorded while
loading (that would slow the common, clean case); ``Locator`` re-reads a file's node
structure only when a problem needs a line number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing: same behaviour, slower
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_TRUE_FALSE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class YamlError(Exception):
    """A file that is not well-formed YAML (or has a duplicate key), with its position."""

    def __init__(self, message: str, line: int, col: int, code: str = "yaml-syntax") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.code = code


def _strict_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """YAML 1.1 resolvers minus timestamps and yes/no/on/off booleans.

    Tree text such as ``label: No`` or ``reviewed: 2026-11-01`` must stay a string.
    """
    table: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items():
        kept = []
        for tag, regexp in resolvers:
            if tag == "tag:yaml.org,2002:timestamp":
                continue
            if tag == "tag:yaml.org,2002:bool":
                regexp = _TRUE_FALSE
            kept.append((tag, regexp))
        table[first] = kept
    return table


class StrictLoader(_BaseLoader):
    """Safe loader that rejects duplicate keys and keeps dates and yes/no as strings."""

    yaml_implicit_resolvers = _strict_resolvers()

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                mark = key_node.start_mark
                raise YamlError(
                    f"duplicate key {key!r}", mark.line + 1, mark.column + 1, "duplicate-key"
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def decode(data: bytes) -> str:
    """Bytes to text, or a ``YamlError`` naming the line of the first undecodable byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError("not UTF-8 text (is this a binary file?)", line, 1, "not-text") from None


def load(text: str) -> Any:
    """Parse one YAML document safely; errors become ``YamlError`` with 1-based positions."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlError("contains a NUL byte (is this a binary file?)", line, 1, "not-text")
    try:
        return yaml.load(text, Loader=StrictLoader)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem:
            reason += f" ({exc.context} from line {exc.context_mark.line + 1})"
        raise YamlError(reason, line, col) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) have their own shape
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else 1
        raise YamlError(str(exc).splitlines()[0], line, 1, "not-text") from None


PathPart = str | int


@dataclass
class Locator:
    """Finds the line and column of a path such as ``("nodes", "age", "options", 0, "to")``."""

    text: str
    _root: yaml.Node | None = field(default=None, init=False, repr=False)
    _composed: bool = field(default=False, init=False, repr=False)

    def position(self, path: Sequence[PathPart]) -> tuple[int, int]:
        """The deepest node of ``path`` that exists; parts that do not match are skipped.

        Skipping lets validation paths that carry extra parts (a union tag, ``[key]``)
        still land on the right line.
        """
        node = self._document()
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for part in path:
            child = _child(node, part)
            if child is None:
                continue
            node, mark = child
        return (mark.line + 1, mark.column + 1)

    def key_position(self, path: Sequence[PathPart]) -> tuple[int, int]:
        """Like ``position`` but points at the last key itself rather than its value."""
        parent = self._walk(path[:-1])
        if path and isinstance(parent, yaml.MappingNode):
            for key_node, _ in parent.value:
                if key_node.value == path[-1]:
                    return (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return self.position(path[:-1])

    def _walk(self, path: Sequence[PathPart]) -> yaml.Node | None:
        node = self._document()
        for part in path:
            if node is None:
                return None
            child = _child(node, part)
            if child is not None:
                node = child[0]
        return node

    def _document(self) -> yaml.Node | None:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self.text, Loader=StrictLoader)
            except yaml.YAMLError:
                self._root = None
        return self._root


def _child(node: yaml.Node, part: PathPart) -> tuple[yaml.Node, yaml.Mark] | None:
    """The value node under a mapping key or sequence index, with the mark to report."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part or key_node.value == str(part):
                return value_node, value_node.start_mark
        return None
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        item = node.value[part]
        return item, item.start_mark
    return None
