"""A delete cut short by a killed window (the terminal closed as the app quits) leaves no
broken session of zeros and no empty session behind, and the next listing finishes it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ethicsguide.cli import main
from tests.conftest import FIXTURE_LIBRARY

TREES = ["--trees", str(FIXTURE_LIBRARY)]
WORDS = "because her aunt Rosa on Elm Street is the one she trusts"

# Deletes the session named on the command line, and dies (as a killed process does, with
# no clean-up) at the chosen point: after the file's bytes are overwritten, or before.
KILLED_DELETE = """
import os, sys
from pathlib import Path
from ethicsguide.storage import deletion

point = sys.argv[2]
real = deletion._overwrite
def overwrite(fd):
    if point == "after-overwrite":
        real(fd)
    os._exit(9)
deletion._overwrite = overwrite
deletion.delete_session(Path(sys.argv[1]))
"""


def a_session(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Path:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"2\n{WORDS}\n2\nr2\nfinal\n"))
    assert main(["chat", "sample", *TREES]) == 0
    (session,) = (data_dir / "sessions").glob("*.jsonl")
    return session


def killed_while_deleting(session: Path, point: str) -> None:
    run = subprocess.run([sys.executable, "-c", KILLED_DELETE, str(session), point])
    assert run.returncode == 9


def words_left(data_dir: Path) -> list[str]:
    folder = data_dir / "sessions"
    return [p.name for p in folder.iterdir() if WORDS.encode() in p.read_bytes()]


@pytest.mark.parametrize("point", ["before-overwrite", "after-overwrite"])
def test_a_delete_killed_half_way_is_not_a_session_and_is_finished_by_the_next_listing(
    monkeypatch, data_dir, capsys, point
) -> None:  # type: ignore[no-untyped-def]
    session = a_session(monkeypatch, data_dir)
    picture = session.with_suffix(".resume")
    picture.write_text(f"the conversation as drawn: {WORDS}")  # a side file with her words
    capsys.readouterr()
    killed_while_deleting(session, point)
    assert not session.exists()  # out of the list before anything else happened
    assert list((data_dir / "sessions").glob("*.jsonl")) == []

    assert main(["sessions", "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out) == [] and "not a session" not in out.err
    assert sorted(p.name for p in (data_dir / "sessions").iterdir()) == []
    assert words_left(data_dir) == []


def test_a_whole_delete_leaves_nothing_and_no_deleting_file(monkeypatch, data_dir) -> None:  # type: ignore[no-untyped-def]
    session = a_session(monkeypatch, data_dir)
    assert main(["delete", session.stem, "--yes"]) == 0
    assert sorted(p.name for p in (data_dir / "sessions").iterdir()) == []
