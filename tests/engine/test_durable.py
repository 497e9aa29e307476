"""Durable appends: short writes, a full disk, a crash between events, reads that never write."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ethicsguide.engine.library import Library
from ethicsguide.storage.sessionlog import SessionFileError, SessionLog, read_log
from ethicsguide.storage.sessions import LiveSession

Answer = tuple[int, str]


def started(lib: Library, root: Path, clock) -> LiveSession:  # type: ignore[no-untyped-def]
    return LiveSession.start(root, lib, lib.trees["sample"].tree, clock=clock, session_id="s1")


def test_short_writes_are_continued_until_every_byte_is_on_disk(
    fixture_library: Library, tmp_path: Path, clock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    real_write = os.write

    def dribble(fd: int, data: bytes) -> int:  # the kernel may write less than asked
        return real_write(fd, bytes(data[:7]))

    monkeypatch.setattr(os, "write", dribble)
    live = started(fixture_library, tmp_path, clock)
    live.answer(1, "first, written seven bytes at a time")
    live.answer(1, "second")
    live.reflect("done")
    monkeypatch.undo()
    read = read_log(live.log.path)
    assert not read.warnings and read.head == "ok"
    assert [e["type"] for e in read.events] == [
        "started", "chose", "reasoned", "chose", "reached", "reasoned", "reflected",
    ]  # fmt: skip


def test_a_full_disk_mid_record_keeps_every_acknowledged_answer_and_names_the_lost_one(
    fixture_library: Library, tmp_path: Path, clock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    live = started(fixture_library, tmp_path, clock)
    live.answer(1, "acknowledged")
    acknowledged = read_log(live.log.path).events
    real_write = os.write

    def full_after_30_bytes(fd: int, data: bytes) -> int:
        if len(data) > 30:
            real_write(fd, bytes(data[:30]))  # the disk fills part way through the record
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full_after_30_bytes)
    with pytest.raises(SessionFileError) as failed:
        live.answer(1, "lost to the full disk")
    assert "NOT saved: your answer “No” and your reasoning" in str(failed.value)
    assert "the disk is full" in str(failed.value)
    assert live.state.events == len(acknowledged)  # the state did not move on
    monkeypatch.undo()
    assert read_log(live.log.path).events == acknowledged  # the torn tail is not read as events
    live.answer(1, "retried once there was space")
    read = read_log(live.log.path)
    assert not read.warnings and read.head == "ok"
    assert [e.get("text") for e in read.events if e["type"] == "reasoned"] == [
        "acknowledged",
        "retried once there was space",
    ]
    torn = live.log.path.with_name("s1.torn").read_bytes()
    assert len(torn) == 31 and torn.startswith(b'{"seq":3')  # set aside, not destroyed


def test_a_crash_inside_a_record_sets_the_whole_action_aside(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = started(fixture_library, tmp_path, clock)
    live.answer(1, "one")
    head = live.log.path.with_name("s1.head")
    head_before = head.read_bytes()  # the head is written only after a whole record is on disk
    live.answer(1, "two")  # chose + reached + reasoned: one record of three lines
    live.close()
    data = live.log.path.read_bytes()
    lines = data.split(b"\n")
    cut = b"\n".join(lines[:5]) + b"\n" + lines[5][:20]  # chose, reached whole; reasoned torn
    live.log.path.write_bytes(cut)
    head.write_bytes(head_before)
    read = read_log(live.log.path)
    assert [e["type"] for e in read.events] == ["started", "chose", "reasoned"]
    assert read.torn and read.altered_at is None and read.head == "ok"
    assert any("cut short at line 4" in w for w in read.warnings)
    resumed = LiveSession.resume(live.log.path, fixture_library, clock)
    assert live.log.path.read_bytes() == cut  # opening never writes
    resumed.answer(1, "again")
    assert [e["type"] for e in read_log(live.log.path).events][-3:] == [
        "chose",
        "reached",
        "reasoned",
    ]


def test_an_older_log_killed_between_chose_and_reached_finishes(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    from ethicsguide.engine import walk

    live = started(fixture_library, tmp_path, clock)
    live.answer(1, "one")
    lib = fixture_library
    chose, _reached = walk.choose(live.state, 1, lib.tree, lib.pin, "2026-11-26T11:00:00Z")
    live.log.append(chose)  # the older version's first of two appends; then kill -9
    live.close()
    resumed = LiveSession.resume(live.log.path, lib, clock)
    assert resumed.state.finished  # the outcome the choice leads to is known at once
    resumed.reason("two")
    resumed.reflect("and the final decision")
    kinds = [e["type"] for e in read_log(live.log.path).events]
    assert kinds[-4:] == ["chose", "reached", "reasoned", "reflected"]


def test_reading_and_exporting_never_write(
    fixture_library: Library, tmp_path: Path, clock, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    from ethicsguide.cli import main
    from tests.conftest import FIXTURE_LIBRARY

    live = started(fixture_library, tmp_path, clock)
    live.answer(1, "one")
    live.close()
    with live.log.path.open("ab") as handle:
        handle.write(b'{"seq":3,"type":"reas')  # a torn last line
    before = {p.name: p.read_bytes() for p in live.log.path.parent.iterdir()}
    real_open = os.open

    def read_only_media(path, flags, *args):  # type: ignore[no-untyped-def]
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only_media)
    args = ["--data-dir", str(tmp_path), "--trees", str(FIXTURE_LIBRARY)]
    assert main(["export", "s1", *args]) == 0
    assert "## Steps" in capsys.readouterr().out
    resumed = LiveSession.resume(live.log.path, fixture_library, clock)
    assert resumed.read_only and "cannot be written here" in (resumed.log.reason or "")
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in live.log.path.parent.iterdir()}
    assert after == before


def test_a_second_writer_gets_the_session_read_only(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    live = started(fixture_library, tmp_path, clock)
    live.close()
    code = (
        "import sys;from pathlib import Path;from ethicsguide.storage.sessionlog import SessionLog;"
        "log,_=SessionLog.open(Path(sys.argv[1]));"
        "print('read-only' if log.read_only else 'writing', log.reason, flush=True);"
        "sys.stdin.readline()"
    )
    first = subprocess.Popen(
        [sys.executable, "-c", code, str(live.log.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert first.stdout is not None and first.stdout.readline().startswith("writing")
        log, _ = SessionLog.open(live.log.path)
        assert log.read_only
        assert f"pid {first.pid}" in (log.reason or "") and "read-only" in (log.reason or "")
        with pytest.raises(SessionFileError):
            log.append({"type": "noted", "at": "x", "text": "not written"})
    finally:
        first.communicate("\n")
    log, _ = SessionLog.open(live.log.path)  # once it closed, this process may write
    assert not log.read_only
    log.close()


def test_a_crash_at_any_byte_keeps_exactly_the_whole_actions(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    """Cut the file anywhere, with the head record as it was then: never 'altered', and the
    events read are exactly those of the actions written whole."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    live = started(fixture_library, tmp_path, clock)
    head = live.log.path.with_name("s1.head")
    saved = [(live.log.path.stat().st_size, head.read_bytes(), 1)]
    for move in (
        lambda: live.answer(1, "one"),
        lambda: live.answer(1, "two"),
        lambda: live.reflect("end"),
    ):
        move()
        saved.append((live.log.path.stat().st_size, head.read_bytes(), live.state.events))
    live.close()
    original = live.log.path.read_bytes()

    @settings(
        max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(cut=st.integers(saved[0][0], len(original)))
    def crash(cut: int) -> None:
        size, head_then, count = max(s for s in saved if s[0] <= cut)
        live.log.path.write_bytes(original[:cut])
        head.write_bytes(head_then)
        read = read_log(live.log.path)
        assert read.altered_at is None and read.head == "ok"
        assert len(read.events) == count and read.good_size == size

    crash()
