"""The real app in a real terminal (tmux): every reason saved in order; kill -9 loses nothing.

Slow (a few seconds each) and skipped where tmux is not installed: ``pytest -m slow``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.tmux import Terminal

from .conftest import LIBRARY

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
TREE = "teen-disclosure"
FOUR_FORKS = """\
format: 1
id: four-forks
title: Four forks in a row
domain: general
summary: Four questions one after another, to type ahead at.
reviewed: "2026-11"
start: q1
nodes:
{forks}
  done:
    outcome: Talk it through with your supervisor
    guidance: Bring what you wrote to supervision.
    actions: [Book time with your supervisor.]
    avoid: [Do not act alone.]
    sources: [fixture-agency-policy]
    principles: [autonomy]
"""
FORK = """\
  q{n}:
    ask: Fork number {n}?
    why: Each fork asks why, so the record shows the reasoning.
    tension: [autonomy, beneficence]
    options:
      - {{label: One, to: done}}
      - {{label: Two, to: {next}}}
"""
# each holds b, w, e, m and h: the walkthrough's command keys
SENTENCES = [
    "because we know him best",
    "she asked me to wait before we act, with help",
    "my manager would back this up when she hears",
    "both of them were home when we came",
]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    opened: list[Terminal] = []

    def start(*args: str, **size: int) -> Terminal:
        argv = [
            sys.executable,
            "-m",
            "ethicsguide",
            "--trees",
            str(LIBRARY),
            "--data-dir",
            str(tmp_path / "data"),
            *args,
        ]
        term = Terminal.running(argv, **size)
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def asking(number: int) -> Callable[[str], bool]:
    return lambda screen: f"question {number} — your answer?" in screen


def answer(term: Terminal, number: int, digit: str, reason: str) -> None:
    term.wait(asking(number))
    term.keys(digit)
    term.wait(lambda s: "Why did you choose this?" in s)
    term.type(reason)
    term.keys("Enter")


def reasons(data: Path) -> list[str]:
    [path] = sorted((data / "sessions").glob("*.jsonl"))
    lines = path.read_text(encoding="utf-8").splitlines()
    return [e["text"] for e in map(json.loads, lines) if e["type"] == "reasoned"]


def four_forks_library(root: Path) -> Path:
    """The app's fixture library plus a guide of four questions in a row."""
    library = root / "library"
    shutil.copytree(LIBRARY, library)
    forks = "".join(FORK.format(n=n, next=f"q{n + 1}" if n < 4 else "done") for n in range(1, 5))
    (library / "general" / "four-forks.yaml").write_text(FOUR_FORKS.format(forks=forks))
    return library


def exported(data: Path, library: Path) -> str:
    [path] = sorted((data / "sessions").glob("*.jsonl"))
    argv = [sys.executable, "-m", "ethicsguide", "--trees", str(library), "--data-dir", str(data)]
    out = subprocess.run([*argv, "export", str(path)], capture_output=True, text=True, check=True)
    return out.stdout


def test_a_burst_of_digit_reason_enter_is_recorded_whole_at_each_step(
    terminal, tmp_path: Path
) -> None:
    library = four_forks_library(tmp_path)
    term = terminal("--trees", str(library), "start", "four-forks")
    for number, sentence in enumerate(SENTENCES, 1):
        term.wait(asking(number))
        term.type(f"2{sentence}\r")  # one write: digit, words and Enter
    term.wait(lambda s: "Outcome · Talk it through" in s)
    term.keys("C-q")
    term.wait(lambda s: "is saved. Carry on with" in s)
    assert reasons(tmp_path / "data") == SENTENCES
    steps = exported(tmp_path / "data", library).split("## Outcome")[0]
    places = []
    for number, sentence in enumerate(SENTENCES, 1):
        places += [steps.index(f"Fork number {number}?"), steps.index(f"> {sentence}\n")]
    assert places == sorted(places)  # each sentence under its own question, in order


def test_held_backspace_and_typing_with_no_box_open_withdraw_nothing(
    terminal, tmp_path: Path
) -> None:
    term = terminal("start", TREE)
    answer(term, 1, "2", "first reason")
    term.wait(asking(2))
    term.keys(*["BSpace"] * 30)
    term.type("be careful")
    term.wait(lambda s: "Withdraw your answer to" in s)  # b only asks; the rest is ignored
    term.keys("Escape")
    term.wait(lambda s: asking(2)(s) and "Withdraw your answer" not in s)
    term.keys("C-q")
    term.wait(lambda s: "is saved. Carry on with" in s)
    [path] = sorted((tmp_path / "data" / "sessions").glob("*.jsonl"))
    logged = [json.loads(line)["type"] for line in path.read_text().splitlines()]
    assert logged == ["started", "chose", "reasoned"]


def test_every_reason_is_saved_in_order(terminal, tmp_path: Path) -> None:
    term = terminal("start", TREE)
    answer(term, 1, "2", "she is somewhere safe tonight")
    answer(term, 2, "1", "she told me she is 16")
    term.wait(lambda s: "Press Enter (or c) to continue" in s)
    term.keys("Enter")
    answer(term, 3, "1", "I am a mandated reporter here")
    term.wait(lambda s: "Outcome · Make a report" in s)
    term.keys("C-q")
    term.wait(lambda s: "is saved. Carry on with: ethicsguide resume" in s)
    assert reasons(tmp_path / "data") == [
        "she is somewhere safe tonight",
        "she told me she is 16",
        "I am a mandated reporter here",
    ]


def test_kill_9_after_two_answers_then_resume(terminal, tmp_path: Path) -> None:
    term = terminal("start", TREE)
    answer(term, 1, "2", "first reason")
    answer(term, 2, "2", "second reason")
    term.wait(asking(3))
    os.kill(term.app_pid(), signal.SIGKILL)
    assert reasons(tmp_path / "data") == ["first reason", "second reason"]
    again = terminal("resume")
    screen = again.wait(asking(3))
    assert "“first reason”" in screen and "“second reason”" in screen
    assert "What does she want to happen next?" in screen


def test_a_left_draft_is_replaced_not_prepended_by_a_fast_new_reason(
    terminal, tmp_path: Path
) -> None:
    """Escape keeps a draft; picking the option again at speed records only the new words."""
    term = terminal("start", TREE)
    term.wait(asking(1))
    term.keys("2")
    term.wait(lambda s: "Why did you choose this?" in s)
    term.type("an old thought")
    term.wait(lambda s: "an old thought" in s)
    term.keys("Escape")
    term.wait(lambda s: "Why did you choose this?" not in s)
    term.type("2she is safe tonight\r")  # one burst, faster than the box draws
    term.wait(asking(2))
    term.keys("2")
    term.wait(lambda s: "Why did you choose this?" in s)
    term.type("kept words")
    term.keys("Escape")
    term.wait(lambda s: "Why did you choose this?" not in s)
    term.keys("2")
    screen = term.wait(lambda s: "Your earlier draft is back" in s)
    assert "kept words" in screen  # restored where the worker can see it
    term.keys("Right")
    term.type(" and more")
    term.keys("Enter")
    term.wait(asking(3))
    term.keys("C-q")
    term.wait(lambda s: "is saved. Carry on with" in s)
    assert reasons(tmp_path / "data") == ["she is safe tonight", "kept words and more"]


def test_the_footer_follows_bursts_of_answers_at_80x24(terminal) -> None:
    """The keys shown are the keys that act now, even after answers typed at speed."""
    term = terminal("start", TREE, width=80, height=24)

    def footer(screen: str) -> str:
        return screen.rstrip("\n").splitlines()[-1]

    term.wait(asking(1))
    term.type("2not hurt\r")
    term.wait(asking(2))
    term.type("1the ID says 15\r")
    term.wait(lambda s: "Press Enter (or c) to continue" in s)
    term.wait(lambda s: footer(s).startswith("enter Continue") and "f1 Help" in footer(s))
    term.keys("Enter")
    term.wait(lambda s: footer(s).startswith("1-9 Choose b Back") and "f1 Help" in footer(s))
