#!/usr/bin/env python3
"""Regenerate the generated docs: docs/trees/ (the casebook) and docs/principles.md.

Run after changing the library; tests/test_generated_docs.py fails when they drift.
"""

from __future__ import annotations

from pathlib import Path

from ethicsguide.engine.casebook import principles_page, render_all
from ethicsguide.storage.library import load_library

DOCS = Path(__file__).resolve().parent.parent / "docs"


def generated() -> dict[Path, str]:
    library = load_library()
    pages = {DOCS / "trees" / name: text for name, text in render_all(library).items()}
    pages[DOCS / "principles.md"] = principles_page(library)
    return pages


def main() -> None:
    (DOCS / "trees").mkdir(parents=True, exist_ok=True)
    for stale in (DOCS / "trees").glob("*.md"):
        stale.unlink()
    for path, text in generated().items():
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(generated())} files under {DOCS}")


if __name__ == "__main__":
    main()
