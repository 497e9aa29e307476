"""The engine and storage never import Textual; light commands do not load it either."""

from __future__ import annotations

import subprocess
import sys

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
