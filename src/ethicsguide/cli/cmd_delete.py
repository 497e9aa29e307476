"""``ethicsguide delete SESSION``: remove a session for good (overwritten, then unlinked)."""

from __future__ import annotations

import argparse

from ethicsguide.cli.cmd_sessions import _confirm
from ethicsguide.cli.common import data_dir, fail
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import delete_session, resolve


def run(args: argparse.Namespace) -> int:
    try:  # only ever a file in the sessions folder: never a file named like it elsewhere
        path = resolve(data_dir(args), args.session, inside_only=True)
    except SessionFileError as exc:
        return fail(str(exc))
    if not args.yes and not _confirm(f"Delete session {path.stem} for good? [y/N] "):
        print("Nothing deleted.")
        return 0
    try:
        delete_session(path)
    except (SessionFileError, OSError) as exc:
        return fail(str(exc) if isinstance(exc, SessionFileError) else f"{path}: {exc.strerror}")
    print(f"Deleted {path.stem}.")
    return 0
