"""The Markdown record: golden file, CommonMark structure, escaping of worker text."""

from __future__ import annotations

import os
from datetime import UTC, timedelta, timezone
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ethicsguide.engine.export import export_markdown
from ethicsguide.engine.library import Library
from ethicsguide.storage.sessions import LiveSession
from tests.conftest import make_signing_key

GOLDEN = Path(__file__).parent.parent / "golden"


def walked(lib: Library, root: Path, clock, reasons: list[str]) -> LiveSession:  # type: ignore[no-untyped-def]
    live = LiveSession.start(
        root,
        lib,
        lib.trees["sample"].tree,
        clock=clock,
        session_id="golden",
        dilemma="A worker's dilemma, in their words.",
    )
    live.choose(1)
    live.reason(reasons[0])
    live.choose(0)
    live.reason(reasons[1])
    live.back()
    live.choose(1)
    live.reason(reasons[2])
    live.what_if(1, 0, "If she signs a release next week")
    live.reflect("Hold for now; revisit in supervision on Monday.")
    return live


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text(), f"{name} changed; rerun with UPDATE_GOLDEN=1 if intended"


def test_export_matches_golden(fixture_library: Library, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    live = walked(
        fixture_library, tmp_path, clock, ["No danger now.", "She agreed.", "She did not agree."]
    )
    # The golden file must not depend on the fixture file's bytes, so the hash is pinned here.
    text = export_markdown(live.state, fixture_library, zone=UTC).replace(
        live.state.pins[0].digest[:19], "sha256:fixture0000"
    )
    check_golden("sample-export.md", text)


def test_export_holds_what_design_lists(fixture_library: Library, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    live = walked(fixture_library, tmp_path, clock, ["r1", "r2", "r3"])
    text = export_markdown(live.state, fixture_library)
    for expected in (
        "# Supervision record: A sample dilemma for tests",
        "Confidential supervision record",
        "Not legal advice",
        "## The dilemma as described",
        "*Principles in tension:*",
        "**▶ No** (chosen)",
        "> r1",
        "**Answer withdrawn:** Yes, in writing",
        "## What-ifs explored",
        "## Outcome: Hold the information",
        "- [ ] Tell the client what you will do.",
        "### What not to do",
        "### Sources",
        "## Principle ledger",
        "```mermaid",
        "## Final decision and next steps",
        "Talk to your supervisor before you act",
    ):
        assert expected in text, expected
    assert text.index("> r1") < text.index("> r2") < text.index("> r3")


HOSTILE = [
    "# not a heading",
    "```\ncode fence\n```",
    "- not a list\n1. nor this",
    "<script>alert(1)</script>",
    "| a | table |\n|---|---|",
    "[link](http://example.com) ![img](x.png)",
    "**bold** _it_ ~~strike~~ `code`",
    "> quote\n>> nested",
    "line one\n\n\n## heading after blank lines",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_worker_text_cannot_break_the_structure(
    hostile: str, fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = walked(fixture_library, tmp_path, clock, [hostile, hostile, hostile])
    tokens = MarkdownIt("commonmark").parse(export_markdown(live.state, fixture_library))
    headings = [t for t in tokens if t.type == "heading_open"]
    baseline = MarkdownIt("commonmark").parse(
        export_markdown(
            walked(fixture_library, tmp_path / "b", clock, ["x", "y", "z"]).state, fixture_library
        )
    )
    assert len(headings) == len([t for t in baseline if t.type == "heading_open"])
    assert not [t for t in tokens if t.type in ("html_block", "fence") and "script" in t.content]
    assert not [t for t in tokens if t.type == "fence" and t.info != "mermaid"]
    inline_html = [c for t in tokens if t.children for c in t.children if c.type == "html_inline"]
    assert not inline_html


def test_supervisor_comments_and_sign_off_stand_apart(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = walked(fixture_library, tmp_path, clock, ["r1", "r2", "r3"])
    live.comment("Good instinct to check danger first.", step=1, role="Clinical supervisor")
    live.comment("Revisit consent in a week.", step=None, role="Clinical supervisor")
    make_signing_key(tmp_path)
    live.sign_off(role="Clinical supervisor")
    text = export_markdown(live.state, fixture_library, zone=UTC)
    step_one = text[text.index("### 1.") : text.index("### 2.")]
    assert "> r1" in step_one
    assert "**Supervisor comment (Clinical supervisor)" in step_one
    assert step_one.index("> r1") < step_one.index("Supervisor comment")
    review = text[text.index("## Notes and supervisor review") :]
    assert "Revisit consent in a week." in review
    assert "**Signed off** by Clinical supervisor on 2026-11-26 10:" in review


def test_an_opened_debrief_is_in_the_header(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = walked(fixture_library, tmp_path, clock, ["r1", "r2", "r3"])
    assert "Debrief opened" not in export_markdown(live.state, fixture_library)
    assert live.debriefed().debriefed == "2026-11-26T10:10:00Z"
    text = export_markdown(live.state, fixture_library, zone=UTC)
    assert "| Debrief opened | 2026-11-26 10:10 (UTC+00:00) (answers could not" in text


def test_times_are_local_with_their_offset(fixture_library: Library, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    live = walked(fixture_library, tmp_path, clock, ["r1", "r2", "r3"])
    text = export_markdown(live.state, fixture_library, zone=timezone(timedelta(hours=-5)))
    assert "| Started | 2026-11-26 05:00 (UTC-05:00) |" in text
    assert "2026-11-26T10:00:00Z" not in text


def test_a_multi_line_final_decision_stays_on_its_lines(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = walked(fixture_library, tmp_path, clock, ["r1", "r2", "r3"])
    live.reflect("Hold for now.\n\n1. Call her Monday\n2. # not a heading")
    text = export_markdown(live.state, fixture_library)
    final = text[text.index("## Final decision and next steps") :]
    lines = final.splitlines()[2:6]
    assert lines[0] == "> Hold for now." and lines[1] == ">"
    assert "Call her Monday" in lines[2] and "not a heading" in lines[3]
    assert all(line.startswith(">") for line in lines)


def test_every_edge_of_the_walk_is_bold_steps_included(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = LiveSession.start(tmp_path, fixture_library, fixture_library.trees["sample"].tree)
    live.choose(0)  # yes: the step "call 911" comes before the consent question
    live.reason("")
    live.choose(1)
    live.reason("")
    chart = export_markdown(live.state, fixture_library).split("```mermaid")[1]
    edges = [line.strip() for line in chart.splitlines() if "-->" in line]
    bold = chart.split("linkStyle ")[1].split()[0].split(",")
    assert [edges[int(i)] for i in bold] == ['n0 -->|"Yes"| n1', "n1 --> n2", 'n2 -->|"No"| n4']
    assert 'n1[/"Call 911 or your local<br/>emergency number, then<br/>continue."/]' in chart


def test_a_large_tree_draws_only_the_path_and_its_branches(tmp_path: Path) -> None:
    from ethicsguide.storage.library import load_library

    nodes = []
    for k in range(14):
        nodes += [
            f"  q{k}:\n    ask: Question {k}?\n    options:\n"
            f"      - {{label: On, to: q{k + 1}}}\n      - {{label: Stop, to: o{k}}}",
            f"  o{k}:\n    outcome: Outcome {k}\n    guidance: g",
        ]
    nodes.append("  q14:\n    outcome: The end\n    guidance: g")
    root = tmp_path / "lib"
    (root / "general").mkdir(parents=True)
    (root / "sources.yaml").write_text("format: 1\nsources: {}\n")
    head = "format: 1\nid: big\ntitle: Big\ndomain: general\nsummary: s\nstart: q0\nnodes:\n"
    (root / "general" / "big.yaml").write_text(head + "\n".join(nodes) + "\n")
    library = load_library([root], bundled=False)
    live = LiveSession.start(tmp_path / "data", library, library.trees["big"].tree)
    for option in (0, 0, 1):
        live.choose(option)
        live.reason("")
    text = export_markdown(live.state, library)
    chart = text.split("```mermaid")[1]
    assert "`ethicsguide graph big` draws the whole guide" in text
    for shown in ("Question 0?", "Question 2?", "Outcome 2", "Outcome 0", "Question 3?"):
        assert shown in chart, shown
    for hidden in ("Question 4?", "Outcome 3", "The end"):
        assert hidden not in chart, hidden


def test_withdrawn_answers_stay_with_their_question_and_are_not_numbered(
    fixture_library: Library, tmp_path: Path
) -> None:
    live = LiveSession.start(tmp_path, fixture_library, fixture_library.trees["sample"].tree)
    for move in (1, "she is safe", 0, "she agreed", "back", "back", 0, "on second thought"):
        if move == "back":
            live.back()
        elif isinstance(move, int):
            live.choose(move)
        else:
            live.reason(move)
    text = export_markdown(live.state, fixture_library)
    steps = text[text.index("## Steps") : text.index("## Outcome")]
    assert steps.count("### ") == 1  # one answer stands; the withdrawn two are not steps
    first = steps.index("### 1. Is anyone in danger right now?")
    assert first < steps.index("**Answer withdrawn:** No") < steps.index("> on second thought")
    assert "**Answer withdrawn at *Does the client agree to share?*:** Yes, in writing" in steps
    assert "*Not reached yet. The walkthrough stopped at: Does the client agree" in text


def test_a_numbered_multi_line_decision_keeps_its_lines_and_numbers() -> None:
    """A worker's plan typed as numbered lines reads as typed: no stray backslashes, no run-on."""
    from markdown_it import MarkdownIt

    from ethicsguide.engine.markdown import quote

    html = MarkdownIt().render(quote("1. Call CPS today\n2. Safety plan\n3) Meet Monday"))
    assert "1. Call CPS today<br />\n2. Safety plan<br />\n3) Meet Monday" in html
    assert "\\" not in html


def test_a_steps_numbered_list_keeps_its_lines_in_the_record(tmp_path: Path) -> None:
    """A step that lists first moves reads as a list on paper, not one run-on paragraph."""
    from ethicsguide.storage.library import load_library

    root = tmp_path / "lib"
    (root / "general").mkdir(parents=True)
    (root / "sources.yaml").write_text("format: 1\nsources: {}\n")
    (root / "general" / "steps.yaml").write_text(
        "format: 1\nid: steps\ntitle: Steps\ndomain: general\nsummary: s\nstart: first\n"
        "nodes:\n  first:\n    say: |\n      Do these today:\n"
        "      1. Do not ignore it.\n      2. Tell your supervisor.\n    to: end\n"
        "  end:\n    outcome: Done\n    guidance: g\n"
    )
    library = load_library([root], bundled=False)
    live = LiveSession.start(tmp_path / "data", library, library.trees["steps"].tree)
    text = export_markdown(live.state, library)
    lines = text.splitlines()
    assert "*Guide:*" in lines
    assert "1. Do not ignore it." in lines and "2. Tell your supervisor." in lines
    tokens = [t.type for t in MarkdownIt("commonmark").parse(text)]
    assert "ordered_list_open" in tokens
