"""The Markdown supervision record of a session: a pure function of the state and the library."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, tzinfo

from ethicsguide.engine.export_map import map_section
from ethicsguide.engine.identifiers import redact
from ethicsguide.engine.integrity import Integrity, header_rows
from ethicsguide.engine.integrity import notes as integrity_notes
from ethicsguide.engine.library import Library
from ethicsguide.engine.markdown import code_span, escape, inert_markdown, quote, safe_url
from ethicsguide.engine.models import Tree
from ethicsguide.engine.record import Answer, OutcomeEntry, Record, StepEntry, build_record
from ethicsguide.engine.redaction import redacted_state
from ethicsguide.engine.render import StepText
from ethicsguide.engine.session import (
    WITHDRAWN_DECISION,
    Remark,
    SessionState,
    find_question,
)

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

Scrub = Callable[[str], str]
REMARK_HEADINGS = {
    "comment": "Supervisor comment",
    WITHDRAWN_DECISION: "Final decision withdrawn (the worker went back from the outcome)",
}


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
        _steps(record, library, scrub, when),
        _facts(record),
        _what_ifs(state, library, scrub),
        _outcomes(record, library, scrub),
        _ledger(state, library),
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


def _steps(record: Record, library: Library, scrub: Scrub, when: Scrub) -> str:
    lines = ["## Steps", *_guide_lines(record.start_guides)]
    if not record.state.choices:
        lines += ["", "*No question answered yet.*"]
    for entry in record.entries:
        if isinstance(entry, StepEntry):
            lines += ["", *_step(entry, record.state, library, scrub, when)]
        else:
            lines += ["", *_reached_line(entry), *_guide_lines(entry.guides)]
    for answer in record.unmatched:
        lines += ["", *_withdrawn(answer, record.state, scrub, when, alone=True)]
    return "\n".join(lines)


def _reached_line(entry: OutcomeEntry) -> list[str]:
    went_on = " The worker recorded a final decision and went on." if entry.continued else ""
    return [f"**→ Outcome reached: {escape(entry.text.title)}.**{went_on}"]


def _step(
    entry: StepEntry, state: SessionState, library: Library, scrub: Scrub, when: Scrub
) -> list[str]:
    answer = entry.answer
    question = answer.question
    ask = question.ask if question else f"({answer.choice.where.node})"
    lines = [f"### {entry.number}. {escape(ask)}", ""]
    lines += _answer_body(answer, library)
    for earlier in entry.withdrawn:  # before the answer that replaced it, as it happened
        lines += [*_withdrawn(earlier, state, scrub, when), ""]
    lines += ["**Reasoning:**", "", quote(scrub(answer.choice.reasoning or ""))]
    lines += _comments_for(state, answer.key, scrub, when)
    lines += _guide_lines(entry.guides)
    return lines


def _answer_body(answer: Answer, library: Library) -> list[str]:
    question = answer.question
    if question is None:
        return [f"- **{escape(answer.choice.label)}** (chosen)", ""]
    lines = []
    if question.tension:
        names = " ↔ ".join(_principle_name(library, p) for p in question.tension)
        lines += [f"*Principles in tension:* {names}", ""]
    if question.many and not question.says_choose_all:
        lines += ["*Choose all that apply.*", ""]
    picks = set(answer.choice.picks)
    for index, option in enumerate(question.options):
        if index in picks:
            lines.append(f"- **▶ {escape(option.label)}** (chosen)")
        else:
            lines.append(f"- {escape(option.label)}")
    lines.append("")
    chosen = [question.options[i] for i in sorted(picks) if i < len(question.options)]
    weighs = _weighs(
        library, [p for o in chosen for p in o.upholds], [p for o in chosen for p in o.strains]
    )
    if weighs:
        lines += [weighs, ""]
    lines += [line for n in answer.notes for line in (f"*About this choice:* {escape(n)}", "")]
    return lines


def _withdrawn(
    answer: Answer, state: SessionState, scrub: Scrub, when: Scrub, *, alone: bool = False
) -> list[str]:
    labels = "; ".join(escape(label) for label in answer.labels)
    where = ""
    if alone and answer.question is not None:
        where = f" at *{escape(answer.question.ask)}*"
    lines = [
        f"**Answer withdrawn{where}:** {labels} *(the worker went back and changed it; "
        "it stays on the record)*",
        "",
        "**Reasoning given then:**",
        "",
        quote(scrub(answer.choice.reasoning or "")),
    ]
    return lines + _comments_for(state, answer.key, scrub, when)


def _weighs(library: Library, upholds: list[str], strains: list[str]) -> str:
    parts = []
    if upholds:
        names = dict.fromkeys(_principle_name(library, p) for p in upholds)
        parts.append("upholds " + ", ".join(names))
    if strains:
        names = dict.fromkeys(_principle_name(library, p) for p in strains)
        parts.append("strains " + ", ".join(names))
    return ("*This choice " + "; ".join(parts) + ".*") if parts else ""


def _comments_for(state: SessionState, key: int, scrub: Scrub, when: Scrub) -> list[str]:
    lines = []
    for remark in state.remarks:
        if remark.step == key:
            lines += ["", _remark_heading(remark, when), "", quote(scrub(remark.text))]
    return lines


def _remark_heading(remark: Remark, when: Scrub) -> str:
    who = f" ({escape(remark.role)})" if remark.role else ""
    kind = REMARK_HEADINGS.get(remark.kind, "Note")
    return f"**{kind}{who}, {when(remark.at)}:**"


def _guide_lines(steps: tuple[StepText, ...]) -> list[str]:
    return [line for step in steps for say in step.say for line in _guide_said(say)]


def _guide_said(say: str) -> tuple[str, ...]:
    """A step's text as the worker saw it: one line stays inline after *Guide:*; a text with
    paragraphs or a numbered list keeps them, so the record's first steps can be picked out."""
    rendered = inert_markdown(say)
    if "\n" not in rendered:
        return ("", f"*Guide:* {rendered}")
    return ("", "*Guide:*", "", rendered)


def _what_ifs(state: SessionState, library: Library, scrub: Scrub) -> str:
    if not state.what_ifs:
        return ""
    lines = ["## What-ifs explored", ""]
    for item in state.what_ifs:
        question = find_question(item.where, library.tree)
        ask = question.ask if question else item.where.node
        leads = "; ".join(escape(t) for t in item.leads_to) or "no outcome"
        lines.append(
            f"- At *{escape(ask)}*, choosing **{escape(item.label)}** could lead to: {leads}."
        )
        if item.note:
            lines += ["", "  " + quote(scrub(item.note)).replace("\n", "\n  "), ""]
    return "\n".join(lines).rstrip()


def _outcomes(record: Record, library: Library, scrub: Scrub) -> str:
    reached = record.outcomes
    if len(reached) == 1 and not reached[0].continued:
        return _outcome_block(reached[0], library, scrub, "##", record.state.tree)
    if not reached:
        return "## Outcome\n\n" + _unfinished(record)
    lines = ["## Outcomes reached, in order"]
    for number, entry in enumerate(reached, start=1):
        lines += ["", _outcome_block(entry, library, scrub, "###", record.state.tree, number)]
    if not record.state.at_outcome:
        lines += ["", _unfinished(record)]
    return "\n".join(lines)


def _outcome_block(
    entry: OutcomeEntry,
    library: Library,
    scrub: Scrub,
    level: str,
    root: str,
    number: int | None = None,
) -> str:
    text = entry.text
    title = f"{number}. {escape(text.title)}" if number else f"Outcome: {escape(text.title)}"
    lines = [f"{level} {title}", ""]
    if entry.ref.tree != root:
        lines += [f"*Reached in the tree `{entry.ref.tree}` after a handover.*", ""]
    if text.supervisor:
        lines += ["> **Talk to your supervisor before you act on this.**", ""]
    lines += [line for g in text.guidance for line in (inert_markdown(g), "")]
    sub = level + "#"
    if text.actions:
        lines += [f"{sub} Actions, in order", "", *[f"- [ ] {escape(a)}" for a in text.actions], ""]
    if text.avoid:
        lines += [f"{sub} What not to do", "", *[f"- {escape(a)}" for a in text.avoid], ""]
    tree = library.tree(entry.ref.tree)
    if tree is not None:
        lines += _sources(tree, text.sources, library, sub)
    if entry.continued:
        decision = quote(scrub(entry.final_decision)) if entry.final_decision else "*None given.*"
        lines += ["", "**Final decision and next steps here:**", "", decision, ""]
        lines += ["*The worker went on with the guide from this outcome.*"]
    return "\n".join(lines).rstrip()


def _unfinished(record: Record) -> str:
    if record.waiting_at is None:
        return "*Not reached: the path no longer exists in the current tree.*"
    return f"*Not reached yet. The walkthrough stopped at: {escape(record.waiting_at)}*"


def _facts(record: Record) -> str:
    if not record.facts:
        return ""
    lines = ["## Facts established", ""]
    for fact, number, label in record.facts:
        lines.append(f"- `{fact}`: set at step {number} (“{escape(label)}”)")
    return "\n".join(lines)


def _sources(tree: Tree, names: tuple[str, ...], library: Library, level: str) -> list[str]:
    if not names:
        return []
    lines = [f"{level} Sources", ""]
    for index, name in enumerate(names, start=1):
        source = library.source(tree, name)
        if source is None:
            lines.append(f"{index}. `{name}` (not found in the library)")
            continue
        text = f"{index}. {escape(source.cite)}"
        if source.url:
            url = safe_url(source.url)
            text += f" <{url}>" if url else f" ({code_span(source.url)}, not a web address)"
        if source.note:
            text += f" — *{escape(source.note)}*"
        lines.append(text)
    return lines


def _ledger(state: SessionState, library: Library) -> str:
    upheld: Counter[str] = Counter()
    strained: Counter[str] = Counter()
    for choice in state.active:
        question = find_question(choice.where, library.tree)
        for index in choice.picks:
            if question is not None and index < len(question.options):
                upheld.update(question.options[index].upholds)
                strained.update(question.options[index].strains)
    names = sorted(set(upheld) | set(strained), key=lambda p: _principle_name(library, p))
    if not names:
        return "## Principle ledger\n\n*The choices made did not mark any principle as upheld or strained.*"
    lines = [
        "## Principle ledger",
        "",
        "| Principle | Upheld by choices | Strained by choices |",
        "|---|---:|---:|",
    ]
    lines += [f"| {_principle_name(library, p)} | {upheld[p]} | {strained[p]} |" for p in names]
    return "\n".join(lines)


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
        lines += ["", _remark_heading(remark, when), "", quote(scrub(remark.text))]
    for signoff in state.signoffs:
        name = f" {escape(scrub(signoff.text))}," if signoff.text else ""
        lines += [
            "",
            f"**Signed off** by{name} {escape(signoff.role or 'supervisor')} on {when(signoff.at)}.",
        ]
    return "\n".join(lines)


def _principle_name(library: Library, key: str) -> str:
    principle = library.principles.get(key)
    return principle.name if principle else key
