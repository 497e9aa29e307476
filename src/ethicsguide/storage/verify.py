"""Checking a session file or an exported record against the session it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ethicsguide.engine.export import export_markdown
from ethicsguide.engine.library import Library
from ethicsguide.engine.session import replay
from ethicsguide.storage.integrity import integrity, problems
from ethicsguide.storage.logread import LogRead, SessionFileError, read_log
from ethicsguide.storage.sessions import load_state

_ROW = re.compile(r"^\| (Session|Chain head|Sign-off key|Redaction) \| (.*) \|$")
_TICKED = re.compile(r"`([^`]*)`")
_HEAD = re.compile(r"(\d+) events, last line `([0-9a-f]+)` \(([^)]*)\)")
_HEAD_STATES = {
    "matches the head record": "ok",
    "does not match the head record": "mismatch",
    "its head record is missing, so a cut-off end cannot be ruled out": "lost",
}


@dataclass
class Verdict:
    """What does not match (the record does not hold if any), and notes that do not fail it."""

    bad: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def verify_session(path: Path, trusted: set[str]) -> Verdict:
    """The chain, the head record, and each sign-off (signature valid, key trusted)."""
    state, read = load_state(path)
    found = integrity(read, state.id)
    bad, notes = problems(read, found, trusted)
    notes.insert(0, f"{path.name}: {found.count} events, chain head `{found.head}`")
    for check in found.signoffs:
        if check.problem is None:
            notes.append(
                f"sign-off of {check.at} ({check.role}): signature valid, key {check.fingerprint}"
            )
    return Verdict(bad, notes)


def export_claims(export: Path) -> dict[str, list[str]]:
    """The rows of an export's table that verification needs."""
    claims: dict[str, list[str]] = {}
    with export.open(encoding="utf-8", errors="replace") as handle:
        for line in handle.read(1 << 16).splitlines()[:80]:
            match = _ROW.match(line)
            if match:
                claims.setdefault(match.group(1), []).append(match.group(2))
    if "Session" not in claims or "Chain head" not in claims:
        raise SessionFileError(
            f"{export}: not an export with a chain head (made by an older version?)"
        )
    return claims


def claimed_session(claims: dict[str, list[str]]) -> str:
    found = _TICKED.search(claims["Session"][0])
    return found.group(1) if found else ""


def verify_export(export: Path, session: Path, library: Library, trusted: set[str]) -> Verdict:
    """The session as a whole, then the export against it: head, sign-off keys, and text."""
    claims = export_claims(export)
    verdict = verify_session(session, trusted)
    read = read_log(session)
    head = _HEAD.match(claims["Chain head"][0])
    if head is None:
        verdict.bad.append("the export's chain head row is unreadable")
        return verdict
    count, last = int(head.group(1)), head.group(2)
    if not 0 < count <= len(read.hashes) or read.hashes[count - 1] != last:
        verdict.bad.append(
            f"the export's chain head ({count} events, `{last}`) is not in the session "
            f"(it has {len(read.events)} events, head `{read.last_hash}`)"
        )
        return verdict
    signed = {
        c.fingerprint for c in integrity(read, claimed_session(claims)).signoffs if not c.problem
    }
    for row in claims.get("Sign-off key", []):
        key = _TICKED.search(row)
        if key is not None and key.group(1) not in signed:
            verdict.bad.append(
                f"the export shows a sign-off with key {key.group(1)} the session does not hold"
            )
    state_word = _HEAD_STATES.get(head.group(3), "missing")
    verdict.bad += _text_differs(
        export, _prefix(read, count, state_word), library, "Redaction" in claims
    )
    return verdict


def _prefix(read: LogRead, count: int, head_state: str) -> LogRead:
    """The read as it stood when the export was made: its first ``count`` events."""
    return replace(
        read,
        events=read.events[:count],
        hashes=read.hashes[:count],
        sizes=read.sizes[:count],
        warnings=[],
        head=head_state,
        expected=None,
        altered_at=None,
    )


def _text_differs(export: Path, read: LogRead, library: Library, redact: bool) -> list[str]:
    """The export re-rendered from the session as it stood; the first line that differs."""
    state = replay(read.events)
    rendered = export_markdown(
        state, library, redact=redact, integrity=integrity(read, state.id)
    ).splitlines()
    written = export.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, (want, got) in enumerate(zip(rendered, written, strict=False), start=1):
        if want != got:
            return [
                f"{export.name}:{number}: the text differs from what the session records "
                "(edited after export, or the guide changed since)"
            ]
    if len(rendered) != len(written):
        return [f"{export.name}: the export's length differs from what the session records"]
    return []
