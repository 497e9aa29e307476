"""Each kind of broken file is reported with its file:line and a code, never a traceback."""

from __future__ import annotations

import pytest

from ethicsguide.cli import main
from tests.conftest import BROKEN, FIXTURE_LIBRARY

CASES = [
    ("syntax.yaml", 4, "yaml-syntax"),
    ("dangling.yaml", 14, "unknown-node"),
    ("cycle.yaml", 8, "cycle"),
    ("unreachable.yaml", 22, "unreachable"),
    ("unknown-principle.yaml", 11, "unknown-principle"),
    ("empty.yaml", 1, "empty-file"),
    ("binary.yaml", 1, "not-text"),
    ("duplicate-key.yaml", 4, "duplicate-key"),
    ("wrong-start.yaml", 6, "bad-start"),
    ("unknown-key.yaml", 11, "unknown-key"),
    ("one-option.yaml", 13, "too-few-options"),
    ("bad-condition.yaml", 21, "bad-condition"),
    ("unset-fact.yaml", 21, "unset-fact"),
    ("then-cycle.yaml", 8, "cycle"),
    ("needs-format-2.yaml", 16, "needs-format-2"),
    ("many-option-to.yaml", 17, "many-option-to"),
    ("section-key.yaml", 22, "unknown-key"),
    ("control-character.yaml", 4, "control-character"),
]


@pytest.mark.parametrize(("name", "line", "code"), CASES)
def test_broken_file_is_located(
    name: str, line: int, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = main(["validate", "--trees", str(FIXTURE_LIBRARY), str(BROKEN / name)])
    out = capsys.readouterr()
    assert rc == 1
    assert f"{name}:{line}:" in out.out
    assert f"error[{code}]" in out.out
    assert "Traceback" not in out.out + out.err


def test_fixture_library_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(FIXTURE_LIBRARY)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_dangling_target_suggests_the_near_name(capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", "--trees", str(FIXTURE_LIBRARY), str(BROKEN / "dangling.yaml")])
    assert "did you mean `outcome`?" in capsys.readouterr().out


def test_json_format_carries_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    main(
        [
            "validate",
            "--format",
            "json",
            "--trees",
            str(FIXTURE_LIBRARY),
            str(BROKEN / "cycle.yaml"),
        ]
    )
    problems = json.loads(capsys.readouterr().out)
    cycle = next(p for p in problems if p["code"] == "cycle")
    assert set(cycle) == {"file", "line", "col", "code", "severity", "message", "hint"}
    assert cycle["severity"] == "error" and cycle["line"] == 8


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no/such/file.yaml"]) == 2


def test_duplicate_ids_across_files(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    root = tmp_path / "lib"
    shutil.copytree(FIXTURE_LIBRARY, root)
    copy = (root / "general" / "sample.yaml").read_text()
    (root / "general" / "sample-copy.yaml").write_text(copy)
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert "error[duplicate-id] tree id `sample` is also defined in" in out
    assert "sample.yaml:3:" in out or "sample-copy.yaml:3:" in out
