"""Trainer mode: scenarios by area, the vignette to read, then the exercise or facilitator view."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from ethicsguide.engine.domains import DOMAIN_NAMES, DOMAINS
from ethicsguide.engine.markdown import inert_markdown
from ethicsguide.engine.wording import counted
from ethicsguide.tui.breakpoints import NARROW_WIDE, apply_width_class
from ethicsguide.tui.context import app_context, classroom_forbids, guide_app
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.marked_list import MarkedList
from ethicsguide.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.scenario import Scenario

INTRO = (
    "Training exercises. Pick one to read its vignette; start it as a trainee from there, "
    "or press f for the facilitator's view (notes, reference path, discussion questions)."
)


def grouped(library: Library) -> dict[str, list[Scenario]]:
    """Scenarios by the domain of their tree, domains in the usual order, titles sorted."""
    by_domain: dict[str, list[Scenario]] = {}
    for entry in sorted(library.scenarios.values(), key=lambda e: e.scenario.title.casefold()):
        tree = library.tree(entry.scenario.tree)
        by_domain.setdefault(tree.domain if tree else "general", []).append(entry.scenario)
    order = {d: i for i, d in enumerate(DOMAINS)}
    return dict(sorted(by_domain.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def about_text(scenario: Scenario, library: Library) -> Text:
    tree = library.tree(scenario.tree)
    text = Text.assemble((scenario.title, "bold"))
    text.append_text(Text.assemble(("\nRuns on: ", "bold"), tree.title if tree else scenario.tree))
    text.append(
        f"\n{counted(len(scenario.reference), 'fork')} with commentary · "
        f"{counted(len(scenario.injects), 'inject')} · "
        f"{counted(len(scenario.discussion), 'discussion question')}"
    )
    text.append("\n\nObjectives", style="bold")
    for objective in scenario.objectives:
        text.append(f"\n• {objective}")
    return text


# The facilitator view and Back work the same from the exercise list and the briefing.
SHARED_BINDINGS: list[BindingType] = [
    Binding(
        "f",
        "facilitator",
        "Facilitator view",
        id="facilitator-view",
        tooltip="Notes, reference path and discussion questions, for the trainer",
    ),
    Binding("escape", "close", "Back", key_display="esc", id="close"),
]


class ScenarioPickerScreen(Screen[None]):
    """Every training scenario of the library, grouped by the area of the guide it runs on."""

    HORIZONTAL_BREAKPOINTS = NARROW_WIDE
    HELP = """\
## Training exercises

Each exercise runs on one guide: a vignette, new facts that arrive on the way, and a
reference path with commentary. **Enter** opens the highlighted exercise (its vignette
and objectives); **f** opens the facilitator's view; **Escape** goes back.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "o",
            "open",
            "Open",
            key_display="enter",
            id="open-exercise",
            tooltip="Read the vignette and objectives of the exercise",
        ),
        *SHARED_BINDINGS,
    ]

    def __init__(self, show: str | None = None) -> None:
        super().__init__()
        self.show = show
        self.library: Library | None = None

    def compose(self) -> ComposeResult:
        apply_width_class(self)
        yield TitleBar()
        yield Static(INTRO, id="training-intro", markup=False)
        with Horizontal(id="training-body"):
            yield MarkedList(Option("Loading the exercises…", disabled=True), id="scenario-list")
            yield Static("", id="scenario-about", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Training"
        self.query_one("#scenario-list").border_title = "Exercises"
        self.query_one("#scenario-about").border_title = "About this exercise"
        self.query_one("#scenario-list").focus()
        self.load()

    @work(exclusive=True, group="scenarios-load")
    async def load(self) -> None:
        library = await asyncio.to_thread(app_context(self).library)
        self.library = library
        groups = grouped(library)
        listing = self.query_one("#scenario-list", MarkedList)
        listing.set_items(self._options(groups, library))
        listing.border_title = f"Exercises · {len(library.scenarios)} in {len(groups)} areas"
        self._describe()
        self.refresh_bindings()
        if self.show:
            show, self.show = self.show, None
            self.open(show)

    def _options(self, groups: dict[str, list[Scenario]], library: Library) -> Iterable[Option]:
        # lazy: `train` and classroom tabs start on the picker; this loads after it has drawn
        from ethicsguide.tui.io import broken_count

        if not groups:
            yield Option("No training scenarios in the library.", disabled=True)
        for domain, scenarios in groups.items():
            name = DOMAIN_NAMES.get(domain, domain)
            yield Option(Text(f"── {name} · {len(scenarios)} ──", style="bold"), disabled=True)
            for scenario in scenarios:
                tree = library.tree(scenario.tree)
                text = Text(scenario.title)
                text.append(f"\n  on: {tree.title if tree else scenario.tree}", style="italic")
                errors = broken_count(library, scenario.tree)
                if errors:
                    text.append(f"\n  ⚠ its guide has {counted(errors, 'error')}", style="italic")
                yield Option(text, id=scenario.id)

    def selected(self) -> Scenario | None:
        listing = self.query_one("#scenario-list", MarkedList)
        index = listing.highlighted
        if self.library is None or index is None or index >= listing.option_count:
            return None
        option = listing.get_option_at_index(index)
        entry = self.library.scenarios.get(option.id or "")
        return entry.scenario if entry and not option.disabled else None

    @on(OptionList.OptionHighlighted, "#scenario-list")
    def _describe(self) -> None:
        scenario = self.selected()
        about = self.query_one("#scenario-about", Static)
        if scenario is not None and self.library is not None:
            about.update(about_text(scenario, self.library))

    @on(OptionList.OptionSelected, "#scenario-list")
    def _chosen(self) -> None:
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if classroom_forbids(self, action):
            return False
        if action == "close" and self.app.screen_stack[0] is self:
            return False  # the exercises are this app's home (a classroom tab): nothing below
        if action in ("open", "facilitator"):
            return True if self.selected() else None
        return True

    def open(self, scenario_id: str) -> None:
        """The briefing of one exercise (``ethicsguide train SCENARIO`` lands here)."""
        entry = self.library.scenarios.get(scenario_id) if self.library else None
        if entry is None or self.library is None:
            self.notify(f"There is no exercise `{scenario_id}`.", severity="error", timeout=10)
            return
        listing = self.query_one("#scenario-list", MarkedList)
        index = next(
            (
                i
                for i in range(listing.option_count)
                if listing.get_option_at_index(i).id == scenario_id
            ),
            None,
        )
        if index is not None:
            listing.highlighted = index
        self.app.push_screen(BriefingScreen(entry.scenario, self.library))

    def action_open(self) -> None:
        scenario = self.selected()
        if scenario is not None:
            self.open(scenario.id)

    def action_facilitator(self) -> None:
        # lazy: trainers only, by a key; the facilitator's notes bring the training engine
        from ethicsguide.tui.screens.facilitator import FacilitatorScreen

        scenario = self.selected()
        if scenario is not None and self.library is not None:
            self.app.push_screen(FacilitatorScreen(scenario, self.library))

    def action_close(self) -> None:
        self.dismiss()


class BriefingScreen(Screen[None]):
    """What the trainee reads first: the vignette and the learning objectives."""

    HELP = """\
## The exercise

Read the vignette and the learning objectives. **s** starts the exercise: the guide asks
one question at a time and why you chose what you chose; new facts may arrive on the way.
The reference path stays hidden until you reach an outcome. **f** opens the facilitator's
view (for the trainer). **Escape** goes back to the list.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s,enter",
            "start",
            "Start exercise",
            key_display="s",
            id="start-exercise",
            tooltip="Walk the exercise as a trainee (a new session is saved)",
        ),
        *SHARED_BINDINGS,
    ]

    def __init__(self, scenario: Scenario, library: Library) -> None:
        super().__init__()
        self.scenario, self.library = scenario, library

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        tree = self.library.tree(scenario.tree)
        yield TitleBar()
        with VerticalScroll(id="briefing-body"):
            yield Static(
                Text.assemble(("Exercise · ", "bold"), scenario.title), id="briefing-title"
            )
            yield Static(
                f"Runs on the guide: {tree.title if tree else scenario.tree}. You will be asked "
                "why at each fork; new facts may arrive as you go.",
                id="briefing-tree",
                markup=False,
            )
            yield Markdown(inert_markdown(scenario.vignette), id="vignette")
            yield Static("Learning objectives", classes="section-title")
            objectives = "\n".join(f"{i}. {o}" for i, o in enumerate(scenario.objectives, 1))
            yield Static(objectives, classes="section-body", id="objectives", markup=False)
            yield Static(
                "Press s to start the exercise as a trainee · f opens the facilitator's view",
                id="briefing-hint",
                markup=False,
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Exercise · {self.scenario.title}"
        self.query_one("#briefing-body").focus()

    def action_start(self) -> None:
        self.app.run_worker(self._start(), group="open", exclusive=True)

    async def _start(self) -> None:
        # lazy: the exercise screen and session files load when an exercise starts
        from ethicsguide.storage.sessionlog import SessionFileError
        from ethicsguide.tui.screens.exercise import start_exercise

        try:
            session = await asyncio.to_thread(start_exercise, app_context(self), self.scenario.id)
        except (SessionFileError, LookupError) as exc:
            self.app.notify(str(exc), title="Could not start", severity="error", timeout=15)
            return
        guide_app(self).open_walkthrough(session, fresh=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not classroom_forbids(self, action)

    def action_facilitator(self) -> None:
        # lazy: trainers only, by a key; the facilitator's notes bring the training engine
        from ethicsguide.tui.screens.facilitator import FacilitatorScreen

        self.app.push_screen(FacilitatorScreen(self.scenario, self.library))

    def action_close(self) -> None:
        self.dismiss()
