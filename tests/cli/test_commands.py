"""The non-interactive commands: list, find, graph, schema, sessions, export, delete."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.engine.schema import SCHEMA_FILES, schema_text
from ethicsguide.storage.library import bundled_root
from tests.conftest import FIXTURE_LIBRARY

TREES = ["--trees", str(FIXTURE_LIBRARY)]


def finished_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("2\nr1\n2\nr2\nfinal\n"))
    assert main(["chat", "sample", *TREES]) == 0


def test_list_json_has_the_contract_fields(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--json", "--domain", "general", *TREES]) == 0
    rows = json.loads(capsys.readouterr().out)
    sample = next(r for r in rows if r["id"] == "sample")
    assert set(sample) == {"id", "title", "domain", "summary", "path", "questions", "outcomes"}
    assert (sample["questions"], sample["outcomes"]) == (2, 2)


def test_list_rejects_an_unknown_domain(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["list", "--domain", "nope"]) == 2


def test_usage_errors_exit_2(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["frobnicate"]) == 2
    assert main(["chat"]) == 2


def test_find_ranks_the_fixture_tree(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["find", "a sample dilemma for the tests", "--json", *TREES]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == "sample"
    assert set(rows[0]) == {"id", "title", "score", "path", "fallback"}
    assert rows[0]["fallback"] is False


def test_graph_mermaid_and_dot(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["graph", "sample", *TREES]) == 0
    assert capsys.readouterr().out.startswith("flowchart TD")
    assert main(["graph", "sample", "--format", "dot", *TREES]) == 0
    out = capsys.readouterr().out
    assert out.startswith('digraph "sample"') and '"danger" -> "emergency"' in out


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_committed_schema_matches_the_models(kind: str) -> None:
    committed = (bundled_root() / "schema" / SCHEMA_FILES[kind]).read_text()
    assert committed == schema_text(kind), (
        f"run: ethicsguide schema {kind} > decision_trees/schema/{SCHEMA_FILES[kind]}"
    )


def test_every_bundled_file_names_its_schema() -> None:
    for path in bundled_root().rglob("*.yaml"):
        if path.name == "finder-words.yaml":  # the finder's vocabulary, not a tree-library format
            continue
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path


def test_sessions_json_newest_first(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    finished_session(monkeypatch)
    monkeypatch.setattr("sys.stdin", io.StringIO("1\nr\n"))
    main(["chat", "sample", *TREES])
    capsys.readouterr()
    assert main(["sessions", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [set(r) for r in rows] == [{"id", "tree", "started", "updated", "finished", "path"}] * 2
    assert rows[0]["updated"] >= rows[1]["updated"]
    assert sorted(r["finished"] for r in rows) == [False, True]


def test_export_to_file_is_private_and_recorded(monkeypatch, data_dir, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    finished_session(monkeypatch)
    session = next((data_dir / "sessions").glob("*.jsonl"))
    out = tmp_path / "record.md"
    assert main(["export", session.stem, "-o", str(out), *TREES]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert '"type":"exported"' in session.read_text()


def test_export_makes_new_folders_and_old_files_private(
    monkeypatch, data_dir, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    finished_session(monkeypatch)
    session = next((data_dir / "sessions").glob("*.jsonl"))
    out = tmp_path / "new" / "folder" / "record.md"
    assert main(["export", session.stem, "-o", str(out), *TREES]) == 0
    assert out.parent.stat().st_mode & 0o777 == 0o700
    shared = tmp_path / "shared.md"
    shared.write_text("old")
    shared.chmod(0o644)
    assert main(["export", session.stem, "-o", str(shared), *TREES]) == 0
    assert shared.stat().st_mode & 0o777 == 0o600
    assert shared.read_text().startswith("# Supervision record")


def test_export_of_a_missing_session_is_a_clear_error(data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", "nope"]) == 1
    assert "`nope` is not a saved session" in capsys.readouterr().err


def test_export_of_a_junk_file_is_a_clear_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.jsonl"
    junk.write_bytes(b"\x00\xff not json\n")
    assert main(["export", str(junk)]) == 1
    err = capsys.readouterr().err
    assert "not a session file" in err and "Traceback" not in err


def test_delete_overwrites_and_removes(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    finished_session(monkeypatch)
    session = next((data_dir / "sessions").glob("*.jsonl"))
    assert main(["delete", session.stem, "--yes"]) == 0
    assert not session.exists()


def test_delete_without_confirmation_deletes_nothing(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    finished_session(monkeypatch)
    session = next((data_dir / "sessions").glob("*.jsonl"))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["delete", session.stem]) == 0
    assert session.exists()
