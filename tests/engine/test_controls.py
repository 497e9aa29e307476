"""Control characters from trees, sessions and scenarios are shown, never obeyed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.engine.controls import visible, visible_data
from ethicsguide.engine.loader import load_file
from ethicsguide.engine.models import Tree
from ethicsguide.engine.session import replay
from ethicsguide.storage.library import load_library
from ethicsguide.storage.sessions import LiveSession, load_state
from tests.conftest import FIXTURE_LIBRARY

OSC52 = "\x1b]52;c;SGVsbG8=\x07"
OTHER = (FIXTURE_LIBRARY / "general" / "other.yaml").read_text()


def test_escape_c1_and_bidi_become_visible_and_tab_newline_stay() -> None:
    shown = visible(f"a{OSC52}b\x9b2Jc\u202edcba\td\ne\r")
    assert shown == "a␛]52;c;SGVsbG8=␇b{U+009B}2Jc{U+202E}dcba\td\ne␍"
    assert visible("plain text, “quotes” and émigré") == "plain text, “quotes” and émigré"


def test_nested_data_and_keys_are_made_visible() -> None:
    assert visible_data({"k\x1b": ["\x1bx", 3, {"y": "\x07"}]}) == {"k␛": ["␛x", 3, {"y": "␇"}]}


def test_tree_with_osc52_is_a_located_error_and_loads_inert(tmp_path: Path) -> None:
    text = OTHER.replace(
        "guidance: Come back to it at a calmer time.",
        'guidance: "Come back\\e]52;c;SGVsbG8=\\a later"',
    ).replace("reached by handoff", "reached by \u202ehandoff")
    path = tmp_path / "other.yaml"
    path.write_text(text)
    loaded = load_file(path, Tree)
    assert [(p.code, p.line) for p in loaded.problems] == [
        ("control-character", 4),
        ("control-character", 21),
    ]
    assert "U+001B (␛)" in loaded.problems[1].message
    assert loaded.model is not None
    guidance = loaded.model.nodes["later"].guidance  # type: ignore[union-attr]
    assert guidance == "Come back␛]52;c;SGVsbG8=␇ later"


def test_validate_reports_the_line_and_never_prints_the_escape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "other.yaml"
    path.write_text(
        OTHER.replace("title: Another tree reached by handoff", 'title: "x\\e]0;pwned\\a"')
    )
    assert main(["validate", "--trees", str(FIXTURE_LIBRARY), str(path)]) == 1
    out = capsys.readouterr().out
    assert "other.yaml:4:" in out and "error[control-character]" in out
    assert "\x1b" not in out and "\x07" not in out


def test_a_file_name_with_an_escape_is_printed_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad\x1b]0;pwned\x07.yaml"
    path.write_text("format: [\n")
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert "bad␛]0;pwned␇.yaml" in captured.out
    assert "\x1b" not in captured.out + captured.err


def test_session_text_enters_the_state_visible(tmp_path: Path) -> None:
    library = load_library([FIXTURE_LIBRARY], bundled=False)
    tree = library.tree("other")
    assert tree is not None
    live = LiveSession.start(tmp_path, library, tree, dilemma=f"hi{OSC52}")
    live.choose(0)
    live.reason("because\x1b[2J\x9b31m")
    [path] = (tmp_path / "sessions").glob("*.jsonl")
    assert "\\u001b]52" in path.read_text()  # the record keeps what was typed
    state, _ = load_state(path)
    assert state.dilemma == "hi␛]52;c;SGVsbG8=␇"
    assert state.active[0].reasoning == "because␛[2J{U+009B}31m"


def test_replay_of_raw_events_is_visible() -> None:
    events = [
        {
            "type": "started",
            "at": "t",
            "session": "s",
            "tree": "x",
            "version": 1,
            "hash": "h",
            "dilemma": "\x1b]0;title\x07",
        },
    ]
    assert "\x1b" not in replay(events).dilemma


def test_export_to_stdout_carries_no_escape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = load_library([FIXTURE_LIBRARY], bundled=False)
    tree = library.tree("other")
    assert tree is not None
    live = LiveSession.start(tmp_path, library, tree, dilemma=OSC52)
    live.choose(0)
    live.reason(OSC52)
    [path] = (tmp_path / "sessions").glob("*.jsonl")
    args = ["--trees", str(FIXTURE_LIBRARY), "--data-dir", str(tmp_path), "export", str(path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "␛" in out
    assert json.loads(path.read_text().splitlines()[0])["dilemma"] == OSC52


def test_scenario_with_an_escape_is_located_and_scenarios_prints_it_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    root = tmp_path / "lib"
    shutil.copytree(FIXTURE_LIBRARY, root)
    path = root / "scenarios" / "sample-exercise.yaml"
    path.write_text(
        path.read_text().replace(
            "title: A sample exercise", 'title: "A sample \\e]0;PWNED\\a exercise"'
        )
    )
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert "sample-exercise.yaml:4:" in out and "error[control-character]" in out
    main(["--trees", str(root), "scenarios"])
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err
    assert "sample-exercise" not in load_library([root], bundled=False).scenarios


def test_a_deeply_nested_event_is_a_replay_error_not_a_crash() -> None:
    from ethicsguide.engine.session import ReplayError

    deep: object = "x"
    for _ in range(200):
        deep = [deep]
    event = {"type": "started", "at": "t", "session": "s", "tree": "x", "version": 1}
    with pytest.raises(ReplayError):
        replay([{**event, "hash": "h", "dilemma": deep}])
