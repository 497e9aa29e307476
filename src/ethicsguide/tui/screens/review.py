"""Read-only review of a saved session, one answer at a time, withdrawn answers included."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ethicsguide.engine.models import Outcome, Question
from ethicsguide.engine.session import node_at
from ethicsguide.tui.context import app_context
from ethicsguide.tui.notice import NOT_LEGAL_ADVICE

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.session import Choice, SessionState
    from ethicsguide.storage.sessionlog import LogRead


def overview_page(state: SessionState, read: LogRead, library: Library) -> Text:
    tree = library.tree(state.tree)
    text = Text.assemble(("Guide: ", "bold"), tree.title if tree else state.tree)
    text.append_text(
        Text.assemble(
            ("\nStarted: ", "bold"),
            state.started.replace("T", " "),
            ("   Updated: ", "bold"),
            state.updated.replace("T", " "),
        )
    )
    status = "finished" if state.finished else "in progress"
    text.append_text(
        Text.assemble(("\nStatus: ", "bold"), status, ("   Mode: ", "bold"), state.mode)
    )
    text.append_text(
        Text.assemble(
            ("\nAnswers given: ", "bold"),
            str(len(state.choices)),
            f" ({len(state.choices) - len(state.active)} withdrawn)",
        )
    )
    if state.dilemma:
        text.append_text(
            Text.assemble(("\n\nThe situation as described:\n", "bold"), f"“{state.dilemma}”")
        )
    for warning in read.warnings:
        text.append(f"\n\n⚠ {warning}", style="bold")
    return text


def choice_page(state: SessionState, choice: Choice, library: Library) -> Text:
    node = node_at(choice.where, library.tree)
    if not isinstance(node, Question):
        return Text(f"{choice.label}\n(the question is no longer in the guide)")
    text = Text.assemble((node.ask, "bold"))
    if node.tension:
        names = [library.principles[p].name if p in library.principles else p for p in node.tension]
        text.append_text(Text.assemble(("\nPrinciples in tension: ", "bold"), ", ".join(names)))
    for i, option in enumerate(node.options):
        mark = "✓" if i == choice.option else " "
        text.append(f"\n {mark} {i + 1}. {option.label}", style="bold" if mark == "✓" else "")
    if choice.withdrawn:
        text.append("\n\n↶ This answer was withdrawn: the worker went back.", style="bold")
    text.append_text(
        Text.assemble(
            ("\n\nReasoning:\n", "bold"),
            f"“{choice.reasoning}”" if choice.reasoning else "(none given)",
        )
    )
    for what_if in state.what_ifs:
        if what_if.where == choice.where and not choice.withdrawn:
            text.append_text(
                Text.assemble(
                    ("\n\nWhat if: ", "bold"),
                    f"{what_if.option + 1}. {what_if.label} → ",
                    "; ".join(what_if.leads_to) or "no outcome",
                    f"\n“{what_if.note}”" if what_if.note else "",
                )
            )
    return text


def outcome_page(state: SessionState, library: Library) -> Text:
    node = node_at(state.outcome, library.tree) if state.outcome else None
    title = node.outcome if isinstance(node, Outcome) else "(not reached)"
    text = Text.assemble(("Outcome: ", "bold"), title)
    decision = state.final_decision
    text.append_text(
        Text.assemble(
            ("\n\nFinal decision and next steps:\n", "bold"),
            f"“{decision}”" if decision else "(not recorded)",
        )
    )
    return text


class ReviewScreen(Screen[None]):
    """Page through a session without changing it (nothing is appended to its log)."""

    HELP = """\
## Review

A saved session, read-only, one answer at a time in the order they were given;
withdrawn answers are shown and labelled. **←/→** page, **Home/End** jump,
**ctrl+e** exports, **Escape** goes back.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,p", "page(-1)", "Previous", key_display="←", id="review-previous"),
        Binding("right,n", "page(1)", "Next", key_display="→", id="review-next"),
        Binding("home", "jump(0)", "First", show=False, id="review-first"),
        Binding("end", "jump(-1)", "Last", show=False, id="review-last"),
        Binding("ctrl+e", "export", "Export", id="export"),
        Binding("escape", "close", "Back", key_display="esc", id="close"),
    ]

    page = reactive(0, bindings=True)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.pages: list[tuple[str, Text]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="review-where", markup=False)
        with VerticalScroll(id="review-body"):
            yield Static(NOT_LEGAL_ADVICE, classes="notice", markup=False)
            yield Static(id="review-page", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Review (read-only)"
        self.query_one("#review-body").focus()
        self.load()

    @work(exclusive=True, group="review-load")
    async def load(self) -> None:
        from ethicsguide.storage.sessionlog import SessionFileError
        from ethicsguide.storage.sessions import load_state

        ctx = app_context(self)
        try:
            state, read = await asyncio.to_thread(load_state, self.path)
            library = await asyncio.to_thread(ctx.library)
        except SessionFileError as exc:
            self.query_one("#review-where", Static).update(f"⚠ {exc}")
            return
        self.pages = [("Overview", overview_page(state, read, library))]
        for number, choice in enumerate(state.choices, 1):
            self.pages.append(
                (f"Answer {number} of {len(state.choices)}", choice_page(state, choice, library))
            )
        if state.finished:
            self.pages.append(("Outcome", outcome_page(state, library)))
        self.sub_title = f"Review (read-only) · {state.id}"
        self.watch_page()

    def watch_page(self) -> None:
        if not self.pages:
            return
        name, body = self.pages[self.page]
        self.query_one("#review-where", Static).update(
            f"{name} · page {self.page + 1} of {len(self.pages)} · read-only"
        )
        self.query_one("#review-page", Static).update(body)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":
            target = self.page + int(parameters[0])  # type: ignore[call-overload]
            return True if 0 <= target < len(self.pages) else None
        return True

    def action_page(self, step: int) -> None:
        self.page = max(0, min(len(self.pages) - 1, self.page + step))

    def action_jump(self, index: int) -> None:
        if self.pages:
            self.page = index % len(self.pages)

    def action_export(self) -> None:
        self.app.export_saved(str(self.path))  # type: ignore[attr-defined]

    def action_close(self) -> None:
        self.dismiss()
