"""What a redacted export would replace: each likely identifier, where it is, and its placeholder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ethicsguide.engine.session import SessionState


@dataclass(frozen=True)
class Replacement:
    """``text`` (found in ``where``) would be written as ``placeholder``."""

    where: str
    text: str
    placeholder: str


def typed_texts(state: SessionState) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the export redacts, in the order the record shows them."""
    yield "the situation", state.dilemma
    for number, choice in enumerate(state.choices, 1):
        yield f"answer {number}", choice.reasoning or ""
        for remark in state.remarks:
            if remark.step == number:
                yield f"{_remark_name(remark.kind)} on answer {number}", remark.text
    for what_if in state.what_ifs:
        yield "a what-if note", what_if.note or ""
    yield "the final decision", state.final_decision or ""
    for remark in state.remarks:
        if remark.step is None:
            yield f"a general {_remark_name(remark.kind)}", remark.text
    for signoff in state.signoffs:
        yield "a sign-off", signoff.text


def _remark_name(kind: str) -> str:
    return "supervisor comment" if kind == "comment" else "note"


def preview(state: SessionState) -> list[Replacement]:
    """Every replacement ``export --redact`` would make, in record order."""
    from ethicsguide.engine.identifiers import find_identifiers

    found = []
    for where, text in typed_texts(state):
        for finding in find_identifiers(text):
            found.append(Replacement(where, finding.text, f"[{finding.kind}]"))
    return found
