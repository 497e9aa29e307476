"""The Markdown supervision record of a session: a pure function of the state and the library."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ethicsguide.engine.diagram import mermaid
from ethicsguide.engine.identifiers import redact
from ethicsguide.engine.integrity import Integrity, header_rows
from ethicsguide.engine.integrity import notes as integrity_notes
from ethicsguide.engine.library import Library
from ethicsguide.engine.markdown import escape, quote
from ethicsguide.engine.models import Outcome, Question, Step, Tree
from ethicsguide.engine.session import (
    Choice,
    NodeRef,
    PathBroken,
    Remark,
    SessionState,
    find_question,
    follow,
    node_at,
    position,
    resolve_to,
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


def export_markdown(
    state: SessionState,
    library: Library,
    *,
    redact: bool = False,
    altered_at: int | None = None,
    integrity: Integrity | None = None,
) -> str:
    """The whole record. ``redact`` replaces likely identifiers in the worker's text."""
    scrub: Scrub = _redactor() if redact else (lambda text: text)
    parts = [
        _header(state, library, altered_at, redact, integrity),
        _dilemma(state, scrub),
        _steps(state, library, scrub),
        _what_ifs(state, library, scrub),
        _outcome(state, library),
        _ledger(state, library),
        _map(state, library),
        _final(state, scrub),
        _review(state, scrub),
    ]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def _redactor() -> Scrub:
    return redact


def _tree(library: Library, tree_id: str) -> Tree | None:
    return library.tree(tree_id)


def _header(
    state: SessionState,
    library: Library,
    altered_at: int | None,
    redacted: bool,
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
        ("Started", state.started),
        ("Last updated", state.updated),
        ("Mode", state.mode + (f" (scenario `{state.scenario}`)" if state.scenario else "")),
        ("Status", "outcome reached" if state.finished else "in progress"),
    ]
    if state.debriefed:
        rows.append(("Debrief opened", f"{state.debriefed} (answers could not change after it)"))
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


def _dilemma(state: SessionState, scrub: Scrub) -> str:
    body = quote(scrub(state.dilemma)) if state.dilemma.strip() else "*Not described.*"
    return f"## The dilemma as described\n\n{body}"


def _steps(state: SessionState, library: Library, scrub: Scrub) -> str:
    lines = ["## Steps"]
    tree = _tree(library, state.tree)
    if tree is not None:
        lines += _guide_lines(_passed_from(NodeRef(state.tree, tree.start), library))
    if not state.choices:
        lines += ["", "*No question answered yet.*"]
    for number, choice in enumerate(state.choices, start=1):
        lines += ["", *_step(number, choice, state, library, scrub)]
    return "\n".join(lines)


def _step(
    number: int, choice: Choice, state: SessionState, library: Library, scrub: Scrub
) -> list[str]:
    question = find_question(choice.where, library.tree)
    ask = question.ask if question else f"({choice.where.node})"
    status = " *(withdrawn)*" if choice.withdrawn else ""
    lines = [f"### {number}. {escape(ask)}{status}", ""]
    if choice.withdrawn:
        lines += ["*The worker went back and withdrew this choice; it stays on the record.*", ""]
    if question is not None:
        lines += _question_body(question, choice, library)
    else:
        lines += [f"- **{escape(choice.label)}** (chosen)", ""]
    lines += ["**Reasoning:**", "", quote(scrub(choice.reasoning or ""))]
    lines += _comments_for(state, number, scrub)
    if not choice.withdrawn:
        lines += _guide_lines(_passed_after(choice, library))
    return lines


def _question_body(question: Question, choice: Choice, library: Library) -> list[str]:
    lines = []
    if question.tension:
        names = " ↔ ".join(_principle_name(library, p) for p in question.tension)
        lines += [f"*Principles in tension:* {names}", ""]
    for index, option in enumerate(question.options):
        if index == choice.option:
            lines.append(f"- **▶ {escape(option.label)}** (chosen)")
        else:
            lines.append(f"- {escape(option.label)}")
    lines.append("")
    if choice.option < len(question.options):
        chosen = question.options[choice.option]
        weighs = _weighs(library, chosen.upholds, chosen.strains)
        if weighs:
            lines += [weighs, ""]
        if chosen.note:
            lines += [f"*About this choice:* {escape(chosen.note)}", ""]
    return lines


def _weighs(library: Library, upholds: list[str], strains: list[str]) -> str:
    parts = []
    if upholds:
        parts.append("upholds " + ", ".join(_principle_name(library, p) for p in upholds))
    if strains:
        parts.append("strains " + ", ".join(_principle_name(library, p) for p in strains))
    return ("*This choice " + "; ".join(parts) + ".*") if parts else ""


def _comments_for(state: SessionState, number: int, scrub: Scrub) -> list[str]:
    lines = []
    for remark in state.remarks:
        if remark.step == number:
            lines += ["", _remark_heading(remark), "", quote(scrub(remark.text))]
    return lines


def _remark_heading(remark: Remark) -> str:
    who = f" ({escape(remark.role)})" if remark.role else ""
    kind = "Supervisor comment" if remark.kind == "comment" else "Note"
    return f"**{kind}{who}, {remark.at}:**"


def _passed_after(choice: Choice, library: Library) -> list[Step]:
    question = find_question(choice.where, library.tree)
    if question is None or choice.option >= len(question.options):
        return []
    try:
        ref = resolve_to(choice.where.tree, question.target_of(choice.option), library.tree, [])
    except PathBroken:
        return []
    return _passed_from(ref, library)


def _passed_from(ref: NodeRef, library: Library) -> list[Step]:
    try:
        refs = follow(ref, library.tree).passed
    except PathBroken:
        return []
    steps = []
    for passed in refs:
        tree = library.tree(passed.tree)
        node = tree.nodes.get(passed.node) if tree else None
        if isinstance(node, Step):
            steps.append(node)
    return steps


def _guide_lines(steps: list[Step]) -> list[str]:
    return [line for step in steps for line in ("", f"*Guide:* {escape(step.say)}")]


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


def _outcome(state: SessionState, library: Library) -> str:
    ref = state.outcome
    node = node_at(ref, library.tree) if ref else None
    if ref is None or not isinstance(node, Outcome):
        return "## Outcome\n\n" + _unfinished(state, library)
    tree = library.tree(ref.tree)
    assert tree is not None
    lines = [f"## Outcome: {escape(node.outcome)}", ""]
    if ref.tree != state.tree:
        lines += [f"*Reached in the tree `{ref.tree}` after a handover.*", ""]
    if node.supervisor:
        lines += ["> **Talk to your supervisor before you act on this.**", ""]
    lines += [node.guidance.strip(), ""]
    if node.actions:
        lines += ["### Actions, in order", "", *[f"- [ ] {escape(a)}" for a in node.actions], ""]
    if node.avoid:
        lines += ["### What not to do", "", *[f"- {escape(a)}" for a in node.avoid], ""]
    lines += _sources(tree, node, library)
    return "\n".join(lines).rstrip()


def _unfinished(state: SessionState, library: Library) -> str:
    try:
        here = position(state, library.tree)
    except PathBroken:
        return "*Not reached: the path no longer exists in the current tree.*"
    node = node_at(here.node, library.tree)
    ask = node.ask if isinstance(node, Question) else here.node.node
    return f"*Not reached yet. The walkthrough stopped at: {escape(ask)}*"


def _sources(tree: Tree, node: Outcome, library: Library) -> list[str]:
    if not node.sources:
        return []
    lines = ["### Sources", ""]
    for index, name in enumerate(node.sources, start=1):
        source = library.source(tree, name)
        if source is None:
            lines.append(f"{index}. `{name}` (not found in the library)")
            continue
        text = f"{index}. {escape(source.cite)}"
        if source.url:
            text += f" <{source.url}>"
        if source.note:
            text += f" — *{escape(source.note)}*"
        lines.append(text)
    return lines


def _ledger(state: SessionState, library: Library) -> str:
    upheld: Counter[str] = Counter()
    strained: Counter[str] = Counter()
    for choice in state.active:
        question = find_question(choice.where, library.tree)
        if question is None or choice.option >= len(question.options):
            continue
        option = question.options[choice.option]
        upheld.update(option.upholds)
        strained.update(option.strains)
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


def _map(state: SessionState, library: Library) -> str:
    tree = library.tree(state.tree)
    if tree is None:
        return ""
    path, taken = _walked(state, tree, library)
    return (
        "## Map of the tree\n\nThe path taken is drawn with thick outlines and bold text.\n\n"
        f"```mermaid\n{mermaid(tree, path, taken)}\n```"
    )


def _walked(
    state: SessionState, tree: Tree, library: Library
) -> tuple[list[str], list[tuple[str, str]]]:
    """Nodes and edges of the root tree the active path went through."""
    nodes = [tree.start]
    edges: list[tuple[str, str]] = []
    for ref in _passed_refs(NodeRef(tree.id, tree.start), library):
        nodes.append(ref)
    for choice in state.active:
        if choice.where.tree != tree.id:
            continue
        question = find_question(choice.where, library.tree)
        if question is None or choice.option >= len(question.options):
            continue
        target = question.target_of(choice.option)
        nodes.append(choice.where.node)
        nodes.append(target)
        edges.append((choice.where.node, target))
    return nodes, edges


def _passed_refs(ref: NodeRef, library: Library) -> list[str]:
    try:
        return [r.node for r in follow(ref, library.tree).passed]
    except PathBroken:
        return []


def _final(state: SessionState, scrub: Scrub) -> str:
    if state.final_decision is None:
        return "## Final decision and next steps\n\n*Not recorded yet.*"
    return "## Final decision and next steps\n\n" + quote(scrub(state.final_decision))


def _review(state: SessionState, scrub: Scrub) -> str:
    general = [r for r in state.remarks if r.step is None]
    if not general and not state.signoffs:
        return ""
    lines = ["## Notes and supervisor review"]
    for remark in general:
        lines += ["", _remark_heading(remark), "", quote(scrub(remark.text))]
    for signoff in state.signoffs:
        name = f" {escape(scrub(signoff.text))}," if signoff.text else ""
        lines += [
            "",
            f"**Signed off** by{name} {escape(signoff.role or 'supervisor')} on {signoff.at}.",
        ]
    return "\n".join(lines)


def _principle_name(library: Library, key: str) -> str:
    principle = library.principles.get(key)
    return principle.name if principle else key
