"""Session files: private, fsynced per event, torn last lines skipped, edits detected."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from ethicsguide.engine.library import Library
from ethicsguide.storage.sessionlog import SessionLog, read_log
from ethicsguide.storage.sessions import LiveSession


def make_session(lib: Library, root: Path, clock) -> LiveSession:  # type: ignore[no-untyped-def]
    live = LiveSession.start(root, lib, lib.trees["sample"].tree, clock=clock, session_id="s1")
    live.choose(1)
    live.reason("one")
    live.choose(1)
    live.reason("two")
    return live


def test_files_are_0600_in_a_0700_folder(fixture_library: Library, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    live = make_session(fixture_library, tmp_path, clock)
    assert stat.S_IMODE(live.log.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(live.log.path.parent.stat().st_mode) == 0o700


def test_first_line_pins_tree_version_and_hash(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = make_session(fixture_library, tmp_path, clock)
    first = read_log(live.log.path).events[0]
    assert (first["type"], first["tree"], first["version"]) == ("started", "sample", 1)
    assert first["hash"] == fixture_library.pin("sample").digest  # type: ignore[union-attr]


def test_torn_last_line_is_skipped_with_a_warning_and_trimmed(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = make_session(fixture_library, tmp_path, clock)
    with live.log.path.open("ab") as handle:
        handle.write(b'{"seq":9,"type":"reas')
    read = read_log(live.log.path)
    assert read.torn and len(read.events) == live.state.events
    assert "incomplete last line" in read.warnings[0]
    resumed = LiveSession.resume(live.log.path, fixture_library, clock)
    resumed.reflect("after the crash")
    assert read_log(live.log.path).warnings == []


def test_edited_line_is_detected_and_earlier_lines_still_load(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = make_session(fixture_library, tmp_path, clock)
    lines = live.log.path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"one", b"uno")
    live.log.path.write_bytes(b"\n".join(lines))
    read = read_log(live.log.path)
    assert read.altered_at == 3
    assert len(read.events) == 2
    assert "record altered after line 2" in read.warnings[0]
    log, _ = SessionLog.open(live.log.path)
    assert log.read_only


def test_each_event_is_on_disk_before_the_state_changes(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = make_session(fixture_library, tmp_path, clock)
    on_disk = read_log(live.log.path).events
    assert [e["type"] for e in on_disk] == [
        "started",
        "chose",
        "reasoned",
        "chose",
        "reached",
        "reasoned",
    ]
    assert [e["seq"] for e in on_disk] == list(range(6))


def test_a_read_only_data_folder_is_a_clear_message(
    fixture_library: Library, tmp_path: Path, clock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import errno
    import os

    import pytest

    from ethicsguide.storage.sessionlog import SessionFileError

    live = make_session(fixture_library, tmp_path, clock)
    before = read_log(live.log.path).events
    real_write = os.write

    def refuse(fd, data):  # type: ignore[no-untyped-def]
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "write", refuse)
    with pytest.raises(
        SessionFileError,
        match=r"NOT saved: your final decision\. .*the data folder is not writable\. Everything saved before",
    ):
        live.reflect("will not be written")
    monkeypatch.setattr(os, "write", real_write)
    assert read_log(live.log.path).events == before
    assert live.state.final_decision is None  # the state only changes after the write


def test_random_corruption_never_loses_the_lines_before_it(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from ethicsguide.storage.sessionlog import SessionFileError

    live = make_session(fixture_library, tmp_path, clock)
    original = live.log.path.read_bytes()
    line_ends = [i for i, b in enumerate(original) if b == 10]
    # an action's lines count only once all of them are whole (its first line says how many)
    action_end = []
    for index, raw in enumerate(original.split(b"\n")[:-1]):
        batch = json.loads(raw).get("batch", 1)
        action_end += [line_ends[index + batch - 1]] * batch if "batch" in json.loads(raw) else []
        if "batch" not in json.loads(raw) and len(action_end) <= index:
            action_end.append(line_ends[index])

    @settings(
        max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(position=st.integers(0, len(original) - 1), value=st.integers(0, 255), cut=st.booleans())
    def corrupt(position: int, value: int, cut: bool) -> None:
        data = (
            original[:position]
            if cut
            else original[:position] + bytes([value]) + original[position + 1 :]
        )
        live.log.path.write_bytes(data)
        intact_lines = sum(1 for end in action_end if end < position)
        try:
            read = read_log(live.log.path)
        except SessionFileError:
            assert intact_lines == 0
            return
        assert len(read.events) >= intact_lines
        assert [e["seq"] for e in read.events] == list(range(len(read.events)))

    corrupt()
