"""The engine and storage never import Textual; light commands do not load it either."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

ENGINE = (
    "ethicsguide.engine.export",
    "ethicsguide.engine.walk",
    "ethicsguide.engine.finder",
    "ethicsguide.storage.sessions",
    "ethicsguide.storage.library",
    "ethicsguide.storage.exports",
)

COMMAND = """
import contextlib, io, sys
from ethicsguide.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main({argv!r})
    except SystemExit:
        pass
print("textual" in sys.modules)
"""


def loads_textual(code: str) -> bool:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return out.strip().splitlines()[-1] == "True"


def test_engine_and_storage_import_no_textual() -> None:
    code = f"import sys\nimport {', '.join(ENGINE)}\nprint('textual' in sys.modules)"
    assert not loads_textual(code)


@pytest.mark.parametrize(
    "argv", [["--version"], ["validate"], ["list"], ["list", "--json"], ["find", "police"]]
)
def test_light_commands_load_no_textual(argv: list[str]) -> None:
    assert not loads_textual(COMMAND.format(argv=argv))


def test_the_probe_can_see_textual() -> None:
    """Guards the two tests above: the probe does notice an import of Textual."""
    assert loads_textual("import sys, textual\nprint('textual' in sys.modules)")


# --- the import-linter contracts in pyproject.toml ------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(package_root: Path) -> subprocess.CompletedProcess[str]:
    """Run `lint-imports` with the project's contracts on the package found under ``package_root``."""
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            str(ROOT / "pyproject.toml"),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=package_root,
    )


def test_the_layer_contracts_hold() -> None:
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_contracts_catch_textual_in_any_engine_or_storage_module(tmp_path: Path) -> None:
    """A copy of the package with `import textual` added to every engine and storage module:
    the contract names each one (so no module is left out of it)."""
    copy = tmp_path / "ethicsguide"
    shutil.copytree(
        ROOT / "src" / "ethicsguide",
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns("__pycache__", "decision_trees"),
    )
    touched = []
    for layer in ("engine", "storage"):
        for module in sorted((copy / layer).glob("*.py")):
            module.write_text(
                module.read_text(encoding="utf-8") + "\nimport textual\n", encoding="utf-8"
            )
            touched.append(f"ethicsguide.{layer}.{module.stem}".removesuffix(".__init__"))
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    missed = [name for name in touched if f"{name} -> textual" not in result.stdout]
    assert not missed, result.stdout[-3000:]


def test_building_the_home_app_loads_no_library_code(tmp_path: Path) -> None:
    """The home screen's first frame comes from its cache: pydantic, networkx and yaml load
    in a worker after it, never while the app is built (start-up speed)."""
    code = (
        "import sys\n"
        "from ethicsguide.tui.app import make_app\n"
        f"make_app(data_dir={str(tmp_path)!r})\n"
        "print(sorted(m for m in ('pydantic', 'networkx', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


# --- imports inside functions carry their reason ---------------------------------------

LAZY_REASON = "# lazy:"


def _type_checking_only(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _function_imports(nodes: Iterable[ast.AST], in_function: bool = False) -> list[ast.stmt]:
    """Imports that run when a function is called (an ``if TYPE_CHECKING:`` body never runs)."""
    found: list[ast.stmt] = []
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found += [node] if in_function else []
        elif _type_checking_only(node):
            found += _function_imports(getattr(node, "orelse", []), in_function)
        else:
            inner = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            found += _function_imports(ast.iter_child_nodes(node), inner)
    return found


def unexplained_function_imports(source: str) -> list[int]:
    """Lines of imports inside functions with no ``# lazy: <reason>`` on the import itself or
    in the comment above it (one comment may head a block of imports, blank lines between
    its import groups included)."""
    lines = source.splitlines()
    tree = ast.parse(source)
    import_lines = {
        line
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)
    }

    def explained(node: ast.stmt) -> bool:
        own = lines[node.lineno - 1 : node.end_lineno]
        if any(LAZY_REASON in line for line in own):
            return True
        number = node.lineno - 1
        while number >= 1:
            line = lines[number - 1].strip()
            if LAZY_REASON in line:
                return True
            between_groups = not line and number - 1 in import_lines
            if not (number in import_lines or line.startswith("#") or between_groups):
                return False
            number -= 1
        return False

    return [node.lineno for node in _function_imports([tree]) if not explained(node)]


def test_every_import_inside_a_function_says_why_it_is_lazy() -> None:
    """An import inside a function is there for start-up speed (or it belongs at the top):
    each one says which, in a ``# lazy:`` comment, so cycles cannot hide behind them."""
    unexplained = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "src" / "ethicsguide").rglob("*.py"))
        for line in unexplained_function_imports(path.read_text(encoding="utf-8"))
    ]
    assert not unexplained, "move to the top, or add '# lazy: <reason>':\n" + "\n".join(unexplained)


LAZY_SAMPLE = """
from typing import TYPE_CHECKING
import json

def unexplained():
    import re
    return re

def explained_on_the_line():
    import re  # lazy: the sample says why
    return re

def explained_above_a_block():
    # lazy: one reason for
    # the block below
    from os import path
    from os import (
        sep,
    )

    from json import dumps
    return path, sep, dumps

def after_a_blank_line():
    # lazy: this reason is for another block

    import csv
    return csv

def type_only():
    if TYPE_CHECKING:
        import decimal
    else:
        import fractions
    return fractions

class Holder:
    async def method(self):
        from collections import deque
        return deque
"""


def test_the_lazy_rule_finds_each_unexplained_import() -> None:
    lines = LAZY_SAMPLE.splitlines()
    found = [lines[n - 1].strip() for n in unexplained_function_imports(LAZY_SAMPLE)]
    assert found == [
        "import re",
        "import csv",
        "import fractions",
        "from collections import deque",
    ]


START_UNTIL_THE_APP_RUNS = """
import sys
from ethicsguide.tui.app import EthicsGuideApp
EthicsGuideApp.run = lambda self: None  # everything `start` does before the app draws
from ethicsguide.cli import main
assert main(["--data-dir", {data!r}, "start", "familial-trafficking-minor"]) == 0
import ethicsguide.storage.sessions, ethicsguide.tui.io, ethicsguide.tui.screens.walkthrough
print(sorted(m for m in ("networkx", "ethicsguide.engine.checks", "pyphen") if m in sys.modules))
"""


def test_start_draws_its_first_question_before_the_checks_load(tmp_path: Path) -> None:
    """The first `start` checks the guide (and records it clean); the next ones open it
    and draw the question without networkx or the checks, which run after it is drawn."""
    code = START_UNTIL_THE_APP_RUNS.format(data=str(tmp_path))
    outs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        .stdout.strip()
        .splitlines()[-1]
        for _ in range(2)
    ]
    assert outs[0] != "[]"  # the probe sees the checks when they do load
    assert outs[1] == "[]"


def run(code: str, data: Path) -> list[str]:
    """The lines a Python snippet prints, run in a fresh interpreter on the data folder ``data``."""
    done = subprocess.run(
        [sys.executable, "-c", code.format(data=str(data))],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()


FIRST_START_RUNS_THE_APP = """
import asyncio
from ethicsguide.tui.app import EthicsGuideApp

async def until_the_walkthrough(app):
    async with app.run_test() as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "WalkthroughScreen":
                break
        await pilot.pause(0.5)  # the first question is remembered after it is drawn

EthicsGuideApp.run = lambda self: asyncio.run(until_the_walkthrough(self))
from ethicsguide.cli import main
main(["--data-dir", {data!r}, "start", "familial-trafficking-minor"])
print("ran")
"""
NEXT_START_UNTIL_THE_APP_RUNS = """
import sys
from ethicsguide.tui.app import EthicsGuideApp
EthicsGuideApp.run = lambda self: print(type(self.get_default_screen()).__name__)
from ethicsguide.cli import main
assert main(["--data-dir", {data!r}, "start", "familial-trafficking-minor"]) == 0
print(sorted(m for m in ("pydantic", "yaml", "ethicsguide.engine.models") if m in sys.modules))
"""


def test_a_later_start_draws_its_first_question_before_pydantic_and_yaml_load(
    tmp_path: Path,
) -> None:
    """The first `start` remembers its first question (``cache/first.json``); the next
    one draws it from there, before the guide, pydantic or PyYAML load."""

    assert run(FIRST_START_RUNS_THE_APP, tmp_path)[-1] == "ran"
    assert (tmp_path / "cache" / "first.json").is_file()
    assert run(NEXT_START_UNTIL_THE_APP_RUNS, tmp_path)[-2:] == ["FirstQuestionScreen", "[]"]


ANSWER_ONCE_AND_QUIT = """
import asyncio
from ethicsguide.tui.app import EthicsGuideApp

async def answer_once(app):
    async with app.run_test() as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "WalkthroughScreen":
                break
        await pilot.press("2", *"a reason", "enter")
        for _ in range(400):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "WalkthroughScreen" and app.screen.question:
                if app.screen.session.state.active:
                    break

EthicsGuideApp.run = lambda self: asyncio.run(answer_once(self))
from ethicsguide.cli import main
main(["--data-dir", {data!r}, "start", "familial-trafficking-minor"])
print("ran")
"""
RESUME_UNTIL_THE_APP_RUNS = """
import sys
from ethicsguide.tui.app import EthicsGuideApp
EthicsGuideApp.run = lambda self: print(type(self.get_default_screen()).__name__)
from ethicsguide.cli import main
assert main(["--data-dir", {data!r}, "resume"]) == 0
print(sorted(m for m in ("pydantic", "yaml", "ethicsguide.engine.models") if m in sys.modules))
"""


def test_resume_draws_its_screen_before_pydantic_and_yaml_load(tmp_path: Path) -> None:
    """A walk left with an answer remembers the screen it resumes on
    (``<id>.resume``); `resume` draws it from there, before the guide, the session,
    pydantic or PyYAML load."""

    assert run(ANSWER_ONCE_AND_QUIT, tmp_path)[-1] == "ran"
    assert next((tmp_path / "sessions").glob("*.resume")).is_file()
    assert run(RESUME_UNTIL_THE_APP_RUNS, tmp_path)[-2:] == ["FirstQuestionScreen", "[]"]
