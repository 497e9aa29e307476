"""Command line: ``main(argv) -> int``; each subcommand lives in its own module, imported on use."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code (0 ok, 1 bad input, 2 usage)."""
    from ethicsguide.cli.parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # argparse reports usage errors by exiting
        return int(exc.code or 0)
    command = args.command or "home"
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
