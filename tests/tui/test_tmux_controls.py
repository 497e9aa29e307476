"""In a real terminal, escape codes from a tree or a session file never reach the pty.

Everything the pane is sent is captured raw with ``tmux pipe-pane``; an OSC 52 (clipboard)
or OSC 0 (window title) sequence from the files must not be in it, and the pane's title
must stay unset. Slow and skipped without tmux: ``pytest -m slow``.
"""

from __future__ import annotations

import shlex
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ethicsguide.storage.library import load_library
from ethicsguide.storage.sessions import LiveSession
from tests.conftest import FIXTURE_LIBRARY
from tests.tmux import RawTerminal

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"  # would put "pwned" on the clipboard
TITLE = "\x1b]0;PWNED-TITLE\x07"
SEQUENCES = [b"\x1b]52;c;cHduZWQ=", b"\x1b]0;PWNED-TITLE"]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[str], RawTerminal]]:
    opened: list[RawTerminal] = []

    def start(command: str) -> RawTerminal:
        term = RawTerminal(command, tmp_path / f"pane{len(opened)}.raw")
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def assert_inert(term: RawTerminal) -> None:
    # kept: nothing signals when tmux has handed the last bytes drawn to pipe-pane's reader
    time.sleep(0.3)
    raw = term.raw.read_bytes()
    assert raw, "nothing was captured from the pane"
    for sequence in SEQUENCES:
        assert sequence not in raw
    assert "PWNED" not in term.title()


def hostile_library(tmp_path: Path) -> Path:
    """The fixture library plus a tree whose title and guidance carry escape sequences."""
    root = tmp_path / "trees"
    shutil.copytree(FIXTURE_LIBRARY, root)
    text = (root / "general" / "other.yaml").read_text()
    text = text.replace("id: other", "id: hostile").replace(
        "title: Another tree reached by handoff", 'title: "Hostile \\e]0;PWNED-TITLE\\a tree"'
    )
    text = text.replace(
        "guidance: Come back to it at a calmer time.",
        'guidance: "Later \\e]52;c;cHduZWQ=\\a now"',
    )
    (root / "general" / "hostile.yaml").write_text(text)
    return root


def cli(root: Path, data: Path, *args: str) -> str:
    base = [sys.executable, "-m", "ethicsguide", "--trees", str(root), "--data-dir", str(data)]
    return " ".join(shlex.quote(a) for a in [*base, *args])


def test_tree_escapes_never_reach_the_terminal_from_the_commands(
    terminal: Callable[[str], RawTerminal], tmp_path: Path
) -> None:
    root, data = hostile_library(tmp_path), tmp_path / "data"
    commands = [
        cli(root, data, "list"),
        cli(root, data, "find", "hostile tree later"),
        cli(root, data, "validate", str(root)),
        cli(root, data, "graph", "hostile"),
        "printf '1\\n\\n\\n' | " + cli(root, data, "chat", "hostile"),
        "echo __DONE__",
    ]
    term = terminal("; ".join(commands))
    screen = term.wait(lambda s: "__DONE__" in s)
    assert "␛" in screen  # the sequences are shown, visibly
    assert_inert(term)


def test_tree_escapes_never_reach_the_terminal_from_the_app(
    terminal: Callable[[str], RawTerminal], tmp_path: Path
) -> None:
    root, data = hostile_library(tmp_path), tmp_path / "data"
    term = terminal(cli(root, data))
    term.wait(lambda s: "Guide files with problems" in s)
    for _attempt in range(40):
        # into the list of guides and to its end (General, where it is); again if the
        # list was redrawn by the full load after the cached first frame
        term.keys("Down", "End")
        if term.poll(lambda s: "Hostile ␛]0;PWNED-TITLE␇ tree" in s, timeout=0.5):
            break
    else:
        raise AssertionError("the hostile guide was never shown:\n" + term.screen())
    term.keys("C-q")
    assert_inert(term)


def test_session_escapes_never_reach_the_terminal_in_review(
    terminal: Callable[[str], RawTerminal], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    library = load_library([FIXTURE_LIBRARY], bundled=False)
    tree = library.tree("other")
    assert tree is not None
    live = LiveSession.start(data, library, tree, dilemma=f"dilemma {TITLE} end")
    live.choose(0)
    live.reason(f"because {CLIPBOARD} so")
    term = terminal(cli(FIXTURE_LIBRARY, data, "review", str(live.log.path)))
    term.wait(lambda s: "dilemma ␛]0;PWNED-TITLE␇ end" in s)
    term.keys("Right")
    term.wait(lambda s: "because ␛]52" in s)
    term.keys("C-q")
    assert_inert(term)
