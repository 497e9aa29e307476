"""What a redacted export would replace: each likely identifier, where it is, and its placeholder."""

from __future__ import annotations

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


def preview(state: SessionState) -> list[Replacement]:
    """Every replacement ``export --redact`` would make, in record order."""
    # lazy: the identifier tables (~100 modules) load when a preview is asked for, not before
    from ethicsguide.engine.redaction import field_findings, typed_fields

    return [
        Replacement(field.where, finding.text, f"[{finding.kind}]")
        for field in typed_fields(state)
        for finding in field_findings(field)
    ]
