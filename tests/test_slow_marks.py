"""Slow end-to-end tests carry the ``slow`` mark, so ``pytest -m "not slow"`` is a quick loop,
and CI still runs every one of them."""

from __future__ import annotations

import ast
import shlex
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLOW_WHOLE = ("tests.tmux", "chromium")  # a module driving a real terminal or browser
SLOW_FIXTURES = {"classroom"}  # a real server and app worker on loopback


def marked_slow(decorators: list[ast.expr]) -> bool:
    return any(ast.unparse(d).endswith("mark.slow") for d in decorators)


def module_marked_slow(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            value = node.value
            marks = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
            return marked_slow(marks)
    return False


def unmarked_slow_tests(source: str) -> list[str]:
    """Tests in ``source`` that start a real terminal, browser, server or app worker but are
    not marked slow."""
    tree = ast.parse(source)
    if module_marked_slow(tree):
        return []
    if any(tool in source for tool in SLOW_WHOLE):
        return ["<module>"]
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test")
        and not marked_slow(node.decorator_list)
        and (
            SLOW_FIXTURES & {a.arg for a in node.args.args}
            or "AppWorker(" in (ast.get_source_segment(source, node) or "")
        )
    ]


def test_every_terminal_browser_and_server_test_is_marked_slow() -> None:
    unmarked = [
        f"{path.relative_to(ROOT)}::{name}"
        for path in sorted((ROOT / "tests").rglob("test_*.py"))
        if path != Path(__file__).resolve()  # this file names the tools, driving none
        for name in unmarked_slow_tests(path.read_text(encoding="utf-8"))
    ]
    assert not unmarked, "mark these @pytest.mark.slow:\n" + "\n".join(unmarked)


def test_the_slow_rule_finds_an_unmarked_one() -> None:
    source = (
        "import pytest\n"
        "async def test_quick(tmp_path): ...\n"
        "@pytest.mark.slow\n"
        "async def test_marked(classroom): ...\n"
        "async def test_unmarked(classroom): ...\n"
        "def test_worker(tmp_path):\n    AppWorker(tmp_path)\n"
    )
    assert unmarked_slow_tests(source) == ["test_unmarked", "test_worker"]
    assert unmarked_slow_tests("from tests.tmux import Terminal\n") == ["<module>"]
    assert unmarked_slow_tests("import pytest\npytestmark = [pytest.mark.slow]\nx = 'tmux'") == []


def test_ci_runs_the_slow_tests_too() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]
    assert "-m" not in shlex.split(options["ini_options"]["addopts"])
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    runs = [shlex.split(line.split(";")[-1]) for line in ci if "pytest" in line.split(";")[-1]]
    assert runs and all(words[0] == "pytest" and "-m" not in words for words in runs), runs
