"""``ethicsguide chat``: scripted conversations, resume, end of input, and a killed process."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ethicsguide.cli import main
from ethicsguide.storage.sessionlog import read_log
from tests.conftest import FIXTURE_LIBRARY
from tests.drive import wait_for

TREES = ["--trees", str(FIXTURE_LIBRARY)]


def chat(monkeypatch: pytest.MonkeyPatch, lines: list[str], *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    return main(["chat", *args, *TREES])


def sessions(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "sessions").glob("*.jsonl"))


def test_scripted_chat_exports_every_reason_in_order(
    monkeypatch, data_dir, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.md"
    rc = chat(
        monkeypatch,
        ["2", "first reason", "no", "second reason", "final step"],
        "sample",
        "--export",
        str(out),
    )
    assert rc == 0
    text = out.read_text()
    assert text.index("> first reason") < text.index("> second reason")
    assert "A sample dilemma for tests" in text and "## Outcome: Hold the information" in text
    assert "NASW Code of Ethics, Standard 1.02" in text and "```mermaid" in text
    assert "> final step" in text
    assert MarkdownIt("commonmark").parse(text)
    printed = capsys.readouterr().out
    assert "Principles in tension: Autonomy" in printed and "Session saved:" in printed


def test_steps_are_printed_without_reading_a_line(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["1", "danger", "1", "ok", ""], "sample")
    printed = capsys.readouterr().out
    assert "Guide: Call 911 or your local emergency number" in printed
    events = read_log(sessions(data_dir)[0]).events
    assert [e["type"] for e in events if e["type"] == "reasoned"] == ["reasoned", "reasoned"]


def test_unknown_answer_is_said_and_asked_again(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["7", "maybe", "yes", "r"], "sample")
    printed = capsys.readouterr().out
    assert "There is no option 7" in printed
    assert "'maybe' does not match an option" in printed
    assert "You chose: Yes" in printed


def test_why_back_and_quit(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    rc = chat(monkeypatch, ["why", "2", "r1", "back", "quit"], "sample")
    printed = capsys.readouterr().out
    assert rc == 0
    assert "Why this question: Safety comes before everything else." in printed
    assert "Went back." in printed and "Resume with: ethicsguide chat --resume" in printed
    state = [json.loads(line) for line in sessions(data_dir)[0].read_text().splitlines()]
    assert [e["type"] for e in state][-1] == "went-back"


def test_end_of_input_keeps_everything_and_resume_continues(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["2", "kept reason"], "sample")
    assert "Input ended. Everything so far is saved." in capsys.readouterr().out
    session_id = sessions(data_dir)[0].stem
    chat(monkeypatch, ["1", "after resume", "done"], "--resume", session_id)
    printed = capsys.readouterr().out
    assert "Question 2: Does the client agree to share?" in printed
    events = read_log(sessions(data_dir)[0]).events
    assert [e.get("text") for e in events if e["type"] == "reasoned"] == [
        "kept reason",
        "after resume",
    ]


def test_unknown_tree_is_a_one_line_error(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    assert chat(monkeypatch, [], "sampel") == 1
    err = capsys.readouterr().err
    assert "no tree `sampel`; did you mean sample?" in err


def killed_after_two_answers(data_dir: Path, answers: str) -> dict[str, str]:
    """Run a chat, answer two questions, wait until both are on disk, then SIGKILL it."""
    env = {**os.environ, "ETHICSGUIDE_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ethicsguide", "chat", "sample", *TREES],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
        text=True,
        bufsize=1,
    )
    assert proc.stdin is not None
    proc.stdin.write(answers)
    proc.stdin.flush()
    wait_for(lambda: _reasons(data_dir) == ["reason one", "reason two"], what="both reasons")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return env


def run_cli(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "ethicsguide", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_kill_9_after_two_answers_loses_neither(data_dir: Path) -> None:
    env = killed_after_two_answers(data_dir, "2\nreason one\n2\nreason two\n")
    session_id = sessions(data_dir)[0].stem
    listed = json.loads(run_cli(env, "sessions", "--json"))
    assert listed[0]["id"] == session_id and listed[0]["finished"] is True
    exported = run_cli(env, "export", session_id, *TREES)
    assert exported.index("> reason one") < exported.index("> reason two")


def test_kill_9_then_resume_lands_on_the_next_question(data_dir: Path) -> None:
    env = killed_after_two_answers(data_dir, "2\nreason one\n3\nreason two\n")
    resumed = subprocess.run(
        [
            sys.executable,
            "-m",
            "ethicsguide",
            "chat",
            "--resume",
            sessions(data_dir)[0].stem,
            *TREES,
        ],
        input="1\nthird\n\n",
        env=env,
        capture_output=True,
        text=True,
    )
    assert "Question 3: Can you ask the client again later?" in resumed.stdout
    assert _reasons(data_dir) == ["reason one", "reason two", "third"]


def _reasons(data_dir: Path) -> list[str]:
    files = sessions(data_dir)
    if not files:
        return []
    return [e.get("text", "") for e in read_log(files[0]).events if e["type"] == "reasoned"]
