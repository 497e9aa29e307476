"""Format 2 files: the new keys load, route and are checked; format 1 files are untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.engine.graph import measures, tree_graph
from ethicsguide.engine.loader import load_file
from ethicsguide.engine.models import Tree, targets
from tests.conftest import FIXTURE_LIBRARY, FIXTURES

FORMAT2 = FIXTURES / "format2"
SAMPLE = FORMAT2 / "general" / "facts-sample.yaml"

HEAD = """format: 2
id: {id}
title: t
domain: general
summary: s
reviewed: "2026-11"
start: q
nodes:
"""
DONE = """  done:
    outcome: Done
    guidance: g
    actions: [a]
    avoid: [b]
    sources: [nasw-1-02]
"""


def validate(tmp_path: Path, body: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "t.yaml"
    path.write_text(HEAD.format(id="t") + body + DONE)
    rc = main(["validate", "--trees", str(FIXTURE_LIBRARY), str(path)])
    return rc, capsys.readouterr().out


def test_the_format2_sample_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--trees", str(FORMAT2), str(SAMPLE)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_multi_select_and_continuation_are_edges() -> None:
    tree = load_file(SAMPLE, Tree).model
    assert tree is not None and tree.format == 2
    rules = tree.nodes["rules"]
    assert targets(rules) == ["age"]
    assert targets(tree.nodes["emergency"]) == ["rules"]
    assert tree_graph(tree).has_edge("emergency", "rules")
    counted = measures(tree)
    assert counted is not None
    assert counted.paths == 16  # danger 2 x rules 4 answers (3 alone, 1 pair) x age 2
    assert counted.longest == 3  # danger, rules, age: the continuation adds no fork


def test_a_format1_file_still_loads_as_format1() -> None:
    loaded = load_file(FIXTURE_LIBRARY / "general" / "sample.yaml", Tree)
    assert loaded.problems == [] and loaded.model is not None and loaded.model.format == 1


def test_many_without_its_own_to_is_located(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    body = """  q:
    ask: Which apply?
    many: true
    options:
      - {label: A, sets: [a]}
      - {label: B, sets: [b]}
"""
    rc, out = validate(tmp_path, body, capsys)
    assert rc == 1 and "t.yaml:11:" in out and "error[many-needs-to]" in out


def test_alone_on_a_single_choice_question_is_located(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    body = """  q:
    ask: Which?
    options:
      - {label: A, to: done}
      - label: B
        to: done
        alone: true
"""
    rc, out = validate(tmp_path, body, capsys)
    assert rc == 1 and "t.yaml:15:" in out and "error[alone-needs-many]" in out


def test_a_section_that_can_never_hold_is_a_warning(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    body = """  q:
    ask: Which?
    why: w
    tension: [autonomy]
    options:
      - {label: A, to: end, sets: [a]}
      - {label: B, to: end}
  end:
    say: Carry on.
    to: done
    when:
      - if: a and not a
        say: never
"""
    rc, out = validate(tmp_path, body, capsys)
    assert rc == 0 and "t.yaml:20:" in out and "warning[unreachable-section]" in out


def test_an_option_note_may_test_the_facts_its_own_answer_sets(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    body = """  q:
    ask: Which apply?
    why: w
    tension: [autonomy]
    many: true
    to: done
    options:
      - label: A
        sets: [a]
        when:
          - {if: b, note: Both A and B.}
      - {label: B, sets: [b]}
"""
    rc, out = validate(tmp_path, body, capsys)
    assert rc == 0, out


def test_facts_arrive_with_a_handoff(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "lib"
    (root / "general").mkdir(parents=True)
    for name in ("sources.yaml", "principles.yaml"):
        (root / name).write_text((FIXTURE_LIBRARY / name).read_text())
    first = """  q:
    ask: Which?
    why: w
    tension: [autonomy]
    options:
      - {label: A, to: "tree:second", sets: [minor]}
      - {label: B, to: done}
"""
    second = """  q:
    say: Go on.
    to: done
    when:
      - {if: minor, say: Under 18.}
"""
    (root / "general" / "first.yaml").write_text(HEAD.format(id="first") + first + DONE)
    (root / "general" / "second.yaml").write_text(HEAD.format(id="second") + second + DONE)
    assert main(["validate", "--trees", str(FIXTURE_LIBRARY), str(root)]) == 0
    assert "unset-fact" not in capsys.readouterr().out


def test_the_casebook_writes_each_paths_outcome_as_that_path_renders_it() -> None:
    from ethicsguide.engine.casebook import tree_page
    from ethicsguide.engine.casebook_routes import paths
    from ethicsguide.storage.library import load_library

    library = load_library([FORMAT2], bundled=False)
    tree = library.trees["facts-sample"].tree
    routes = list(paths(tree))
    # danger (2, one through the continuation) x rules (3 alone + 1 pair) x age (2)
    assert len(routes) == 16 and {r.end for r in routes} == {"report"}
    page = tree_page(library.trees["facts-sample"], library)
    unsure = page.index("### → Make the report (with: `age-unsure`)")
    minor = page.index("### → Make the report (with: `minor and not age-unsure`)")
    assert page.index("> Say that they may be under 18", unsure) < minor
    assert "> Say that they are under 18." in page[minor:]
    assert "| A HIPAA covered entity; A 42 CFR Part 2 program |" in page
    assert "| Outcome: Get help first | (outcome shown; the guide goes on) |" in page
    # each rendering shows its first three paths in full and counts the rest
    assert "| 4 | " not in page
    assert "*1 more path reaches this outcome with this same text.*" in page


def test_every_node_says_its_kind_text_and_ways_on() -> None:
    tree = load_file(SAMPLE, Tree).model
    assert tree is not None
    rules, emergency, report = (tree.nodes[n] for n in ("rules", "emergency", "report"))
    assert (rules.kind, rules.text) == ("question", rules.ask)
    assert rules.edges() == [("all that apply", "age")]
    assert (emergency.kind, emergency.text, emergency.edges()) == (
        "outcome",
        "Get help first",
        [("then", "rules")],
    )
    assert report.edges() == [] and targets(report) == []


def test_facts_selections_and_continuations_replay_as_they_were_lived(tmp_path: Path) -> None:
    from ethicsguide.engine.session import replay
    from ethicsguide.engine.walk import MoveError
    from ethicsguide.storage.library import load_library
    from ethicsguide.storage.sessionlog import read_log
    from ethicsguide.storage.sessions import LiveSession

    library = load_library([FORMAT2], bundled=False)
    live = LiveSession.start(tmp_path, library, library.trees["facts-sample"].tree)
    live.choose(0)
    live.reason("danger")
    assert live.state.at_outcome and not live.state.finished  # the walk goes on after it
    live.reflect("called 911")
    live.continue_on()
    assert live.position().node.node == "rules" and live.state.outcome is None
    with pytest.raises(MoveError, match="cannot be chosen together"):
        live.choose([0, 2])
    live.choose([1, 0])
    assert live.state.active[-1].picks == (0, 1) and live.state.facts == {"hipaa", "part2"}
    live.reason("both")
    live.back()  # the whole selection, and its facts, are withdrawn
    assert live.state.facts == frozenset() and live.position().node.node == "rules"
    live.back()  # then the continuation: back at the outcome with its decision kept
    assert live.state.outcome is not None and live.state.outcome.node == "emergency"
    assert live.state.final_decision == "called 911"
    live.continue_on()
    live.choose([2])
    live.reason("none")
    live.choose(1)
    live.reason("unsure")
    assert live.state.finished and live.state.facts == {"age-unsure"}
    path = tmp_path / "sessions" / f"{live.state.id}.jsonl"
    assert replay(read_log(path).events) == live.state


def test_an_edit_elsewhere_keeps_a_multi_select_answer_valid(tmp_path: Path) -> None:
    import shutil

    from ethicsguide.engine.drift import drift
    from ethicsguide.storage.library import load_library
    from ethicsguide.storage.sessions import LiveSession

    root = tmp_path / "lib"
    shutil.copytree(FORMAT2, root)
    library = load_library([root], bundled=False)
    live = LiveSession.start(tmp_path / "data", library, library.trees["facts-sample"].tree)
    live.choose(1)
    live.reason("")
    live.choose([0, 1])
    tree_file = root / "general" / "facts-sample.yaml"
    tree_file.write_text(tree_file.read_text().replace("in plain words.", "in plain words!"))
    edited = load_library([root], bundled=False)
    assert drift(live.state, edited).path_ok


def test_a_record_stopped_at_a_continuing_outcome_says_the_guide_goes_on(tmp_path: Path) -> None:
    from ethicsguide.engine.export import export_markdown
    from ethicsguide.storage.library import load_library
    from ethicsguide.storage.sessions import LiveSession

    library = load_library([FORMAT2], bundled=False)
    live = LiveSession.start(tmp_path, library, library.trees["facts-sample"].tree)
    live.choose(0)
    live.reason("")
    text = export_markdown(live.state, library)
    assert "| Status | at an outcome; the guide goes on after it |" in text
    assert "## Outcomes reached, in order" not in text and "## Outcome: Get help first" in text


def test_facts_set_before_a_handoff_shape_the_other_trees_outcome(tmp_path: Path) -> None:
    from ethicsguide.engine.record import current_outcome
    from ethicsguide.storage.library import load_library
    from ethicsguide.storage.sessions import LiveSession

    root = tmp_path / "lib"
    (root / "general").mkdir(parents=True)
    for name in ("sources.yaml", "principles.yaml"):
        (root / name).write_text((FIXTURE_LIBRARY / name).read_text())
    first = """  q:
    ask: How old?
    why: w
    tension: [autonomy, beneficence]
    options:
      - {label: Under 18, to: "tree:second", sets: [minor]}
      - {label: Adult, to: "tree:second"}
"""
    second = """  q:
    outcome: Report
    guidance: Base text.
    actions: [a]
    avoid: [b]
    sources: [nasw-1-02]
    when:
      - {if: minor, guidance: Because they are under 18.}
"""
    # both guides are valid (a guide with errors cannot be walked)
    (root / "general" / "first.yaml").write_text(HEAD.format(id="first") + first)
    (root / "general" / "second.yaml").write_text(HEAD.format(id="second") + second)
    library = load_library([root], bundled=False)
    rendered = []
    for option in (0, 1):
        live = LiveSession.start(tmp_path / f"data{option}", library, library.trees["first"].tree)
        live.choose(option)
        entry = current_outcome(live.state, library.tree)
        assert entry is not None and entry.ref.tree == "second"
        rendered.append(entry.text.guidance)
    assert rendered == [("Base text.", "Because they are under 18."), ("Base text.",)]


def test_a_sections_first_actions_come_before_the_outcomes_own() -> None:
    """A step that must come first on some paths is read first there, and only there."""
    from ethicsguide.engine.models import Outcome
    from ethicsguide.engine.render import outcome_text

    node = Outcome.model_validate(
        {
            "outcome": "Act",
            "guidance": "g",
            "actions": ["Tell your supervisor.", "Follow up in a few weeks."],
            "avoid": ["b"],
            "when": [
                {"if": "posted", "actions_first": ["Ask for the post to come down now."]},
                {"if": "posted", "actions": ["Note what was posted."]},
            ],
        }
    )
    assert outcome_text(node, {"posted"}).actions == (
        "Ask for the post to come down now.",
        "Tell your supervisor.",
        "Follow up in a few weeks.",
        "Note what was posted.",
    )
    assert outcome_text(node, set()).actions == (
        "Tell your supervisor.",
        "Follow up in a few weeks.",
    )


def test_the_casebook_lists_each_renderings_actions_in_the_order_read(tmp_path: Path) -> None:
    """A reviewer checks order on the page: first actions, the outcome's own, then the rest."""
    from ethicsguide.engine.casebook import tree_page
    from ethicsguide.storage.library import load_library

    root = tmp_path / "lib"
    (root / "general").mkdir(parents=True)
    (root / "sources.yaml").write_text("format: 1\nsources: {}\n")
    (root / "general" / "t.yaml").write_text(
        HEAD.format(id="t")
        + "  q:\n    ask: Was it posted online?\n    options:\n"
        + "      - {label: Yes, sets: [posted], to: act}\n      - {label: No, to: act}\n"
        + "  act:\n    outcome: Act\n    guidance: g\n"
        + "    actions: [Tell your supervisor., Follow up in a few weeks.]\n    avoid: [b]\n"
        + "    when:\n      - if: posted\n        actions_first: [Ask for the post to come down now.]\n"
        + "        actions: [Note what was posted.]\n"
    )
    library = load_library([root], bundled=False)
    page = tree_page(library.trees["t"], library)
    listed = page[page.index("What to do, in order, on these paths:") :].splitlines()[2:6]
    assert listed == [
        "1. Ask for the post to come down now.",
        "2. Tell your supervisor.",
        "3. Follow up in a few weeks.",
        "4. Note what was posted.",
    ]
