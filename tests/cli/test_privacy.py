"""Privacy and trust: redacted exports, tampered logs, edited trees, failed writes, retention."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.storage.sessionlog import read_log
from tests.conftest import FIXTURE_LIBRARY

TREES = ["--trees", str(FIXTURE_LIBRARY)]
SENSITIVE = [
    "She gave me her cell, (555) 201-3344, and maria.l@example.org as the safest contact.",
    "Her SSN 123-45-6789 and A-number A123456789 are on the notice; 45 CFR 164.512(f) may apply.",
    "She was born 03/04/2008 and stays at 42 Elm Street, so 34 U.S.C. 12291(b)(2) matters.",
]


def chat(monkeypatch: pytest.MonkeyPatch, lines: list[str], *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    return main(["chat", *args, *TREES])


def only_session(data_dir: Path) -> Path:
    return next((data_dir / "sessions").glob("*.jsonl"))


def test_redacted_export_drops_identifiers_and_keeps_the_rest(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["2", SENSITIVE[0], "2", SENSITIVE[1], SENSITIVE[2]], "sample")
    assert "may identify someone" in capsys.readouterr().out
    session = only_session(data_dir).stem
    main(["export", session, "--redact", *TREES])
    redacted = capsys.readouterr().out
    for secret in (
        "201-3344",
        "maria.l@example.org",
        "123-45-6789",
        "A123456789",
        "03/04/2008",
        "42 Elm Street",
    ):
        assert secret not in redacted
    for kept in (
        "as the safest contact",
        "are on the notice",
        "45 CFR 164.512(f)",
        "34 U.S.C. 12291(b)(2)",
        "[phone]",
        "[email]",
        "[ssn]",
        "[a-number]",
        "[date-of-birth]",
        "[address]",
    ):
        assert kept.replace("[", "\\[").replace("]", "\\]") in redacted  # escaped, renders as typed
    main(["export", session, *TREES])
    plain = capsys.readouterr().out
    assert "(555) 201-3344, and maria.l@example.org as the safest contact." in plain


def test_edited_byte_is_reported_on_resume_and_in_export(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["2", "first", "2", "second"], "sample")
    path = only_session(data_dir)
    data = bytearray(path.read_bytes())
    data[data.index(b"second")] = ord("S")
    path.write_bytes(bytes(data))
    capsys.readouterr()
    assert chat(monkeypatch, [], "--resume", path.stem) == 1
    assert "record altered after line" in capsys.readouterr().err
    main(["export", path.stem, *TREES])
    captured = capsys.readouterr()
    assert "Record altered after line" in captured.out and "> first" in captured.out


def test_edited_tree_is_said_on_resume(monkeypatch, data_dir, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    library = tmp_path / "lib"
    shutil.copytree(FIXTURE_LIBRARY, library)
    trees = ["--trees", str(library)]
    monkeypatch.setattr("sys.stdin", io.StringIO("2\nr1\n"))
    main(["chat", "sample", *trees])
    sample = library / "general" / "sample.yaml"
    sample.write_text(
        sample.read_text().replace(
            "Share only what the release covers.", "Share only what it covers."
        )
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("1\nr2\n\n"))
    assert main(["chat", "--resume", only_session(data_dir).stem, *trees]) == 0
    out = capsys.readouterr().out
    assert "was edited since this session began" in out and "you can go on" in out
    sample.write_text(
        sample.read_text().replace(
            'label: "No"\n        to: consent', 'label: "Not now"\n        to: consent'
        )
    )
    capsys.readouterr()
    assert main(["chat", "--resume", only_session(data_dir).stem, *trees]) == 1
    captured = capsys.readouterr()
    assert 'your answer "No" is no longer option 2' in captured.out
    assert "cannot go on in the edited guide" in captured.err


def test_a_full_disk_is_a_clear_message_and_keeps_earlier_events(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["2", "kept"], "sample")
    before = read_log(only_session(data_dir)).events
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    assert chat(monkeypatch, ["2", "lost"], "--resume", only_session(data_dir).stem) == 1
    monkeypatch.setattr(os, "write", real_write)
    captured = capsys.readouterr()
    assert "NOT saved: your answer “No”" in captured.out and "the disk is full" in captured.out
    assert "your last answer was NOT saved" in captured.err
    assert read_log(only_session(data_dir)).events == before


def test_two_writers_at_once_do_not_interfere(data_dir: Path) -> None:
    env = {**os.environ, "ETHICSGUIDE_DATA_DIR": str(data_dir)}
    cmd = [sys.executable, "-m", "ethicsguide", "chat", "sample", *TREES]
    procs = [
        subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
        for _ in range(2)
    ]
    for index, proc in enumerate(procs):
        proc.communicate(f"2\nwriter {index}\n2\nagain {index}\nend\n", timeout=60)
    files = sorted((data_dir / "sessions").glob("*.jsonl"))
    assert len(files) == 2
    reasons = sorted(
        tuple(e.get("text") for e in read_log(f).events if e["type"] in ("reasoned", "reflected"))
        for f in files
    )
    assert reasons == [("writer 0", "again 0", "end"), ("writer 1", "again 1", "end")]


def test_sessions_older_than_can_be_listed_and_deleted(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["2", "old"], "sample")
    path = only_session(data_dir)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert all(e["at"].startswith("20") for e in lines)
    capsys.readouterr()
    assert main(["sessions", "--older-than", "90d", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["sessions", "--older-than", "0d", "--delete", "--yes"]) == 0
    assert "Deleted 1 session(s)." in capsys.readouterr().out
    assert not path.exists()
    assert main(["sessions", "--older-than", "soon"]) == 2
