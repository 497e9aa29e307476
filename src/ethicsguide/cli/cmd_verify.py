"""``ethicsguide verify SESSION|EXPORT.md``: does the record hold (chain, head, sign-offs)?"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ethicsguide.cli.common import data_dir, fail

_ROW = re.compile(r"^\| (Session|Chain head|Sign-off key) \| (.*) \|$")
_TICKED = re.compile(r"`([^`]*)`")


def run(args: argparse.Namespace) -> int:
    from ethicsguide.storage.sessionlog import SessionFileError

    root = data_dir(args)
    target = Path(args.record).expanduser()
    try:
        if target.suffix.lower() == ".md" and target.is_file():
            session, claims = _export_claims(target, root)
        else:
            session, claims = _session_path(root, args.record), None
        bad, notes = _check(session, claims, _trusted(root, args.key or []))
    except SessionFileError as exc:
        return fail(str(exc))
    for note in notes:
        print(f"note: {note}")
    for problem in bad:
        print(f"mismatch: {problem}")
    if bad:
        print(f"{args.record}: does NOT hold ({len(bad)} mismatch{'es' if len(bad) > 1 else ''})")
        return 1
    print(f"{args.record}: ok")
    return 0


def _session_path(root: Path, ref: str) -> Path:
    from ethicsguide.storage.sessions import resolve

    return resolve(root, ref)


def _trusted(root: Path, keys: list[str]) -> set[str]:
    from ethicsguide.storage.signing import own_fingerprint

    own = own_fingerprint(root)
    return {k.strip() for k in keys} | ({own} if own else set())


def _export_claims(export: Path, root: Path) -> tuple[Path, dict[str, list[str]]]:
    """The session an export names, and what its table says (chain head, sign-off keys)."""
    from ethicsguide.storage.sessionlog import SessionFileError

    claims: dict[str, list[str]] = {}
    with export.open(encoding="utf-8", errors="replace") as handle:
        for line in handle.read(1 << 20).splitlines()[:80]:
            match = _ROW.match(line)
            if match:
                claims.setdefault(match.group(1), []).append(match.group(2))
    sid = _TICKED.search(claims.get("Session", [""])[0])
    if sid is None or "Chain head" not in claims:
        raise SessionFileError(
            f"{export}: not an export with a chain head (made by an older version?)"
        )
    return _session_path(root, sid.group(1)), claims


def _check(
    session: Path, claims: dict[str, list[str]] | None, trusted: set[str]
) -> tuple[list[str], list[str]]:
    from ethicsguide.storage.integrity import integrity, problems
    from ethicsguide.storage.sessionlog import read_log
    from ethicsguide.storage.sessions import load_state

    state, read = load_state(session)
    found = integrity(read, state.id)
    bad, notes = problems(read, found, trusted)
    notes.insert(0, f"{session.name}: {found.count} events, chain head `{found.head}`")
    for check in found.signoffs:
        if check.problem is None:
            notes.append(
                f"sign-off of {check.at} ({check.role}): signature valid, key {check.fingerprint}"
            )
    if claims is not None:
        bad += _compare(claims, read_log(session), found)
    return bad, notes


def _compare(claims: dict[str, list[str]], read, found) -> list[str]:  # type: ignore[no-untyped-def]
    """What the export says against what the session holds."""
    bad = []
    head = re.match(r"(\d+) events, last line `([0-9a-f]+)`", claims["Chain head"][0])
    if head is None:
        return ["the export's chain head row is unreadable"]
    count, last = int(head.group(1)), head.group(2)
    if count > len(read.hashes) or count < 1 or read.hashes[count - 1] != last:
        bad.append(
            f"the export's chain head ({count} events, `{last}`) is not in the session "
            f"(it has {found.count} events, head `{found.head}`)"
        )
    keys = [_TICKED.search(row) for row in claims.get("Sign-off key", [])]
    signed = {c.fingerprint for c in found.signoffs if c.problem is None}
    for key in keys:
        if key is not None and key.group(1) not in signed:
            bad.append(
                f"the export shows a sign-off with key {key.group(1)} that the session does not hold"
            )
    return bad
