"""Every piece of typed text a session holds, and the same session with each one redacted.

One list of fields serves the export (``redacted_state``) and the app's preview of what a
redacted export would replace (``typed_fields``), so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from ethicsguide.engine.identifiers import Finding, find_identifiers, redact
from ethicsguide.engine.session import Remark, SessionState


@dataclass(frozen=True)
class TypedField:
    """Text someone typed, where the record shows it, and whether all of it is a person's name."""

    where: str
    text: str
    is_name: bool = False


def typed_fields(state: SessionState) -> Iterator[TypedField]:
    """Every field of typed text in ``state``, in the order the record shows them."""
    yield TypedField("the situation", state.dilemma)
    for number, choice in enumerate(state.choices, 1):
        yield TypedField(f"answer {number}", choice.reasoning or "")
        for remark in state.remarks:
            if remark.step == number:
                yield from _remark_fields(remark, f"{_remark_name(remark)} on answer {number}")
    for what_if in state.what_ifs:
        yield TypedField("a what-if note", what_if.note or "")
    yield TypedField("the final decision", state.final_decision or "")
    for remark in state.remarks:
        if remark.step is None:
            yield from _remark_fields(remark, f"a general {_remark_name(remark)}")
    for signoff in state.signoffs:
        yield TypedField("a sign-off's name", signoff.text, is_name=True)
        yield TypedField("a sign-off's role", signoff.role or "")


def _remark_fields(remark: Remark, where: str) -> Iterator[TypedField]:
    if remark.role:
        yield TypedField(f"the role on {where}", remark.role)
    yield TypedField(where, remark.text)


def _remark_name(remark: Remark) -> str:
    return "supervisor comment" if remark.kind == "comment" else "note"


def field_findings(field: TypedField) -> list[Finding]:
    """What a redacted export replaces in ``field``: a signer's whole name, else each identifier."""
    if field.is_name:
        return [Finding("name", 0, len(field.text), field.text)] if field.text.strip() else []
    return find_identifiers(field.text)


def redacted_state(state: SessionState) -> SessionState:
    """``state`` with every typed field redacted: text, notes, comments, signers' names and roles."""
    return replace(
        state,
        dilemma=redact(state.dilemma),
        choices=tuple(replace(c, reasoning=_maybe(c.reasoning)) for c in state.choices),
        what_ifs=tuple(replace(w, note=_maybe(w.note)) for w in state.what_ifs),
        remarks=tuple(_redacted_remark(r) for r in state.remarks),
        final_decision=_maybe(state.final_decision),
        signoffs=tuple(_redacted_signoff(s) for s in state.signoffs),
    )


def _maybe(text: str | None) -> str | None:
    return None if text is None else redact(text)


def _redacted_remark(remark: Remark) -> Remark:
    return replace(remark, text=redact(remark.text), role=_maybe(remark.role))


def _redacted_signoff(signoff: Remark) -> Remark:
    name = "[name]" if signoff.text.strip() else signoff.text
    return replace(signoff, text=name, role=_maybe(signoff.role))
