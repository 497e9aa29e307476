"""docs/trees/ (the casebook) and docs/principles.md must match the library they describe."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).parent.parent


def load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_docs_are_current() -> None:
    expected = load_generator().generated()
    stale = [
        p.relative_to(ROOT)
        for p, text in expected.items()
        if not p.is_file() or p.read_text() != text
    ]
    assert not stale, f"regenerate with `python scripts/gen_docs.py`: {stale}"
    extra = {p for p in (ROOT / "docs" / "trees").glob("*.md")} - set(expected)
    assert not extra, f"pages for trees that no longer exist: {sorted(extra)}"


def test_casebook_lists_every_path_of_a_tree(fixture_library) -> None:  # type: ignore[no-untyped-def]
    from ethicsguide.engine.casebook_routes import paths

    tree = fixture_library.trees["sample"].tree
    routes = list(paths(tree))
    assert len(routes) == 6
    assert {r.end for r in routes} == {"share", "hold", "tree:other"}


def test_every_casebook_page_is_small_enough_to_read() -> None:
    """An outcome with many `when` sections once made pages of 2 MB (each combination in full)."""
    sizes = {p.name: p.stat().st_size for p in (ROOT / "docs" / "trees").glob("*.md")}
    too_big = {name: size for name, size in sizes.items() if size > 400_000}
    assert not too_big, f"casebook pages a reviewer cannot read: {too_big}"
