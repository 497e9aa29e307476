"""A walkthrough's first question drawn from ``cache/first.json``, before the engine loads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType

from ethicsguide.tui.breakpoints import NARROW_WIDE, apply_width_class
from ethicsguide.tui.screens.opening import OpeningScreen
from ethicsguide.tui.walk_keys import WALKTHROUGH_KEYS
from ethicsguide.tui.walk_layout import walk_layout
from ethicsguide.tui.widgets.breadcrumb import Breadcrumb
from ethicsguide.tui.widgets.principles import PrinciplesPanel
from ethicsguide.tui.widgets.question_panel import QuestionPanel
from ethicsguide.tui.widgets.transcript import Transcript, dilemma_bubble


@dataclass(frozen=True)
class CachedPrinciple:
    name: str
    short: str


@dataclass(frozen=True)
class CachedOption:
    """The parts of a tree ``Option`` the option list and the side panel draw."""

    label: str
    note: str | None
    alone: bool
    upholds: list[str]
    strains: list[str]


@dataclass(frozen=True)
class CachedQuestion:
    """The parts of a tree ``Question`` the question panel draws."""

    ask: str
    many: bool
    says_choose_all: bool
    why: str | None
    options: list[CachedOption]
    tension: list[str]


@dataclass(frozen=True)
class CachedCrumb:
    label: str
    here: bool = True
    step: bool = False


class FirstQuestionScreen(OpeningScreen):
    """The walkthrough's first question as ``storage/first_question.py`` remembered it.

    Drawn before the engine loads; every key is held meanwhile (the app's ``TypeAhead``)
    and given to the real walkthrough once its session is on disk. It looks the same as
    the walkthrough so that replacing it changes nothing on the terminal.
    """

    drawn_from_cache = True
    HORIZONTAL_BREAKPOINTS = NARROW_WIDE
    BINDINGS: ClassVar[list[BindingType]] = WALKTHROUGH_KEYS
    AUTO_FOCUS = "#choices"

    def __init__(self, view: dict[str, Any], dilemma: str) -> None:
        super().__init__()
        self.view, self.dilemma = view, dilemma.strip()
        options = [CachedOption(**o) for o in view["options"]]
        self.question = CachedQuestion(
            view["ask"],
            view["many"],
            view["says_choose_all"],
            view["why"],
            options,
            view["tension"],
        )
        self.principles = {k: CachedPrinciple(**p) for k, p in view["principles"].items()}

    def compose(self) -> ComposeResult:
        apply_width_class(self)
        yield from walk_layout()

    async def on_mount(self) -> None:
        """As ``WalkthroughScreen.render_view`` draws a new walk's first question."""
        self.sub_title = self.view["title"]
        self.query_one("#banner").display = False
        bubbles = [dilemma_bubble(self.dilemma)] if self.dilemma else []
        await self.query_one("#transcript", Transcript).show(bubbles)
        low, high = self.view["left"]
        crumbs = [CachedCrumb(self.view["crumb"])]
        self.query_one(Breadcrumb).show(crumbs, (low, high))  # type: ignore[arg-type]
        current = self.query_one("#current", QuestionPanel)
        await current.ask(1, self.question, [], set())  # type: ignore[arg-type]
        current.show_why(self.question.why, False)
        panel = self.query_one(PrinciplesPanel)
        panel.show(self.question.tension, self.principles)  # type: ignore[arg-type]
        panel.consider(1, self.question.options[0], self.principles)  # type: ignore[arg-type]
        self.call_after_refresh(current.scroll_visible, top=True, animate=False)
        self.call_after_refresh(self._start_loading)

    def _start_loading(self) -> None:
        """Once drawn: the real walk loads (in a thread), its keys held until it has."""
        app = self.app
        app.start_walkthrough(app.opening.tree, app.opening.dilemma)  # type: ignore[attr-defined]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys the walkthrough offers at a new walk's first question (see its own)."""
        many = self.question.many
        if action in ("choose", "tick"):
            index = int(parameters[0])  # type: ignore[call-overload]
            return (action == "tick") == many and index < len(self.question.options)
        if action in ("continue", "back", "what_if"):
            return False
        if action == "explain":
            return bool(self.question.why)
        if action == "choose_highlighted":
            return not many
        return True
