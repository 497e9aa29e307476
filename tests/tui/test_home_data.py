"""The home screen's data: the first-frame cache and the quick session summaries."""

from __future__ import annotations

import os
from pathlib import Path

from ethicsguide.storage.library import bundled_root
from ethicsguide.storage.sessions import list_sessions
from ethicsguide.tui.home_data import (
    fingerprint,
    library_data,
    library_roots,
    quick_recent,
    read_cache,
    recent_from_info,
    write_cache,
)

from .conftest import LIBRARY, saved_session


def test_library_roots_match_the_loader() -> None:
    assert library_roots((LIBRARY,)) == (bundled_root(), LIBRARY)


def test_cache_round_trips_and_is_private(data: Path, tui_library) -> None:
    roots = (LIBRARY,)
    expected = library_data(tui_library)
    write_cache(data, roots, expected)
    assert read_cache(data, roots) == expected
    assert oct((data / "cache" / "home.json").stat().st_mode & 0o777) == "0o600"


def test_cache_is_ignored_once_a_guide_file_changes(data: Path, tui_library, tmp_path) -> None:
    root = tmp_path / "trees"
    root.mkdir()
    tree = root / "one.yaml"
    tree.write_text("format: 1\n")
    write_cache(data, (root,), library_data(tui_library))
    before = fingerprint((root,))
    os.utime(tree, ns=(1, 1))
    assert fingerprint((root,)) != before
    assert read_cache(data, (root,)) is None


def test_quick_summaries_agree_with_replay(data: Path, tui_library) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "a")], sid="20261125-090000-open")
    done = saved_session(
        data, tui_library, "records-request", [(0, "b")], sid="20261125-080000-done"
    )
    undone = saved_session(
        data, tui_library, "records-request", [(1, "c")], sid="20261125-070000-back"
    )
    undone.back()  # an outcome reached, then withdrawn: not finished any more
    assert done.state.finished and not undone.state.finished
    infos, _ = list_sessions(data)
    assert quick_recent(data) == [recent_from_info(i) for i in infos]


def test_quick_summaries_skip_what_is_not_a_session(data: Path) -> None:
    folder = data / "sessions"
    folder.mkdir(parents=True)
    (folder / "junk.jsonl").write_text("not json\n")
    assert quick_recent(data) == []
