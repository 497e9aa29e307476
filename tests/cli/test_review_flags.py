"""`validate --review` and the casebook list review flags, located; validation itself is unchanged."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.engine.problems import Severity
from ethicsguide.storage.library import load_library, review_problems
from tests.conftest import FIXTURE_LIBRARY, FIXTURES

REVIEW = FIXTURES / "review"


def test_review_lists_each_flag_at_its_line_and_does_not_fail(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "--trees", str(REVIEW), "--review", "--strict"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"answer-blind\.yaml:26:3: review\[answer-blind\] outcome `report`", out)
    # the phrase's own line inside the `guidance: |` block, not the block's first line
    assert re.search(r"denied-phrase\.yaml:27:7: review\[denied-phrase\] `report` says", out)
    assert "0 errors, 0 warnings" in out


def test_without_review_no_flag_is_shown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--trees", str(REVIEW)]) == 0
    out = capsys.readouterr().out
    assert "review[" not in out
    assert out.strip().endswith("0 errors, 0 warnings")


def test_review_with_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["validate", "--review", str(REVIEW / "general" / "answer-blind.yaml")])
    assert rc == 2
    assert "--trees" in capsys.readouterr().err


def test_json_marks_flags_with_the_review_severity(capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", "--trees", str(REVIEW), "--review", "--format", "json"])
    items = json.loads(capsys.readouterr().out)
    mine = [i for i in items if "fixtures/review" in i["file"]]
    assert {(i["code"], i["severity"]) for i in mine} == {
        ("answer-blind", "review"),
        ("denied-phrase", "review"),
    }


def test_the_bundled_library_reports_its_flag_count(capsys: pytest.CaptureFixture[str]) -> None:
    """Content is being migrated, so the count is reported, not required to be zero."""
    flags = review_problems(load_library())
    assert all(f.severity is Severity.REVIEW for f in flags)
    assert main(["validate", "--review"]) == 0
    out = capsys.readouterr().out
    count = len(flags)
    assert out.strip().endswith(f"{count} review flag" + ("" if count == 1 else "s"))
    assert out.count(" review[") == count


def test_casebook_page_has_the_review_flags_section(tmp_path: Path) -> None:
    pages = tmp_path / "casebook"
    argv = ["casebook", "review-answer-blind", "-o", str(pages)]
    assert main([*argv, "--trees", str(FIXTURE_LIBRARY), "--trees", str(REVIEW)]) == 0
    page = (pages / "review-answer-blind.md").read_text(encoding="utf-8")
    section = page[page.index("## Review flags") :]
    assert "### Outcomes whose text does not depend on an answer" in section
    assert "node `report`" in section
    assert "Words an answer on some path" not in section


def test_casebook_page_lists_a_denied_phrase(tmp_path: Path) -> None:
    pages = tmp_path / "casebook"
    assert main(["casebook", "review-denied-phrase", "-o", str(pages), "--trees", str(REVIEW)]) == 0
    page = (pages / "review-denied-phrase.md").read_text(encoding="utf-8")
    section = page[page.index("### Words an answer on some path") :]
    assert "because they are under 18" in section
    assert "age-unsure" in section


@pytest.fixture
def broken_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from ethicsguide.engine import denied_phrases

    bad = tmp_path / "denied-phrases.yaml"
    bad.write_text("format: 1\ndenied:\n  - fact: age-unsure\n    phrases: [x]\n", "utf-8")
    monkeypatch.setattr(denied_phrases, "PHRASES_FILE", bad)
    denied_phrases.bundled_table.cache_clear()
    yield bad
    denied_phrases.bundled_table.cache_clear()


def test_a_broken_phrase_table_is_one_line_not_a_traceback(
    broken_table: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--review"]) == 1
    out = capsys.readouterr().out
    assert "error[bad-phrase-table]" in out
    assert "denied phrases: bad entry" in out
    assert main(["casebook", "-o", str(tmp_path / "pages")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "denied-phrases.yaml" in err
