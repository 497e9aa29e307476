"""``ethicsguide chat``: the walkthrough as a plain, scriptable, screen-reader-friendly conversation."""

from __future__ import annotations

import argparse
import sys

from ethicsguide.cli.cmd_chat_scenario import ExerciseConversation, run_scenario
from ethicsguide.cli.common import data_dir, fail, find_tree, library
from ethicsguide.cli.conversation import Conversation, converse
from ethicsguide.engine.library import Library
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import LiveSession, resolve


def run(args: argparse.Namespace) -> int:
    if args.scenario:
        return run_scenario(args)
    if bool(args.tree) == bool(args.resume):
        return fail("give a TREE to start, or --resume SESSION to carry on", 2)
    lib = library(args)
    try:
        live = _open(args, lib)
    except SessionFileError as exc:
        return fail(str(exc))
    if live is None:
        return 1
    return converse(live, args.export, _conversation_for(live))


def _conversation_for(live: LiveSession) -> Conversation:
    """A resumed training session carries on as an exercise (injects, then the debrief)."""
    entry = live.library.scenarios.get(live.state.scenario or "")
    if entry is None:
        return Conversation(live, sys.stdout, sys.stdin)
    return ExerciseConversation(live, sys.stdout, sys.stdin, entry.scenario)


def _open(args: argparse.Namespace, lib: Library) -> LiveSession | None:
    root = data_dir(args)
    if args.resume:
        live = LiveSession.resume(resolve(root, args.resume), lib)
        for warning in live.read.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        return live
    entry = find_tree(lib, args.tree)
    if entry is None:
        return None
    return LiveSession.start(
        root, lib, entry.tree, mode="chat", dilemma=getattr(args, "dilemma", "") or ""
    )
