"""Review flags: places where an outcome's text may contradict an answer on some path to it.

Not validation problems (the library stays valid): a reviewer reads each one and either
adds a ``when`` section or confirms the text reads right on every path. Both checks work
over the graph and the facts that may hold at each node, never by listing paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from ethicsguide.engine.conditions import fact_names, parse
from ethicsguide.engine.denied_phrases import DeniedPhrases
from ethicsguide.engine.factflow import NodePath, answer_reach, entry_facts, possible_facts
from ethicsguide.engine.loader import Loaded
from ethicsguide.engine.models import Outcome, Question, Step, Tree
from ethicsguide.engine.problems import Problem, Severity

ANSWER_BLIND = "answer-blind"
DENIED_PHRASE = "denied-phrase"
# Straight-line walks per tree (steps and continuations after each answer) stop after
# this many visits per node of the tree, so a hostile tree costs bounded work; the stop is
# itself flagged.
MAX_VISITS_PER_NODE = 64


@dataclass(frozen=True, slots=True)
class ReviewFlag:
    """One place to re-read: the node, the key path of the text, a code and what to check."""

    node: str
    path: NodePath
    code: str
    message: str
    line_in_text: int = 0  # which line of the text at ``path`` the words are on

    def problem(self, loaded: Loaded[Tree]) -> Problem:
        """Located in the tree's file (a whole node at its key), with the ``review`` severity."""
        problem = loaded.problem(
            self.path,
            self.code,
            self.message,
            severity=Severity.REVIEW,
            key=len(self.path) == 2,
        )
        return _onto_line(problem, loaded.text, self.line_in_text)


def _onto_line(problem: Problem, source: str, line_in_text: int) -> Problem:
    """Move a flag from a block scalar's ``|`` or ``>`` to the line holding its words."""
    lines = source.splitlines()
    if not 0 < problem.line <= len(lines):
        return problem
    indicator = lines[problem.line - 1][problem.col - 1 : problem.col]
    line = problem.line + line_in_text + (1 if indicator in ("|", ">") else 0)
    if line == problem.line or line > len(lines):
        return problem
    text = lines[line - 1]
    return replace(problem, line=line, col=len(text) - len(text.lstrip()) + 1)


def _mentioned(node: Step | Outcome) -> set[str]:
    return {name for section in node.when for name in fact_names(parse(section.condition))}


def answer_blind(tree: Tree) -> Iterator[ReviewFlag]:
    """Outcomes and steps reached by answers that set different facts, with no section on them."""
    budget = [MAX_VISITS_PER_NODE * len(tree.nodes)]
    for question_id, question in tree.nodes.items():
        if not isinstance(question, Question) or question.many:
            continue
        answers = {frozenset(o.sets) for o in question.options}
        if len(answers) < 2:
            continue  # every answer sets the same facts: nothing tells the paths apart
        for node_id, arrivals in answer_reach(tree, question, budget).items():
            node = tree.nodes[node_id]
            assert not isinstance(node, Question)  # a straight walk stops at questions
            differ = arrivals.union - arrivals.common
            if differ and not differ & _mentioned(node):
                yield _blind_flag(node_id, node, question_id, differ)
        if budget[0] <= 0:
            yield ReviewFlag(
                question_id,
                ("nodes", question_id),
                ANSWER_BLIND,
                "the tree is too large to check every answer's path here; stopped",
            )
            return


def _blind_flag(
    node_id: str, node: Step | Outcome, question_id: str, facts: Iterable[str]
) -> ReviewFlag:
    kind = "outcome" if isinstance(node, Outcome) else "step"
    names = ", ".join(f"`{f}`" for f in sorted(facts))
    message = (
        f"{kind} `{node_id}` is reached from `{question_id}` by answers that set different "
        f"facts ({names}), but no `when` section of it mentions them: check its text reads "
        "right for every answer"
    )
    return ReviewFlag(node_id, ("nodes", node_id), ANSWER_BLIND, message)


def base_texts(node_id: str, node: Step | Outcome) -> Iterator[tuple[NodePath, str]]:
    """The text every path to the node is shown (not its ``when`` sections, not ``avoid``)."""
    base: NodePath = ("nodes", node_id)
    if isinstance(node, Step):
        yield (*base, "say"), node.say
        return
    yield (*base, "outcome"), node.outcome
    yield (*base, "guidance"), node.guidance
    for index, action in enumerate(node.actions):
        yield (*base, "actions", index), action


def denied_phrases(
    tree: Tree, table: Iterable[DeniedPhrases], entry: frozenset[str] = frozenset()
) -> Iterator[ReviewFlag]:
    """Base text saying a phrase that a fact settable on some path to the node denies."""
    possible = possible_facts(tree, entry)
    rows = list(table)
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question) or node_id not in possible:
            continue
        for row in (r for r in rows if r.fact in possible[node_id]):
            for path, text in base_texts(node_id, node):
                found = row.search(text)
                if found is not None:
                    start, phrase = found
                    message = (
                        f"`{node_id}` says \u201c{phrase}\u201d to every path, but on a path "
                        f"where `{row.fact}` holds {row.why}"
                    )
                    yield ReviewFlag(
                        node_id, path, DENIED_PHRASE, message, text[:start].count("\n")
                    )


def tree_flags(
    tree: Tree, trees: Mapping[str, Tree], table: Iterable[DeniedPhrases]
) -> list[ReviewFlag]:
    """Both checks for one tree of a library (facts may arrive by hand-over from others)."""
    entry = entry_facts(tree.id, trees)
    return [*answer_blind(tree), *denied_phrases(tree, table, entry)]
