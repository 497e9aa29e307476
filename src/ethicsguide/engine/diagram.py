"""Mermaid and Graphviz text for a tree, optionally with a walked path highlighted."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from ethicsguide.engine.models import (
    Outcome,
    Question,
    Step,
    Tree,
    handoff_tree,
    is_handoff,
    targets,
)

_MAX_LABEL = 60
_LINE = 28  # wrapped labels: characters per line, at most three lines
_LINES = 3


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _MAX_LABEL else flat[: _MAX_LABEL - 1].rstrip() + "…"


def wrapped(text: str) -> list[str]:
    """Label lines broken at word boundaries; a label too long ends in … after a whole word."""
    lines = textwrap.wrap(" ".join(text.split()), _LINE, break_long_words=True)
    if len(lines) > _LINES:
        lines = lines[:_LINES]
        last = lines[-1]
        lines[-1] = (last if len(last) < _LINE else last.rsplit(" ", 1)[0]) + " …"
    return lines or [""]


def _mermaid_text(text: str, wrap: bool = False) -> str:
    quoted = [line.replace('"', "#quot;") for line in (wrapped(text) if wrap else [_short(text)])]
    return '"' + "<br/>".join(quoted) + '"'


def mermaid(
    tree: Tree,
    path: Iterable[str] = (),
    taken: Iterable[tuple[str, str]] = (),
    *,
    wrap: bool = False,
    focus: bool = False,
) -> str:
    """A ``flowchart TD`` with ids n0, n1… (tree ids are not always valid Mermaid ids).

    ``wrap`` breaks labels at word boundaries; ``focus`` draws only the nodes of ``path``
    and the branches leaving them (for a large tree).
    """
    path = list(path)
    ids = {node_id: f"n{i}" for i, node_id in enumerate(tree.nodes)}
    shown = _focused(tree, path) if focus else set(tree.nodes)
    lines = ["flowchart TD"]
    for node_id, node in tree.nodes.items():
        if node_id in shown:
            label = _mermaid_text(node.text, wrap)
            lines.append(f"  {ids[node_id]}{_shape(node, label)}")
    handoffs: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    on_path = set(path)
    for node_id, node in tree.nodes.items():
        if node_id not in shown or (focus and node_id not in on_path):
            continue
        for label, target in node.edges():
            if is_handoff(target):
                handoffs.setdefault(target, f"h{len(handoffs)}")
            dest = handoffs.get(target) or ids.get(target)
            if dest is None:
                continue
            arrow = f" -->|{_mermaid_text(label, wrap)}| " if label else " --> "
            lines.append(f"  {ids[node_id]}{arrow}{dest}")
            edges.append((node_id, target))
    for target, hid in handoffs.items():
        lines.append(f"  {hid}[[{_mermaid_text('continues in ' + handoff_tree(target))}]]")
    lines.extend(_highlight(ids, handoffs, edges, path, set(taken)))
    return "\n".join(lines)


def _focused(tree: Tree, path: list[str]) -> set[str]:
    """The nodes of the path and every node one step off it."""
    shown = {n for n in path if n in tree.nodes}
    for node_id in list(shown):
        shown.update(t for t in targets(tree.nodes[node_id]) if t in tree.nodes)
    return shown


_SHAPES = {"question": ("{", "}"), "step": ("[/", "/]"), "outcome": ("([", "])")}


def _shape(node: Question | Step | Outcome, label: str) -> str:
    opening, closing = _SHAPES[node.kind]
    return opening + label + closing


def _highlight(
    ids: dict[str, str],
    handoffs: dict[str, str],
    edges: list[tuple[str, str]],
    path: list[str],
    taken: set[tuple[str, str]],
) -> list[str]:
    """Bold, outlined nodes and thick links for the path (not colour alone: the class also dashes)."""
    if not path:
        return []
    lines = ["  classDef taken stroke-width:4px,stroke-dasharray:0,font-weight:bold"]
    members = dict.fromkeys(ids.get(n) or handoffs.get(n) for n in path)
    lines.append("  class " + ",".join(m for m in members if m) + " taken")
    indexes = [str(i) for i, edge in enumerate(edges) if edge in taken]
    if indexes:
        lines.append(f"  linkStyle {','.join(indexes)} stroke-width:4px")
    return lines


def dot(tree: Tree) -> str:
    """Graphviz ``digraph`` text."""
    lines = [f"digraph {_dot_id(tree.id)} {{", "  rankdir=TB;", "  node [fontname=Helvetica];"]
    for node_id, node in tree.nodes.items():
        shape = {"question": "diamond", "step": "box", "outcome": "ellipse"}[node.kind]
        lines.append(f"  {_dot_id(node_id)} [shape={shape}, label={_dot_id(_short(node.text))}];")
    for node_id, node in tree.nodes.items():
        for label, target in node.edges():
            attrs = f" [label={_dot_id(_short(label))}]" if label else ""
            lines.append(f"  {_dot_id(node_id)} -> {_dot_id(target)}{attrs};")
    lines.append("}")
    return "\n".join(lines)


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
