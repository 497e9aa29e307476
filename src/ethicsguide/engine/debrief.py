"""The group debrief ("hot wash") of a training scenario, as Markdown."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ethicsguide.engine.identifiers import redact
from ethicsguide.engine.library import Library
from ethicsguide.engine.markdown import escape, quote
from ethicsguide.engine.notice import NOT_LEGAL_ADVICE
from ethicsguide.engine.scenario import ReferenceStep, Scenario
from ethicsguide.engine.session import NodeRef, SessionState
from ethicsguide.engine.training import (
    ForkTally,
    picked,
    reference_outcome,
    tally,
    walk_reference,
)
from ethicsguide.engine.wording import counted

BAR_WIDTH = 20


@dataclass(frozen=True)
class SetAside:
    """A session left out of the counts, and why (never mixed in silently)."""

    session: str
    reason: str


def bar(count: int, total: int) -> str:
    """A text bar that reads without colour: filled and empty blocks plus the numbers."""
    filled = round(BAR_WIDTH * count / total) if total else 0
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def split_sessions(
    states: Sequence[SessionState], scenario: Scenario, library: Library
) -> tuple[list[SessionState], list[SetAside]]:
    """Sessions that count, and those set aside (other scenario, other tree version)."""
    current = library.pin(scenario.tree)
    counted, aside = [], []
    for state in states:
        pin = state.pin(scenario.tree)
        if state.scenario != scenario.id:
            aside.append(
                SetAside(state.id, f"a different exercise (`{state.scenario or 'no scenario'}`)")
            )
        elif pin is None or current is None or pin.digest != current.digest:
            version = pin.version if pin else "?"
            aside.append(
                SetAside(
                    state.id,
                    f"walked another version of the tree (version {version}, "
                    "content changed since)",
                )
            )
        else:
            counted.append(state)
    return counted, aside


def group_debrief(
    states: Sequence[SessionState],
    scenario: Scenario,
    library: Library,
    *,
    quotes: bool = False,
    redacted: bool = False,
) -> str:
    """The whole debrief: per fork how the group split, the reference, outcomes, questions.

    With ``redacted``, likely identifiers in the quotes are replaced by placeholders.
    """
    counted, aside = split_sessions(states, scenario, library)
    forks, outcomes = tally(counted, library.tree)
    reference, _end = walk_reference(scenario, library.tree)
    tree = library.tree(scenario.tree)
    parts = [
        _header(scenario, tree.title if tree else scenario.tree, counted, aside),
        _outside_note(library),
        _objectives(scenario),
        "## Fork by fork\n\nForks on the reference path come first, in order; then forks only some "
        "trainees reached.",
        *[
            _fork(f, reference.get(f.where), quotes, redacted)
            for f in _ordered(forks, list(reference))
        ],
        _outcomes(outcomes, len(counted), reference_outcome(scenario, library.tree)),
        _discussion(scenario),
        _aside(aside),
    ]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def _header(
    scenario: Scenario, tree_title: str, counted: list[SessionState], aside: list[SetAside]
) -> str:
    finished = sum(s.finished for s in counted)
    lines = [
        f"# Group debrief: {escape(scenario.title)}",
        "",
        "| | |",
        "|---|---|",
        f"| Scenario | `{scenario.id}` |",
        f"| Tree | {escape(tree_title)} (`{scenario.tree}`) |",
        f"| Sessions counted | {len(counted)} ({finished} reached an outcome) |",
        f"| Sessions set aside | {len(aside)} |",
        "",
        "> Training record. Reasoning quotes are anonymous; no session ids are tied to choices. "
        f"{NOT_LEGAL_ADVICE}",
    ]
    return "\n".join(lines)


def _outside_note(library: Library) -> str:
    """The ``--trees`` folders in use and what they replace (nothing when there are none)."""
    note = library.outside_note()
    return f"> {escape(note)}" if note else ""


def _objectives(scenario: Scenario) -> str:
    return "## Learning objectives\n\n" + "\n".join(f"- {escape(o)}" for o in scenario.objectives)


def _ordered(forks: list[ForkTally], path: list[NodeRef]) -> list[ForkTally]:
    order = {ref: i for i, ref in enumerate(path)}
    return sorted(forks, key=lambda f: (order.get(f.where, len(order)), f.where.tree, f.where.node))


def _fork(fork: ForkTally, ref: ReferenceStep | None, quotes: bool, redacted: bool) -> str:
    title = escape(fork.ask) + ("" if ref else " *(off the reference path)*")
    lines = [
        f"### {title}",
        "",
        f"{counted(fork.total, 'trainee')} answered.",
        "",
        "| Option | Chose | Share |",
        "|---|---:|---|",
    ]
    for label in fork.options:
        mark = " **(reference)**" if ref and picked(label) <= picked(ref.choose) else ""
        count = fork.counts.get(label, 0)
        lines.append(f"| {escape(label)}{mark} | {count} | `{bar(count, fork.total)}` |")
    if ref:
        lines += ["", f"**Reference:** {escape(ref.choose)}. {escape(ref.commentary)}"]
    if quotes:
        lines += _quotes(fork, redacted)
    return "\n".join(lines)


def _quotes(fork: ForkTally, redacted: bool) -> list[str]:
    lines = []
    for label in fork.options:
        # Sorted by a hash, not by arrival, so the order says nothing about who spoke.
        reasons = sorted(
            fork.reasons.get(label, []), key=lambda r: hashlib.sha256(r.encode()).hexdigest()
        )
        if reasons:
            lines += ["", f"*Chose {escape(label)}:*"]
        for reason in reasons:
            lines += ["", quote(redact(reason) if redacted else reason)]
    return ["", "**What trainees said (anonymous):**", *lines] if lines else []


def _outcomes(outcomes: Counter[str], total: int, reference: str | None) -> str:
    lines = ["## Outcomes reached", "", "| Outcome | Trainees | Share |", "|---|---:|---|"]
    for title, count in outcomes.most_common():
        mark = " **(reference)**" if reference and title == reference else ""
        lines.append(f"| {escape(title)}{mark} | {count} | `{bar(count, total)}` |")
    if not outcomes:
        lines.append("| *(no sessions counted)* | 0 | |")
    return "\n".join(lines)


def _discussion(scenario: Scenario) -> str:
    if not scenario.discussion:
        return ""
    return "## Discussion questions\n\n" + "\n".join(
        f"{i}. {escape(q)}" for i, q in enumerate(scenario.discussion, 1)
    )


def _aside(aside: list[SetAside]) -> str:
    if not aside:
        return ""
    lines = ["## Sessions set aside", "", "These are not in the counts above."]
    lines += [f"- `{s.session}`: {s.reason}" for s in aside]
    return "\n".join(lines)
