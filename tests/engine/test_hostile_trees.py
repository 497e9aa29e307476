"""Hostile tree files are refused with a located error before they can cost real work."""

from __future__ import annotations

from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.engine.loader import MAX_FILE_BYTES, MAX_NODES, load_file
from ethicsguide.engine.models import Tree
from ethicsguide.engine.yamlio import MAX_STRING_CHARS, Locator, YamlError, load
from tests.conftest import FIXTURE_LIBRARY

OTHER = (FIXTURE_LIBRARY / "general" / "other.yaml").read_text()


def alias_keywords_tree(size: int = 410_000) -> str:
    """The valid fixture tree whose ``keywords`` repeat one 4,000-character anchor."""
    anchor = "k" * 4000
    aliases = ", *k" * ((size - len(OTHER)) // 4)
    head = f'keywords: [&k "{anchor}"{aliases}]\n'
    return OTHER.replace("start: ask-again\n", head + "start: ask-again\n")


def write(tmp_path: Path, text: str, name: str = "hostile.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_alias_amplified_keywords_are_refused_at_the_anchor(tmp_path: Path) -> None:
    text = alias_keywords_tree()
    assert len(text) > 400_000
    loaded = load_file(write(tmp_path, text), Tree)
    assert loaded.model is None
    [problem] = loaded.problems
    assert (problem.code, problem.line) == ("alias-expansion", 8)


def test_the_alias_tree_is_refused_by_validate_and_never_walked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "trees"
    folder.mkdir()
    write(folder, alias_keywords_tree(), "other.yaml")
    assert main(["validate", str(folder / "other.yaml")]) == 1
    assert "other.yaml:8:" in capsys.readouterr().out
    assert main(["--trees", str(folder), "find", "kkkk"]) in (0, 1)
    assert "kkkk" not in capsys.readouterr().out


def test_nested_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    with pytest.raises(YamlError) as info:
        load("\n".join(lines) + "\n")
    assert info.value.code == "alias-expansion"


def test_a_few_small_aliases_are_fine() -> None:
    data = load("shared: &s [a, b]\none: *s\ntwo: *s\n")
    assert data == {"shared": ["a", "b"], "one": ["a", "b"], "two": ["a", "b"]}


def test_self_referencing_alias_does_not_hang() -> None:
    with pytest.raises(YamlError):
        load("a: &a [x, *a]\n")


def test_an_over_long_string_is_located(tmp_path: Path) -> None:
    long = "w" * (MAX_STRING_CHARS + 1)
    text = OTHER.replace("Come back to it at a calmer time.", long)
    loaded = load_file(write(tmp_path, text), Tree)
    assert [(p.code, p.line) for p in loaded.problems] == [("too-long", 21)]


def test_an_over_large_file_is_refused_without_parsing(tmp_path: Path) -> None:
    text = OTHER + "#" * MAX_FILE_BYTES + "\n"
    loaded = load_file(write(tmp_path, text), Tree)
    assert [p.code for p in loaded.problems] == ["too-large"]
    assert "2 MiB" in loaded.problems[0].message


def test_too_many_nodes_are_refused_at_the_nodes_key(tmp_path: Path) -> None:
    extra = "".join(f"  n{i}:\n    outcome: O\n    guidance: G\n" for i in range(MAX_NODES + 1 - 3))
    loaded = load_file(write(tmp_path, OTHER + extra), Tree)
    assert [(p.code, p.line) for p in loaded.problems] == [("too-many-nodes", 9)]


def test_locator_indexes_keys_once_and_keeps_first_duplicate() -> None:
    text = "nodes:\n" + "".join(f"  n{i}:\n    ask: Q{i}\n" for i in range(3000))
    locator = Locator(text)
    assert locator.key_position(("nodes", "n2999")) == (2 + 2 * 2999, 3)
    assert locator.position(("nodes", "n1500", "ask")) == (3 + 2 * 1500, 10)


def test_deep_nesting_with_escapes_is_a_located_error(tmp_path: Path) -> None:
    text = OTHER + "x: " + "[" * 500 + '"\\e"' + "]" * 500 + "\n"
    loaded = load_file(write(tmp_path, text), Tree)
    assert [(p.code, p.line) for p in loaded.problems] == [("too-deep", 31)]


def test_a_deeply_nested_session_line_is_not_a_traceback(tmp_path: Path) -> None:
    from ethicsguide.storage.sessionlog import SessionFileError, read_log

    path = tmp_path / "s.jsonl"
    path.write_text("[" * 100_000 + "\n")
    with pytest.raises(SessionFileError):
        read_log(path)


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    loaded = load_file(pipe, Tree)
    assert [(p.code, p.message) for p in loaded.problems] == [("unreadable", "not a regular file")]
