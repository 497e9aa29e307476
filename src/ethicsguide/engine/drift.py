"""A tree edited since a session began: what changed on the session's path, and whether it
can go on (every answered question still there with the same option under the same number)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ethicsguide.engine.library import Library
from ethicsguide.engine.models import Question
from ethicsguide.engine.session import PathBroken, SessionState, position


@dataclass(frozen=True)
class Drift:
    """What a resumed session should tell the worker about edited trees."""

    changed: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    path_ok: bool = True

    @property
    def any(self) -> bool:
        return bool(self.changed)


def drift(state: SessionState, library: Library) -> Drift:
    """Compare the session's pins with the library and re-check each answered step."""
    changed, notes = [], []
    for pin in state.pins:
        current = library.pin(pin.tree)
        if current is None:
            changed.append(pin.tree)
            notes.append(f"The guide `{pin.tree}` is no longer in the library.")
        elif current.digest != pin.digest:
            changed.append(pin.tree)
            notes.append(
                f"The guide `{pin.tree}` was edited since this session began "
                f"(version {pin.version} then, {current.version} now)."
            )
    if not changed:
        return Drift()
    step_notes = _step_notes(state, library)
    path_ok = not step_notes and _position_ok(state, library)
    if path_ok:
        notes.append(
            "Every question you answered is still there with the same options, so you can go on."
        )
    else:
        notes.extend(step_notes or ["Your path no longer leads to a question in the edited guide."])
        notes.append("The session opens read-only; export it to keep the record.")
    return Drift(tuple(changed), tuple(notes), path_ok)


def _step_notes(state: SessionState, library: Library) -> list[str]:
    notes = []
    for number, choice in enumerate(state.active, start=1):
        tree = library.tree(choice.where.tree)
        node = tree.nodes.get(choice.where.node) if tree else None
        if not isinstance(node, Question):
            notes.append(f"Step {number}: the question `{choice.where.node}` was removed.")
        elif max(choice.picks) >= len(node.options) or not _same(
            "; ".join(node.options[i].label for i in choice.picks), choice.label
        ):
            notes.append(
                f'Step {number}: your answer "{choice.label}" is no longer option {choice.option + 1}.'
            )
    return notes


def _position_ok(state: SessionState, library: Library) -> bool:
    try:
        position(state, library.tree)
    except PathBroken:
        return False
    return True


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
