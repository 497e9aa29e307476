"""The pure views behind the walkthrough: transcript order, lead-ins, questions left, ledger."""

from __future__ import annotations

from ethicsguide.engine.session import NodeRef
from ethicsguide.tui import walkview
from ethicsguide.tui.widgets.breadcrumb import crumb_text

from .conftest import saved_session


def shape(entries: list[walkview.Entry]) -> list[str]:
    out = []
    for e in entries:
        if isinstance(e, walkview.Said):
            out.append(f"{e.kind}:{e.ref.node}")
        elif isinstance(e, walkview.Answered):
            out.append(("withdrawn:" if e.choice.withdrawn else "answer:") + e.choice.label)
        elif isinstance(e, walkview.Explored):
            out.append("what-if:" + e.what_if.label)
        else:
            out.append("note:" + e.remark.text)
    return out


def test_transcript_keeps_withdrawn_answers_where_they_were_given(data, tui_library) -> None:
    live = saved_session(data, tui_library, "teen-disclosure", [(1, "safe"), (1, "adult")])
    live.back()
    live.choose(0)
    live.reason("actually 16")
    live.note("spoke to supervisor", step=2)
    entries = walkview.transcript(live.state, tui_library.tree)
    assert shape(entries) == [
        "question:safety",
        "answer:No, not right now",
        "question:age",
        "withdrawn:No, 18 or older",
        "answer:Yes, or very likely",
        "note:spoke to supervisor",
    ]
    lead = walkview.lead_in(live.position(), walkview.current_tree(live.state), tui_library.tree)
    assert [(s.kind, s.ref.node) for s in lead] == [("step", "consult")]


def test_withdrawn_at_the_current_question_belong_with_it(data, tui_library) -> None:
    live = saved_session(data, tui_library, "teen-disclosure", [(1, "safe"), (1, "adult")])
    live.back()
    here = walkview.withdrawn_since_last(live.state, live.position().node, tui_library.tree)
    assert [(a.choice.label, a.same_question) for a in here] == [("No, 18 or older", True)]
    assert walkview.transcript(live.state, tui_library.tree)[-1].choice.label == "No, not right now"


def test_a_handoff_is_part_of_the_lead_in(data, tui_library) -> None:
    live = saved_session(data, tui_library, "teen-disclosure", [(1, ""), (0, ""), (2, "")])
    lead = walkview.lead_in(live.position(), walkview.current_tree(live.state), tui_library.tree)
    assert [(s.kind, s.text) for s in lead] == [
        ("handoff", "A client needs a safe place to stay tonight")
    ]
    entries = walkview.transcript(live.state, tui_library.tree)
    assert ("step", "consult") in [
        (e.kind, e.ref.node) for e in entries if isinstance(e, walkview.Said)
    ]


def test_questions_left_counts_the_shortest_and_longest_way(tui_library) -> None:
    lookup = tui_library.tree
    assert walkview.questions_left(NodeRef("teen-disclosure", "safety"), lookup) == (1, 5)
    assert walkview.questions_left(NodeRef("teen-disclosure", "role"), lookup) == (
        1,
        3,
    )  # via handoff
    assert walkview.questions_left(NodeRef("teen-disclosure", "report"), lookup) == (0, 0)


def test_ledger_counts_what_the_path_upheld_and_strained(data, tui_library) -> None:
    live = saved_session(data, tui_library, "teen-disclosure", [(1, ""), (1, ""), (1, "")])
    rows = walkview.ledger(live.state, tui_library.tree)
    assert [(r.principle, r.upheld, r.strained) for r in rows] == [
        ("autonomy", 3, 0),
        ("beneficence", 0, 1),
    ]


def test_breadcrumb_trims_from_the_left_to_fit() -> None:
    crumbs = [walkview.Crumb(NodeRef("t", f"step-{i}")) for i in range(8)]
    crumbs.append(walkview.Crumb(NodeRef("t", "where-we-are"), here=True))
    text = crumb_text(crumbs, (1, 2), 80).plain
    assert text.startswith("Path: … › ") and "▶ Where we are" in text
    assert len(text) <= 80 and "Step 0" not in text
