"""The app commands: bad input exits 1 with one line; good input builds and runs the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ethicsguide.cli import main

from .conftest import LIBRARY, saved_session


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_start_an_unknown_tree_fails_in_one_line(capsys, data) -> None:
    code, _out, err = run(["--trees", str(LIBRARY), "start", "teen-disclosur"], capsys)
    assert code == 1
    assert err.strip().splitlines() == [
        "ethicsguide: no tree `teen-disclosur`; did you mean teen-disclosure?"
    ]


def test_start_a_broken_tree_names_file_and_line(capsys, data) -> None:
    code, _out, err = run(["--trees", str(LIBRARY), "start", "broken-tree"], capsys)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "broken-tree.yaml:12:25: error[unknown-principle]" in err


def test_resume_with_no_sessions_fails_in_one_line(capsys, data) -> None:
    code, _out, err = run(["resume"], capsys)
    assert (code, err.strip()) == (1, "ethicsguide: there are no saved sessions yet")


def test_resume_when_the_guide_is_gone_fails_in_one_line(capsys, data, tui_library) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "x")])
    code, _out, err = run(["resume"], capsys)  # without --trees the fixture guide is missing
    assert code == 1 and "`teen-disclosure` is not in the library" in err
    assert len(err.strip().splitlines()) == 1


def test_start_runs_the_app_and_says_how_to_carry_on(capsys, data, monkeypatch) -> None:
    from ethicsguide.tui.app import EthicsGuideApp

    seen = {}

    def fake_run(self: EthicsGuideApp) -> str:
        seen["opening"] = self.opening
        return "20261126-100000-abcd"

    monkeypatch.setattr(EthicsGuideApp, "run", fake_run)
    code, out, _err = run(["--trees", str(LIBRARY), "start", "records-request"], capsys)
    assert code == 0
    assert seen["opening"].tree == "records-request"
    assert out.strip() == (
        "Session 20261126-100000-abcd is saved. "
        "Carry on with: ethicsguide resume 20261126-100000-abcd"
    )


def test_start_takes_the_dilemma_like_the_home_screens_box(capsys, data, monkeypatch) -> None:
    from ethicsguide.tui.app import EthicsGuideApp

    seen = {}
    monkeypatch.setattr(EthicsGuideApp, "run", lambda self: seen.update(at=self.opening))
    argv = [
        "--trees",
        str(LIBRARY),
        "start",
        "records-request",
        "--dilemma",
        "her ex wants her file",
    ]
    assert run(argv, capsys)[0] == 0
    assert seen["at"].dilemma == "her ex wants her file"


def test_resume_opens_the_newest_session(capsys, data, tui_library, monkeypatch) -> None:
    from ethicsguide.tui.app import EthicsGuideApp

    saved_session(data, tui_library, "teen-disclosure", [(1, "x")])
    seen: dict[str, Path | None] = {}
    monkeypatch.setattr(
        EthicsGuideApp, "run", lambda self: seen.setdefault("path", self.opening.resume) and None
    )
    code, _out, _err = run(["--trees", str(LIBRARY), "resume"], capsys)
    assert code == 0
    assert seen["path"] == data / "sessions" / "20261125-090000-old1.jsonl"


def test_the_home_screen_module_loads_no_heavy_libraries() -> None:
    """The first frame must not wait for pydantic, networkx or Markdown rendering."""
    code = (
        "import sys; import ethicsguide.tui.app; "
        "print(sorted(m for m in ('pydantic', 'networkx', 'markdown_it', 'yaml') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
