"""The things a session records: node references, pins, choices, continuations, what-ifs, remarks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeRef:
    """A node in a particular tree (walkthroughs can hand over between trees)."""

    tree: str
    node: str


@dataclass(frozen=True)
class Pin:
    """The exact tree a session used: id, version and content hash."""

    tree: str
    version: int
    digest: str


@dataclass(frozen=True)
class Choice:
    """One answer at a fork, with the worker's reasoning; withdrawn choices stay on record.

    ``reasoning`` is None until the worker was asked, and "" when they chose to skip it.
    """

    seq: int
    at: str
    where: NodeRef
    option: int
    label: str
    reasoning: str | None = None
    withdrawn: bool = False
    selected: tuple[int, ...] = ()  # every option of a multi-select; empty for a single choice
    sets: tuple[str, ...] = ()  # facts the chosen options set, as recorded when chosen

    @property
    def picks(self) -> tuple[int, ...]:
        """The options chosen, in option order (one, unless the question is multi-select)."""
        return self.selected or (self.option,)


@dataclass(frozen=True)
class Continuation:
    """The worker went on past an outcome with ``then``; its final decision is kept with it.

    ``after`` is how many choices (withdrawn ones included) were on record when it happened,
    so the timeline of choices and continuations can be rebuilt.
    """

    at: str
    where: NodeRef
    after: int
    final_decision: str | None = None
    withdrawn: bool = False


@dataclass(frozen=True)
class WhatIf:
    """An alternative the worker looked at without taking it."""

    at: str
    where: NodeRef
    option: int
    label: str
    leads_to: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class Remark:
    """Free text attached to the session: a worker's note or a supervisor's comment."""

    at: str
    text: str
    step: int | None = None
    role: str | None = None
    kind: str = "note"
