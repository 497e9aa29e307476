"""A real terminal for the slow tests: a command in a tmux pane; send keys, type, read the screen.

COLUMNS and LINES are unset for the command: Textual's test mode sets them in the test process,
and they would pin the app to that size instead of the pane's.
"""

from __future__ import annotations

import shlex
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from tests.drive import wait_for

POLL = 0.05  # seconds between screen reads: each is a tmux process on a busy machine


class Terminal:
    """One tmux session running a shell ``command`` (it stays open 30 s after the command ends)."""

    def __init__(self, command: str, width: int = 120, height: int = 40) -> None:
        self.name = "egtest" + uuid.uuid4().hex[:8]
        launch = f"env -u COLUMNS -u LINES {command}; sleep 30"
        tmux = ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height)]
        for _attempt in range(3):  # a busy tmux server now and then refuses a new session
            started = subprocess.run([*tmux, "bash", "-c", launch], capture_output=True)
            if started.returncode == 0:
                break
            time.sleep(0.3)
        else:
            raise RuntimeError("tmux could not start: " + started.stderr.decode())

    @classmethod
    def running(cls, argv: list[str], width: int = 120, height: int = 40) -> Terminal:
        """A terminal running the program ``argv``."""
        return cls(shlex.join(argv), width, height)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def keys(self, *keys: str) -> None:
        """Press keys by tmux's names (``Enter``, ``BSpace``, ``C-q``, ``Down``)."""
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        """Type ``text`` as it is, in one write (as a paste or a fast typist's burst arrives)."""
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def wait(self, found: Callable[[str], bool], timeout: float = 20.0) -> str:
        """The screen, as soon as ``found(screen)``; fails with the last screen after ``timeout``."""
        shown = self.poll(found, timeout)
        if shown is None:
            raise AssertionError("the screen never showed what was expected:\n" + self.screen())
        return shown

    def poll(self, found: Callable[[str], bool], timeout: float) -> str | None:
        """The screen as soon as ``found(screen)``, or None after ``timeout``."""

        def shown() -> str | None:
            screen = self.screen()
            return screen if found(screen) else None

        try:
            return wait_for(shown, timeout, poll=POLL)
        except AssertionError:
            return None

    def app_pid(self) -> int:
        """The program's process: the only child of the shell tmux started."""
        shell = subprocess.run(
            ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True)
        return int(children.stdout.split()[0])

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


class RawTerminal(Terminal):
    """A pane whose output is recorded byte for byte, from before the command starts."""

    def __init__(self, command: str, raw: Path) -> None:
        self.raw = raw
        go = raw.with_suffix(".go")
        script = f"while [ ! -e {shlex.quote(str(go))} ]; do sleep 0.05; done; {command}"
        super().__init__("bash -c " + shlex.quote(script))
        sink = f"cat >> {shlex.quote(str(raw))}"
        subprocess.run(["tmux", "pipe-pane", "-o", "-t", self.name, sink], check=True)
        go.touch()

    def title(self) -> str:
        return subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.name, "#{pane_title}"],
            capture_output=True,
            text=True,
        ).stdout
