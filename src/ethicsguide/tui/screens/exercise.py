"""A training exercise in the app: the vignette first, then injects as the walk reaches them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ethicsguide.engine.training import due_injects
from ethicsguide.tui import walkview
from ethicsguide.tui.io import broken_count
from ethicsguide.tui.prose import md_text
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen
from ethicsguide.tui.widgets.transcript import Transcript, bubble_for

if TYPE_CHECKING:
    from textual.screen import Screen

    from ethicsguide.engine.scenario import Inject, Scenario
    from ethicsguide.engine.session import NodeRef
    from ethicsguide.storage.sessions import LiveSession
    from ethicsguide.tui.context import AppContext

NEW_INFORMATION = "⚑ NEW INFORMATION"


def vignette_bubble(scenario: Scenario) -> tuple[str, Text]:
    text = Text.assemble(("Exercise · ", "bold"), (scenario.title, "bold"), "\n")
    text.append_text(md_text(scenario.vignette.strip()))
    return "bubble exercise", text


def inject_bubble(inject: Inject) -> tuple[str, Text]:
    text = Text.assemble((NEW_INFORMATION, "bold"), "\n")
    text.append_text(md_text(inject.text.strip()))
    return "bubble inject", text


def start_exercise(ctx: AppContext, scenario_id: str) -> LiveSession:
    """Create the session file of a new exercise (raises ``LookupError``, ``SessionFileError``)."""
    # lazy: runs in a worker thread: pydantic and networkx load there, off the UI thread
    from ethicsguide.storage.sessions import LiveSession

    library = ctx.library()
    entry = library.scenarios.get(scenario_id)
    if entry is None:
        raise LookupError(f"there is no exercise `{scenario_id}` in the library")
    scenario = entry.scenario
    tree = library.get(scenario.tree)
    if tree is None or broken_count(library, scenario.tree):
        raise LookupError(
            f"the guide `{scenario.tree}` this exercise runs on has errors and cannot be used "
            "until they are fixed"
        )
    return LiveSession.start(
        ctx.data_dir,
        library,
        tree.tree,
        mode="training",
        scenario=scenario.id,
        dilemma=f"Training exercise: {scenario.title}",
        clock=ctx.clock,
        session_id=ctx.new_session_id() if ctx.new_session_id else None,
    )


class ExerciseScreen(WalkthroughScreen):
    """The walkthrough of a training session: the same screen, plus the vignette and injects.

    An inject is recorded (``inject-shown``) the first time its node is on screen, so a
    resumed exercise shows it in the conversation but never as news again. The reference
    path is not shown here at all: the outcome screen offers the debrief.
    """

    HELP = (
        WalkthroughScreen.HELP
        + """
**This is a training exercise.** The vignette is at the top of the conversation. New
facts arrive as the walk reaches them, marked **⚑ NEW INFORMATION**. The reference path
stays hidden until you reach an outcome; there, **r** opens the debrief.
"""
    )

    def __init__(self, session: LiveSession, *, fresh: bool = True) -> None:
        super().__init__(session, fresh=fresh)
        entry = session.library.scenarios.get(session.state.scenario or "")
        self.scenario: Scenario | None = entry.scenario if entry else None
        self.arrived: list[Inject] = []
        self.news_at: int | None = None  # the transcript bubble to scroll to for new injects

    async def on_mount(self) -> None:  # runs before the walkthrough's own on_mount
        if self.scenario is None:
            self.notify(
                f"The exercise `{self.session.state.scenario}` is no longer in the library: "
                "this carries on as a plain walkthrough, without injects or debrief.",
                title="Exercise not found",
                severity="warning",
                timeout=12,
            )

    async def render_view(self, *, arrived: bool) -> None:
        await super().render_view(arrived=arrived)
        if self.scenario is not None:
            self.sub_title = f"Exercise · {self.scenario.title}"
        if self.arrived and self.question is None and not self.pending:
            for inject in self.arrived:  # it lands on the outcome: the outcome screen is on top
                self.notify(inject.text.strip(), title=NEW_INFORMATION, timeout=30)
        elif self.news_at is not None:  # bring the new facts (or the step they follow) up top
            bubbles = self.query_one("#transcript", Transcript).children
            if self.news_at < len(bubbles):
                target = bubbles[self.news_at]
                self.call_after_refresh(target.scroll_visible, top=True, animate=False)

    async def arrived_at(self) -> None:
        """Record the injects of the nodes now on screen that were not shown before."""
        self.arrived = []
        if self.scenario is None or self.position is None or self.session.read_only:
            return
        reached = {ref.node for ref in self._on_screen() if ref.tree == self.scenario.tree}
        due = due_injects(self.scenario, self.position, self.session.state.injects)
        self.arrived = [i for i in due if i.at in reached]
        if self.arrived:
            # Shown even if it cannot be saved (the error is said): the trainee needs the facts.
            await self._move(self._record_shown, list(self.arrived))

    def _on_screen(self) -> list[NodeRef]:
        """The steps read on the way here, and the question once no step waits for Enter."""
        refs = [said.ref for said in self._visible_lead() if said.kind == "step"]
        if not self.pending and self.position is not None:
            refs.append(self.position.node)
        return refs

    def _record_shown(self, injects: list[Inject]) -> None:
        for inject in injects:
            self.session.inject_shown(inject.at)

    def bubbles(self, entries: list[walkview.Entry]) -> list[tuple[str, Text]]:
        """The vignette, then the path with each inject shown: before the question it bears
        on, after the step that led to it (as ``chat --scenario`` prints them)."""
        self.news_at = None
        if self.scenario is None:
            return super().bubbles(entries)
        out = [vignette_bubble(self.scenario)]
        for entry in [*entries, *self._visible_lead()]:
            said = entry if isinstance(entry, walkview.Said) else None
            if said is not None and said.kind == "question":
                self._add_injects(out, said.ref, len(out))
            out.append(bubble_for(entry))
            if said is not None and said.kind == "step":
                self._add_injects(out, said.ref, len(out) - 1)
        if not self.pending and self.position is not None:
            self._add_injects(out, self.position.node, len(out))
        return out

    def _add_injects(self, out: list[tuple[str, Text]], ref: NodeRef, anchor: int) -> None:
        """Append the shown injects at ``ref``; if they are news, scroll to ``anchor`` later."""
        assert self.scenario is not None
        news = {i.at for i in self.arrived}
        if ref.tree != self.scenario.tree:
            return
        if ref.node not in {*self.session.state.injects, *news}:
            return
        out.extend(inject_bubble(i) for i in self.scenario.injects if i.at == ref.node)
        if ref.node in news and self.news_at is None:
            self.news_at = anchor

    def outcome_screen(self) -> Screen[str | None]:
        if self.scenario is None:
            return super().outcome_screen()
        # lazy: the debrief brings markdown-it (~45 ms), needed only at the exercise's end
        from ethicsguide.tui.screens.debrief import ExerciseOutcomeScreen

        return ExerciseOutcomeScreen(self.session, self.scenario, exported=self.exported)
