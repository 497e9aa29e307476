"""Content checks for frontline guidance: outcomes that say what to do and not do, dated reviews,
and questions a tired worker can read at a glance."""

from __future__ import annotations

from collections.abc import Iterator

from ethicsguide.engine.checks import WARN, Context, TreeFile
from ethicsguide.engine.models import Outcome, Question
from ethicsguide.engine.problems import Problem
from ethicsguide.engine.readability import grade

MAX_GRADE = 10.0


def check_outcome_content(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    for node_id, node in tf.tree.nodes.items():
        if not isinstance(node, Outcome):
            continue
        if not node.actions:
            yield tf.problem(
                ("nodes", node_id),
                "no-actions",
                f"outcome `{node_id}` lists no actions (what to do, in order)",
                severity=WARN,
                key=True,
            )
        if not node.avoid:
            yield tf.problem(
                ("nodes", node_id),
                "no-avoid",
                f"outcome `{node_id}` does not say what not to do (`avoid`)",
                severity=WARN,
                key=True,
            )


def check_reviewed(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    if tf.tree.reviewed is None:
        yield tf.problem(
            ("id",),
            "no-reviewed",
            "the tree has no `reviewed` date (YYYY-MM)",
            severity=WARN,
            key=True,
        )


def check_reading_level(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    for node_id, node in tf.tree.nodes.items():
        if isinstance(node, Question):
            level = grade(node.ask)
            if level > MAX_GRADE:
                yield tf.problem(
                    ("nodes", node_id, "ask"),
                    "reading-level",
                    f"question `{node_id}` reads at grade {level:g} (aim for {MAX_GRADE:g} or below)",
                    hint="shorter sentences and everyday words",
                    severity=WARN,
                )


CONTENT_CHECKS = (check_outcome_content, check_reviewed, check_reading_level)
