"""A new walk's first question as plain data: what ``storage/first_question.py`` remembers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ethicsguide.engine.models import Question
from ethicsguide.engine.session import node_at
from ethicsguide.tui import walkview

if TYPE_CHECKING:
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
    tree = lookup(state.tree)
    if not isinstance(question, Question) or tree is None:
        return None
    named = {*question.tension, *(p for o in question.options for p in (*o.upholds, *o.strains))}
    principles = session.library.principles
    crumb = walkview.breadcrumb(state, position.node)[-1]
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
        "crumb": crumb.label,
        "left": list(walkview.questions_left(position.node, lookup)),
    }


def walk_files(session: LiveSession, root: Path) -> list[str]:
    """The files the walk's library was made of: its guides and the two glossaries."""
    trees = [str(entry.path) for entry in session.library.trees.values()]
    return sorted([str(root / "principles.yaml"), str(root / "sources.yaml"), *trees])
