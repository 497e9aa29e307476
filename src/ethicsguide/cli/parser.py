"""The argparse definition of every command, kept apart so handlers import only on use."""

from __future__ import annotations

import argparse
from pathlib import Path

from ethicsguide import __version__
from ethicsguide.engine.notice import NOT_LEGAL_ADVICE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ethicsguide",
        description="Walk an ethical dilemma in anti-trafficking casework, one question at a time.",
        epilog=NOT_LEGAL_ADVICE,
    )
    _add_globals(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in (
        _app_commands,
        _chat_command,
        _library_commands,
        _session_commands,
        _training_commands,
    ):
        add(sub)
    return parser


def _add_globals(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"ethicsguide {__version__}")
    _add_common(parser, argparse.SUPPRESS)


def _add_common(parser: argparse.ArgumentParser, default: object = None) -> None:
    """--trees and --data-dir are accepted before or after the command."""
    parser.add_argument(
        "--trees",
        action="append",
        type=Path,
        metavar="DIR",
        default=default,
        help="another folder of trees (repeatable; same id overrides)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=default,
        help="where sessions are kept (default: $ETHICSGUIDE_DATA_DIR or the user data folder)",
    )


def _command(sub: argparse._SubParsersAction, name: str, help_text: str) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    _add_common(parser, argparse.SUPPRESS)
    return parser


def _app_commands(sub: argparse._SubParsersAction) -> None:
    start = _command(sub, "start", "open the app on a new walkthrough of TREE")
    start.add_argument("tree", metavar="TREE")
    _dilemma_flag(start)
    _command(sub, "resume", "open the app on a saved session (the newest if omitted)").add_argument(
        "session", nargs="?", metavar="SESSION"
    )
    review = _command(sub, "review", "replay a session for supervision")
    review.add_argument("session", nargs="?", metavar="SESSION")
    review.add_argument(
        "--init-key", action="store_true", help="make your own sign-off key (Ed25519, private)"
    )
    review.add_argument(
        "--key", type=Path, metavar="PATH", help="your sign-off key (default: in the data folder)"
    )
    train = _command(sub, "train", "open the app in trainer mode (sessions in the training folder)")
    train.add_argument("scenario", nargs="?", metavar="SCENARIO")
    _casework_flag(train)
    serve = _command(sub, "serve", "serve the app to a classroom's browsers (loopback by default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--scenario", metavar="S", help="open every tab on this exercise")
    serve.add_argument(
        "--facilitator",
        action="store_true",
        help="with --scenario: serve in the background and show the live room here",
    )
    _casework_flag(serve)


def _casework_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--use-casework-data",
        action="store_true",
        help="allow --data-dir to be the casework data folder (default: refused)",
    )


def _chat_command(sub: argparse._SubParsersAction) -> None:
    chat = _command(sub, "chat", "walk a tree as a plain line-by-line conversation")
    chat.add_argument("tree", nargs="?", metavar="TREE")
    chat.add_argument("--resume", metavar="SESSION", help="carry on a saved session")
    chat.add_argument("--scenario", metavar="S", help="run a training scenario")
    chat.add_argument(
        "--export", type=Path, metavar="F", help="write the Markdown record to F at the end"
    )
    _dilemma_flag(chat)


def _dilemma_flag(parser: argparse.ArgumentParser) -> None:
    """The home screen's "describe it" box, for commands that skip the home screen."""
    parser.add_argument(
        "--dilemma",
        metavar="TEXT",
        default="",
        help="the dilemma in your words, for the record and the session lists (no names)",
    )


def _library_commands(sub: argparse._SubParsersAction) -> None:
    listing = _command(sub, "list", "list the trees of the library")
    listing.add_argument("--domain", metavar="D")
    listing.add_argument("--json", action="store_true")
    find = _command(sub, "find", "rank trees for a dilemma described in plain words")
    find.add_argument("text", metavar="TEXT")
    find.add_argument("--json", action="store_true")
    validate = _command(
        sub, "validate", "check tree and scenario files or folders (default: the library)"
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.add_argument(
        "--stats", action="store_true", help="also print path counts and depths per tree"
    )
    validate.add_argument(
        "--review",
        action="store_true",
        help="also list review flags: outcome text an answer on some path may contradict",
    )
    graph = _command(sub, "graph", "print a tree as a Mermaid or Graphviz diagram")
    graph.add_argument("tree", metavar="TREE")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    casebook = _command(sub, "casebook", "write every path of a tree to each outcome, for review")
    casebook.add_argument("tree", nargs="?", metavar="TREE")
    casebook.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    casebook.add_argument(
        "--all",
        dest="every_path",
        action="store_true",
        help="write every combination of an outcome's sections, each with all its paths",
    )
    schema = _command(sub, "schema", "print the JSON Schema of a file format")
    schema.add_argument(
        "kind", nargs="?", choices=("tree", "scenario", "principles", "sources"), default="tree"
    )
    _command(sub, "scenarios", "list training scenarios").add_argument(
        "--json", action="store_true"
    )


def _session_commands(sub: argparse._SubParsersAction) -> None:
    sessions = _command(sub, "sessions", "list saved sessions, newest first")
    sessions.add_argument("--json", action="store_true")
    sessions.add_argument(
        "--older-than", metavar="AGE", help="only sessions older than AGE (e.g. 90d)"
    )
    sessions.add_argument("--delete", action="store_true", help="with --older-than: delete them")
    sessions.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    delete = _command(sub, "delete", "delete a saved session")
    delete.add_argument("session", metavar="SESSION")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    export = _command(sub, "export", "print or write the Markdown record of a session")
    export.add_argument("session", metavar="SESSION")
    export.add_argument("-o", "--output", type=Path, metavar="F")
    export.add_argument(
        "--redact", action="store_true", help="replace likely identifiers with placeholders"
    )
    verify = _command(sub, "verify", "check a session or an export: chain, head and sign-offs")
    verify.add_argument("record", metavar="SESSION|EXPORT.md")
    verify.add_argument(
        "--key",
        action="append",
        metavar="FINGERPRINT",
        help="a supervisor key you trust (repeatable; your own key is trusted already)",
    )


def _training_commands(sub: argparse._SubParsersAction) -> None:
    debrief = _command(sub, "debrief", "group debrief Markdown from several sessions")
    debrief.add_argument("sessions", nargs="+", metavar="SESSION|DIR")
    debrief.add_argument("--scenario", metavar="S")
    debrief.add_argument(
        "--quotes", action="store_true", help="include anonymous quotes of reasoning"
    )
    debrief.add_argument("-o", "--output", type=Path, metavar="F")
