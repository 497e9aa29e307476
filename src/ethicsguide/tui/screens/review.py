"""Supervisor review of a saved session: step-by-step replay, comments apart from it, sign-off."""

from __future__ import annotations

import asyncio
import contextlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ethicsguide.engine.session import node_at
from ethicsguide.tui.context import app_context, guide_app
from ethicsguide.tui.notice import NOT_LEGAL_ADVICE
from ethicsguide.tui.screens.review_pages import (
    choice_page,
    outcome_page,
    overview_page,
    supervisor_text,
)
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.session import SessionState
    from ethicsguide.storage.sessionlog import LogRead
    from ethicsguide.storage.sessions import LiveSession

DEFAULT_ROLE = "Supervisor"


def blocked_reason(state: SessionState, read: LogRead, library: Library) -> str | None:
    """Why this session cannot take comments or a sign-off, or None if it can."""
    # lazy: runs in a worker thread: pydantic and networkx load there, off the UI thread
    from ethicsguide.engine.drift import drift

    if read.altered_at is not None:
        return (
            f"This record was altered after line {read.altered_at - 1}, so it is open "
            "read-only: it cannot take comments or a sign-off. It can still be read and exported."
        )
    if drift(state, library).path_ok:
        return None
    missing = [pin.tree for pin in state.pins if library.pin(pin.tree) is None]
    if missing:
        return (
            f"The guide `{missing[0]}` is not in the library (add its folder with --trees), so "
            "the session is read-only: it cannot take comments or a sign-off. It can still be "
            "read and exported."
        )
    return (
        "The guide was changed since this session began and its path no longer fits, so "
        "the session is read-only: it cannot take comments or a sign-off. It can still be "
        "read and exported."
    )


class ReviewScreen(Screen[None]):
    """Page through a session; comments and sign-off are appended as events of their own."""

    HELP = """\
## Review

A saved session, one answer at a time in the order they were given; withdrawn answers
are shown and labelled. The worker's words cannot be changed here. **←/→** page,
**Home/End** jump. **c** comments on this answer (on the overview or outcome page: on
the whole session), **g** adds a general comment from any page, **s** signs off (your
role; your name if you wish; the date is automatic). Comments appear in the box below
the worker's record and in the export, apart from the reasoning. **ctrl+e** exports,
**Escape** goes back.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,p", "page(-1)", "Previous", key_display="←", id="review-previous"),
        Binding("right,n", "page(1)", "Next", key_display="→", id="review-next"),
        Binding("home", "jump(0)", "First", show=False, id="review-first"),
        Binding("end", "jump(-1)", "Last", show=False, id="review-last"),
        Binding(
            "c",
            "comment",
            "Comment",
            id="review-comment",
            tooltip="Comment on this answer (on the overview or outcome: on the whole session)",
        ),
        Binding(
            "g",
            "general_comment",
            "General comment",
            show=False,
            id="review-general-comment",
            tooltip="Comment on the session as a whole, from any page",
        ),
        Binding(
            "s",
            "sign_off",
            "Sign off",
            id="review-sign-off",
            tooltip="Record that you reviewed it: your role, optionally your name; date automatic",
        ),
        Binding("ctrl+e", "export", "Export", id="export"),
        Binding("escape", "close", "Back", key_display="esc", id="close"),
    ]

    page = reactive(0, bindings=True)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.pages: list[tuple[str, Text]] = []
        self.steps: list[int | None] = []  # the answer each page shows (None: the whole session)
        self.state: SessionState | None = None
        self.read: LogRead | None = None
        self.library: Library | None = None
        self.blocked: str | None = None
        self.role = ""
        self.drafts: dict[int | None, str] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Loading…", id="review-where", markup=False)
        yield Static("", id="review-status", markup=False)
        with VerticalScroll(id="review-body"):
            yield Static(NOT_LEGAL_ADVICE, classes="notice", markup=False)
            yield Static(id="review-page", markup=False)
            yield Static(id="review-supervisor", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Review"
        self.query_one("#review-body").focus()
        box = self.query_one("#review-supervisor")
        box.border_title = "Supervisor review · kept apart from the worker's reasoning"
        box.display = False
        self.load()

    @work(exclusive=True, group="review-load")
    async def load(self) -> None:
        # lazy: `review` starts on this screen; session files load after it has drawn
        from ethicsguide.storage.sessionlog import SessionFileError
        from ethicsguide.storage.sessions import load_state

        ctx = app_context(self)
        try:
            state, read = await asyncio.to_thread(load_state, self.path)
            library = await asyncio.to_thread(ctx.library)
            blocked = await asyncio.to_thread(blocked_reason, state, read, library)
        except SessionFileError as exc:
            self.query_one("#review-where", Static).update(f"⚠ {exc}")
            return
        self.state, self.read, self.library, self.blocked = state, read, library, blocked
        self.role = last_role(state) or DEFAULT_ROLE
        self.build()

    def build(self) -> None:
        """(Re)draw every page from ``self.state``, staying on the page shown."""
        state, read, library = self.state, self.read, self.library
        assert state is not None and read is not None and library is not None
        self.pages = [("Overview", overview_page(state, read, library))]
        self.steps = [None]
        for number in range(1, len(state.choices) + 1):
            self.pages.append(
                (f"Answer {number} of {len(state.choices)}", choice_page(state, number, library))
            )
            self.steps.append(number)
        if state.finished:
            self.pages.append(("Outcome", outcome_page(state, library)))
            self.steps.append(None)
        read_only = " (read-only)" if self.blocked else ""
        self.sub_title = f"Review{read_only} · {state.id}"
        self.query_one("#review-supervisor").display = True
        self.watch_page()
        self.refresh_bindings()

    def _status(self, step: int | None) -> Text:
        if self.blocked:
            return Text(f"⚠ {self.blocked}", style="bold")
        keys = f"c comment on answer {step} · g general comment" if step else "c comment"
        return Text(f"{keys} · s sign off · the worker's words stay as recorded")

    def watch_page(self) -> None:
        if not self.pages or self.state is None:
            return
        name, body = self.pages[self.page]
        suffix = " · read-only" if self.blocked else ""
        self.query_one("#review-where", Static).update(
            f"{name} · page {self.page + 1} of {len(self.pages)}{suffix}"
        )
        self.query_one("#review-page", Static).update(body)
        step = self.steps[self.page]
        self.query_one("#review-status", Static).update(self._status(step))
        self.query_one("#review-supervisor", Static).update(
            supervisor_text(self.state, step, self.blocked is None)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":
            target = self.page + int(parameters[0])  # type: ignore[call-overload]
            return True if 0 <= target < len(self.pages) else None
        if action in ("comment", "general_comment", "sign_off"):
            return True if self.pages else None
        return True

    def action_page(self, step: int) -> None:
        self.page = max(0, min(len(self.pages) - 1, self.page + step))

    def action_jump(self, index: int) -> None:
        if self.pages:
            self.page = index % len(self.pages)

    # --- comments and sign-off ----------------------------------------------------------------

    def _can_add(self) -> bool:
        if self.state is None:
            return False
        if self.blocked:
            self.notify(self.blocked, title="Read-only", severity="warning", timeout=10)
            return False
        # lazy: opened by a key; one flock probe, before anyone types what cannot be saved
        from ethicsguide.storage.lock import locked_by

        if holder := locked_by(self.path):
            self.notify(
                f"This session is open for writing elsewhere ({holder}). Close it there, "
                "then comment or sign off here.",
                title="Open elsewhere",
                severity="warning",
                timeout=10,
            )
            return False
        return True

    def action_comment(self) -> None:
        if self.steps:
            self._open_comment(self.steps[self.page])

    def action_general_comment(self) -> None:
        self._open_comment(None)

    def _open_comment(self, step: int | None) -> None:
        # lazy: opened by a key; the comment box brings Textual's TextArea (~15 modules)
        from ethicsguide.tui.dialogs.comment import CommentDialog

        if not self._can_add():
            return
        heading = f"Comment on answer {step}" if step else "A comment on the session as a whole"
        dialog = CommentDialog(
            heading,
            self._about(step),
            role=self.role,
            initial=self.drafts.get(step, ""),
            save=partial(self._comment, step),
        )

        def done(saved: bool | None) -> None:
            if saved or not dialog.draft.strip():
                self.drafts.pop(step, None)
            else:
                self.drafts[step] = dialog.draft

        self.app.push_screen(dialog, done)

    def _about(self, step: int | None) -> Text:
        """What a comment is on: the question and the answer given, or the guide."""
        assert self.state is not None and self.library is not None
        if step is None:
            tree = self.library.tree(self.state.tree)
            return Text.assemble(("Guide: ", "bold"), tree.title if tree else self.state.tree)
        choice = self.state.choices[step - 1]
        node = node_at(choice.where, self.library.tree)
        ask = node.text if node is not None and node.kind == "question" else choice.where.node
        withdrawn = " (withdrawn)" if choice.withdrawn else ""
        return Text.assemble((ask, "bold"), f"\nAnswer: {choice.label}{withdrawn}")

    async def _comment(self, step: int | None, role: str, text: str) -> bool:
        if not await self._record("comment", text, step=step, role=role):
            return False
        self.role = role
        self.notify("Comment added to the session.", timeout=4)
        return True

    def action_sign_off(self) -> None:
        # lazy: opened by a key; the comment box brings Textual's TextArea (~15 modules)
        from ethicsguide.tui.dialogs.comment import SignOffDialog

        if not self._can_add():
            return
        assert self.state is not None
        answers = len(self.state.active)
        status = "reached an outcome" if self.state.finished else "not finished: no outcome yet"
        context = Text.assemble(
            self._about(None),
            f"\n{answers} answer{'s' if answers != 1 else ''} on the path; {status}.",
            "\nSigning off adds an entry to the session; nothing the worker wrote is changed.",
        )
        self.app.push_screen(SignOffDialog(context, role=self.role, save=self._sign_off))

    async def _sign_off(self, role: str, name: str) -> bool:
        key = app_context(self).signing_key
        if not await self._record("sign_off", role=role, name=name, key=key, as_read=True):
            return False
        self.role = role
        self.notify(
            "Signed off with your key. The date, your role and the signature are in the session.",
            timeout=6,
        )
        return True

    async def _record(self, move: str, *args: Any, as_read: bool = False, **kwargs: Any) -> bool:
        """Append one event and redraw.

        The file is opened afresh each time, so lines something else appended meanwhile (an
        export from this screen, another window) are chained onto, never forked from. With
        ``as_read`` (a sign-off, whose signature covers the whole record) entries the worker
        added since this review last read the file refuse it: they are shown first.
        """
        # lazy: `review` starts on this screen; session files load after it has drawn
        from ethicsguide.storage.sessionlog import SessionFileError

        try:
            live = await asyncio.to_thread(self._open_for_writing)
        except SessionFileError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)
            return False
        if as_read and (unread := self._unread(live)):
            return self._show_unread(live, unread)
        try:
            await asyncio.to_thread(partial(getattr(live, move), *args, **kwargs))
        except SessionFileError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)
            return False
        finally:
            live.close()  # the lock is held only while writing
        # lazy: `review` starts on this screen; session files load after it has drawn
        from ethicsguide.storage.sessionlog import read_log

        self.state = live.state
        with contextlib.suppress(SessionFileError):
            self.read = await asyncio.to_thread(read_log, self.path)
        self.build()
        return True

    def _unread(self, live: LiveSession) -> int:
        """How many entries other than exports the log holds beyond what this review read."""
        seen = len(self.read.events) if self.read is not None else 0
        return sum(1 for e in live.read.events[seen:] if e.get("type") != "exported")

    def _show_unread(self, live: LiveSession, unread: int) -> bool:
        """Refuse the sign-off, show the record as it now stands, and say why."""
        live.close()
        self.state, self.read = live.state, live.read
        self.build()
        entries = "1 new entry" if unread == 1 else f"{unread} new entries"
        self.notify(
            f"The record has {entries} since you opened this review, and a sign-off covers "
            "everything in it. The review now shows them: read them, then sign off again.",
            title="Not signed yet",
            severity="warning",
            timeout=15,
        )
        return False

    def _open_for_writing(self) -> LiveSession:
        # lazy: runs in a worker thread: pydantic and networkx load there, off the UI thread
        from ethicsguide.tui.io import resume_session

        return resume_session(app_context(self), self.path)

    def unsaved_text(self) -> str:
        """Comments typed and not saved (the app asks before quitting over them)."""
        return "\n".join(d for d in self.drafts.values() if d.strip())

    def action_export(self) -> None:
        guide_app(self).export_saved(str(self.path))

    def action_close(self) -> None:
        self.dismiss()


def last_role(state: SessionState) -> str:
    """The role of the last comment or sign-off, to offer it again."""
    remarks = [r for r in (*state.remarks, *state.signoffs) if r.kind != "note" and r.role]
    if not remarks:
        return ""
    return max(remarks, key=lambda r: r.at).role or ""
