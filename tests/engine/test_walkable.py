"""Opening a walkthrough loads its tree and hand-off targets, not the whole library."""

from __future__ import annotations

from ethicsguide.engine.models import handoff_tree, is_handoff, targets
from ethicsguide.storage.library import load_library
from ethicsguide.storage.walkable import load_walkable

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
