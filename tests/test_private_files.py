"""Every private file is written whole through one helper: 0600, never half-written, no symlinks."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from ethicsguide.engine.library import Library
from ethicsguide.storage.durable import write_private_file
from ethicsguide.storage.exports import write_private
from ethicsguide.storage.lock import holder, holder_path
from ethicsguide.storage.logread import SessionFileError, head_path
from ethicsguide.storage.sessions import LiveSession
from ethicsguide.storage.signing import default_key_path, init_key
from ethicsguide.tui.home_data import HomeData, cache_file, write_cache
from ethicsguide.tui.prefs import FILE as PREFS_FILE
from ethicsguide.tui.prefs import Prefs, load_prefs, save_prefs


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_file_replaced_is_private_even_over_an_open_file_and_a_stale_temporary(
    tmp_path: Path,
) -> None:
    target = tmp_path / "settings.json"
    target.write_text("old")
    target.chmod(0o644)
    stale = tmp_path / "settings.json.tmp"  # left by a crash, with a looser mode
    stale.write_text("half")
    stale.chmod(0o644)
    write_private_file(target, b"new")
    assert target.read_text() == "new" and mode(target) == 0o600
    assert not stale.exists()


def test_a_symlink_is_replaced_never_followed(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "note"
    link.symlink_to(precious)
    write_private_file(link, b"mine")
    assert precious.read_text() == "keep me"
    assert not link.is_symlink() and link.read_text() == "mine" and mode(link) == 0o600


def test_exclusive_never_overwrites(tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    write_private_file(key, b"first", exclusive=True)
    with pytest.raises(FileExistsError):
        write_private_file(key, b"second", exclusive=True)
    assert key.read_bytes() == b"first" and mode(key) == 0o600


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "tui.json"
    write_private_file(target, b"before")

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError):
        write_private_file(target, b"after")
    with pytest.raises(OSError):
        write_private_file(tmp_path / "new.pem", b"key", exclusive=True)
    monkeypatch.undo()
    assert target.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tui.json"]


def test_every_private_file_the_app_writes_is_0600_whatever_the_umask(
    fixture_library: Library,
    tmp_path: Path,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    root = tmp_path / "data"
    old = os.umask(0)
    try:
        live = LiveSession.start(
            root, fixture_library, fixture_library.trees["sample"].tree, clock=clock
        )
        live.answer(1, "a reason")
        record = write_private(tmp_path / "out" / "record.md", "# record\n")
        save_prefs(root, Prefs(theme="textual-light"))
        write_cache(root, (tmp_path,), HomeData())
        init_key(default_key_path(root))
    finally:
        os.umask(old)
    written = [
        live.log.path,
        head_path(live.log.path),
        holder_path(live.log.path),
        record,
        root / PREFS_FILE,
        cache_file(root),
        default_key_path(root),
    ]
    assert {str(p): mode(p) for p in written} == {str(p): 0o600 for p in written}
    assert "pid" in holder(live.log.path)
    assert load_prefs(root).theme == "textual-light"
    live.close()


def test_an_export_over_a_symlink_is_refused(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    (tmp_path / "record.md").symlink_to(precious)
    with pytest.raises(SessionFileError, match="symbolic link"):
        write_private(tmp_path / "record.md", "# record\n")
    assert precious.read_text() == "keep me"
