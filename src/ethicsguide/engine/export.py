"""The Markdown supervision record of a session: a pure function of the state and the library."""

from __future__ import annotations

from datetime import datetime, tzinfo

from ethicsguide.engine.export_map import map_section
from ethicsguide.engine.export_outcomes import facts_section, outcomes_section
from ethicsguide.engine.export_steps import (
    Scrub,
    ledger_section,
    remark_heading,
    steps_section,
    what_ifs_section,
)
from ethicsguide.engine.identifiers import redact
from ethicsguide.engine.integrity import Integrity, header_rows
from ethicsguide.engine.integrity import notes as integrity_notes
from ethicsguide.engine.library import Library
from ethicsguide.engine.markdown import escape, quote
from ethicsguide.engine.models import Tree
from ethicsguide.engine.record import build_record
from ethicsguide.engine.redaction import redacted_state
from ethicsguide.engine.session import SessionState

CONFIDENTIAL = (
    "**Confidential supervision record.** It holds a worker's reasoning about people who may be in "
    "danger. Keep it with your agency's confidential records; it may be subject to subpoena or to "
    "funder confidentiality rules. Leave out client names and identifying details."
)
NOT_LEGAL_ADVICE = (
    "**Not legal advice** — check your state law and agency policy; consult your supervisor "
    "(and legal counsel where records, subpoenas or law enforcement are involved). "
    "In an emergency, call 911 or your local emergency number."
)


def export_markdown(
    state: SessionState,
    library: Library,
    *,
    redact: bool = False,
    altered_at: int | None = None,
    integrity: Integrity | None = None,
    zone: tzinfo | None = None,
) -> str:
    """The whole record. ``redact`` replaces likely identifiers in the worker's text.

    Times are shown in ``zone`` (the computer's own time zone when None), with the offset.
    """
    if redact:  # every typed field (signers' names and roles too), before any section sees it
        state = _redacted(state)
    scrub: Scrub = _redactor() if redact else (lambda text: text)
    when = local_time(zone)
    record = build_record(state, library.tree)
    parts = [
        _header(state, library, altered_at, redact, when, integrity),
        _dilemma(state, scrub),
        steps_section(record, library, scrub, when),
        facts_section(record),
        what_ifs_section(state, library, scrub),
        outcomes_section(record, library, scrub),
        ledger_section(state, library),
        map_section(record, library),
        _final(state, scrub, integrity),
        _review(state, scrub, when),
    ]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def local_time(zone: tzinfo | None) -> Scrub:
    """Event times (stored in UTC) as ``2026-11-26 05:00 (UTC-05:00)`` in ``zone``."""

    def show(stamp: str) -> str:
        try:
            moment = datetime.fromisoformat(stamp).astimezone(zone)
        except ValueError:
            return stamp  # not a time we wrote: show it as recorded
        offset = moment.strftime("%z")
        return f"{moment:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"

    return show


def _redactor() -> Scrub:
    return redact


def _redacted(state: SessionState) -> SessionState:
    return redacted_state(state)


def _tree(library: Library, tree_id: str) -> Tree | None:
    return library.tree(tree_id)


def _header(
    state: SessionState,
    library: Library,
    altered_at: int | None,
    redacted: bool,
    when: Scrub,
    integrity: Integrity | None = None,
) -> str:
    tree = _tree(library, state.tree)
    title = tree.title if tree else state.tree
    pin = state.pin(state.tree)
    rows = [
        ("Tree", f"`{state.tree}`"),
        ("Version", str(pin.version) if pin else "?"),
        ("Content hash", f"`{pin.digest[:19]}`" if pin and pin.digest else "?"),
        ("Session", f"`{state.id}`"),
        ("Started", when(state.started)),
        ("Last updated", when(state.updated)),
        ("Mode", state.mode + (f" (scenario `{state.scenario}`)" if state.scenario else "")),
        ("Status", _status(state)),
    ]
    if outside := library.outside_note():
        rows.append(("Guides", escape(outside)))
    if state.debriefed:
        rows.append(
            ("Debrief opened", f"{when(state.debriefed)} (answers could not change after it)")
        )
    if redacted:
        rows.append(
            ("Redaction", "likely identifiers in the worker's text are replaced by placeholders")
        )
    rows += header_rows(integrity)
    lines = [f"# Supervision record: {escape(title)}", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    lines += ["", f"> {CONFIDENTIAL}", ">", f"> {NOT_LEGAL_ADVICE}"]
    lines += _integrity(state, library, altered_at, integrity_notes(integrity))
    return "\n".join(lines)


def _integrity(
    state: SessionState, library: Library, altered_at: int | None, found: list[str]
) -> list[str]:
    notes = list(found)
    if altered_at is not None:
        notes.append(
            f"**Record altered after line {altered_at - 1}.** Line {altered_at} of the session "
            "file was changed or does not follow on from the line before it; only the lines before it are shown."
        )
    for pin in state.pins:
        current = library.pin(pin.tree)
        if current is None:
            notes.append(
                f"**Tree `{pin.tree}` is no longer in the library;** steps are shown as recorded."
            )
        elif current.digest != pin.digest:
            notes.append(
                f"**Tree `{pin.tree}` has changed since this session began** (version {pin.version} → "
                f"{current.version}); question text is shown from the current version."
            )
    return ["", *[f"> ⚠ {n}" for n in notes]] if notes else []


def _status(state: SessionState) -> str:
    if state.finished:
        return "outcome reached"
    if state.at_outcome:
        return "at an outcome; the guide goes on after it"
    return "in progress"


def _dilemma(state: SessionState, scrub: Scrub) -> str:
    body = quote(scrub(state.dilemma)) if state.dilemma.strip() else "*Not described.*"
    return f"## The dilemma as described\n\n{body}"


def _final(state: SessionState, scrub: Scrub, integrity: Integrity | None) -> str:
    heading = "## Final decision and next steps\n\n"
    now = (
        "*Not recorded yet.*"
        if state.final_decision is None
        else quote(scrub(state.final_decision))
    )
    signed = integrity.signed_decision if integrity else None
    if signed is None or signed == state.final_decision:
        return heading + now
    # the sign-off vouches for the earlier words: a reader must see what was approved
    was = quote(scrub(signed)) if signed else "*None had been recorded.*"
    return f"{heading}{now}\n\n*As signed off, before it was changed after the sign-off:*\n\n{was}"


def _review(state: SessionState, scrub: Scrub, when: Scrub) -> str:
    general = [r for r in state.remarks if r.step is None]
    if not general and not state.signoffs:
        return ""
    lines = ["## Notes and supervisor review"]
    for remark in general:
        lines += ["", remark_heading(remark, when), "", quote(scrub(remark.text))]
    for signoff in state.signoffs:
        name = f" {escape(scrub(signoff.text))}," if signoff.text else ""
        lines += [
            "",
            f"**Signed off** by{name} {escape(signoff.role or 'supervisor')} on {when(signoff.at)}.",
        ]
    return "\n".join(lines)
