"""Safe YAML loading for tree files: strings stay strings, duplicates are errors, lines are kept.

Parsing uses libyaml's C parser when it is installed. The composed node tree is kept
beside the data so ``Locator`` can find a problem's line without parsing again.

Tree files are hostile input, so the work one file can cause is capped: its size (in
the loader), the length of any one string, and how much text aliases may repeat (a
few hundred kilobytes of ``*alias`` can otherwise stand for gigabytes).
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

MAX_STRING_CHARS = 20_000
"""The longest string a file may hold (the longest bundled guidance is ~4,000)."""
MAX_ALIAS_CHARS = 100_000
"""How much text and structure ``*alias`` references may repeat, in total, per file."""

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
    """Safe loader that rejects duplicate keys and keeps dates and yes/no as strings.

    It also refuses strings longer than ``MAX_STRING_CHARS``.
    """

    yaml_implicit_resolvers = _strict_resolvers()

    def construct_scalar(self, node: yaml.ScalarNode | yaml.MappingNode) -> Any:
        value = node.value
        if len(value) > MAX_STRING_CHARS and isinstance(value, str):
            mark = node.start_mark
            raise YamlError(
                f"a string of {len(value):,} characters (at most {MAX_STRING_CHARS:,})",
                mark.line + 1,
                mark.column + 1,
                "too-long",
            )
        return super().construct_scalar(node)

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


class AliasGuardedLoader(StrictLoader):
    """``StrictLoader`` that also counts alias expansion, for files that have anchors.

    Kept apart because the check costs a call per node, and most files have no anchor.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_chars = 0
        self._weights: dict[int, int] = {}

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:  # a node met again is an alias use
            self.alias_chars += expanded_size(node, self._weights, MAX_ALIAS_CHARS)
            if self.alias_chars > MAX_ALIAS_CHARS:
                mark = node.start_mark
                raise YamlError(
                    f"aliases repeat more than {MAX_ALIAS_CHARS:,} characters of text "
                    "(the anchor here is repeated too often or is too large)",
                    mark.line + 1,
                    mark.column + 1,
                    "alias-expansion",
                )
        return super().construct_object(node, deep=deep)


# An anchor is ``&`` followed by a name; prose such as "A & B" has a space after it.
_ANCHOR = re.compile(r"&[^\s,\[\]{}]")


def expanded_size(node: yaml.Node, memo: dict[int, int], limit: int) -> int:
    """Characters and items ``node`` stands for once every alias inside it is expanded.

    Iterative and memoised, so nested aliases cost one visit per node; sizes past
    ``limit`` (or a node that contains itself) are reported as ``limit + 1``.
    """
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    pending: set[int] = set()
    while stack:
        current, children_done = stack.pop()
        key = id(current)
        if key in memo:
            continue
        children = _children(current)
        if children_done:
            pending.discard(key)
            total = 1 + sum(memo[id(c)] for c in children)
            if isinstance(current, yaml.ScalarNode):
                total += len(str(current.value))
            memo[key] = min(total, limit + 1)
            continue
        if key in pending:  # a cycle: it expands forever
            return limit + 1
        pending.add(key)
        stack.append((current, True))
        stack.extend((c, False) for c in children if id(c) not in memo)
    return memo[id(node)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def decode(data: bytes) -> str:
    """Bytes to text, or a ``YamlError`` naming the line of the first undecodable byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlError("not UTF-8 text (is this a binary file?)", line, 1, "not-text") from None


def load(text: str) -> Any:
    """Parse one YAML document safely; errors become ``YamlError`` with 1-based positions."""
    return load_document(text)[0]


def load_document(text: str) -> tuple[Any, yaml.Node | None]:
    """The data of one YAML document and its composed nodes (for ``Locator``)."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlError("contains a NUL byte (is this a binary file?)", line, 1, "not-text")
    loader = AliasGuardedLoader(text) if _ANCHOR.search(text) else StrictLoader(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
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
    finally:
        loader.dispose()


PathPart = str | int


@dataclass
class Locator:
    """Finds the line and column of a path such as ``("nodes", "age", "options", 0, "to")``.

    The file is composed once and each mapping is indexed by key on first use, so
    locating every problem of a file costs time linear in its size.
    """

    text: str
    root: yaml.Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, init=False, repr=False)
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, init=False, repr=False
    )

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
            child = self._child(node, part)
            if child is None:
                continue
            node, mark = child, child.start_mark
        return (mark.line + 1, mark.column + 1)

    def key_position(self, path: Sequence[PathPart]) -> tuple[int, int]:
        """Like ``position`` but points at the last key itself rather than its value."""
        parent = self._walk(path[:-1])
        if path and isinstance(parent, yaml.MappingNode):
            pair = self._index(parent).get(str(path[-1]))
            if pair is not None:
                mark = pair[0].start_mark
                return (mark.line + 1, mark.column + 1)
        return self.position(path[:-1])

    def _walk(self, path: Sequence[PathPart]) -> yaml.Node | None:
        node = self._document()
        for part in path:
            if node is None:
                return None
            child = self._child(node, part)
            if child is not None:
                node = child
        return node

    def _document(self) -> yaml.Node | None:
        if self.root is None and not self._composed:
            self._composed = True
            try:
                self.root = yaml.compose(self.text, Loader=StrictLoader)
            except yaml.YAMLError:
                self.root = None
        return self.root

    def _child(self, node: yaml.Node, part: PathPart) -> yaml.Node | None:
        """The value node under a mapping key or sequence index."""
        if isinstance(node, yaml.MappingNode):
            pair = self._index(node).get(str(part))
            return pair[1] if pair else None
        if (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            item: yaml.Node = node.value[part]
            return item
        return None

    def _index(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Key text to (key node, value node); the first of duplicate keys wins."""
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    index.setdefault(str(key_node.value), (key_node, value_node))
            self._keys[id(node)] = index
        return index
