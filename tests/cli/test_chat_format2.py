"""Format 2 in ``ethicsguide chat``: multi-select, notes shown at once, facts, continuations."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.storage.sessionlog import read_log
from tests.conftest import FIXTURES

TREES = ["--trees", str(FIXTURES / "format2")]
PART2_NOTE = "Note: A subpoena alone never releases Part 2 records."
UNSURE = "Say that they may be under 18; do not write that they are."
MINOR = "Say that they are under 18."
COUNSEL = "Ask counsel before any disclosure of Part 2 records."


def chat(monkeypatch: pytest.MonkeyPatch, lines: list[str], *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    return main(["chat", *args, *TREES])


def only_session(data_dir: Path) -> str:
    (path,) = sorted((data_dir / "sessions").glob("*.jsonl"))
    return path.stem


def outcome_part(printed: str) -> str:
    return printed[printed.rindex("Outcome: Make the report") :]


def test_two_paths_give_two_renderings_of_one_outcome(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["2", "", "1 2", "both", "2", "unsure", ""], "facts-sample")
    unsure = outcome_part(capsys.readouterr().out)
    chat(monkeypatch, ["2", "", "3", "none", "1", "sure", ""], "facts-sample")
    minor = outcome_part(capsys.readouterr().out)
    assert UNSURE in unsure and MINOR not in unsure and COUNSEL in unsure
    assert MINOR in minor and UNSURE not in minor and COUNSEL not in minor


def test_the_chosen_options_note_is_shown_at_once(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["2", "", "1,2", "both apply"], "facts-sample")
    printed = capsys.readouterr().out
    chosen = printed.index("You chose: A HIPAA covered entity; A 42 CFR Part 2 program")
    assert chosen < printed.index(PART2_NOTE) < printed.index("Why did you choose this?", chosen)


def test_option_words_pick_several_and_alone_refuses_company(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["2", "", "1 3", "hipaa, 42 cfr", "words"], "facts-sample")
    printed = capsys.readouterr().out
    assert "“None of these, or I don't know” cannot be chosen together with other options." in (
        printed
    )
    events = read_log(sorted((data_dir / "sessions").glob("*.jsonl"))[0]).events
    chose = [e for e in events if e["type"] == "chose"]
    assert chose[-1]["options"] == [0, 1] and chose[-1]["sets"] == ["hipaa", "part2"]
    assert [e["text"] for e in events if e["type"] == "reasoned"] == ["", "words"]  # asked once


def test_a_continued_walk_exports_both_outcomes_in_order(
    monkeypatch, data_dir, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "record.md"
    lines = ["1", "danger", "called 911", "1 2", "both", "2", "unsure", "report it"]
    assert chat(monkeypatch, lines, "facts-sample", "--export", str(out)) == 0
    printed = capsys.readouterr().out
    decision = printed.index("Your final decision and next steps")
    assert decision < printed.index("Continuing:") < printed.index("Question 2:")
    text = out.read_text()
    first, second = text.index("### 1. Get help first"), text.index("### 2. Make the report")
    assert text.index("## Outcomes reached, in order") < first < second
    assert text.index("> called 911") > first
    path = [text.index(s) for s in ("Outcome reached: Get help first", "### 2. Which", "### 3.")]
    assert path == sorted(path)
    assert "- `part2`: set at step 2 (“A 42 CFR Part 2 program”)" in text
    assert "- `age-unsure`: set at step 3 (“Not sure”)" in text
    assert "*About this choice:* A subpoena alone never releases Part 2 records." in text


def test_resume_in_the_middle_of_a_continuation(monkeypatch, data_dir, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["1", "danger"], "facts-sample")  # input ends at the final decision
    session = only_session(data_dir)
    capsys.readouterr()
    out = tmp_path / "r.md"
    lines = ["called 911", "1", "hipaa", "1", "minor", "done"]
    assert chat(monkeypatch, lines, "--resume", session, "--export", str(out)) == 0
    printed = capsys.readouterr().out
    assert printed.index("Outcome: Get help first") < printed.index("Continuing:")
    assert MINOR in outcome_part(printed)
    text = out.read_text()
    assert "### 1. Get help first" in text and "### 2. Make the report" in text


def test_back_after_a_continuation_returns_to_the_outcome(
    monkeypatch, data_dir, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.md"
    lines = ["1", "danger", "called 911", "back", "", "3", "none", "1", "minor", "done"]
    assert chat(monkeypatch, lines, "facts-sample", "--export", str(out)) == 0
    printed = capsys.readouterr().out
    assert printed.count("Continuing:") == 2 and "Press Enter to go on" in printed
    text = out.read_text()
    assert text.count("### 1. Get help first") == 1 and "> called 911" in text


def test_back_withdraws_the_whole_selection_and_its_facts(
    monkeypatch, data_dir, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.md"
    lines = ["2", "", "1 2", "both", "back", "3", "none", "2", "unsure", "done"]
    assert chat(monkeypatch, lines, "facts-sample", "--export", str(out)) == 0
    assert COUNSEL not in outcome_part(capsys.readouterr().out)
    text = out.read_text()
    assert "`part2`" not in text and "`hipaa`" not in text
    assert "**Answer withdrawn:** A HIPAA covered entity; A 42 CFR Part 2 program" in text


def test_a_scenario_runs_on_past_a_continuation(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    scenario = FIXTURES / "format2" / "scenarios" / "facts-exercise.yaml"
    assert main(["validate", *TREES, str(scenario)]) == 0
    capsys.readouterr()
    lines = ["1", "hurt", "called", "2", "part 2", "2", "unsure", "done"]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    assert main(["chat", "--scenario", "facts-exercise", *TREES]) == 0
    printed = capsys.readouterr().out
    continuing = printed.index("Continuing:")
    inject = printed.index("NEW INFORMATION: A friend says the young person is in tenth grade.")
    assert continuing < inject < printed.index("Question 3:")
    debrief = printed[printed.index("Debrief:") :]
    assert debrief.count("[same]") == 3


def test_a_question_that_says_choose_all_that_apply_is_not_told_twice(
    monkeypatch, data_dir, capsys, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    record = tmp_path / "record.md"
    chat(
        monkeypatch,
        ["2", "", "1 2", "both", "2", "unsure", ""],
        "facts-sample",
        "--export",
        str(record),
    )
    printed = capsys.readouterr().out
    start = printed.index("Which of these apply")
    asked = printed[start : printed.index("You chose:", start)]
    assert asked.casefold().count("choose all that apply") == 1
    assert "Type the numbers, like 1 3 or 1,3." in asked
    exported = record.read_text(encoding="utf-8")
    assert exported.casefold().count("choose all that apply") == 1
