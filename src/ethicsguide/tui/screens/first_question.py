"""A walkthrough's current question drawn from a cache (`start`, `resume`) before the engine loads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from ethicsguide.tui.breakpoints import NARROW_WIDE, apply_width_class
from ethicsguide.tui.screens.opening import OpeningScreen
from ethicsguide.tui.walk_keys import WALKTHROUGH_KEYS
from ethicsguide.tui.walk_layout import resumed_note, walk_layout
from ethicsguide.tui.widgets.breadcrumb import Breadcrumb
from ethicsguide.tui.widgets.principles import PrinciplesPanel
from ethicsguide.tui.widgets.question_panel import QuestionPanel
from ethicsguide.tui.widgets.transcript import Transcript, bubble_from_data, dilemma_bubble


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
    """The walkthrough's current question as remembered: a new walk's first question
    (``storage/first_question.py``) or the question a session resumes at, with the
    conversation so far (``storage/resume_picture.py``).

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
        self.resumed = "session" in view  # (a resumed session's picture, not a new walk's)
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
        """As ``WalkthroughScreen`` draws a new walk's first question or a resumed one."""
        view = self.view
        self.sub_title = view["title"]
        lines = view.get("banner", [])
        banner = self.query_one("#banner", Static)
        banner.update("\n".join(lines))
        banner.display = bool(lines)
        note = self.query_one("#resumed", Static)
        number = view.get("number", 1)
        if self.resumed:
            note.update(resumed_note(number - 1, False, view["session"]))
        note.display = self.resumed
        low, high = view["left"]
        self.query_one(Breadcrumb).show(self._crumbs(), (low, high))  # type: ignore[arg-type]
        current = self.query_one("#current", QuestionPanel)
        here = [bubble_from_data(b) for b in view.get("here", [])]
        await current.ask(number, self.question, here, set(view.get("again", [])))  # type: ignore[arg-type]
        current.show_why(self.question.why, False)
        panel = self.query_one(PrinciplesPanel)
        panel.show(self.question.tension, self.principles)  # type: ignore[arg-type]
        panel.consider(1, self.question.options[0], self.principles)  # type: ignore[arg-type]
        # the conversation last: the options (and so the footer's keys) are set by then
        await self.query_one("#transcript", Transcript).show(self._bubbles())
        self.call_after_refresh(current.scroll_visible, top=True, animate=False)
        self.call_after_refresh(self._start_loading)

    def _bubbles(self) -> list[tuple[str, Text]]:
        if self.resumed:
            return [bubble_from_data(b) for b in self.view["bubbles"]]
        return [dilemma_bubble(self.dilemma)] if self.dilemma else []

    def _crumbs(self) -> list[CachedCrumb]:
        if self.resumed:
            return [CachedCrumb(label, here, step) for label, here, step in self.view["crumbs"]]
        return [CachedCrumb(self.view["crumb"])]

    def _start_loading(self) -> None:
        """Once drawn: the real walk loads (in a thread), its keys held until it has."""
        app = self.app
        opening = app.opening  # type: ignore[attr-defined]
        if opening.resume is not None:
            app.resume_walkthrough(str(opening.resume))  # type: ignore[attr-defined]
        else:
            app.start_walkthrough(opening.tree, opening.dilemma)  # type: ignore[attr-defined]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys the walkthrough offers at this question (see its own)."""
        many = self.question.many
        if action in ("choose", "tick"):
            index = int(parameters[0])  # type: ignore[call-overload]
            return (action == "tick") == many and index < len(self.question.options)
        if action == "continue":
            return False
        if action in ("back", "what_if"):  # offered once something was answered
            return bool(self.view.get("back", False))
        if action == "explain":
            return bool(self.question.why)
        if action in ("choose_highlighted", "confirm_ticked"):  # Enter on the options
            return many == (action == "confirm_ticked")
        return True
