"""In a real terminal (tmux): `resume` draws its screen from the cache; a burst typed at it
is recorded whole, and a session open in another window still opens read-only.

Slow and skipped where tmux is not installed: ``pytest -m slow``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from tests.tmux import Terminal

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
TREE = "client-gift-or-friend-request"  # bundled: q2 is "choose all that apply"
REASON = "because we met her at the bus stop, she wants to add me on Facebook"  # b w e m h


def running(data: Path, *argv: str) -> Terminal:
    return Terminal.running([sys.executable, "-m", "ethicsguide", "--data-dir", str(data), *argv])


def answered_once(data: Path) -> None:
    """`start`, answer the first question, quit: the screen to resume on is remembered."""
    term = running(data, "start", TREE)
    try:
        term.wait(lambda s: "question 1 — your answer?" in s, timeout=30)
        term.type("2no crisis in it\r")
        term.wait(lambda s: "question 2 — your answer?" in s)
        term.keys("C-q")
        term.wait(lambda s: "is saved. Carry on with" in s)  # written as the walkthrough closes
    finally:
        term.close()
    assert next((data / "sessions").glob("*.resume")).is_file()


def reasoned(data: Path) -> list[str]:
    log = next((data / "sessions").glob("*.jsonl"))
    events = [json.loads(line) for line in log.read_text().splitlines()]
    return [e["text"] for e in events if e["type"] == "reasoned"]


def test_a_burst_at_the_cached_resumed_screen_is_recorded_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    answered_once(data)
    term = running(data, "resume")
    try:
        term.wait(
            lambda s: "question 2 — your answer?" in s and "resumed at question 2" in s, timeout=30
        )
        term.type(f"3\r{REASON}\r")  # at once, while the session may still be loading
        term.wait(lambda s: "question 3 — your answer?" in s)
    finally:
        term.keys("C-q")
        term.close()
    assert reasoned(data) == ["no crisis in it", REASON]


def test_a_session_open_elsewhere_still_opens_read_only(tmp_path: Path) -> None:
    """The second window does not draw the picture (it would not be read-only), and
    leaves the picture alone (the first window owns the record)."""
    data = tmp_path / "data"
    answered_once(data)
    picture = next((data / "sessions").glob("*.resume"))
    first = running(data, "resume")
    try:
        first.wait(lambda s: "question 2 — your answer?" in s, timeout=30)
        drawn = picture.stat().st_mtime_ns
        second = running(data, "resume")
        try:
            shown = second.wait(lambda s: "read-only" in s, timeout=30)
            assert "pid " in shown  # names the window that has it
            second.keys("C-q")
            second.wait(lambda s: "Carry on with" in s or "$" in s.strip()[-3:])
        finally:
            second.close()
        assert picture.stat().st_mtime_ns == drawn
    finally:
        first.keys("C-q")
        first.close()
    assert reasoned(data) == ["no crisis in it"]
