"""The pages of a review: the worker's record per answer, and the supervisor's comments apart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ethicsguide.engine.models import Question
from ethicsguide.engine.session import node_at

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.session import Choice, Remark, SessionState
    from ethicsguide.storage.sessionlog import LogRead


def when(stamp: str) -> str:
    """``2026-11-26T10:22:00Z`` as ``2026-11-26 10:22 UTC``."""
    return stamp.replace("T", " ")[:16] + " UTC"


def overview_page(state: SessionState, read: LogRead, library: Library) -> Text:
    tree = library.tree(state.tree)
    text = Text.assemble(("Guide: ", "bold"), tree.title if tree else state.tree)
    text.append_text(
        Text.assemble(
            ("\nStarted: ", "bold"),
            state.started.replace("T", " "),
            ("   Updated: ", "bold"),
            state.updated.replace("T", " "),
        )
    )
    status = "finished" if state.finished else "in progress"
    text.append_text(
        Text.assemble(("\nStatus: ", "bold"), status, ("   Mode: ", "bold"), state.mode)
    )
    text.append_text(
        Text.assemble(
            ("\nAnswers given: ", "bold"),
            str(len(state.choices)),
            f" ({len(state.choices) - len(state.active)} withdrawn)",
        )
    )
    if state.dilemma:
        text.append_text(
            Text.assemble(("\n\nThe situation as described:\n", "bold"), f"“{state.dilemma}”")
        )
    for note in state.remarks:
        if note.kind == "note" and note.step not in range(1, len(state.choices) + 1):
            text.append_text(_note(note))
    for warning in read.warnings:
        text.append(f"\n\n⚠ {warning}", style="bold")
    for line in signoff_lines(state, read):
        text.append(f"\n\n{line}", style="bold")
    return text


def signoff_lines(state: SessionState, read: LogRead) -> list[str]:
    """Each sign-off's signature as checked, and what was added after the last good one."""
    # lazy: signature checks load with a session's sign-offs, after `review` has drawn
    from ethicsguide.storage.integrity import integrity

    if not read.events:
        return []
    found = integrity(read, state.id)
    lines = [
        f"✓ Sign-off of {when(c.at)}: signature valid (key {c.fingerprint})"
        if c.problem is None
        else f"⚠ Sign-off of {when(c.at)} does not hold: {c.problem}"
        for c in found.signoffs
    ]
    if found.after_signoff:
        lines.append("⚠ After sign-off (not covered by it): " + ", ".join(found.after_signoff))
    return lines


def choice_page(state: SessionState, number: int, library: Library) -> Text:
    """Answer ``number`` (1-based, withdrawn answers counted) as the worker gave it."""
    choice: Choice = state.choices[number - 1]
    node = node_at(choice.where, library.tree)
    if isinstance(node, Question):
        text = _question(node, choice.picks, library)
    else:
        text = Text.assemble(
            ("(this question is no longer in the guide)", "italic"),
            ("\n ✓ ", "bold"),
            (choice.label, "bold"),
        )
    if choice.withdrawn:
        text.append("\n\n↶ This answer was withdrawn: the worker went back.", style="bold")
    text.append_text(
        Text.assemble(
            ("\n\nThe worker's reasoning:\n", "bold"),
            f"“{choice.reasoning}”" if choice.reasoning else "(none given)",
        )
    )
    for what_if in state.what_ifs:
        if what_if.where == choice.where and not choice.withdrawn:
            text.append_text(
                Text.assemble(
                    ("\n\nWhat if: ", "bold"),
                    f"{what_if.option + 1}. {what_if.label} → ",
                    "; ".join(what_if.leads_to) or "no outcome",
                    f"\n“{what_if.note}”" if what_if.note else "",
                )
            )
    for note in state.remarks:
        if note.kind == "note" and note.step == number:
            text.append_text(_note(note))
    return text


def _question(node: Question, chosen: tuple[int, ...], library: Library) -> Text:
    text = Text.assemble((node.ask, "bold"))
    if node.tension:
        names = [library.principles[p].name if p in library.principles else p for p in node.tension]
        text.append_text(Text.assemble(("\nPrinciples in tension: ", "bold"), ", ".join(names)))
    for i, option in enumerate(node.options):
        mark = "✓" if i in chosen else " "
        text.append(f"\n {mark} {i + 1}. {option.label}", style="bold" if mark == "✓" else "")
    return text


def _note(note: Remark) -> Text:
    return Text.assemble(("\n\nThe worker's note", "bold"), f" ({when(note.at)}):\n“{note.text}”")


def outcome_page(state: SessionState, library: Library) -> Text:
    node = node_at(state.outcome, library.tree) if state.outcome else None
    title = node.text if node is not None and node.kind == "outcome" else "(not reached)"
    text = Text.assemble(("Outcome: ", "bold"), title)
    decision = state.final_decision
    text.append_text(
        Text.assemble(
            ("\n\nFinal decision and next steps:\n", "bold"),
            f"“{decision}”" if decision else "(not recorded)",
        )
    )
    return text


def supervisor_text(state: SessionState, step: int | None, can_comment: bool) -> Text:
    """Comments on answer ``step`` (or, for None, general comments and sign-offs)."""
    comments = [r for r in state.remarks if r.kind == "comment" and r.step == step]
    text = Text()
    for remark in comments:
        if text:
            text.append("\n\n")
        text.append_text(
            Text.assemble(
                ("Comment", "bold"),
                f" · {remark.role or 'supervisor'} · {when(remark.at)}\n“{remark.text}”",
            )
        )
    if step is None:
        for signoff in state.signoffs:
            if text:
                text.append("\n\n")
            name = f"{signoff.text}, " if signoff.text else ""
            text.append_text(
                Text.assemble(
                    ("✓ Signed off", "bold"),
                    f" by {name}{signoff.role or 'supervisor'} on {when(signoff.at)}",
                )
            )
        on_steps = sorted({r.step for r in state.remarks if r.kind == "comment" and r.step})
        if on_steps:
            if text:
                text.append("\n\n")
            text.append(
                "Comments on answers: " + ", ".join(str(n) for n in on_steps), style="italic"
            )
    if not text:
        what = f"answer {step}" if step is not None else "the session as a whole"
        text = Text(f"No comment on {what} yet.", style="italic")
        if can_comment:
            text.append(" Press c to add one." + ("" if step else " s signs off."), style="italic")
    return text
