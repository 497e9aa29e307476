"""The home screen's data: the first-frame cache (the session summaries are storage's)."""

from __future__ import annotations

import os
from pathlib import Path

from ethicsguide.storage.library import bundled_root
from ethicsguide.tui.home_data import (
    fingerprint,
    library_data,
    library_roots,
    read_cache,
    write_cache,
)

from .conftest import LIBRARY


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
