"""A walk's current question as plain data: what ``storage/first_question.py`` and
``storage/resume_picture.py`` remember so that ``start`` and ``resume`` can draw it first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ethicsguide.engine.models import Question
from ethicsguide.engine.session import PathBroken, Position, node_at
from ethicsguide.tui import walkview
from ethicsguide.tui.io import banner_lines
from ethicsguide.tui.widgets.transcript import (
    answered_bubble,
    bubble_data,
    bubble_for,
    dilemma_bubble,
)

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.storage.sessions import LiveSession


def first_view(session: LiveSession) -> dict[str, Any] | None:
    """What ``FirstQuestionScreen`` needs to draw this walk's first question the way
    ``WalkthroughScreen`` does; None where it could not (answers, steps to read first)."""
    state, lookup = session.state, session.library.tree
    if state.active or session.read_only:
        return None
    position = session.position()
    if walkview.lead_in(position, walkview.current_tree(state), lookup, state.facts):
        return None
    question = node_at(position.node, lookup)
    if not isinstance(question, Question):
        return None
    view = _question_view(session, question, position)
    if view is not None:
        view["crumb"] = walkview.breadcrumb(state, position.node)[-1].label
    return view


def resumed_view(session: LiveSession) -> dict[str, Any] | None:
    """What ``FirstQuestionScreen`` needs to draw the screen ``WalkthroughScreen`` resumes
    this session on; None where it draws something else (an outcome, an exercise, a
    read-only or broken session, warnings to show) or nothing was answered yet."""
    state, lookup = session.state, session.library.tree
    if not state.active or state.finished or state.scenario:
        return None
    if session.read_only or session.read.warnings:
        return None
    try:
        position = session.position()
    except PathBroken:
        return None
    question = node_at(position.node, lookup)
    view = _question_view(session, question, position) if isinstance(question, Question) else None
    if view is None:
        return None
    # as ``WalkthroughScreen`` resumes: every step on the way is shown read, none pending
    lead = walkview.lead_in(position, walkview.current_tree(state), lookup, state.facts)
    said = [dilemma_bubble(state.dilemma)] if state.dilemma else []
    said += [bubble_for(e) for e in [*walkview.transcript(state, lookup), *lead]]
    here = walkview.withdrawn_since_last(state, position.node, lookup)
    crumbs = walkview.breadcrumb(state, position.node)
    view |= {
        "session": state.id,
        "number": len(state.active) + 1,
        "bubbles": [bubble_data(b) for b in said],
        "here": [bubble_data(answered_bubble(a)) for a in here],
        "again": sorted({i for a in here if a.same_question for i in a.choice.picks}),
        "crumbs": [[c.label, c.here, c.step] for c in crumbs],
        "banner": banner_lines(session),
        "back": True,  # (answers so far, and not read-only: as checked above)
    }
    return view


def _question_view(
    session: LiveSession, question: Question, position: Position
) -> dict[str, Any] | None:
    """The question, its options and principles, the title and how far to go."""
    tree = session.library.tree(session.state.tree)
    if tree is None:
        return None
    named = {*question.tension, *(p for o in question.options for p in (*o.upholds, *o.strains))}
    principles = session.library.principles
    return {
        "title": tree.title,
        "ask": question.ask,
        "many": question.many,
        "says_choose_all": question.says_choose_all,
        "why": question.why,
        "options": [
            {
                "label": o.label,
                "note": o.note,
                "alone": o.alone,
                "upholds": list(o.upholds),
                "strains": list(o.strains),
            }
            for o in question.options
        ],
        "tension": list(question.tension),
        "principles": {
            p: {"name": principles[p].name, "short": principles[p].short}
            for p in sorted(named)
            if p in principles
        },
        "left": list(walkview.questions_left(position.node, session.library.tree)),
    }


def walk_files(library: Library, root: Path) -> list[str]:
    """The files a walk's library was made of: its guides and the two glossaries."""
    trees = [str(entry.path) for entry in library.trees.values()]
    return sorted([str(root / "principles.yaml"), str(root / "sources.yaml"), *trees])
