"""Authors' `review:` notes reach the casebook and never the worker: not chat, not the export."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from ethicsguide.cli import main
from tests.conftest import FIXTURE_LIBRARY

MARK = "REVIEW-ONLY-TEXT"


@pytest.fixture
def reviewed_library(tmp_path: Path) -> Path:
    """The fixture library with a review note on the tree, every node and every source."""
    root = tmp_path / "library"
    shutil.copytree(FIXTURE_LIBRARY, root)
    tree_file = root / "general" / "sample.yaml"
    lines = []
    for line in tree_file.read_text().splitlines():
        lines.append(line)
        if line.startswith("id: "):
            lines += [f"review: {MARK} tree", "sources:", "  local-cite:"]
            lines += ["    cite: A local citation", f"    review: {MARK} local"]
        elif line.startswith("  ") and not line.startswith("   ") and line.endswith(":"):
            lines.append(f"    review: {MARK} node {line.strip(' :')}")
    tree_file.write_text("\n".join(lines) + "\n")
    sources_file = root / "sources.yaml"
    sources = yaml.safe_load(sources_file.read_text())
    for source in sources["sources"].values():
        source["review"] = f"{MARK} shared"
    sources_file.write_text(yaml.safe_dump(sources, sort_keys=False, allow_unicode=True))
    return root


@pytest.mark.parametrize(
    "answers",
    [
        ["2", "first reason", "no", "second reason", "final step"],
        ["1", "danger", "1", "ok", "final step"],
    ],
)
def test_chat_and_export_never_show_review_notes(
    reviewed_library, answers, monkeypatch, data_dir, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.md"
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{a}\n" for a in answers)))
    trees = ["--trees", str(reviewed_library)]
    assert main(["chat", "sample", "--export", str(out), *trees]) == 0
    printed = capsys.readouterr().out
    assert "## Outcome:" in out.read_text()
    assert MARK not in printed
    assert MARK not in out.read_text()


def test_casebook_shows_review_notes(reviewed_library, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pages = tmp_path / "casebook"
    assert main(["casebook", "sample", "-o", str(pages), "--trees", str(reviewed_library)]) == 0
    page = (pages / "sample.md").read_text()
    assert f"{MARK} tree" in page and f"{MARK} node danger" in page and f"{MARK} local" in page


def test_validate_accepts_review_fields(reviewed_library, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["validate", "--trees", str(reviewed_library)]) == 0
