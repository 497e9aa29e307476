"""Mermaid and Graphviz text for a tree, optionally with a walked path highlighted."""

from __future__ import annotations

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


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _MAX_LABEL else flat[: _MAX_LABEL - 1].rstrip() + "…"


def node_label(node: Question | Step | Outcome) -> str:
    if isinstance(node, Question):
        return node.ask
    if isinstance(node, Step):
        return node.say
    return node.outcome


def _mermaid_text(text: str) -> str:
    return '"' + _short(text).replace('"', "#quot;") + '"'


def mermaid(tree: Tree, path: Iterable[str] = (), taken: Iterable[tuple[str, str]] = ()) -> str:
    """A ``flowchart TD`` with ids n0, n1… (tree ids are not always valid Mermaid ids)."""
    ids = {node_id: f"n{i}" for i, node_id in enumerate(tree.nodes)}
    lines = ["flowchart TD"]
    for node_id, node in tree.nodes.items():
        lines.append(f"  {ids[node_id]}{_shape(node, _mermaid_text(node_label(node)))}")
    handoffs: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    for node_id, node in tree.nodes.items():
        labels = [o.label for o in node.options] if isinstance(node, Question) else [""]
        for label, target in zip(labels, targets(node), strict=False):
            if is_handoff(target):
                handoffs.setdefault(target, f"h{len(handoffs)}")
            dest = handoffs.get(target) or ids.get(target)
            if dest is None:
                continue
            arrow = f" -->|{_mermaid_text(label)}| " if label else " --> "
            lines.append(f"  {ids[node_id]}{arrow}{dest}")
            edges.append((node_id, target))
    for target, hid in handoffs.items():
        lines.append(f"  {hid}[[{_mermaid_text('continues in ' + handoff_tree(target))}]]")
    lines.extend(_highlight(ids, handoffs, edges, list(path), set(taken)))
    return "\n".join(lines)


def _shape(node: Question | Step | Outcome, label: str) -> str:
    if isinstance(node, Question):
        return "{" + label + "}"
    if isinstance(node, Step):
        return "[/" + label + "/]"
    return "([" + label + "])"


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
        lines.append(
            f"  {_dot_id(node_id)} [shape={shape}, label={_dot_id(_short(node_label(node)))}];"
        )
    for node_id, node in tree.nodes.items():
        labels = [o.label for o in node.options] if isinstance(node, Question) else [""]
        for label, target in zip(labels, targets(node), strict=False):
            attrs = f" [label={_dot_id(_short(label))}]" if label else ""
            lines.append(f"  {_dot_id(node_id)} -> {_dot_id(target)}{attrs};")
    lines.append("}")
    return "\n".join(lines)


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
