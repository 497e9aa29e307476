"""Trust at the command line: full disk in chat, crash resume, delete/export limits, verify."""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.storage.logread import head_path, line_hash, seal
from ethicsguide.storage.sessionlog import read_log
from tests.conftest import FIXTURE_LIBRARY

TREES = ["--trees", str(FIXTURE_LIBRARY)]


def chat(monkeypatch: pytest.MonkeyPatch, lines: list[str], *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    return main(["chat", *args, *TREES])


def only_session(data_dir: Path) -> Path:
    return next((data_dir / "sessions").glob("*.jsonl"))


def walked(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Path:
    assert chat(monkeypatch, ["2", "first reason", "no", "second reason", "final"], "sample") == 0
    return only_session(data_dir)


def test_chat_on_a_full_disk_says_what_was_not_saved_and_retries_the_same_words(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    real_write = os.write
    failures = iter([True])  # the disk is full once, for the reasoning

    def full_once(fd: int, data: bytes) -> int:
        if b'"reasoned"' in bytes(data) and next(failures, False):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_once)
    assert chat(monkeypatch, ["2", "words worth keeping", ""], "sample") == 0
    out = capsys.readouterr().out
    assert "NOT saved: your reasoning" in out and "the disk is full" in out
    assert "Your words, not saved yet: words worth keeping" in out
    events = read_log(only_session(data_dir)).events
    assert [e.get("text") for e in events if e["type"] == "reasoned"] == ["words worth keeping"]


def test_chat_finishes_a_session_killed_between_chose_and_reached(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    path = walked(monkeypatch, data_dir)
    events = read_log(path).events
    cut = [e["type"] for e in events].index("reached")
    rechain(path, events[:cut])  # an older version's log (one line per append), killed here
    head_path(path).unlink()
    capsys.readouterr()
    assert chat(monkeypatch, ["why not", "the final decision"], "--resume", path.stem) == 0
    assert "Traceback" not in capsys.readouterr().err
    state = [e["type"] for e in read_log(path).events]
    assert state[-3:] == ["reached", "reasoned", "reflected"]


def test_delete_never_touches_a_file_outside_the_sessions_folder(
    monkeypatch, data_dir, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    session = walked(monkeypatch, data_dir)
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    notes = here / "notes.md"
    notes.write_text("my own notes")
    local = here / session.stem[:8]  # a local file named like a session id prefix
    local.write_text("not a session")
    copy = here / session.name
    copy.write_bytes(session.read_bytes())
    assert main(["delete", "notes.md", "--yes"]) == 1
    assert main(["delete", f"./{session.name}", "--yes"]) == 1
    assert main(["delete", "..", "--yes"]) == 1
    assert notes.read_text() == "my own notes" and local.read_text() == "not a session"
    assert copy.read_bytes() == session.read_bytes()
    assert "is not a saved session" in capsys.readouterr().err
    assert main(["delete", session.stem[:8], "--yes"]) == 0  # the prefix names the session
    assert not session.exists() and not head_path(session).exists()
    assert local.read_text() == "not a session"


def test_export_refuses_the_data_folder_and_symlinks_and_makes_private_folders(
    monkeypatch, data_dir, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    session = walked(monkeypatch, data_dir)
    before = session.read_bytes()
    assert main(["export", session.stem, "-o", str(session), *TREES]) == 1
    assert main(["export", session.stem, "-o", str(data_dir / "x.md"), *TREES]) == 1
    assert "inside the data folder" in capsys.readouterr().err
    assert session.read_bytes().startswith(before)
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    target.chmod(0o644)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert main(["export", session.stem, "-o", str(link), *TREES]) == 1
    assert "symbolic link" in capsys.readouterr().err
    hard = tmp_path / "hard.md"
    os.link(session, hard)  # a second name for the session file, outside the data folder
    assert main(["export", session.stem, "-o", str(hard), *TREES]) == 1
    assert "hard links" in capsys.readouterr().err
    assert target.read_text() == "keep me" and stat.S_IMODE(target.stat().st_mode) == 0o644
    old = os.umask(0)
    try:
        out = tmp_path / "new" / "deeper" / "record.md"
        assert main(["export", session.stem, "-o", str(out), *TREES]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(out.parent.parent.stat().st_mode) == 0o700


def test_a_new_data_folder_is_private_whatever_the_umask(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "fresh" / "data"
    old = os.umask(0)
    try:
        assert chat(monkeypatch, ["1"], "sample", "--data-dir", str(root)) == 0
    finally:
        os.umask(old)
    session = next((root / "sessions").glob("*.jsonl"))
    for folder in (root.parent, root, session.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in (session, head_path(session)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def hold(path: Path) -> subprocess.Popen[str]:
    """Another process holding ``path`` open for writing, as a second window would."""
    code = (
        "import sys;from pathlib import Path;from ethicsguide.storage.sessionlog import SessionLog;"
        "log,_=SessionLog.open(Path(sys.argv[1]));print('held', flush=True);sys.stdin.readline()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_session_open_elsewhere_is_read_only_and_never_deleted(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    session = walked(monkeypatch, data_dir)
    before = session.read_bytes()
    other = hold(session)
    try:
        capsys.readouterr()
        assert chat(monkeypatch, ["more"], "--resume", session.stem) == 1
        assert f"open for writing elsewhere (pid {other.pid}" in capsys.readouterr().err
        assert main(["delete", session.stem, "--yes"]) == 1
        assert main(["sessions", "--older-than", "0h", "--delete", "--yes"]) == 0
        out = capsys.readouterr()
        assert "Deleted 0 session(s)" in out.out and f"Skipped: {session.stem}" in out.out
        assert f"pid {other.pid}" in out.err + out.out
    finally:
        other.communicate("\n")
    assert session.read_bytes() == before


def rechain(path: Path, events: list[dict]) -> None:  # type: ignore[type-arg]
    """Rewrite a log with a recomputed chain and head, as a forger would."""
    lines, prev = [], ""
    for seq, event in enumerate(events):
        body = {k: v for k, v in event.items() if k not in ("seq", "prev", "sum", "batch")}
        line = seal({"seq": seq, "prev": prev, **body})
        lines.append(line)
        prev = line_hash(line)
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    head_path(path).write_text(json.dumps({"count": len(lines), "last": prev}))


def test_removing_the_last_line_is_detected(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    session = walked(monkeypatch, data_dir)
    assert main(["verify", session.stem]) == 0
    lines = session.read_bytes().splitlines(keepends=True)
    session.write_bytes(b"".join(lines[:-1]))
    assert main(["verify", session.stem]) == 1
    assert "record cut short" in capsys.readouterr().out
    assert read_log(session).altered_at is not None


def test_a_session_without_a_head_record_is_older_not_tampered(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    session = walked(monkeypatch, data_dir)
    head_path(session).unlink()  # a session that kept a head record has lost it: said so
    assert read_log(session).head == "lost"
    assert main(["verify", session.stem]) == 1
    assert "its head record is missing" in capsys.readouterr().out
    events = read_log(session).events
    events[0] = {k: v for k, v in events[0].items() if k != "log"}
    rechain(session, events)  # as the version before head records wrote it
    head_path(session).unlink()
    read = read_log(session)
    assert read.altered_at is None and read.head == "missing"
    assert main(["verify", session.stem]) == 0
    assert "older session" in capsys.readouterr().out
    assert chat(monkeypatch, [], "--resume", session.stem) == 0


def test_signed_sign_offs_verify_and_forged_ones_do_not(
    monkeypatch, data_dir, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    from ethicsguide.storage.sessions import LiveSession
    from ethicsguide.storage.signing import init_key

    session = walked(monkeypatch, data_dir)
    assert main(["review", "--init-key"]) == 0
    fingerprint = capsys.readouterr().out.split("Its fingerprint: ")[1].split()[0]
    key = data_dir / "supervisor-key.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert main(["review", "--init-key"]) == 1  # never overwritten
    from ethicsguide.storage.library import load_library

    lib = load_library([FIXTURE_LIBRARY], bundled=False)
    live = LiveSession.resume(session, lib)
    live.sign_off(role="Supervisor", name="Dana")
    live.close()
    record = tmp_path / "record.md"
    assert main(["export", session.stem, "-o", str(record), *TREES]) == 0
    text = record.read_text()
    assert f"| Sign-off key | `{fingerprint}`, signature valid" in text and "| Chain head |" in text
    capsys.readouterr()
    assert main(["verify", session.stem]) == 0
    assert main(["verify", str(record), *TREES]) == 0
    edited = tmp_path / "edited.md"
    edited.write_text(text.replace("> first reason", "> a reason never given"))
    assert main(["verify", str(edited), *TREES]) == 1
    assert "the text differs from what the session records" in capsys.readouterr().out
    # A forger recomputes the chain and the head to insert a sign-off without the key.
    events = read_log(session).events
    unsigned = {"type": "signed-off", "at": "2026-12-01T09:00:00Z", "role": "Director", "name": ""}
    rechain(session, [*events, unsigned])
    assert main(["verify", session.stem]) == 1
    assert "carries no signature" in capsys.readouterr().out
    # ... or signs with a key of their own: the signature holds, but the key is not trusted.
    init_key(tmp_path / "forger.pem")
    rechain(session, events)
    forged = LiveSession.resume(session, lib)
    forged.sign_off(role="Director", key=tmp_path / "forger.pem")
    forged.close()
    assert main(["verify", session.stem]) == 1
    assert "not a key you trust" in capsys.readouterr().out
    # Changing a line the sign-off covers breaks the signature even with a recomputed chain.
    events = read_log(session).events
    events[2] = {**events[2], "text": "a different reason"}
    rechain(session, events)
    assert main(["verify", session.stem]) == 1
    assert "made for a different record" in capsys.readouterr().out
    assert main(["verify", str(record), *TREES]) == 1  # the export no longer matches the session


def test_changes_after_sign_off_are_shown_as_such(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    from ethicsguide.storage.library import load_library
    from ethicsguide.storage.sessions import LiveSession
    from tests.conftest import make_signing_key

    session = walked(monkeypatch, data_dir)
    make_signing_key(data_dir)
    live = LiveSession.resume(session, load_library([FIXTURE_LIBRARY], bundled=False))
    live.sign_off(role="Supervisor")
    live.comment("added later", step=None, role="Supervisor")
    live.close()
    capsys.readouterr()
    assert main(["export", session.stem, *TREES]) == 0
    assert "**Changed after sign-off:** a comment" in capsys.readouterr().out
    assert main(["verify", session.stem]) == 0
    assert "added after the last sign-off (not covered by it): a comment" in capsys.readouterr().out
