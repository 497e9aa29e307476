"""Graph and reference checks over a whole library, one small function per rule.

Each check takes a ``TreeFile`` (a tree with its file, for positions) and the
library context, and yields Problems. Nothing here enumerates paths.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ethicsguide.engine.loader import Loaded
from ethicsguide.engine.models import (
    Option,
    Outcome,
    Principle,
    PrinciplesFile,
    Question,
    Source,
    Step,
    Tree,
    handoff_tree,
    is_handoff,
)
from ethicsguide.engine.problems import Problem, Severity

WARN = Severity.WARNING


@dataclass
class Context:
    """What a single tree is checked against: the glossary, shared sources, all tree ids."""

    principles: Mapping[str, Principle]
    sources: Mapping[str, Source]
    trees: Mapping[str, Tree]
    memo: dict[str, Any] = field(default_factory=dict)  # work shared by checks of a library


@dataclass
class TreeFile:
    """A valid tree, its file and its graph."""

    loaded: Loaded[Tree]
    graph: nx.DiGraph

    @property
    def tree(self) -> Tree:
        assert self.loaded.model is not None
        return self.loaded.model

    def problem(
        self, path: tuple[str | int, ...], code: str, message: str, **kw: object
    ) -> Problem:
        return self.loaded.problem(path, code, message, **kw)  # type: ignore[arg-type]


Check = Callable[[TreeFile, Context], Iterable[Problem]]


def check_start(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    start = tf.tree.start
    if start not in tf.tree.nodes:
        yield tf.problem(
            ("start",),
            "bad-start",
            f"start `{start}` is not a node of this tree",
            hint=_did_you_mean(start, tf.tree.nodes),
        )


def check_targets(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    for node_id, path, target in _targets_with_paths(tf.tree):
        if is_handoff(target):
            other = handoff_tree(target)
            if other not in ctx.trees:
                yield tf.problem(
                    path,
                    "unknown-tree",
                    f"`{target}` names no tree in the library",
                    hint=_did_you_mean(other, ctx.trees),
                )
            elif other == tf.tree.id:
                yield tf.problem(path, "self-handoff", "a tree cannot hand over to itself")
        elif target not in tf.tree.nodes:
            yield tf.problem(
                path,
                "unknown-node",
                f"`{node_id}` goes to `{target}`, which is not a node of this tree",
                hint=_did_you_mean(target, tf.tree.nodes),
            )


def check_reachable(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    start = tf.tree.start
    if start not in tf.graph:
        return
    reached = nx.descendants(tf.graph, start) | {start}
    for node_id in tf.tree.nodes:
        if node_id not in reached:
            yield tf.problem(
                ("nodes", node_id),
                "unreachable",
                f"node `{node_id}` cannot be reached from start `{start}`",
                hint="link to it from an option, or delete it",
                key=True,
            )


def check_cycles(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    order = {node_id: index for index, node_id in enumerate(tf.tree.nodes)}  # file order
    for component in nx.strongly_connected_components(tf.graph):
        if len(component) == 1 and not tf.graph.has_edge(*(next(iter(component)),) * 2):
            continue
        first = min(component, key=lambda n: order.get(n, len(order)))
        cycle = nx.find_cycle(tf.graph.subgraph(component), first)
        loop = " → ".join([edge[0] for edge in cycle] + [cycle[0][0]])
        yield tf.problem(
            ("nodes", first),
            "cycle",
            f"cycle: {loop}",
            hint="a walkthrough must always move forward to an outcome",
            key=True,
        )


def check_dead_ends(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    for node_id, node in tf.tree.nodes.items():
        if isinstance(node, Question) and not node.options:
            yield tf.problem(
                ("nodes", node_id),
                "dead-end",
                f"question `{node_id}` has no options, so its path ends without an outcome",
                key=True,
            )


def check_options(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    for node_id, node in tf.tree.nodes.items():
        if not isinstance(node, Question):
            continue
        if len(node.options) == 1:
            yield tf.problem(
                ("nodes", node_id, "options"),
                "too-few-options",
                f"question `{node_id}` has one option; a fork needs at least two",
                hint="use a step (`say` + `to`) for guidance with no choice",
            )
        seen: dict[str, int] = {}
        for index, option in enumerate(node.options):
            label = " ".join(option.label.casefold().split())
            if label in seen:
                yield tf.problem(
                    ("nodes", node_id, "options", index, "label"),
                    "duplicate-label",
                    f"option {index + 1} repeats the label of option {seen[label] + 1}",
                )
            seen.setdefault(label, index)


def check_principles(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    for path, name in _principle_refs(tf.tree):
        if name not in ctx.principles:
            yield tf.problem(
                path,
                "unknown-principle",
                f"`{name}` is not in the principles glossary",
                hint=_did_you_mean(name, ctx.principles) or "add it to principles.yaml",
            )


def check_sources(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    for path, name in _source_refs(tf.tree):
        if name not in tf.tree.sources and name not in ctx.sources:
            known = {**ctx.sources, **tf.tree.sources}
            yield tf.problem(
                path,
                "unknown-source",
                f"source `{name}` is not defined",
                hint=_did_you_mean(name, known) or "define it in sources.yaml or this tree",
            )


def check_warnings(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    for node_id, node in tf.tree.nodes.items():
        where = ("nodes", node_id)
        if isinstance(node, Outcome) and not node.sources:
            yield tf.problem(
                where, "no-sources", f"outcome `{node_id}` cites no source", severity=WARN, key=True
            )
        if isinstance(node, Question) and not node.tension:
            yield tf.problem(
                where,
                "no-tension",
                f"question `{node_id}` names no principles in tension",
                severity=WARN,
                key=True,
            )
        if isinstance(node, Question) and not node.why:
            yield tf.problem(
                where, "no-why", f"question `{node_id}` has no `why`", severity=WARN, key=True
            )


TREE_CHECKS: tuple[Check, ...] = (
    check_start,
    check_targets,
    check_reachable,
    check_cycles,
    check_dead_ends,
    check_options,
    check_principles,
    check_sources,
    check_warnings,
)


def check_duplicate_ids(files: Iterable[Loaded[Tree]]) -> list[Problem]:
    """A tree id may be defined by one file only within a library."""
    first: dict[str, Loaded[Tree]] = {}
    problems = []
    for loaded in files:
        assert loaded.model is not None
        tree_id = loaded.model.id
        if tree_id in first:
            problems.append(
                loaded.problem(
                    ("id",),
                    "duplicate-id",
                    f"tree id `{tree_id}` is also defined in {first[tree_id].display}",
                )
            )
        else:
            first[tree_id] = loaded
    return problems


def check_handoff_cycles(files: Mapping[str, TreeFile]) -> list[Problem]:
    """Handoffs between trees must not loop back (a → b → a)."""
    graph = nx.DiGraph()
    for tree_id, tf in files.items():
        for node_id, path, target in _targets_with_paths(tf.tree):
            if is_handoff(target) and handoff_tree(target) in files:
                graph.add_edge(tree_id, handoff_tree(target), where=(node_id, path))
    problems = []
    for cycle in nx.simple_cycles(graph):
        if len(cycle) < 2:
            continue
        tree_id, nxt = cycle[0], cycle[1]
        _node, path = graph.edges[tree_id, nxt]["where"]
        loop = " → ".join([*cycle, cycle[0]])
        problems.append(files[tree_id].problem(path, "handoff-cycle", f"handoffs loop: {loop}"))
    return problems


def check_glossary(
    principles: Loaded[PrinciplesFile],
    glossary: Mapping[str, Principle],
    sources: Mapping[str, Source],
) -> list[Problem]:
    """Principles may only pull against, and cite, things that exist."""
    problems = []
    for key, principle in glossary.items():
        for index, other in enumerate(principle.conflicts_with):
            if other not in glossary:
                problems.append(
                    principles.problem(
                        ("principles", key, "conflicts_with", index),
                        "unknown-principle",
                        f"`{other}` is not in the glossary",
                    )
                )
        for index, name in enumerate(principle.sources):
            if name not in sources:
                problems.append(
                    principles.problem(
                        ("principles", key, "sources", index),
                        "unknown-source",
                        f"source `{name}` is not defined",
                    )
                )
    return problems


def _targets_with_paths(tree: Tree) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question) and not node.many:
            for index in range(len(node.options)):
                path = ("nodes", node_id, "options", index, "to")
                yield node_id, path, node.target_of(index)
        elif isinstance(node, Question | Step) and node.to is not None:
            yield node_id, ("nodes", node_id, "to"), node.to
        elif isinstance(node, Outcome) and node.then is not None:
            yield node_id, ("nodes", node_id, "then"), node.then


def _principle_refs(tree: Tree) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for node_id, node in tree.nodes.items():
        base: tuple[str | int, ...] = ("nodes", node_id)
        if isinstance(node, Question):
            yield from _indexed((*base, "tension"), node.tension)
            for index, option in enumerate(node.options):
                yield from _option_principles((*base, "options", index), option)
        elif isinstance(node, Outcome):
            yield from _indexed((*base, "principles"), node.principles)


def _option_principles(
    base: tuple[str | int, ...], option: Option
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    yield from _indexed((*base, "upholds"), option.upholds)
    yield from _indexed((*base, "strains"), option.strains)


def _source_refs(tree: Tree) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for node_id, node in tree.nodes.items():
        yield from _indexed(("nodes", node_id, "sources"), node.sources)
        if isinstance(node, Outcome | Step):
            for index, section in enumerate(node.when):
                yield from _indexed(("nodes", node_id, "when", index, "sources"), section.sources)


def _indexed(
    base: tuple[str | int, ...], names: list[str]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for index, name in enumerate(names):
        yield (*base, index), name


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""
