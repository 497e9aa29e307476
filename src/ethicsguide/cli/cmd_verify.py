"""``ethicsguide verify SESSION|EXPORT.md``: does the record hold (chain, head, sign-offs)?"""

from __future__ import annotations

import argparse
from pathlib import Path

from ethicsguide.cli.common import data_dir, fail, library
from ethicsguide.storage import verify
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import resolve
from ethicsguide.storage.signing import own_fingerprint


def run(args: argparse.Namespace) -> int:
    root = data_dir(args)
    target = Path(args.record).expanduser()
    trusted = _trusted(root, args.key or [])
    try:
        if target.suffix.lower() == ".md" and target.is_file():
            session = resolve(root, verify.claimed_session(verify.export_claims(target)))
            verdict = verify.verify_export(target, session, library(args), trusted)
        else:
            verdict = verify.verify_session(resolve(root, args.record), trusted)
    except SessionFileError as exc:
        return fail(str(exc))
    for note in verdict.notes:
        print(f"note: {note}")
    for problem in verdict.bad:
        print(f"mismatch: {problem}")
    if verdict.bad:
        count = len(verdict.bad)
        print(f"{args.record}: does NOT hold ({count} mismatch{'es' if count > 1 else ''})")
        return 1
    print(f"{args.record}: ok")
    return 0


def _trusted(root: Path, keys: list[str]) -> set[str]:
    own = own_fingerprint(root)
    return {k.strip() for k in keys} | ({own} if own else set())
