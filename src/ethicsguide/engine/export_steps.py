"""The record's steps as answered (withdrawn ones and comments too), its what-ifs and ledger."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ethicsguide.engine.library import Library
from ethicsguide.engine.markdown import escape, inert_markdown, quote
from ethicsguide.engine.record import Answer, OutcomeEntry, Record, StepEntry
from ethicsguide.engine.render import StepText
from ethicsguide.engine.session import WITHDRAWN_DECISION, Remark, SessionState, find_question

Scrub = Callable[[str], str]

REMARK_HEADINGS = {
    "comment": "Supervisor comment",
    WITHDRAWN_DECISION: "Final decision withdrawn (the worker went back from the outcome)",
}


def steps_section(record: Record, library: Library, scrub: Scrub, when: Scrub) -> str:
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
        names = " ↔ ".join(principle_name(library, p) for p in question.tension)
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
        names = dict.fromkeys(principle_name(library, p) for p in upholds)
        parts.append("upholds " + ", ".join(names))
    if strains:
        names = dict.fromkeys(principle_name(library, p) for p in strains)
        parts.append("strains " + ", ".join(names))
    return ("*This choice " + "; ".join(parts) + ".*") if parts else ""


def _comments_for(state: SessionState, key: int, scrub: Scrub, when: Scrub) -> list[str]:
    lines = []
    for remark in state.remarks:
        if remark.step == key:
            lines += ["", remark_heading(remark, when), "", quote(scrub(remark.text))]
    return lines


def remark_heading(remark: Remark, when: Scrub) -> str:
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


def what_ifs_section(state: SessionState, library: Library, scrub: Scrub) -> str:
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


def ledger_section(state: SessionState, library: Library) -> str:
    upheld: Counter[str] = Counter()
    strained: Counter[str] = Counter()
    for choice in state.active:
        question = find_question(choice.where, library.tree)
        for index in choice.picks:
            if question is not None and index < len(question.options):
                upheld.update(question.options[index].upholds)
                strained.update(question.options[index].strains)
    names = sorted(set(upheld) | set(strained), key=lambda p: principle_name(library, p))
    if not names:
        return "## Principle ledger\n\n*The choices made did not mark any principle as upheld or strained.*"
    lines = [
        "## Principle ledger",
        "",
        "| Principle | Upheld by choices | Strained by choices |",
        "|---|---:|---:|",
    ]
    lines += [f"| {principle_name(library, p)} | {upheld[p]} | {strained[p]} |" for p in names]
    return "\n".join(lines)


def principle_name(library: Library, key: str) -> str:
    principle = library.principles.get(key)
    return principle.name if principle else key
