"""``ethicsguide sessions``: saved sessions, newest first (and retention by age)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, datetime, timedelta

from ethicsguide.cli.common import data_dir, fail
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import SessionInfo, delete_session, list_sessions

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
    infos, problems = list_sessions(data_dir(args))
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
            state = "finished" if info.finished else "in progress"
            print(f"{info.id}  {info.updated}  {state:<11}  {info.tree}")
    return 0


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
