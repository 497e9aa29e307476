"""Node text as a path produces it: the base text plus every ``when`` section whose facts hold."""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import TypeVar

from ethicsguide.engine.conditions import holds
from ethicsguide.engine.models import Option, Outcome, OutcomeSection, Section, Step


@dataclass(frozen=True)
class OutcomeText:
    """An outcome as shown on one path: guidance paragraphs, actions, avoid, sources."""

    title: str
    supervisor: bool
    guidance: tuple[str, ...]
    actions: tuple[str, ...]
    avoid: tuple[str, ...]
    sources: tuple[str, ...]
    continues: bool


@dataclass(frozen=True)
class StepText:
    """A step (``say``) as shown on one path."""

    say: tuple[str, ...]
    sources: tuple[str, ...]


S = TypeVar("S", bound=Section)


def _holding(sections: Iterable[S], facts: Set[str]) -> list[S]:
    return [s for s in sections if holds(s.condition, facts)]


def outcome_text(node: Outcome, facts: Set[str]) -> OutcomeText:
    """The outcome with the sections that hold for ``facts`` added in file order.

    A section's ``actions_first`` go before the outcome's own actions, so a step that must
    come first on some paths is not read after the steps every path gets.
    """
    extra = _holding(node.when, facts)
    return OutcomeText(
        title=node.outcome,
        supervisor=node.supervisor,
        guidance=(node.guidance.strip(), *(s.guidance.strip() for s in extra if s.guidance)),
        actions=ordered_actions(node, extra),
        avoid=(*node.avoid, *(a for s in extra for a in s.avoid)),
        sources=tuple(dict.fromkeys((*node.sources, *(n for s in extra for n in s.sources)))),
        continues=node.then is not None,
    )


def ordered_actions(node: Outcome, sections: Iterable[OutcomeSection]) -> tuple[str, ...]:
    """The actions a path reads, in order: its sections' ``actions_first``, the outcome's
    own, then its sections' ``actions`` (the casebook lists them the same way)."""
    chosen = list(sections)
    return (
        *(a for s in chosen for a in s.actions_first),
        *node.actions,
        *(a for s in chosen for a in s.actions),
    )


def step_text(node: Step, facts: Set[str]) -> StepText:
    """The step's text with the sections that hold for ``facts`` added."""
    extra = _holding(node.when, facts)
    return StepText(
        say=(node.say.strip(), *(s.say.strip() for s in extra if s.say)),
        sources=tuple(dict.fromkeys((*node.sources, *(n for s in extra for n in s.sources)))),
    )


def option_notes(option: Option, facts: Set[str]) -> tuple[str, ...]:
    """What the worker is told once ``option`` is chosen (facts include its own)."""
    notes = [option.note.strip()] if option.note else []
    notes += [s.note.strip() for s in _holding(option.when, facts) if s.note]
    return tuple(notes)
