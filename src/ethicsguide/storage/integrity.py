"""Checking a read session record: its chain head, its head record and its signed sign-offs."""

from __future__ import annotations

from collections import Counter

from ethicsguide.engine.events import EventType
from ethicsguide.engine.integrity import Integrity, SignOffCheck
from ethicsguide.engine.session import replay
from ethicsguide.storage import signing
from ethicsguide.storage.logread import Event, LogRead

AFTER: dict[str, str] = {  # what a later event means to a reader of the record
    EventType.CHOSE: "an answer",
    EventType.REASONED: "reasoning",
    EventType.WENT_BACK: "a withdrawn answer",
    EventType.WHAT_IF: "a what-if",
    EventType.REACHED: "an outcome reached",
    EventType.REFLECTED: "the final decision",
    EventType.NOTED: "a note",
    EventType.COMMENTED: "a comment",
    EventType.SIGNED_OFF: "an unsigned or broken sign-off",
}


def integrity(read: LogRead, session_id: str) -> Integrity:
    """The record's chain head, sign-offs (each checked) and what came after the last good one."""
    checks, last_good = [], None
    for index, event in enumerate(read.events):
        if event.get("type") == EventType.SIGNED_OFF:
            check = check_signoff(read, index, session_id)
            checks.append(check)
            if check.problem is None:
                last_good = index
    return Integrity(
        count=len(read.events),
        head=read.last_hash,
        head_record=read.head,
        signoffs=tuple(checks),
        after_signoff=_after(read.events, last_good),
        expected=read.expected,
        signed_decision=_signed_decision(read.events, last_good),
    )


def decision_signed_off(read: LogRead, session_id: str) -> str | None:
    """The final decision as the last good sign-off covered it ("" for none written then);
    None when no sign-off holds. The outcome screen compares it with the decision now."""
    good = [
        index
        for index, event in enumerate(read.events)
        if event.get("type") == EventType.SIGNED_OFF
        and check_signoff(read, index, session_id).problem is None
    ]
    return replay(read.events[: good[-1]]).final_decision or "" if good else None


def check_signoff(read: LogRead, index: int, session_id: str) -> SignOffCheck:
    event = read.events[index]
    fingerprint, problem = signing.check(event, session_id)
    covers = event.get("covers")
    if problem is None and (covers != index or event.get("head") != read.hashes[index - 1]):
        problem = "it was made for a different record (it does not cover the lines before it)"
    return SignOffCheck(
        at=str(event.get("at", "")),
        role=str(event.get("role") or "supervisor"),
        fingerprint=fingerprint,
        covers=covers if isinstance(covers, int) else 0,
        problem=problem,
    )


def _after(events: list[Event], last_good: int | None) -> tuple[str, ...]:
    if last_good is None:
        return ()
    later = [str(e.get("type")) for e in events[last_good + 1 :]]
    counts = Counter(AFTER[k] for k in later if k in AFTER)
    return tuple(f"{n} × {what}" if n > 1 else what for what, n in counts.items())


def _signed_decision(events: list[Event], last_good: int | None) -> str | None:
    """The final decision the last good sign-off covered, if one was written after it."""
    if last_good is None:
        return None
    if not any(e.get("type") == EventType.REFLECTED for e in events[last_good + 1 :]):
        return None
    return replay(events[:last_good]).final_decision or ""


def problems(read: LogRead, found: Integrity, trusted: set[str]) -> tuple[list[str], list[str]]:
    """(what does not match, notes) in plain words; the record holds when the first is empty.

    A sign-off holds only when its signature is valid and made with a key the reader trusts
    (their own, or one given with ``--key``): anyone can make a key, so the fingerprint is what
    ties a signature to a supervisor. A crash's torn end and changes after sign-off are notes.
    """
    crash = ("incomplete last line", "cut short at line")
    bad = [w for w in read.warnings if not any(c in w for c in crash)]
    notes = [w for w in read.warnings if any(c in w for c in crash)] + list(read.notes)
    for check in found.signoffs:
        if check.problem:
            bad.append(f"sign-off of {check.at} ({check.role}): {check.problem}")
        elif check.fingerprint not in trusted:
            bad.append(
                f"sign-off of {check.at} ({check.role}) is signed with key {check.fingerprint}, "
                "which is not a key you trust: compare it with your supervisor's and give it "
                "with --key"
            )
    if found.after_signoff:
        notes.append(
            "added after the last sign-off (not covered by it): " + ", ".join(found.after_signoff)
        )
    return bad, notes
