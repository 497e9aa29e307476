"""The casebook's "every path to each outcome": routes, grouped by how their outcome reads.

An outcome with several independent ``when`` sections reads a different way for each
combination of facts; a page that wrote out every combination ran to megabytes. So each
outcome shows up to ``RENDERINGS`` of its renderings in full (fewest sections first, then
enough to show every section at least once), counts the others in a short table, and names
the flag that writes them all (``every_path``). Paths stop at ``MAX_PATHS`` per tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from ethicsguide.engine.conditions import holds
from ethicsguide.engine.graph import measures
from ethicsguide.engine.markdown import escape, inert_markdown
from ethicsguide.engine.models import Outcome, Question, Step, Tree, handoff_tree, is_handoff
from ethicsguide.engine.render import ordered_actions

MAX_PATHS = 2000
EXAMPLES = 3  # paths shown in full per rendering; the rest are counted (pages stay readable)
RENDERINGS = 8  # renderings of one outcome written in full; the rest are a table row each
MORE_ROWS = 40  # rows of that table; past it, a count and the flag that lists them all
PASSED = "(outcome shown; the guide goes on)"


@dataclass(frozen=True)
class Path:
    """One route: the (node, answer) pairs, the facts its answers set, and where it ends.

    A step's node is a question, or an outcome the route went on past (``then``).
    """

    steps: tuple[tuple[str, str], ...]
    end: str
    facts: frozenset[str] = frozenset()


Partial = tuple[str, tuple[tuple[str, str], ...], frozenset[str]]
Rendering = tuple[int, ...]  # indexes of the ``when`` sections that hold


def paths(tree: Tree) -> Iterator[Path]:
    """Every route from start, depth first, in option order (handoffs end a route).

    A multi-select question forks once per selection it allows (each option alone, then
    every combination of the options that may go together).
    """
    stack: list[Partial] = [(tree.start, (), frozenset())]
    while stack:
        node_id, steps, facts = stack.pop()
        node = None if is_handoff(node_id) else tree.nodes[node_id]
        if node is None or (isinstance(node, Outcome) and node.then is None):
            yield Path(steps, node_id, facts)
        elif isinstance(node, Outcome):
            stack.append((node.then or "", (*steps, (node_id, PASSED)), facts))
        elif isinstance(node, Step):
            stack.append((node.to, steps, facts))
        else:
            for picks in reversed(list(selections(node))):
                chosen = [node.options[i] for i in picks]
                label = "; ".join(o.label for o in chosen)
                more = facts | {f for o in chosen for f in o.sets}
                stack.append((node.target_of(picks[0]), (*steps, (node_id, label)), more))


def selections(question: Question) -> Iterator[tuple[int, ...]]:
    """The answers a question allows: one option, or for ``many`` every allowed combination."""
    count = len(question.options)
    if not question.many:
        yield from ((i,) for i in range(count))
        return
    yield from ((i,) for i in range(count))
    company = [i for i in range(count) if not question.options[i].alone]
    for size in range(2, len(company) + 1):
        yield from combinations(company, size)


def routes_section(tree: Tree, every_path: bool = False) -> list[str]:
    """The "every path to each outcome" section of a tree's casebook page."""
    by_end, listed = _grouped(tree)
    lines = ["## Every path to each outcome", ""]
    if listed == MAX_PATHS:
        total = measures(tree)
        of = f" of its {total.paths}" if total else ""
        lines += [
            f"*Only the first {MAX_PATHS} paths{of} are read: the counts below are theirs.*",
            "",
        ]
    order = list(tree.nodes)
    for end in sorted(by_end, key=lambda e: order.index(e) if e in tree.nodes else len(order)):
        lines += _outcome_routes(tree, end, by_end[end], every_path)
    return lines


def _grouped(tree: Tree) -> tuple[dict[str, dict[Rendering, list[Path]]], int]:
    """Paths by where they end, then by rendering; and how many were read."""
    by_end: dict[str, dict[Rendering, list[Path]]] = {}
    listed = 0
    for path in paths(tree):
        if listed == MAX_PATHS:
            break
        by_end.setdefault(path.end, {}).setdefault(_variant(tree, path), []).append(path)
        listed += 1
    return by_end, listed


def _outcome_routes(
    tree: Tree, end: str, renderings: dict[Rendering, list[Path]], every_path: bool
) -> list[str]:
    shown = sorted(renderings, key=_fewest) if every_path else _chosen(renderings)
    lines = []
    for variant in shown:
        routes = renderings[variant]
        title = f"{escape(_end_title(tree, end))}{_variant_title(tree, end, variant)}"
        lines += [f"### → {title}", ""]
        lines += _path_table(tree, routes if every_path else routes[:EXAMPLES])
        if len(routes) > EXAMPLES and not every_path:
            more = len(routes) - EXAMPLES
            paths_word = "paths reach" if more > 1 else "path reaches"
            lines += [f"*{more} more {paths_word} this outcome with this same text.*", ""]
        lines += _as_rendered(tree, end, variant)
    rest = [v for v in sorted(renderings, key=_fewest) if v not in shown]
    return lines + (_other_renderings(tree, end, rest, renderings) if rest else [])


def _chosen(renderings: dict[Rendering, list[Path]]) -> list[Rendering]:
    """The renderings written in full: fewest sections first, then one more for each section
    not yet shown, so every section is read at least once."""
    by_size = sorted(renderings, key=_fewest)
    chosen = by_size[:RENDERINGS]
    for variant in by_size[RENDERINGS:]:
        if not set(variant) <= {i for v in chosen for i in v}:
            chosen.append(variant)
    return chosen


def _fewest(variant: Rendering) -> tuple[int, Rendering]:
    return len(variant), variant


def _other_renderings(
    tree: Tree, end: str, rest: list[Rendering], renderings: dict[Rendering, list[Path]]
) -> list[str]:
    """One row per rendering not written in full: its sections and how many paths reach it."""
    title = escape(_end_title(tree, end))
    lines = [
        f"### → {title}: {len(rest)} more combinations of its sections",
        "",
        "Each section is quoted above and in full under *Outcomes in full*.",
        "",
        "| Sections shown | Paths |",
        "|---|---:|",
    ]
    node = tree.nodes[end]
    assert isinstance(node, Outcome)
    for variant in rest[:MORE_ROWS]:
        shown = "; ".join(f"`{node.when[i].condition}`" for i in variant) or "none"
        lines.append(f"| {_pipes(shown)} | {len(renderings[variant])} |")
    lines.append("")
    unlisted = len(rest) - min(len(rest), MORE_ROWS)
    more = f"{unlisted} more combinations, and the" if unlisted else "The"
    lines += [
        f"*{more} paths of each: `ethicsguide casebook {tree.id} --all -o DIR`.*",
        "",
    ]
    return lines


def _variant(tree: Tree, path: Path) -> Rendering:
    """Which ``when`` sections of the path's outcome hold for the facts it set."""
    node = tree.nodes.get(path.end)
    if not isinstance(node, Outcome):
        return ()
    return tuple(i for i, s in enumerate(node.when) if holds(s.condition, path.facts))


def _variant_title(tree: Tree, end: str, variant: Rendering) -> str:
    node = tree.nodes.get(end)
    if not isinstance(node, Outcome) or not node.when:
        return ""
    if not variant:
        return " (no conditional section applies)"
    return " (with: " + "; ".join(f"`{node.when[i].condition}`" for i in variant) + ")"


def _path_table(tree: Tree, routes: list[Path]) -> list[str]:
    """Each route's answers; a route that begins as the one before it says so in one row."""
    lines = ["| Path | Question | Answer |", "|---:|---|---|"]
    before: tuple[tuple[str, str], ...] = ()
    for number, path in enumerate(routes, start=1):
        same = _shared(before, path.steps)
        if same > 1:
            lines.append(f"| {number} | *the first {same} answers of path {number - 1}* | |")
        for index, (node_id, label) in enumerate(path.steps[same if same > 1 else 0 :]):
            cell = str(number) if index == 0 and same <= 1 else ""
            lines.append(f"| {cell} | {_cell(_node_title(tree, node_id))} | {_cell(label)} |")
        before = path.steps
    return [*lines, ""]


def _shared(before: tuple[tuple[str, str], ...], steps: tuple[tuple[str, str], ...]) -> int:
    """How many steps ``steps`` begins with in common with ``before``."""
    same = 0
    for mine, theirs in zip(steps, before, strict=False):
        if mine != theirs:
            break
        same += 1
    return same


def _node_title(tree: Tree, node_id: str) -> str:
    node = tree.nodes[node_id]
    return node.ask if isinstance(node, Question) else f"Outcome: {_end_title(tree, node_id)}"


def _as_rendered(tree: Tree, end: str, variant: Rendering) -> list[str]:
    """What these paths add to the outcome's text, as a worker on them would read it."""
    node = tree.nodes.get(end)
    if not isinstance(node, Outcome) or not variant:
        return []
    lines = ["On these paths the outcome also says:", ""]
    for index in variant:
        section = node.when[index]
        if section.guidance:
            lines += [
                f"> {line}" if line else ">"
                for line in inert_markdown(section.guidance).strip().splitlines()
            ]
            lines.append("")
        lines += [f"- Do not: {escape(a)}" for a in section.avoid]
        if section.avoid:
            lines.append("")
    sections = [node.when[index] for index in variant]
    if any(s.actions_first or s.actions for s in sections):
        ordered = ordered_actions(node, sections)
        lines += ["What to do, in order, on these paths:", ""]
        lines += [f"{number}. {escape(a)}" for number, a in enumerate(ordered, start=1)]
        lines.append("")
    return lines


def _end_title(tree: Tree, end: str) -> str:
    if is_handoff(end):
        return f"continues in `{handoff_tree(end)}`"
    node = tree.nodes[end]
    assert isinstance(node, Outcome)
    return node.outcome


def _cell(text: str) -> str:
    return _pipes(escape(text))


def _pipes(text: str) -> str:
    """A table cell's own "|" (conditions say "or" with words, but a cell must never split)."""
    return text.replace("|", "\\|")
