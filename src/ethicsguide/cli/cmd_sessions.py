"""``ethicsguide sessions``: saved sessions, newest first (and retention by age)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from ethicsguide.cli.common import data_dir, fail, library
from ethicsguide.engine.summary import local_time
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import SessionInfo, delete_session, list_sessions

if TYPE_CHECKING:
    from ethicsguide.engine.session import TreeLookup

_AGE = re.compile(r"^(\d+)([dwh])$")


def parse_age(text: str) -> timedelta | None:
    match = _AGE.match(text.strip().lower())
    if not match:
        return None
    amount, unit = int(match.group(1)), match.group(2)
    return {
        "d": timedelta(days=amount),
        "w": timedelta(weeks=amount),
        "h": timedelta(hours=amount),
    }[unit]


def run(args: argparse.Namespace) -> int:
    infos, problems = list_sessions(data_dir(args), _lookup(args))
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.delete and not args.older_than:
        return fail("--delete goes with --older-than AGE (e.g. 90d)", 2)
    if args.older_than:
        age = parse_age(args.older_than)
        if age is None:
            return fail(f"cannot read age `{args.older_than}`; use e.g. 90d, 12w or 48h", 2)
        infos = [i for i in infos if _older(i, age)]
        if args.delete:
            return _delete_all(infos, args.yes)
    if args.json:
        print(json.dumps([i.as_json() for i in infos], indent=2, ensure_ascii=False))
    elif not infos:
        print("No saved sessions.")
    else:
        for info in infos:
            print(describe(info))
    return 0


def describe(info: SessionInfo) -> str:
    """Two lines: id, local time, kind, state, guide; then the worker's words and where it is."""
    about = info.summary
    state = "finished" if info.finished else "in progress"
    if about and about.signed_off:
        state += f", signed off by {about.signed_off}"
    kind = about.kind if about else "casework"
    head = f"{info.id}  {local_time(info.updated)}  {kind}  {state}  {info.tree}"
    words = f"“{about.description}” · " if about and about.description else ""
    return f"{head}\n    {words}{about.where if about else info.title}"


def _older(info: SessionInfo, age: timedelta) -> bool:
    try:
        updated = datetime.fromisoformat(info.updated.replace("Z", "+00:00"))
    except ValueError:
        return False
    return datetime.now(UTC) - updated > age


def _delete_all(infos: list[SessionInfo], yes: bool) -> int:
    if not infos:
        print("No sessions are that old.")
        return 0
    if not yes and not _confirm(f"Delete {len(infos)} session(s) for good? [y/N] "):
        print("Nothing deleted.")
        return 0
    deleted, skipped = 0, []
    for info in infos:
        try:
            delete_session(info.path)
            deleted += 1
        except SessionFileError as exc:  # open in another window: never deleted under it
            skipped.append(str(exc))
    print(f"Deleted {deleted} session(s).")
    for reason in skipped:
        print(f"Skipped: {reason}")
    return 0


def _confirm(prompt: str) -> bool:
    if not sys.stdin.isatty():
        print("Refusing to delete without confirmation; add --yes.", file=sys.stderr)
        return False
    return input(prompt).strip().lower() in ("y", "yes")


def _lookup(args: argparse.Namespace) -> TreeLookup:
    """The library's trees, to name the question or outcome each session is at."""
    return library(args).tree
