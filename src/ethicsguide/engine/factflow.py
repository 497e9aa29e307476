"""Which facts can hold where: a may-analysis over the tree graph, without enumerating paths."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ethicsguide.engine.models import (
    Option,
    Outcome,
    Question,
    Step,
    Tree,
    handoff_tree,
    is_handoff,
)

NodePath = tuple[str | int, ...]


def settable(tree: Tree) -> frozenset[str]:
    """Every fact some option of ``tree`` sets."""
    return frozenset(
        fact
        for node in tree.nodes.values()
        if isinstance(node, Question)
        for option in node.options
        for fact in option.sets
    )


def _edges(node: Question | Step | Outcome) -> Iterator[tuple[str, frozenset[str]]]:
    """(target, facts the move may set) for each way out of ``node``."""
    if isinstance(node, Question) and node.many and node.to is not None:
        yield node.to, frozenset(f for o in node.options for f in o.sets)
    elif isinstance(node, Question):
        for index, option in enumerate(node.options):
            yield node.target_of(index), frozenset(option.sets)
    elif isinstance(node, Step):
        yield node.to, frozenset()
    elif node.then is not None:
        yield node.then, frozenset()


def possible_facts(tree: Tree, entry: frozenset[str] = frozenset()) -> dict[str, frozenset[str]]:
    """For each node, the facts that may hold on arriving there (a superset; loops converge)."""
    possible: dict[str, frozenset[str]] = {tree.start: entry} if tree.start in tree.nodes else {}
    pending = [tree.start] if possible else []
    while pending:  # facts only grow and are finite, so this ends
        node_id = pending.pop()
        here = possible[node_id]
        for target, sets in _edges(tree.nodes[node_id]):
            if target not in tree.nodes:
                continue
            before = possible.get(target)
            after = here | sets if before is None else before | here | sets
            if after != before:
                possible[target] = after
                pending.append(target)
    return possible


def entry_facts(
    tree_id: str, trees: Mapping[str, Tree], feeders: Mapping[str, set[str]] | None = None
) -> frozenset[str]:
    """Facts that may arrive with a hand-over: any fact settable in a tree that leads here.

    ``feeders`` (from ``handoff_feeders``) can be computed once for a whole library.
    """
    feeders = handoff_feeders(trees) if feeders is None else feeders
    seen: set[str] = set()
    pending = [tree_id]
    while pending:
        for feeder in feeders.get(pending.pop(), ()):
            if feeder not in seen:
                seen.add(feeder)
                pending.append(feeder)
    return frozenset(f for other in seen for f in settable(trees[other]))


def handoff_feeders(trees: Mapping[str, Tree]) -> dict[str, set[str]]:
    """Tree id -> the ids of the trees that hand over to it."""
    feeders: dict[str, set[str]] = {}
    for tree_id, tree in trees.items():
        for node in tree.nodes.values():
            for target, _sets in _edges(node):
                if is_handoff(target):
                    feeders.setdefault(handoff_tree(target), set()).add(tree_id)
    return feeders


def option_facts(question: Question, option: Option) -> frozenset[str]:
    """Facts that may be set together with ``option`` (a multi-select may add the others)."""
    if not question.many or option.alone:
        return frozenset(option.sets)
    return frozenset(f for o in question.options if not o.alone for f in o.sets)


def conditions(tree: Tree) -> Iterator[tuple[str, NodePath, str, Iterable[str]]]:
    """(node id, path of the ``if``, condition, extra facts it may see) for every section."""
    for node_id, node in tree.nodes.items():
        base: NodePath = ("nodes", node_id)
        if isinstance(node, Outcome | Step):
            for index, section in enumerate(node.when):
                yield node_id, (*base, "when", index, "if"), section.condition, ()
        if isinstance(node, Question):
            for o_index, option in enumerate(node.options):
                extra = option_facts(node, option)
                for index, note in enumerate(option.when):
                    path = (*base, "options", o_index, "when", index, "if")
                    yield node_id, path, note.condition, extra
