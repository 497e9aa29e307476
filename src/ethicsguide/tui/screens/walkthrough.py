"""The walkthrough: the conversation so far, the current question, and the principles beside it."""

from __future__ import annotations

from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from ethicsguide.engine.models import Outcome, Question, Step
from ethicsguide.engine.session import PathBroken, node_at
from ethicsguide.tui import walkview
from ethicsguide.tui.breakpoints import NARROW_WIDE, apply_width_class
from ethicsguide.tui.io import banner_lines
from ethicsguide.tui.resume_later import remember_resumed
from ethicsguide.tui.screens.session_screen import Draft
from ethicsguide.tui.screens.walk_extras import WalkExtras
from ethicsguide.tui.typeahead import hold_typeahead
from ethicsguide.tui.walk_keys import WALKTHROUGH_KEYS
from ethicsguide.tui.walk_layout import resumed_note, walk_layout
from ethicsguide.tui.widgets.breadcrumb import Breadcrumb
from ethicsguide.tui.widgets.choice_list import ChoiceList
from ethicsguide.tui.widgets.principles import PrinciplesPanel
from ethicsguide.tui.widgets.question_panel import QuestionPanel
from ethicsguide.tui.widgets.transcript import (
    Transcript,
    answered_bubble,
    bubble_for,
    dilemma_bubble,
)

if TYPE_CHECKING:
    from textual.screen import Screen

    from ethicsguide.engine.session import Position
    from ethicsguide.storage.sessions import LiveSession


class WalkthroughScreen(WalkExtras[None]):
    """One question at a time; every move is saved by the session before the screen changes."""

    HORIZONTAL_BREAKPOINTS = NARROW_WIDE
    HELP = """\
## Walkthrough

One question at a time. Pick an option with **1–9** (or ↑/↓ and Enter), then say why:
**Enter** records your reasoning and moves on. Every answer is saved at once.
**Esc** goes back to the home screen (after asking; everything is saved).
**b** withdraws your last answer after asking once (it stays in the record, marked
withdrawn; Backspace never does), **w** looks at
another answer to an earlier fork, **e** shows why a question matters, **m** shows
the map, **ctrl+e** exports the record.
"""
    BINDINGS: ClassVar[list[BindingType]] = WALKTHROUGH_KEYS

    show_why: reactive[bool] = reactive(False, bindings=True)
    # Focus lands on the options as the screen first shows, not on the conversation first
    # (moving it then restyled the screen twice more after the first question was drawn).
    AUTO_FOCUS = "#choices"

    def __init__(self, session: LiveSession, *, fresh: bool = True) -> None:
        super().__init__(session)
        self.fresh = fresh
        self.position: Position | None = None
        self.question: Question | None = None
        self.lead: list[walkview.Said] = []
        self.pending = 0
        # drawing an answer under the reasoning prompt: one that reaches an outcome is not
        # drawn, for the outcome screen opens over it at once (drawn, it cost the outcome a
        # sixth of its time: the transcript, the question panel and the footer's keys)
        self.answering = False
        self.undrawn = False

    def compose(self) -> ComposeResult:
        apply_width_class(self)
        # Where the walk is, before the footer asks what acts: its first keys are then the
        # right ones (a broken path is said on mount, by ``render_view``).
        with suppress(PathBroken):
            self._place(arrived=self.fresh)
        yield from walk_layout()

    async def on_mount(self) -> None:
        tree = self.library.tree(self.session.state.tree)
        self.sub_title = tree.title if tree else self.session.state.tree
        self._show_banner()
        for warning in self.session.read.warnings:
            self.notify(warning, title="Session file", severity="warning", timeout=10)
        await self.render_view(arrived=self.fresh)
        if not self.fresh:
            self._say_resumed()

    def on_unmount(self) -> None:
        """Remember the screen this session resumes on; the thread that writes it closes
        the session (else ``SessionScreen`` closes it now)."""
        if self.owns_session and remember_resumed(self.app, self.session):
            return
        super().on_unmount()

    def _say_resumed(self) -> None:
        state = self.session.state
        note = self.query_one("#resumed", Static)
        note.update(resumed_note(len(state.active), state.finished, state.id))
        note.display = True

    # --- rendering ------------------------------------------------------------------

    async def render_view(self, *, arrived: bool) -> None:
        """Rebuild everything from the session state (the state is the only truth)."""
        self.query_one("#resumed").display = False  # (after a move; on mount, said again)
        try:
            entries, node = self._place(arrived=arrived)
        except PathBroken as exc:
            await self._show_broken(str(exc))
            return
        await self.arrived_at()
        self.undrawn = self.answering and isinstance(node, Outcome) and not self.pending
        if self.undrawn:
            return  # the outcome screen covers it next; Back or Continue there redraws it
        await self.query_one("#transcript", Transcript).show(self.bubbles(entries))
        await self._show_current()
        self.refresh_bindings()
        if isinstance(node, Outcome) and not self.pending:
            self._open_outcome()

    def _place(
        self, *, arrived: bool
    ) -> tuple[list[walkview.Entry], Question | Step | Outcome | None]:
        """Where the walk is now (position, steps to read, question): the path so far, and
        the node reached."""
        state, lookup = self.session.state, self.library.tree
        self.position = self.session.position()
        entries = walkview.transcript(state, lookup)
        self.lead = walkview.lead_in(
            self.position, walkview.current_tree(state), lookup, state.facts
        )
        self.pending = len(self.lead) if arrived else min(self.pending, len(self.lead))
        node = node_at(self.position.node, lookup)
        self.question = node if isinstance(node, Question) else None
        return entries, node

    async def arrived_at(self) -> None:
        """Called when the position is known, before drawing (an exercise shows injects here)."""

    def bubbles(self, entries: list[walkview.Entry]) -> list[tuple[str, Text]]:
        """The transcript: the dilemma, the path so far, and the steps read on the way here."""
        state = self.session.state
        bubbles = [dilemma_bubble(state.dilemma)] if state.dilemma else []
        return bubbles + [bubble_for(e) for e in [*entries, *self._visible_lead()]]

    def _visible_lead(self) -> list[walkview.Said]:
        shown = len(self.lead) - self.pending + (1 if self.pending else 0)
        return self.lead[:shown]

    async def _show_current(self) -> None:
        asking = self.question is not None and not self.pending
        current = self.query_one("#current", QuestionPanel)
        current.display = asking or bool(self.pending)
        self.query_one("#principles").display = asking
        self._show_breadcrumb()
        if self.pending:
            current.wait()
            self.query_one("#conversation").focus()
        elif asking:
            await self._show_question(current)
        self.call_after_refresh(current.scroll_visible, top=True, animate=False)

    async def _show_question(self, panel: QuestionPanel) -> None:
        assert self.question is not None and self.position is not None
        state = self.session.state
        here = walkview.withdrawn_since_last(state, self.position.node, self.library.tree)
        again = {i for a in here if a.same_question for i in a.choice.picks}
        bubbles = [answered_bubble(a) for a in here]
        await panel.ask(len(state.active) + 1, self.question, bubbles, again)
        self._show_why()
        self._show_principles(0)

    def _show_breadcrumb(self) -> None:
        """The path, ending at the step being read or the question waiting for an answer."""
        assert self.position is not None
        visible = self._visible_lead()
        here = visible[-1].ref if self.pending and visible else self.position.node
        crumbs = walkview.breadcrumb(self.session.state, here, step=bool(self.pending))
        left = walkview.questions_left(self.position.node, self.library.tree)
        self.query_one("#breadcrumb", Breadcrumb).show(crumbs, left)

    def _show_why(self) -> None:
        why = self.question.why if self.question else None
        self.query_one("#current", QuestionPanel).show_why(why, self.show_why and not self.pending)

    def _show_principles(self, index: int) -> None:
        panel = self.query_one("#principles", PrinciplesPanel)
        if self.question is None:
            return
        panel.show(self.question.tension, self.library.principles)
        options = self.question.options
        option = options[index] if 0 <= index < len(options) else None
        panel.consider(index + 1, option, self.library.principles)

    def _show_banner(self) -> None:
        lines = banner_lines(self.session)
        banner = self.query_one("#banner", Static)
        banner.update("\n".join(lines))
        banner.display = bool(lines)

    async def _show_broken(self, reason: str) -> None:
        self.position, self.question, self.pending = None, None, 0
        banner = self.query_one("#banner", Static)
        banner.update(
            f"⚠ This session cannot go on: {reason}. The guide was probably edited. "
            "Everything recorded is kept; export it with ctrl+e."
        )
        banner.display = True
        self.query_one("#current").display = False
        self.query_one("#principles").display = False
        self.refresh_bindings()

    def watch_show_why(self) -> None:
        if self.is_mounted:
            self._show_why()

    # --- messages from widgets ---------------------------------------------------------

    @on(ChoiceList.Considered)
    def _considered(self, event: ChoiceList.Considered) -> None:
        self._show_principles(event.index)

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        self.action_choose(event.index)

    @on(ChoiceList.Confirmed)
    def _confirmed(self, event: ChoiceList.Confirmed) -> None:
        self.choose_options(event.indices)

    def on_key(self, event: events.Key) -> None:
        """A digit at a guide's message has nothing to pick: say how to go on, not nothing."""
        if self.pending and event.character is not None and event.character.isdigit():
            event.stop()
            self.notify(
                "This is a message from the guide, not a question: read it, then press "
                "Enter (or c) to go on.",
                timeout=5,
            )

    # --- what makes sense now ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        asking = self.question is not None and not self.pending
        movable = not self.session.read_only
        if action in ("choose", "tick"):
            return self._check_digit(action, int(parameters[0]))  # type: ignore[call-overload]
        if action in ("choose_highlighted", "confirm_ticked"):  # Enter on the options
            many = self.question is not None and self.question.many
            right = many == (action == "confirm_ticked")
            return right and asking and movable and isinstance(self.focused, ChoiceList)
        if action == "continue":
            return bool(self.pending)
        if action in ("back", "what_if"):  # not offered before the first answer
            return movable and bool(self.session.state.active)
        if action == "explain":
            if self.pending:
                return False
            return bool(asking and self.question and self.question.why)  # none: not offered
        if action == "note":
            return movable  # read-only: not offered at all
        return True

    def _check_digit(self, action: str, index: int) -> bool | None:
        """A digit chooses at a single-choice question and ticks at a choose-all-that-apply
        one; only the binding that acts now is offered, so the footer never shows both."""
        many = self.question is not None and self.question.many
        if (action == "tick") != many:
            return False
        if self.question is not None and index >= len(self.question.options):
            return False
        if self.pending:
            return False  # the footer then has room for "Continue"
        asking = self.question is not None
        if self.session.read_only:
            return False  # nothing can be added: not offered at all
        return True if asking else None

    # --- actions --------------------------------------------------------------------------

    def action_choose_highlighted(self) -> None:
        highlighted = self.query_one(ChoiceList).highlighted
        if highlighted is not None:
            self.action_choose(highlighted)

    def action_confirm_ticked(self) -> None:
        """Enter at a choose-all question, as a priority key: the reason box opens before
        the keys typed after the Enter are read, so a burst "3⏎because…" lands in it whole."""
        choices = self.query_one(ChoiceList)
        if choices.ticked:
            self.choose_options(tuple(sorted(choices.ticked)))  # here, not by a message
        else:
            choices.action_confirm()  # says how to tick some

    def action_choose(self, index: int) -> None:
        if self.question is not None and self.question.many and not self.pending:
            self.action_tick(index)  # a click on an option ticks it here
            return
        self.choose_options((index,))

    def action_tick(self, index: int) -> None:
        message = self.query_one("#choices", ChoiceList).toggle(index)
        if message:
            self.notify(message, title="Choose all that apply", severity="warning")

    def choose_options(self, picks: tuple[int, ...]) -> None:
        """Ask for the reasoning behind ``picks``; the answer is saved with it."""
        if self.busy or self.question is None or self.position is None or self.pending:
            return
        if self.session.read_only or max(picks) >= len(self.question.options):
            return
        # lazy: the reason box brings Textual's TextArea (~20 ms); the first question is drawn
        # without it, and app.PREWARMED imports it a second after the first frame
        from ethicsguide.tui.dialogs.reasoning import ReasoningDialog

        labels = "; ".join(self.question.options[i].label for i in picks)
        numbers = ", ".join(str(i + 1) for i in picks)
        index = picks[0] if len(picks) == 1 else picks
        key = (self.position.node.tree, self.position.node.node, index)
        dialog = ReasoningDialog(
            f"Your answer: {numbers}. {labels}",
            Text(self.question.ask),
            "Why did you choose this? Say it in your own words; it goes into the record.",
            initial=self.drafts.get(key, ""),
            restored=True,
            save=partial(self._answer, index, key),
        )

        def done(text: str | None) -> None:
            if text is None:
                self._keep_draft(key, dialog.draft)
            else:
                self._open_outcome_if_reached()

        self.app.push_screen(dialog, done)
        hold_typeahead(dialog)

    async def _answer(self, index: int | tuple[int, ...], key: Draft, text: str) -> bool:
        """Save the choice and its reasoning, then draw the next question beneath the prompt.

        Returns False (the prompt stays open with the text in it) if nothing could be saved.
        """
        if await self._move(self._choose_and_reason, index, text):
            self.drafts.pop(key, None)
        elif self._chose(key):
            self.drafts[key] = text  # the choice is saved but not its reasoning: keep the words
        else:
            return False
        self.answering = True
        try:
            await self.render_view(arrived=True)
        finally:
            self.answering = False
        return True

    def _chose(self, key: Draft) -> bool:
        active = self.session.state.active
        return bool(active) and (active[-1].where.tree, active[-1].where.node) == key[:2]

    def _choose_and_reason(self, index: int | tuple[int, ...], text: str) -> None:
        self.session.answer(index, text)  # one record: on a full disk neither is saved

    async def action_continue(self) -> None:
        if self.pending:
            self.pending -= 1
            await self.render_view(arrived=False)

    def action_back(self) -> None:
        if self.busy or not self.session.state.active or self.session.read_only:
            return
        self.ask_to_withdraw(self._withdraw)

    async def _withdraw(self) -> None:
        await self._move(self.session.back)
        self.pending = 0
        await self.render_view(arrived=False)

    def action_explain(self) -> None:
        self.show_why = not self.show_why

    def action_page(self, direction: int) -> None:
        conversation = self.query_one("#conversation", VerticalScroll)
        if direction < 0:
            conversation.scroll_page_up()
        else:
            conversation.scroll_page_down()

    def _open_outcome_if_reached(self) -> None:
        here = self.position
        if (
            here is not None
            and not self.pending
            and isinstance(node_at(here.node, self.library.tree), Outcome)
        ):
            self._open_outcome()

    def _open_outcome(self) -> None:
        if not self.is_active:  # (not an error while the app closes)
            if self.undrawn and not self.answering and self.is_current:
                self.run_worker(self.render_view(arrived=False), group="move")  # drawn instead
            return

        def done(result: str | None) -> None:
            if result in ("back", "continue"):
                self.run_worker(self.render_view(arrived=result == "continue"), group="move")

        self.app.push_screen(self.outcome_screen(), done)

    def outcome_screen(self) -> Screen[str | None]:
        """The screen shown at an outcome (an exercise adds its debrief to it)."""
        # lazy: the outcome screen brings markdown-it (~45 ms); prewarmed after the first frame
        from ethicsguide.tui.screens.outcome import OutcomeScreen

        return OutcomeScreen(self.session, exported=self.exported)
