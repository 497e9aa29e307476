"""The real app in a real terminal (tmux): every reason saved in order; kill -9 loses nothing.

Slow (a few seconds each) and skipped where tmux is not installed: ``pytest -m slow``.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import LIBRARY

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
TREE = "teen-disclosure"


class Terminal:
    """One tmux session running a command; read the screen, send keys."""

    def __init__(self, argv: list[str], width: int = 120, height: int = 40) -> None:
        self.name = "egtest" + uuid.uuid4().hex[:8]
        # COLUMNS/LINES may be set in the test process (Textual's test mode sets them); they
        # would override the real terminal size, so the app gets a clean environment.
        command = "env -u COLUMNS -u LINES " + " ".join(shlex.quote(a) for a in argv) + "; sleep 30"
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                "bash",
                "-c",
                command,
            ],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        flags = ["-l"] if literal else []
        subprocess.run(["tmux", "send-keys", "-t", self.name, *flags, *keys], check=True)

    def wait(self, found: Callable[[str], bool], timeout: float = 15.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if found(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError("the screen never showed what was expected:\n" + self.screen())

    def app_pid(self) -> int:
        """The app's process: the only child of the shell tmux started."""
        shell = subprocess.run(
            ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True)
        return int(children.stdout.split()[0])

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


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
        term = Terminal(argv, **size)
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
    term.keys(reason, literal=True)
    term.keys("Enter")


def reasons(data: Path) -> list[str]:
    [path] = sorted((data / "sessions").glob("*.jsonl"))
    lines = path.read_text(encoding="utf-8").splitlines()
    return [e["text"] for e in map(json.loads, lines) if e["type"] == "reasoned"]


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
