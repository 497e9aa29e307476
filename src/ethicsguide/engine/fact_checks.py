"""Checks of format 2: keys a format 1 file may not use, and conditions over facts."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

from ethicsguide.engine.checks import WARN, Context, TreeFile, _did_you_mean
from ethicsguide.engine.conditions import fact_names, parse
from ethicsguide.engine.factflow import (
    NodePath,
    conditions,
    entry_facts,
    handoff_feeders,
    possible_facts,
)
from ethicsguide.engine.models import Question
from ethicsguide.engine.problems import Problem

# Beyond this many facts in one condition, reachability is not tried (2^n assignments).
MAX_SATISFIABILITY_FACTS = 12
_FORMAT2_KEYS = {
    "question": ("many", "to"),
    "option": ("sets", "alone", "when"),
    "step": ("when",),
    "outcome": ("when", "then"),
}


def check_format_keys(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    """A format 1 file using format 2 keys is an error: older readers would misread it."""
    if tf.tree.format != 1:
        return
    for path, key in _format2_uses(tf):
        yield tf.problem(
            path,
            "needs-format-2",
            f"`{key}` needs `format: 2` at the top of the file",
            key=True,
        )


def _format2_uses(tf: TreeFile) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for node_id, node in tf.tree.nodes.items():
        base: tuple[str | int, ...] = ("nodes", node_id)
        for key in sorted(node.model_fields_set & set(_FORMAT2_KEYS[node.kind])):
            yield (*base, key), key
        if isinstance(node, Question):
            for index, option in enumerate(node.options):
                for key in sorted(option.model_fields_set & set(_FORMAT2_KEYS["option"])):
                    yield (*base, "options", index, key), key


def _possible(tf: TreeFile, ctx: Context) -> dict[str, frozenset[str]]:
    """Facts that may hold at each node (computed once per tree; feeders once per library)."""
    key = f"possible:{tf.tree.id}:{id(tf.tree)}"
    if key not in ctx.memo:
        if "feeders" not in ctx.memo:
            ctx.memo["feeders"] = handoff_feeders(ctx.trees)
        entry = entry_facts(tf.tree.id, ctx.trees, ctx.memo["feeders"])
        ctx.memo[key] = possible_facts(tf.tree, entry)
    possible: dict[str, frozenset[str]] = ctx.memo[key]
    return possible


def _conditions_in_reach(
    tf: TreeFile, ctx: Context
) -> Iterator[tuple[str, NodePath, str, frozenset[str]]]:
    """Each condition of a reachable node, with the facts that can hold where it is read
    (unreachable nodes are reported on their own)."""
    found = list(conditions(tf.tree))
    if not found:
        return
    possible = _possible(tf, ctx)
    for node_id, path, text, extra in found:
        if node_id in possible:
            yield node_id, path, text, possible[node_id] | frozenset(extra)


def check_condition_facts(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    """Each fact a condition names must be settable on some path to that node."""
    for node_id, path, text, here in _conditions_in_reach(tf, ctx):
        for name in dict.fromkeys(fact_names(parse(text))):
            if name not in here:
                yield tf.problem(
                    path,
                    "unset-fact",
                    f"condition names fact `{name}`, which no path to `{node_id}` can set",
                    hint=_set_hint(name, here),
                )


def check_unreachable_sections(tf: TreeFile, ctx: Context) -> Iterator[Problem]:
    """Warn about a `when` section whose condition can never hold on the way to its node."""
    for node_id, path, text, here in _conditions_in_reach(tf, ctx):
        if set(fact_names(parse(text))) <= here and not _can_hold(text, here):
            yield tf.problem(
                path,
                "unreachable-section",
                f"no path to `{node_id}` makes `{text}` true, so this section is never shown",
                severity=WARN,
            )


def _can_hold(text: str, possible: frozenset[str]) -> bool:
    """True when some choice of the possible facts makes the condition hold."""
    condition = parse(text)
    names = sorted(set(fact_names(condition)) & possible)
    if len(names) > MAX_SATISFIABILITY_FACTS:
        return True  # too many to try; assume it can
    for values in product((False, True), repeat=len(names)):
        if condition.holds({n for n, v in zip(names, values, strict=True) if v}):
            return True
    return False


def _set_hint(name: str, known: frozenset[str]) -> str:
    return _did_you_mean(name, known) or "add it to an option's `sets` before this node"


FACT_CHECKS = (check_format_keys, check_condition_facts, check_unreachable_sections)
