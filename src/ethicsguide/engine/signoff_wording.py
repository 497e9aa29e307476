"""The one wording of a final decision changed after a supervisor's sign-off (outcome screen, chat)."""

from __future__ import annotations

UNCHANGED = "Final decision unchanged: nothing new recorded."
AS_SIGNED = "As signed off, before the change:"
NONE_SIGNED = "(none had been written)"


def changed_after_signoff(decision: str | None, signed: str | None) -> bool:
    """Whether the decision now differs from the one the last good sign-off covered.

    Args:
        decision: the final decision as it stands (None: not written).
        signed: the decision the sign-off covered ("" for none), None without a good sign-off.
    """
    return signed is not None and (decision or "") != signed


def changed_notice(signed: str) -> str:
    """Said as the export says it: a sign-off vouches only for the decision it covered."""
    what = (
        "signed off an earlier wording of your final decision (shown under it, below): "
        "the sign-off does not cover the decision as it stands now."
        if signed
        else "signed off this record before a final decision was written: the sign-off "
        "does not cover the decision below."
    )
    return f"⚠ Changed after sign-off: your supervisor {what} Ask them to review it again."


def decision_prompt_note(signed: str) -> str:
    """What the final-decision prompt adds on a signed-off record: a change is not covered."""
    if signed:
        return (
            "A supervisor has signed off this record: the sign-off covers the earlier wording "
            "of your decision. A change here is recorded as made after the sign-off and is not "
            "covered by it."
        )
    return (
        "A supervisor signed off this record before any decision was written: "
        "the sign-off does not cover what you write here."
    )
