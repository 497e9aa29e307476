"""Command line: ``main(argv) -> int``; each subcommand lives in its own module, imported on use."""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Sequence
from types import SimpleNamespace

# Commands that run the Textual app; it turns garbage collection back on once drawn.
APP_COMMANDS = frozenset({"home", "start", "resume", "review", "train"})


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code (0 ok, 1 bad input, 2 usage).

    The cyclic garbage collector is paused while the program starts: imports and the
    app's first screen allocate hundreds of thousands of objects that live for the whole
    run, and rescanning them was ~30 ms of a ~250 ms start. Other commands turn it back on
    before they run; the app does once its first screen has settled (``tui.app``).
    """
    words = list(sys.argv[1:] if argv is None else argv)
    gc.disable()
    try:
        if not words:
            # Bare ``ethicsguide``: the home screen, and nothing to parse.
            return _dispatch("home", SimpleNamespace(command=None))
        # lazy: argparse and every command's options cost ~15 ms the bare app never needs
        from ethicsguide.cli.parser import build_parser

        try:
            args = build_parser().parse_args(words)
        except SystemExit as exc:  # argparse reports usage errors by exiting
            return int(exc.code or 0)
        return _dispatch(args.command or "home", args)
    finally:
        gc.enable()


def _dispatch(command: str, args: object) -> int:
    if command in APP_COMMANDS:  # Textual draws the screen itself, from text made safe on load
        return _run(command, args)
    gc.enable()
    # lazy: the app commands, returned above, start without it
    from ethicsguide.cli.output import visible_output

    with visible_output():
        return _run(command, args)


def _run(command: str, args: object) -> int:
    module = importlib.import_module(f"ethicsguide.cli.cmd_{command.replace('-', '_')}")
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        print("\ninterrupted; everything answered so far is saved", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
