"""A tree as a networkx graph, and measures computed over the DAG without enumerating paths."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ethicsguide.engine.models import Outcome, Question, Step, Tree, is_handoff, targets


def tree_graph(tree: Tree) -> nx.DiGraph:
    """Nodes are node ids (handoffs appear as ``tree:<id>`` leaves); edges carry ``option``."""
    graph = nx.DiGraph()
    graph.add_nodes_from(tree.nodes)
    for node_id, node in tree.nodes.items():
        for index, target in enumerate(targets(node)):
            if not graph.has_edge(node_id, target):
                graph.add_edge(node_id, target, option=index)
    return graph


@dataclass(frozen=True)
class TreeMeasures:
    """Sizes a reviewer cares about: how many routes, how long the longest."""

    questions: int
    outcomes: int
    paths: int
    longest: int
    shortest: int


def _routes(node: Question | Step | Outcome | None, paths: dict[str, int]) -> int:
    """Routes on from ``node``: one per answer (options to one place count once each)."""
    if isinstance(node, Question) and node.many:
        alone = sum(o.alone for o in node.options)
        answers = alone + 2 ** (len(node.options) - alone) - 1
        return answers * paths.get(node.to or "", 0)
    if isinstance(node, Question):
        return sum(paths.get(node.target_of(i), 0) for i in range(len(node.options)))
    return sum(paths.get(target, 0) for target in targets(node)) if node else 0


def measures(tree: Tree, graph: nx.DiGraph | None = None) -> TreeMeasures | None:
    """Path count (one route per answer) and depths by dynamic programming; None on a cycle."""
    graph = graph if graph is not None else tree_graph(tree)
    if not nx.is_directed_acyclic_graph(graph):
        return None
    paths: dict[str, int] = {}
    longest: dict[str, int] = {}
    shortest: dict[str, int] = {}
    for node in reversed(list(nx.topological_sort(graph))):
        succ = list(graph.successors(node))
        here = tree.nodes.get(node)
        weight = 1 if here is not None and here.kind == "question" else 0
        if not succ:
            ends = (here is not None and here.kind == "outcome") or is_handoff(node)
            paths[node], longest[node], shortest[node] = int(ends), 0, 0
            continue
        paths[node] = _routes(tree.nodes.get(node), paths)
        longest[node] = weight + max(longest[s] for s in succ)
        shortest[node] = weight + min(shortest[s] for s in succ)
    start = tree.start
    return TreeMeasures(
        questions=len(tree.questions()),
        outcomes=len(tree.outcomes()),
        paths=paths.get(start, 0),
        longest=longest.get(start, 0),
        shortest=shortest.get(start, 0),
    )
