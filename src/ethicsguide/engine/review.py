"""Open review items: authors' questions for the lawyer reviewer, never shown to workers."""

from __future__ import annotations

from dataclasses import dataclass

from ethicsguide.engine.library import Library
from ethicsguide.engine.markdown import escape
from ethicsguide.engine.models import Tree


@dataclass(frozen=True)
class ReviewItem:
    """One open question and where it sits (a tree, a node or a source)."""

    where: str
    text: str


def tree_items(tree: Tree) -> list[ReviewItem]:
    """The tree's own open items: the tree, each node, then its tree-local sources."""
    items = [ReviewItem("the guide as a whole", tree.review)] if tree.review else []
    items += [
        ReviewItem(f"node `{node_id}`", node.review)
        for node_id, node in tree.nodes.items()
        if node.review
    ]
    items += [
        ReviewItem(f"source `{key}` (local)", source.review)
        for key, source in tree.sources.items()
        if source.review
    ]
    return items


def shared_source_items(library: Library) -> list[ReviewItem]:
    """Open items on the shared citations of ``sources.yaml``."""
    return [
        ReviewItem(f"source `{key}`", source.review)
        for key, source in library.sources.items()
        if source.review
    ]


def cited_sources(tree: Tree) -> list[str]:
    """Every source id the tree's nodes cite, in first-cited order."""
    seen: dict[str, None] = {}
    for node in tree.nodes.values():
        for key in node.sources:
            seen.setdefault(key, None)
    return list(seen)


def review_block(library: Library) -> str:
    """docs/library-review.md's generated part: every guide's sources, then every open item."""
    lines = ["| Guide | Domain | Sources cited |", "|---|---|---|"]
    for tid, entry in sorted(library.trees.items()):
        cites = ", ".join(cited_sources(entry.tree)) or "none"
        lines.append(f"| {tid} | {entry.tree.domain} | {escape(cites)} |")
    lines += ["", "### Open review items", ""]
    lines += [
        "The `review:` fields of the library: questions for the lawyer reviewer. The casebook",
        "shows them; the app, `chat` and the export never do.",
        "",
        "#### Shared sources (`sources.yaml`)",
        "",
    ]
    lines += [f"- {item.where}: {escape(item.text)}" for item in shared_source_items(library)]
    for tid, entry in sorted(library.trees.items()):
        items = tree_items(entry.tree)
        if items:
            lines += ["", f"#### {tid}", ""]
            lines += [f"- {item.where}: {escape(item.text)}" for item in items]
    return "\n".join(lines) + "\n"
