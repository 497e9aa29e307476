"""Read tree, glossary and source files into models, turning every failure into a Problem."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ethicsguide.engine.controls import (
    TooDeep,
    describe,
    find_controls,
    may_hold_controls,
    visible,
    visible_data,
)
from ethicsguide.engine.problems import Problem, Severity
from ethicsguide.engine.yamlio import Locator, PathPart, YamlError, decode, load_document

M = TypeVar("M", bound=BaseModel)

MAX_FILE_BYTES = 2 * 1024 * 1024
"""The largest tree, glossary or scenario file read (the largest bundled one is ~40 KB)."""
MAX_NODES = 10_000
"""The most nodes one tree may have: enough for any real dilemma, bounded for checks."""


@dataclass
class Loaded(Generic[M]):
    """The result of reading one file: the model (when valid) and what was wrong."""

    path: Path
    text: str
    digest: str
    model: M | None
    problems: list[Problem] = field(default_factory=list)
    _locator: Locator | None = field(default=None, repr=False)

    @cached_property
    def display(self) -> str:
        """The file name problems carry (resolved once: a file can have thousands)."""
        return display_path(self.path)

    def locate(self, path: Sequence[PathPart], *, key: bool = False) -> tuple[int, int]:
        """Line and column of a path inside this file (computed on first use)."""
        if self._locator is None:
            self._locator = Locator(self.text)
        return self._locator.key_position(path) if key else self._locator.position(path)

    def problem(
        self,
        path: Sequence[PathPart],
        code: str,
        message: str,
        *,
        hint: str = "",
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> Problem:
        line, col = self.locate(path, key=key)
        return Problem(self.display, line, col, code, severity, message, hint)


def display_path(path: Path) -> str:
    """A path relative to the working folder when it is inside it, else as given."""
    try:
        return visible(str(path.resolve().relative_to(Path.cwd())))
    except ValueError:
        return visible(str(path))


def content_hash(data: bytes) -> str:
    """The hash pinned in sessions so a later edit of the tree is noticed."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def load_file(path: Path, model: type[M]) -> Loaded[M]:
    """Read ``path`` and validate it as ``model``; never raises for bad content."""
    try:
        if path.exists() and not path.is_file():  # a pipe or device would block or never end
            raise OSError(0, "not a regular file")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problem = Problem(
            display_path(path), 0, 0, "unreadable", Severity.ERROR, exc.strerror or str(exc)
        )
        return Loaded(path, "", "", None, [problem])
    if len(data) > MAX_FILE_BYTES:
        message = f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MiB"
        problem = Problem(display_path(path), 0, 0, "too-large", Severity.ERROR, message)
        return Loaded(path, "", content_hash(data), None, [problem])
    return load_bytes(path, data, model)


def load_bytes(path: Path, data: bytes, model: type[M]) -> Loaded[M]:
    """Validate already-read bytes as ``model``."""
    loaded: Loaded[M] = Loaded(path, "", content_hash(data), None)
    try:
        loaded.text = decode(data)
        raw, root = load_document(loaded.text)
    except YamlError as exc:
        loaded.problems.append(
            Problem(loaded.display, exc.line, exc.col, exc.code, Severity.ERROR, exc.message)
        )
        return loaded
    loaded._locator = Locator(loaded.text, root)
    if raw is None:
        loaded.problems.append(
            Problem(loaded.display, 1, 1, "empty-file", Severity.ERROR, "the file is empty")
        )
        return loaded
    if not isinstance(raw, dict):
        loaded.problems.append(
            loaded.problem((), "not-a-mapping", "the top level must be a mapping of keys")
        )
        return loaded
    nodes = raw.get("nodes")
    if isinstance(nodes, dict) and len(nodes) > MAX_NODES:
        message = f"{len(nodes):,} nodes (a tree may have at most {MAX_NODES:,})"
        loaded.problems.append(loaded.problem(("nodes",), "too-many-nodes", message, key=True))
        return loaded
    if may_hold_controls(loaded.text):
        try:
            loaded.problems.extend(_control_problems(loaded, raw))
        except TooDeep as exc:
            loaded.problems.append(loaded.problem(exc.path, "too-deep", str(exc)))
            return loaded
        raw = visible_data(raw)  # the model only ever holds text safe to show
    try:
        loaded.model = model.model_validate(raw)
    except ValidationError as exc:
        loaded.problems.extend(_schema_problems(loaded, exc))
    return loaded


def _control_problems(loaded: Loaded[Any], raw: Any) -> list[Problem]:
    """One error per string that holds a control character (it could drive a terminal)."""
    return [
        loaded.problem(
            path,
            "control-character",
            f"a control character {describe(char)} in the text",
            hint="remove it; escape sequences and bidi overrides are never shown as written",
        )
        for path, char in find_controls(raw)
    ]


def _schema_problems(loaded: Loaded[Any], exc: ValidationError) -> list[Problem]:
    """One Problem per validation error, at the key or value it is about."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = _without_union_tag(error["loc"])
        kind = error["type"]
        if kind in _OWN_CODES:
            at = tuple((error.get("ctx") or {}).get("at", ()))
            problem = loaded.problem((*loc, *at), kind, error["msg"])
        elif kind == "missing":
            message = f"missing required key `{loc[-1]}`"
            problem = loaded.problem(loc[:-1], "missing-key", message)
        elif kind == "extra_forbidden":
            message = f"unknown key `{loc[-1]}`"
            hint = "check the spelling; the schema lists the keys allowed here"
            problem = loaded.problem(loc, "unknown-key", message, hint=hint, key=True)
        else:
            where = _dotted(loc)
            message = f"{where}: {error['msg']}" if where else error["msg"]
            problem = loaded.problem(loc, "schema", message)
        problems.append(problem)
    return problems


_NODE_TAGS = ("question", "step", "outcome")
# Errors raised by the models' own validators: their type is already the problem code.
_OWN_CODES = frozenset(
    {
        "bad-condition",
        "empty-section",
        "many-needs-to",
        "many-option-to",
        "question-to-needs-many",
        "alone-needs-many",
        "option-needs-to",
    }
)


def _without_union_tag(loc: Sequence[Any]) -> tuple[PathPart, ...]:
    """Drop the union tag pydantic puts after ``nodes.<id>`` so paths match the file."""
    parts = tuple(p for p in loc if isinstance(p, str | int))
    if len(parts) > 2 and parts[0] == "nodes" and parts[2] in _NODE_TAGS:
        return parts[:2] + parts[3:]
    return parts


def _dotted(loc: Sequence[PathPart]) -> str:
    return ".".join(str(p) for p in loc if p != "[key]")
