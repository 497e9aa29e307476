"""The record's outcomes reached (guidance, actions, sources) and the facts established."""

from __future__ import annotations

from ethicsguide.engine.export_steps import Scrub
from ethicsguide.engine.library import Library
from ethicsguide.engine.markdown import code_span, escape, inert_markdown, quote, safe_url
from ethicsguide.engine.models import Tree
from ethicsguide.engine.record import OutcomeEntry, Record


def outcomes_section(record: Record, library: Library, scrub: Scrub) -> str:
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


def facts_section(record: Record) -> str:
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
