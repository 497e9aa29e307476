#!/usr/bin/env python3
"""CPU instructions from process start to the settled first screen: bare app, start, resume.

    python bench/start_instructions.py        # needs valgrind and tmux; ~5 min

Wall-clock start-up on a shared 2-core machine swings 2-3x with the load; the number of
instructions executed does not. Each command runs in tmux (120x40) under
``valgrind --tool=callgrind`` and stops at the first frame on which its screen is complete:
the bare app's footer keys drawn; ``start TREE`` and ``resume`` at their question with the
footer built for the keys that act there (and, for ``resume``, its "resumed at" line).
The app's later timers (the checks, the library, prewarming, garbage collection) are held
off, as they come after the screen has settled; so is loading the guide behind a first
question drawn from ``cache/first.json`` (the keys typed meanwhile wait for it). Ratios are against the bare app (target
of ``screens_bench.py --only start``: 1.3x wall-clock). Install with ``pip install .``
for figures like the documented ones (an editable install imports more slowly).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from screens_bench import TREE, Terminal, saved_session  # noqa: E402

LATER = 1e6  # seconds: the app's timers that come after the first screen never fire


def probe(argv: list[str]) -> None:
    """Run the app (or the bare one) and exit at its first complete frame."""
    from textual.app import App

    draw = App._display

    def display(app: App[object], screen: object, renderable: object) -> None:
        draw(app, screen, renderable)  # type: ignore[arg-type]
        if renderable is not None and not app._batch_count and complete(app):
            app.exit()

    App._display = display  # type: ignore[method-assign]
    if argv == ["--bare"]:
        from minimal_app import Minimal

        Minimal().run()
        return
    from ethicsguide.cli import main
    from ethicsguide.tui import app as guide_app

    guide_app.CHECK_AFTER = guide_app.PREWARM_AFTER = guide_app.GC_RESUME_AFTER = LATER
    guide_app.LOAD_LATER = LATER
    try:  # a first question drawn from the cache loads its guide after the frame: held off too
        from ethicsguide.tui.screens.first_question import FirstQuestionScreen
    except ImportError:  # (older versions draw it only after loading)
        pass
    else:
        FirstQuestionScreen._start_loading = lambda self: None  # type: ignore[method-assign]
    main(argv)


def complete(app: object) -> bool:
    """Whether the screen on top is the one the command opens, with nothing left to come."""
    from textual.widgets import Footer

    screen = app.screen  # type: ignore[attr-defined]
    footers = screen.query("KeysFooter") or screen.query(Footer)  # ours, one widget since stop 20
    if not footers:
        return False
    footer = footers.first()
    if not hasattr(footer, "_keys_signature"):  # the bare app: Textual's footer, filled in
        return bool(footer.children)
    if getattr(screen, "question", None) is None or footer._shown != footer._keys_signature():
        return False
    if "resume" not in sys.argv:
        return True
    note = screen.query("#resumed")  # its "resumed at" line (a notice, in older versions)
    return bool(note and note.first().display) or bool(screen.query("Toast"))


def instructions(env: str, command: str, out: Path) -> int:
    """Instructions callgrind counted for ``command`` (run in tmux until it exits)."""
    term = Terminal(f"{env} valgrind --tool=callgrind --callgrind-out-file={out} {command}")
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            if out.exists() and "totals:" in out.read_text(errors="replace"):
                break
            if "valgrind:" in term.screen():  # it could not start the command
                raise SystemExit(f"valgrind could not run {command}:\n{term.screen()}")
            time.sleep(1)
        else:
            raise SystemExit(f"{command} did not finish under valgrind:\n{term.screen()}")
    finally:
        term.close()
    for line in out.read_text(errors="replace").splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise SystemExit(f"no instruction count in {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe is not None:
        probe(args.probe)
        return
    data = tempfile.mkdtemp(prefix="eg-instr-")
    env = f"PYTHONHASHSEED=0 ETHICSGUIDE_DATA_DIR={data} TERM=xterm-256color"
    app = f"{env} {sys.executable} -m ethicsguide"
    session = saved_session(app, data, 0.15)  # also checks the guide: later starts are vouched
    me = f"{sys.executable} {Path(__file__).resolve()} --probe"
    commands = {
        "bare Textual app": f"{me} --bare",
        f"start {TREE}": f"{me} start {TREE}",
        "resume": f"{me} resume {session}",
    }
    counts = {}
    for name, command in commands.items():
        counts[name] = instructions(env, command, Path(data) / f"callgrind.{len(counts)}.out")
    bare = counts.pop("bare Textual app")
    print(f"bare Textual app  {bare / 1e9:.3f} G instructions")
    for name, count in counts.items():
        print(f"{name:<33} {count / 1e9:.3f} G  ratio {count / bare:.2f}x")
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
