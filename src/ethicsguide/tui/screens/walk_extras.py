"""The walkthrough's side actions: what-if at an earlier fork, and notes in the record."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, TypeVar

from ethicsguide.engine.session import question_at, step_number
from ethicsguide.engine.walk import alternative_outcomes
from ethicsguide.tui.screens.session_screen import SessionScreen
from ethicsguide.tui.walk_keys import WALK_KEYS as WALK_KEYS  # (the outcome imports it from here)

if TYPE_CHECKING:
    from ethicsguide.tui.dialogs.whatif import WhatIfRequest

WHAT_IF_DRAFT = ("", "what-if", -1)  # drafts keys of an unrecorded what-if note and note
NOTE_DRAFT = ("", "note", -1)
ResultT = TypeVar("ResultT")


class WalkExtras(SessionScreen[ResultT]):
    """Actions that add to the record without moving along the path (walkthrough, outcome)."""

    async def render_view(self, *, arrived: bool) -> None:
        """Redraw from the session state (each screen implements it)."""
        raise NotImplementedError

    def action_what_if(self) -> None:
        # lazy: opened by a key; app.PREWARMED imports it a second after the first frame
        from ethicsguide.tui.dialogs.whatif import Fork, WhatIfDialog

        active = self.session.state.active
        if self.busy or not active or self.session.read_only:
            return
        lookup = self.library.tree
        forks = [Fork(question_at(c.where, lookup), c.option) for c in active]

        def leads(step: int, option: int) -> list[str]:
            return alternative_outcomes(active[step].where, option, lookup)

        dialog = WhatIfDialog(forks, leads, self.drafts.get(WHAT_IF_DRAFT, ""))

        def done(request: WhatIfRequest | None) -> None:
            self._keep_draft(WHAT_IF_DRAFT, dialog.draft, quiet=True)
            if request is not None:
                self.run_worker(self._record_what_if(request), group="move")

        self.app.push_screen(dialog, done)

    def action_leave(self) -> None:
        """Esc: one level closer to home, which for a walkthrough (its outcome included)
        means leaving it; ask first."""
        # lazy: the dialog module is prewarmed after start-up, not needed for the first frame
        from ethicsguide.tui.dialogs.confirm import ConfirmDialog

        dialog = ConfirmDialog(
            "Leave this walkthrough for the home screen?",
            "Everything you answered is saved. Carry on later from Recent sessions on the "
            "home screen, or with `ethicsguide resume`.",
            yes="Leave",
            no="Stay",
        )
        self.app.push_screen(dialog, lambda yes: self.action_home() if yes else None)

    async def _record_what_if(self, request: WhatIfRequest) -> None:
        if await self._move(self.session.what_if, request.step, request.option, request.note):
            self.notify("The what-if is in the record. Your path has not changed.", timeout=6)
        await self.render_view(arrived=False)

    def action_note(self) -> None:
        if self.session.read_only:
            return
        # lazy: the reason box brings Textual's TextArea; app.PREWARMED imports it early
        from ethicsguide.tui.dialogs.reasoning import ReasoningDialog

        step = step_number(self.session.state)
        dialog = ReasoningDialog(
            "Add a note to the record",
            "Notes sit in the record beside the step you are on.",
            "Your note:",
            placeholder="Type your note here…",
            initial=self.drafts.get(NOTE_DRAFT, ""),
            restored=True,
            hint="Enter saves the note · Escape closes without saving (what you typed is kept)",
            save=partial(self._record_note, step),
        )

        def done(text: str | None) -> None:
            self._keep_draft(NOTE_DRAFT, dialog.draft if text is None else "", quiet=True)

        self.app.push_screen(dialog, done)

    async def _record_note(self, step: int | None, text: str) -> bool:
        """Save a note; on failure the prompt stays open with the words in it."""
        if not text:
            return True
        if not await self._move(self.session.note, text, step):
            return False
        self.notify("Note saved.", timeout=4)
        await self.render_view(arrived=False)
        return True
