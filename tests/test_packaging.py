"""The wheel must carry the bundled library: every library file matches a package-data pattern."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_library_link_points_at_the_repository_folder() -> None:
    link = ROOT / "src" / "ethicsguide" / "decision_trees"
    assert link.is_symlink() and link.resolve() == (ROOT / "decision_trees").resolve()


def test_every_library_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["ethicsguide"]
    files = [
        p.relative_to(ROOT).as_posix() for p in (ROOT / "decision_trees").rglob("*") if p.is_file()
    ]
    assert files
    for name in files:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
