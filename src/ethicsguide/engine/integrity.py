"""What the storage layer found about a record's integrity, and how the export states it."""

from __future__ import annotations

from dataclasses import dataclass

from ethicsguide.engine.markdown import escape


@dataclass(frozen=True)
class SignOffCheck:
    """One sign-off as checked: who, when, the key, what it covers, what is wrong (if anything)."""

    at: str
    role: str
    fingerprint: str
    covers: int
    problem: str | None = None


@dataclass(frozen=True)
class Integrity:
    """The chain head (events and last hash), the head record's state, the sign-offs, and
    what was added after the last good sign-off (plain descriptions)."""

    count: int
    head: str
    head_record: str = "ok"  # ok | missing (an older session) | lost | mismatch
    signoffs: tuple[SignOffCheck, ...] = ()
    after_signoff: tuple[str, ...] = ()
    expected: int | None = None  # the head record's count, when lines are missing from the end
    # the final decision as the last good sign-off covered it ("" for none), when a decision
    # was written after that sign-off; None when nothing was
    signed_decision: str | None = None


HEAD_RECORD = {
    "ok": "matches the head record",
    "missing": "older session: no head record, so a cut-off end cannot be detected",
    "lost": "its head record is missing, so a cut-off end cannot be ruled out",
    "mismatch": "does not match the head record",
}


def header_rows(integrity: Integrity | None) -> list[tuple[str, str]]:
    """Rows for the export's metadata table: the chain head and each sign-off key."""
    if integrity is None:
        return []
    state = HEAD_RECORD.get(integrity.head_record, integrity.head_record)
    rows = [("Chain head", f"{integrity.count} events, last line `{integrity.head}` ({state})")]
    for check in integrity.signoffs:
        status = "signature valid" if check.problem is None else "signature NOT valid"
        key = f"`{check.fingerprint}`" if check.fingerprint else "none"
        rows.append(("Sign-off key", f"{key}, {status}, covers {check.covers} events"))
    return rows


def notes(integrity: Integrity | None) -> list[str]:
    """Warnings for the export's notice block: bad signatures, changes after sign-off."""
    if integrity is None:
        return []
    found = [
        f"**Sign-off of {escape(c.at)} does not hold:** {escape(c.problem)}."
        for c in integrity.signoffs
        if c.problem
    ]
    if integrity.expected is not None:
        found.append(
            f"**Record cut short:** its head record says {integrity.expected} events; only "
            f"{integrity.count} are in the session file (lines were removed from its end)."
        )
    if integrity.after_signoff:
        found.append(
            "**Changed after sign-off:** "
            + escape(", ".join(integrity.after_signoff))
            + " (the sign-off covers the record as it was signed, not these)."
        )
    return found
