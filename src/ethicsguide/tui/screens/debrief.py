"""The end of an exercise: the outcome with a debrief key, and the debrief beside the reference."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ethicsguide.engine.session import find_question, node_at
from ethicsguide.engine.training import ForkReview, reference_outcome, review, walk_reference
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.tui.context import guide_app
from ethicsguide.tui.prose import md_text
from ethicsguide.tui.screens.outcome import OutcomeScreen
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.scenario import Scenario
    from ethicsguide.engine.session import SessionState, TreeLookup
    from ethicsguide.storage.sessions import LiveSession

DEBRIEF_HINT = (
    "Training exercise: read the guidance, record your final decision (d), then press r "
    "for the debrief: your path beside the reference path, fork by fork."
)


class ExerciseOutcomeScreen(OutcomeScreen):
    """The outcome of an exercise; **r** opens the debrief (the first place the reference shows).

    Once the debrief has been opened, going back is off: the answers the group debrief
    counts should be the ones given before the reference was seen. Opening it is recorded
    in the session, so this holds after the session is closed and resumed too.
    """

    HELP = (
        OutcomeScreen.HELP
        + """- **r** opens the debrief: your choices and reasoning beside the reference path
  and its commentary, the forks where you differed first. After that, **b** is off.
  It opens at the outcome that ends the exercise; where the guide goes on (**Enter**
  continues), the debrief waits for the end.
"""
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "debrief",
            "Debrief",
            id="debrief",
            tooltip="Your path beside the reference path, fork by fork",
        ),
    ]

    def __init__(
        self, session: LiveSession, scenario: Scenario, *, exported: Path | None = None
    ) -> None:
        super().__init__(session, exported=exported)
        self.scenario = scenario

    def on_mount(self) -> None:
        hint = Static(DEBRIEF_HINT, id="debrief-hint", markup=False)
        bodies = self.query("#outcome-body")
        if not bodies or self.session.state.outcome_continues:
            return
        if self.query("#outcome-title"):
            bodies.first().mount(hint, after="#outcome-title")
        else:
            bodies.first().mount(hint, before=0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back" and self.session.state.debriefed:
            return False  # off for good in this exercise: not offered at all
        if action == "debrief" and self.session.state.outcome_continues:
            return False  # the exercise is not over: the guide goes on after this outcome
        return super().check_action(action, parameters)

    async def action_debrief(self) -> None:
        if not (self.session.state.debriefed or self.session.read_only):
            try:
                await asyncio.to_thread(self.session.debriefed)
            except SessionFileError as exc:  # still show it; the record says what it can
                self.notify(str(exc), title="Not saved", severity="error", timeout=15)
        self.refresh_bindings()
        self.app.push_screen(DebriefScreen(self.session.state, self.scenario, self.library))


def _outcome_title(state: SessionState, lookup: TreeLookup) -> str:
    node = node_at(state.outcome, lookup) if state.outcome else None
    return getattr(node, "outcome", None) or "(not reached yet)"


def summary_text(
    state: SessionState, scenario: Scenario, forks: list[ForkReview], lookup: TreeLookup
) -> Text:
    mine = _outcome_title(state, lookup)
    theirs = reference_outcome(scenario, lookup) or "(the reference does not reach an outcome)"
    same = "= the same outcome" if mine == theirs else "≠ a different outcome"
    differ = sum(f.diverged for f in forks)
    text = Text.assemble(
        ("You reached: ", "bold"),
        mine,
        ("\nThe reference path ends at: ", "bold"),
        theirs,
        (f"  ({same})", "italic"),
        ("\nForks: ", "bold"),
        f"{differ} of {len(forks)} differ from the reference"
        + (" — they come first." if differ else "."),
    )
    return text


def fork_heading(fork: ForkReview, number: int) -> Text:
    mark = "≠ DIFFERENT from the reference" if fork.diverged else "= SAME as the reference"
    return Text.assemble((f"Your question {number} · ", "bold"), (mark, "bold"), "\n", fork.ask)


def fork_table(fork: ForkReview) -> Table:
    """Your choice and reasoning in one column, the reference choice and commentary beside it."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, padding=(0, 1))
    table.add_column("You chose", ratio=1)
    table.add_column("The reference", ratio=1)
    yours = Text.assemble((fork.chosen, "bold"))
    yours.append("\n")
    if fork.reasoning:
        yours.append(f"“{fork.reasoning}”", style="italic")
    else:
        yours.append("(no reasoning given)", style="italic")
    if fork.reference is None:
        theirs = Text("The reference path does not pass this question.", style="italic")
    else:
        theirs = Text.assemble((fork.reference.choose, "bold"))
        theirs.append("\n")
        theirs.append_text(md_text(fork.reference.commentary.strip()))
    table.add_row(yours, theirs)
    return table


def numbered_forks(state: SessionState, forks: list[ForkReview]) -> list[tuple[int, ForkReview]]:
    """Each fork with its question number on the trainee's path (the review sorts them)."""
    used: set[int] = set()
    numbered = []
    for fork in forks:
        number = next(
            (
                i
                for i, c in enumerate(state.active, 1)
                if i not in used and c.where.node == fork.node and c.label == fork.chosen
            ),
            0,
        )
        used.add(number)
        numbered.append((number, fork))
    return numbered


def missed_text(state: SessionState, scenario: Scenario, lookup: TreeLookup) -> Text | None:
    """Reference forks the trainee's path never reached, with their commentary."""
    steps, _end = walk_reference(scenario, lookup)
    walked = {c.where for c in state.active}
    lines = []
    for ref, step in steps.items():
        if ref in walked:
            continue
        question = find_question(ref, lookup)
        line = Text.assemble(("• ", "bold"), (question.ask if question else ref.node, "bold"))
        line.append_text(Text.assemble(("\n  The reference: ", "bold"), step.choose, "\n  "))
        line.append_text(md_text(step.commentary.strip()))
        lines.append(line)
    return Text("\n\n").join(lines) if lines else None


class DebriefScreen(Screen[None]):
    """Fork by fork, divergences first: your choice and reasoning beside the reference."""

    HELP = """\
## Debrief

Your path beside the reference path experienced practitioners would defend. Each fork
shows your choice and reasoning on the left and the reference choice and its commentary
on the right; the forks where you differed come first and say **≠ DIFFERENT**. Then the
reference forks you did not reach, and questions for the group discussion.
**↑ ↓ PgUp PgDn** scroll; **Escape** goes back to the outcome.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", key_display="esc", id="close"),
        Binding("h", "home", "Home", show=False, id="home"),
    ]

    def __init__(self, state: SessionState, scenario: Scenario, library: Library) -> None:
        super().__init__()
        self.state, self.scenario, self.library = state, scenario, library

    def compose(self) -> ComposeResult:
        lookup = self.library.tree
        forks = review(self.state, self.scenario, lookup)
        yield TitleBar()
        with VerticalScroll(id="debrief-body"):
            yield Static(
                f"Debrief · {self.scenario.title}\n"
                "The reference path is shown now that you have reached an outcome.",
                id="debrief-banner",
                markup=False,
            )
            yield Static(
                summary_text(self.state, self.scenario, forks, lookup),
                id="debrief-summary",
                markup=False,
            )
            for number, fork in numbered_forks(self.state, forks):
                classes = "fork diverged" if fork.diverged else "fork"
                yield Static(fork_heading(fork, number), classes=f"fork-title {classes}")
                yield Static(fork_table(fork), classes=f"fork-body {classes}")
            missed = missed_text(self.state, self.scenario, lookup)
            if missed is not None:
                yield Static("On the reference path, but not on yours", classes="section-title")
                yield Static(missed, classes="section-body", id="debrief-missed")
            if self.scenario.discussion:
                yield Static("For discussion", classes="section-title")
                items = [f"{i}. {q}" for i, q in enumerate(self.scenario.discussion, 1)]
                yield Static(
                    "\n".join(items), classes="section-body", id="discussion", markup=False
                )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Debrief · {self.scenario.title}"
        self.query_one("#debrief-body").focus()

    def action_close(self) -> None:
        self.dismiss()

    def action_home(self) -> None:
        guide_app(self).go_home()
