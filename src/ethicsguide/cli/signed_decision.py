"""What chat says of a final decision on a signed-off record, in the outcome screen's words."""

from __future__ import annotations

from ethicsguide.engine.controls import visible
from ethicsguide.engine.signoff_wording import (
    AS_SIGNED,
    NONE_SIGNED,
    changed_after_signoff,
    changed_notice,
    decision_prompt_note,
)
from ethicsguide.storage.sessions import LiveSession


def quoted(text: str) -> str:
    """Typed words in quotes, any control character made visible (they came from a file)."""
    return f"“{visible(text)}”"


def signed_decision(live: LiveSession) -> str | None:
    """The final decision the last good sign-off covered ("" for none), None without one.
    Checked only when the record has a sign-off: checking it loads cryptography."""
    if not live.state.signoffs:
        return None
    # lazy: only a signed-off record needs the signature check
    from ethicsguide.storage.integrity import decision_signed_off

    return decision_signed_off(live.read, live.state.id)


def prompt_note(signed: str | None) -> str:
    """The line a final-decision prompt starts with on a signed-off record ("" on others)."""
    return "" if signed is None else decision_prompt_note(signed) + "\n"


def notice_lines(decision: str | None, signed: str | None) -> list[str]:
    """The ⚠ notice, the decision now and as signed off; none unless changed after sign-off."""
    if signed is None or not changed_after_signoff(decision, signed):
        return []
    return [
        changed_notice(signed),
        f"Your final decision now: {quoted(decision) if decision else '(none yet)'}",
        f"{AS_SIGNED} {quoted(signed) if signed else NONE_SIGNED}",
    ]
