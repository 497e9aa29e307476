"""Training from the command line: scenarios, an exercise as a chat, and the group debrief."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ethicsguide.cli import main
from ethicsguide.storage.sessionlog import read_log
from tests.conftest import FIXTURE_LIBRARY

TREES = ["--trees", str(FIXTURE_LIBRARY)]
GOLDEN = Path(__file__).parent.parent / "golden"

TRAINEES = {
    "a": ["2", "no danger", "3", "ask her again", "1", "yes later", "plan"],
    "b": ["2", "nobody at risk", "2", "she said no", "hold"],
    "c": ["1", "unsure, so act", "3", "check again", "2", "no chance", "escalate"],
}


def run_trainee(monkeypatch: pytest.MonkeyPatch, folder: Path, answers: list[str]) -> None:
    monkeypatch.setenv("ETHICSGUIDE_DATA_DIR", str(folder))
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{a}\n" for a in answers)))
    assert main(["chat", "--scenario", "sample-exercise", *TREES]) == 0


@pytest.fixture
def room(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    """Three trainees on three 'machines' (folders), as a facilitator would collect them."""
    for name, answers in TRAINEES.items():
        run_trainee(monkeypatch, tmp_path / name, answers)
    capsys.readouterr()
    return tmp_path


def test_scenarios_json(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["scenarios", "--json", *TREES]) == 0
    rows = json.loads(capsys.readouterr().out)
    row = next(r for r in rows if r["id"] == "sample-exercise")
    assert set(row) == {"id", "title", "tree", "path"} and row["tree"] == "sample"


def test_exercise_shows_vignette_inject_and_hides_reference_until_the_end(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO("2\nr1\n"))
    main(["chat", "--scenario", "sample-exercise", *TREES])
    before = capsys.readouterr().out
    assert "A client in a sample situation asks for help." in before
    assert "NEW INFORMATION: The client now says she signed a release last week." in before
    assert "Commentary" not in before and "Reference:" not in before
    session = next((data_dir / "sessions").glob("*.jsonl"))
    events = read_log(session).events
    assert events[0]["mode"] == "training" and events[0]["scenario"] == "sample-exercise"
    assert [e["node"] for e in events if e["type"] == "inject-shown"] == ["consent"]
    monkeypatch.setattr("sys.stdin", io.StringIO("3\nr2\n1\nr3\nfinal\n"))
    main(["chat", "--resume", session.stem, *TREES])
    after = capsys.readouterr().out
    assert "NEW INFORMATION" not in after  # shown once only
    assert "Debrief: your path beside the reference" in after
    assert "Commentary: Consent asked for at a calmer time is real consent." in after


def test_group_debrief_counts_match_the_choices(room: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "debrief.md"
    assert (
        main(["debrief", str(room / "a"), str(room / "b"), str(room / "c"), "-o", str(out), *TREES])
        == 0
    )
    text = out.read_text()
    assert "| Sessions counted | 3 (3 reached an outcome) |" in text
    assert "| No **(reference)** | 2 |" in text and "| Yes | 1 |" in text
    assert "| Not sure yet **(reference)** | 2 |" in text and "| No | 1 |" in text
    assert "**Reference:** No. Nobody is in danger" in text
    assert "## Discussion questions" in text
    assert MarkdownIt("commonmark").parse(text)


def test_group_debrief_matches_golden(room: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["debrief", str(room), "--quotes", *TREES]) == 0
    text = capsys.readouterr().out
    path = GOLDEN / "sample-debrief.md"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text()
    assert "> ask her again" in text


def test_sessions_from_another_tree_version_are_set_aside(
    room: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    session = next((room / "b" / "sessions").glob("*.jsonl"))
    lines = session.read_text().splitlines()
    first = json.loads(lines[0])
    first["hash"] = "sha256:older"
    # Rewrite as a consistent (re-chained) file: it is a different tree version, not a tampered log.
    from ethicsguide.storage.sessionlog import SessionLog

    events = [json.loads(line) for line in lines]
    rewritten = tmp_path / "older" / "sessions" / session.name
    rewritten.parent.mkdir(parents=True)
    log = SessionLog.create(rewritten, {k: v for k, v in first.items() if k not in ("seq", "prev")})
    for event in events[1:]:
        log.append({k: v for k, v in event.items() if k not in ("seq", "prev")})
    assert main(["debrief", str(room / "a"), str(room / "c"), str(rewritten), *TREES]) == 0
    text = capsys.readouterr().out
    assert "| Sessions counted | 2 (2 reached an outcome) |" in text
    assert "walked another version of the tree" in text


def test_debrief_of_mixed_exercises_needs_a_scenario(
    monkeypatch, room: Path, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO("2\nr\n"))
    main(["chat", "sample", *TREES])
    capsys.readouterr()
    assert main(["debrief", str(data_dir), *TREES]) == 1
    assert "name one with --scenario" in capsys.readouterr().err
