"""The export's map: the tree as a Mermaid chart with every edge of the walk drawn bold."""

from __future__ import annotations

from itertools import pairwise

from ethicsguide.engine.diagram import mermaid
from ethicsguide.engine.library import Library
from ethicsguide.engine.models import HANDOFF_PREFIX, Outcome, Tree, is_handoff
from ethicsguide.engine.record import Record, StepEntry
from ethicsguide.engine.session import NodeRef, PathBroken, follow

FOCUS_OVER = 25  # nodes: larger trees draw only the path taken and its branches


def map_section(record: Record, library: Library) -> str:
    tree = library.tree(record.state.tree)
    if tree is None:
        return ""
    path = _walk(record, tree, library)
    edges = {(a, b) for a, b in pairwise(path) if a in tree.nodes}
    focus = len(tree.nodes) > FOCUS_OVER
    intro = "The path taken is drawn with thick outlines, bold text and thick arrows."
    if focus:
        intro += (
            " Only the path and the branches leaving it are drawn; "
            f"`ethicsguide graph {tree.id}` draws the whole guide."
        )
    chart = mermaid(tree, path, edges, wrap=True, focus=focus)
    return f"## Map of the tree\n\n{intro}\n\n```mermaid\n{chart}\n```"


def _walk(record: Record, tree: Tree, library: Library) -> list[str]:
    """Every node of the root tree the walk passed, in order (a handover ends it)."""
    walk = _segment(tree.id, tree.start, library)
    for entry in record.entries:
        if isinstance(entry, StepEntry):
            question, choice = entry.answer.question, entry.answer.choice
            if question is None or choice.where.tree != tree.id:
                continue
            if choice.option < len(question.options):
                walk += _segment(tree.id, question.target_of(choice.option), library)
        elif entry.continued and entry.ref.tree == tree.id:
            node = tree.nodes.get(entry.ref.node)
            if isinstance(node, Outcome) and node.then:
                walk += _segment(tree.id, node.then, library)
    return walk


def _segment(tree_id: str, target: str, library: Library) -> list[str]:
    """``target`` and the steps after it, up to the next question or outcome."""
    if is_handoff(target):
        return [target]
    try:
        here = follow(NodeRef(tree_id, target), library.tree)
    except PathBroken:
        return []
    return [r.node for r in (*here.passed, here.node) if r.tree == tree_id] + [
        f"{HANDOFF_PREFIX}{h}" for h in here.handoffs[:1]
    ]
