"""``--trees`` is visible: outside folders and what they replace are named; broken guides are not walked."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ethicsguide.cli import main
from ethicsguide.engine.export import export_markdown
from ethicsguide.storage.library import bundled_root, load_library
from ethicsguide.storage.sessions import LiveSession
from tests.conftest import BROKEN, FIXTURE_LIBRARY

BUNDLED_TREE = "adult-declines-police"


def outside_folder(tmp_path: Path) -> Path:
    """A bundled guide retitled, a replaced principle, a new guide, a broken one and its caller."""
    root = tmp_path / "outside"
    (root / "reporting").mkdir(parents=True)
    bundled = (bundled_root() / "reporting" / f"{BUNDLED_TREE}.yaml").read_text()
    title = next(line for line in bundled.splitlines() if line.startswith("title:"))
    (root / "reporting" / f"{BUNDLED_TREE}.yaml").write_text(
        bundled.replace(title, "title: Our local version")
    )
    (root / "principles.yaml").write_text(
        "format: 1\nprinciples:\n  autonomy:\n    name: Autonomy\n    short: Ours.\n"
        "    definition: Our own wording.\n"
    )
    other = (FIXTURE_LIBRARY / "general" / "other.yaml").read_text()
    other = other.replace("[nasw-1-02]", "[]")
    (root / "reporting" / "ours.yaml").write_text(other.replace("id: other", "id: ours"))
    broken = (BROKEN / "unknown-principle.yaml").read_text()
    (root / "reporting" / "broken.yaml").write_text(broken)
    broken_id = next(line for line in broken.splitlines() if line.startswith("id:"))[4:]
    caller = other.replace("id: other", "id: caller").replace(
        "to: later-no", f"to: tree:{broken_id}"
    )
    caller = caller[: caller.index("  later-no:")]
    (root / "reporting" / "caller.yaml").write_text(caller)
    return root


def test_list_names_the_folder_what_it_replaces_and_the_broken_guides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = outside_folder(tmp_path)
    assert main(["--trees", str(root), "list"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith(f"Also using guides from {root}")
    assert f"guide `{BUNDLED_TREE}`" in first and "principle `autonomy`" in first
    broken = out.split("broken (cannot be walked until fixed)")[1]
    assert "caller" in broken and "broken.yaml" in broken
    assert "ours" in out.split("broken (")[0]


def test_a_broken_guide_cannot_be_walked_in_chat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = outside_folder(tmp_path)
    data = tmp_path / "data"
    for tree in ("caller", "unknown-principle"):
        ids = main(["--trees", str(root), "--data-dir", str(data), "chat", tree])
        assert ids == 1
    err = capsys.readouterr().err
    assert "error[broken-handoff]" in err and "cannot be walked" in err
    assert not (data / "sessions").exists() or not list((data / "sessions").iterdir())


def test_chat_says_first_where_outside_guides_come_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    root = outside_folder(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    main(["--trees", str(root), "--data-dir", str(tmp_path / "data"), "chat", "ours"])
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("Also using guides from") and f"guide `{BUNDLED_TREE}`" in first


def test_the_export_names_the_outside_folder(tmp_path: Path) -> None:
    root = outside_folder(tmp_path)
    library = load_library([root])
    assert library.trees[BUNDLED_TREE].tree.title == "Our local version"
    live = LiveSession.start(tmp_path / "data", library, library.trees["ours"].tree)
    text = export_markdown(live.state, library)
    row = next(line for line in text.splitlines() if line.startswith("| Guides |"))
    shown = MarkdownIt("commonmark").render(row)  # what a reader sees, escapes resolved
    assert str(root) in shown and f"guide `{BUNDLED_TREE}`" in shown


def test_without_outside_folders_nothing_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    assert "Also using guides" not in capsys.readouterr().out
    assert load_library().outside_note() is None


def test_a_mistyped_folder_is_said_never_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder"
    assert main(["--trees", str(missing), "list"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"Also using guides from {missing} (not a folder: nothing was loaded from it)."
    )
    assert main(["--trees", str(missing), "validate"]) == 1
    assert f"{missing}: error[not-a-folder]" in capsys.readouterr().out


def test_the_group_debrief_names_the_outside_folder(tmp_path: Path) -> None:
    from ethicsguide.engine.debrief import group_debrief

    root = outside_folder(tmp_path)
    library = load_library([root])
    scenario = next(iter(library.scenarios.values())).scenario
    text = group_debrief([], scenario, library)
    assert f"> Also using guides from {root}".replace("_", "\\_") in text
    assert "Also using" not in group_debrief([], scenario, load_library())
