"""Hypothesis: mutated tree files and random event sequences never raise past our error types."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ethicsguide.engine.assembly import assemble
from ethicsguide.engine.events import EVENT_TYPES
from ethicsguide.engine.library import LibraryFiles
from ethicsguide.engine.loader import load_bytes
from ethicsguide.engine.models import Tree
from ethicsguide.engine.session import ReplayError, replay
from ethicsguide.storage.library import bundled_root, load_root
from tests.conftest import FIXTURE_LIBRARY

REAL_TREES = sorted(
    p
    for p in bundled_root().rglob("*.yaml")
    if p.parent.name not in ("schema", "scenarios")
    and p.name not in ("principles.yaml", "sources.yaml")
)
SAMPLES = [
    p.read_bytes() for p in (REAL_TREES or [FIXTURE_LIBRARY / "general" / "sample.yaml"])[:12]
]
GLOSSARY = load_root(FIXTURE_LIBRARY)

lines_ops = st.sampled_from(
    ["delete", "duplicate", "swap", "indent", "dedent", "truncate", "retarget", "junk"]
)


def mutate(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    lines = data.split(b"\n")
    for op, a, b in ops:
        if not lines:
            break
        i, j = a % len(lines), b % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[j])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = b"  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][2:]
        elif op == "truncate":
            lines[i] = lines[i][: b % (len(lines[i]) + 1)]
        elif op == "retarget":
            lines[i] = lines[i].replace(b"to: ", b"to: " + lines[j].strip()[:12] + b"-")
        else:
            lines[i] = bytes([(a * 7 + b) % 256]) + lines[i]
    return b"\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(range(len(SAMPLES))),
    ops=st.lists(
        st.tuples(lines_ops, st.integers(0, 10_000), st.integers(0, 10_000)), min_size=1, max_size=6
    ),
)
def test_mutated_trees_never_raise(sample: int, ops: list[tuple[str, int, int]]) -> None:
    loaded = load_bytes(Path("mutant.yaml"), mutate(SAMPLES[sample], ops), Tree)
    library = assemble(
        [LibraryFiles(trees=[loaded], principles=GLOSSARY.principles, sources=GLOSSARY.sources)]
    )
    for problem in library.problems:
        assert problem.file.endswith(".yaml")
        assert problem.line >= 0 and problem.message


event_types = st.sampled_from([*EVENT_TYPES, "unknown"])
values = st.one_of(
    st.none(), st.integers(-2, 5), st.text(max_size=8), st.just("sample"), st.just("danger")
)
events = st.lists(
    st.fixed_dictionaries(
        {"type": event_types, "at": st.text(max_size=5)},
        optional={
            "tree": values,
            "node": values,
            "option": values,
            "label": values,
            "text": values,
            "session": values,
            "leads_to": st.lists(st.text(max_size=4), max_size=2),
            "then": st.booleans(),
            "options": st.lists(values, max_size=3),
            "sets": st.lists(values, max_size=2),
            "step": values,
            "role": values,
        },
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(events=events)
def test_random_event_sequences_replay_or_fail_cleanly(events: list[dict[str, object]]) -> None:
    try:
        state = replay(events)
    except ReplayError:
        return
    assert state.events == len(events)
    assert len(state.active) <= len(state.choices)
