"""Opening a walkthrough loads its tree and hand-off targets, not the whole library."""

from __future__ import annotations

import re
import shutil
import stat
from pathlib import Path

import pytest

from ethicsguide.engine.models import handoff_tree, is_handoff, targets
from ethicsguide.storage import check_cache
from ethicsguide.storage.library import load_library
from ethicsguide.storage.walkable import (
    GuideRefused,
    _walk_files,
    ensure_checked,
    load_walkable,
    verify,
)

TREE = "minor-discloses-trading-sex"  # it hands over to other guides


def test_a_tree_loads_with_its_handoff_targets_and_matches_the_full_library() -> None:
    walkable = load_walkable([TREE])
    full = load_library()
    assert walkable is not None
    tree = full.trees[TREE].tree
    handed = {handoff_tree(t) for n in tree.nodes.values() for t in targets(n) if is_handoff(t)}
    assert handed and {TREE, *handed} <= set(walkable.trees) < set(full.trees)
    for tree_id, entry in walkable.trees.items():
        assert entry.digest == full.trees[tree_id].digest  # the same files, so the same pins
    assert not [p for p in walkable.problems if p.is_error]
    assert walkable.principles == full.principles and walkable.sources == full.sources


def test_an_unknown_tree_falls_back_to_the_whole_library() -> None:
    assert load_walkable(["no-such-guide"]) is None


# --- the check cache: start/resume draw before the checks, which still run before answers ---

FIXTURE = Path(__file__).parents[1] / "tui" / "fixtures" / "library"
CLEAN = "records-request"


def library_with_dangling_guide(tmp_path: Path) -> Path:
    """The TUI fixture library plus `dangling-request`: it loads, but an option leads nowhere."""
    root = tmp_path / "library"
    shutil.copytree(FIXTURE, root)
    text = (root / "sensitive-information" / f"{CLEAN}.yaml").read_text(encoding="utf-8")
    text = text.replace(f"id: {CLEAN}", "id: dangling-request").replace("to: decline", "to: declin")
    (root / "sensitive-information" / "dangling-request.yaml").write_text(text, encoding="utf-8")
    return root


def test_a_guide_checked_clean_opens_unchecked_next_time_until_verified(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = load_walkable([CLEAN], data, root=FIXTURE)
    assert first is not None and first.unchecked is None and not first.errors
    cache = data / "cache" / "checked.json"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    second = load_walkable([CLEAN], data, root=FIXTURE)
    assert second is not None and second.unchecked is not None  # drawn before the checks
    assert {t: e.digest for t, e in second.trees.items()} == {
        t: e.digest for t, e in first.trees.items()
    }  # the same files, so the same pins in the session
    assert verify(second) is None and second.unchecked is None and second.refusal is None


def test_an_edited_guide_is_checked_again(tmp_path: Path) -> None:
    root, data = tmp_path / "library", tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    assert load_walkable([CLEAN], data, root=root) is not None
    guide = root / "sensitive-information" / f"{CLEAN}.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    again = load_walkable([CLEAN], data, root=root)
    assert again is not None and again.unchecked is None


def test_a_broken_guide_is_never_recorded_as_clean(tmp_path: Path) -> None:
    root, data = library_with_dangling_guide(tmp_path), tmp_path / "data"
    for _ in range(2):
        library = load_walkable(["dangling-request"], data, root=root)
        assert library is not None and library.unchecked is None
        assert "dangling-request" in library.broken and library.errors


def test_a_forged_cache_entry_cannot_make_a_broken_guide_walkable(tmp_path: Path) -> None:
    root, data = library_with_dangling_guide(tmp_path), tmp_path / "data"
    files = _walk_files(root, ["dangling-request"])
    assert files is not None
    key = check_cache.files_key(files)
    assert key is not None
    check_cache.remember(data, key)  # what someone who can write the cache folder could do
    library = load_walkable(["dangling-request"], data, root=root)
    assert library is not None and library.unchecked is not None  # the hint is taken…
    refusal = verify(library)  # …but the checks run before any answer is recorded
    assert refusal is not None
    assert re.search(r"dangling-request\.yaml:\d+:\d+: error\[", refusal)
    with pytest.raises(GuideRefused):
        ensure_checked(library)


def test_a_garbled_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    data = tmp_path / "data"
    cache = data / "cache" / "checked.json"
    cache.parent.mkdir(parents=True)
    cache.write_text('{"clean": [1, {"a": 2}]', encoding="utf-8")
    library = load_walkable([CLEAN], data, root=FIXTURE)
    assert library is not None and library.unchecked is None
    assert load_walkable([CLEAN], data, root=FIXTURE).unchecked is not None  # type: ignore[union-attr]
