"""In a real terminal (tmux): a burst typed at a first question drawn from the cache is kept.

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
TREE = "client-gift-or-friend-request"  # bundled: the cache serves the bundled library
REASON = "because we know him well, he will be home by eight"  # b, w, e, m, h: command keys


def started(data: Path) -> Terminal:
    argv = [sys.executable, "-m", "ethicsguide", "--data-dir", str(data), "start", TREE]
    return Terminal.running(argv)


def test_a_burst_at_the_cached_first_question_is_recorded_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = started(data)  # no cache yet: loads and checks the guide, then remembers
    first.wait(lambda s: "question 1 — your answer?" in s)
    for _ in range(40):  # the question is remembered just after it is drawn
        if (data / "cache" / "first.json").is_file():
            break
        first.poll(lambda s: False, 0.1)
    first.keys("C-q")
    first.close()
    assert (data / "cache" / "first.json").is_file()
    # the first window is closed as it quits: its empty session may be left (listed as
    # "opened, nothing answered") or half deleted; the second window's session is the new one
    before = set((data / "sessions").glob("*.jsonl"))
    term = started(data)
    try:
        term.wait(lambda s: "question 1 — your answer?" in s, timeout=20)
        term.type(f"2{REASON}\r")  # at once, while the guide may still be loading
        term.wait(lambda s: "question 2 — your answer?" in s or "Outcome" in s)
    finally:
        term.keys("C-q")
        term.close()
    (log,) = set((data / "sessions").glob("*.jsonl")) - before
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["text"] for e in events if e["type"] == "reasoned"] == [REASON]
    assert [e["option"] for e in events if e["type"] == "chose"] == [1]
