"""A gentle, non-blocking line under a text box saying what in it looks like an identifier."""

from __future__ import annotations

from functools import partial

from textual.timer import Timer
from textual.widgets import Static

KIND_NAMES = {
    "phone": "a phone number",
    "email": "an e-mail address",
    "ssn": "a Social Security number",
    "a-number": "an immigration A-number",
    "date-of-birth": "a date of birth",
    "address": "a street address",
    "case-number": "a case or record number",
    "id-number": "a passport, license or other ID number",
    "plate": "a license plate",
    "ip": "an IP address",
    "handle": "a social media handle or profile",
    "name": "a name",
}


def kinds_in(text: str) -> list[str]:
    """The kinds of likely identifier in ``text``, each once, in the order they appear."""
    # lazy: the name and pattern tables (~13 ms) load on the first text typed, not on opening
    from ethicsguide.engine.identifiers import find_identifiers

    return list(dict.fromkeys(f.kind for f in find_identifiers(text)))


def kind_phrase(kinds: list[str]) -> str:
    """``["phone", "email"]`` as ``a phone number and an e-mail address``."""
    names = [KIND_NAMES.get(k, k) for k in kinds]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def hint_text(kinds: list[str]) -> str:
    return (
        f"Note: this looks like {kind_phrase(kinds)}. It is saved as you typed it; if the "
        "record does not need it, leave it out (export can also redact it)."
    )


class IdentifierHint(Static):
    """Hidden until the watched text holds a likely identifier; checked after typing pauses.

    It only informs: nothing here stops the text being saved.
    """

    DELAY = 0.35  # seconds of quiet typing before the text is checked

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, classes="identifier-hint", id=id)
        self.kinds: list[str] = []
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        self.display = False

    def check_soon(self, text: str) -> None:
        """Check ``text`` once typing has paused for ``DELAY`` (each call restarts the wait)."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DELAY, partial(self.check_now, text))

    def check_now(self, text: str) -> None:
        self._timer = None
        self.kinds = kinds_in(text)
        self.update(hint_text(self.kinds) if self.kinds else "")
        self.display = bool(self.kinds)
