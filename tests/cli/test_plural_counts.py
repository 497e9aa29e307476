"""CLI counts agree with their nouns: "1 file with problems", "has 1 error", never "(s)"."""

from __future__ import annotations

from pathlib import Path

import pytest

from ethicsguide.cli import main
from tests.conftest import BROKEN


def one_broken_guide(tmp_path: Path) -> Path:
    root = tmp_path / "outside" / "reporting"
    root.mkdir(parents=True)
    (root / "broken.yaml").write_text((BROKEN / "unknown-principle.yaml").read_text())
    return root.parent


def test_list_counts_one_file_with_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--trees", str(one_broken_guide(tmp_path)), "list"]) == 0
    err = capsys.readouterr().err
    assert "1 file with problems;" in err and "(s)" not in err


def test_chat_on_a_guide_with_one_error_says_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = one_broken_guide(tmp_path)
    assert (
        main(["--trees", str(root), "--data-dir", str(tmp_path / "d"), "chat", "unknown-principle"])
        == 1
    )
    err = capsys.readouterr().err
    assert "has 1 error and cannot be walked" in err and "(s)" not in err
