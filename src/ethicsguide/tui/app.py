"""The app shell: global keys, themes, start-up, and the ``make_app`` factory.

Moving between screens is in ``tui/navigation.py`` and opening walkthroughs (with the
takeover from a screen drawn from the cache) in ``tui/walk_opening.py``: the app's bases.
The start-up timings stay here, where ``bench/`` and the tests tune them.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from ethicsguide.storage.paths import data_dir as resolve_data_dir
from ethicsguide.tui.commands import GuideCommands
from ethicsguide.tui.context import AppContext, default_clock
from ethicsguide.tui.home_data import library_roots
from ethicsguide.tui.launch import (
    Opening,
    load_walkable,
    load_whole_library,
    unfinished_session,
    walk_with,
)
from ethicsguide.tui.paste import shown_paste
from ethicsguide.tui.prefs import Prefs, load_prefs, save_prefs
from ethicsguide.tui.screens.home import LOAD_LATER, HomeScreen
from ethicsguide.tui.screens.opening import OpeningScreen
from ethicsguide.tui.themes import DEFAULT_THEME, HIGH_CONTRAST
from ethicsguide.tui.typeahead import TypeAhead
from ethicsguide.tui.walk_opening import WalkOpening

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.tui.context import GuideApp

__all__ = [
    "CHECK_AFTER",
    "DEFAULT_THEME",
    "GC_RESUME_AFTER",
    "HIGH_CONTRAST",
    "LOAD_LATER",
    "PREWARMED",
    "PREWARM_AFTER",
    "EthicsGuideApp",
    "Opening",
    "OpeningScreen",
    "make_app",
    "unfinished_session",
]

GC_RESUME_AFTER = 0.2  # seconds after the first frame: the screen has settled by then
CHECK_AFTER = 0.5  # seconds after a walkthrough opens unchecked: its first question has drawn
PREWARM_AFTER = 1.0  # seconds after the first frame: start-up is over, nobody is waiting
PREWARMED = (
    "ethicsguide.tui.dialogs.reasoning",  # first: a walkthrough's reason box
    "ethicsguide.tui.screens.help",
    "ethicsguide.tui.screens.map",
    "ethicsguide.tui.screens.outcome",
    "ethicsguide.tui.screens.sessions",
    "ethicsguide.tui.dialogs.confirm",
    "ethicsguide.tui.dialogs.export",
    "ethicsguide.tui.dialogs.whatif",
)


def prewarm_screens() -> None:
    for name in PREWARMED:
        importlib.import_module(name)


def resume_gc() -> None:
    """Turn garbage collection back on after start-up.

    What start-up built (modules, styles, the first screen) lives as long as the app, so
    it is frozen first: later collections skip it instead of rescanning it on every pass.
    """
    gc.freeze()
    gc.enable()


class EthicsGuideApp(WalkOpening):
    """Thin shell: screens do the work; the return value is the last session's id."""

    CSS_PATH = "ethicsguide.tcss"
    TITLE = "ethicsguide"
    COMMANDS = App.COMMANDS | {GuideCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            priority=True,
            id="quit",
            tooltip="Quit; everything you answered is already saved",
        ),
        Binding("f1", "help", "Help", id="help", tooltip="Help for this screen and its keys"),
        Binding("question_mark", "help", "Keys", show=False, id="keys"),
        Binding(
            "ctrl+t",
            "toggle_high_contrast",
            "High contrast",
            show=False,
            id="high-contrast",
            tooltip="Switch the black-and-white high-contrast theme on or off",
        ),
    ]

    def __init__(self, context: AppContext, opening: Opening, prefs: Prefs) -> None:
        super().__init__()
        self.context, self.opening, self.prefs = context, opening, prefs
        self.session_id: str | None = None
        self.typeahead = TypeAhead()

    def get_default_screen(self) -> Screen[None]:
        if self.context.classroom:
            # A trainee's tab: the exercises are its home (and the guide library, never
            # shown underneath, is not built at all: a third less work for each tab's start).
            # lazy: the exercises and the engine they show are not the home screen's to load
            from ethicsguide.tui.screens.scenarios import ScenarioPickerScreen

            resuming = self.opening.resume is not None
            return ScenarioPickerScreen(show=None if resuming else self.opening.scenario)
        if (self.opening.tree or self.opening.resume) and self.opening.first:
            # lazy: only a start with a cached first question; home's first frame skips it
            from ethicsguide.tui.screens.first_question import FirstQuestionScreen

            return FirstQuestionScreen(self.opening.first, self.opening.dilemma)
        if self.opening.tree or self.opening.resume:
            return OpeningScreen()
        return HomeScreen()

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.prefs.theme in self.available_themes:
            self.theme = self.prefs.theme
        if self.prefs.keymap:
            self.set_keymap(self.prefs.keymap)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if isinstance(self.screen, OpeningScreen):  # what home would load 3 s after opening
            self.set_timer(LOAD_LATER, self._load_library_later)
        if self._drawn_from_cache():  # keys wait for the real walk, which it starts once drawn
            self.typeahead.hold_for(self.screen)
        elif self.opening.tree:
            self.start_walkthrough(self.opening.tree, self.opening.dilemma)
        elif self.opening.resume:
            self.resume_walkthrough(str(self.opening.resume))
        elif self.opening.review:
            self.open_review(str(self.opening.review))
        elif self.opening.live and self.opening.scenario:
            self.open_live_room(self.opening.scenario, self.opening.live)
        elif self.opening.train and not self.context.classroom:  # (classroom: the base screen)
            self.open_training(self.opening.scenario)

    async def on_event(self, event: events.Event) -> None:
        """Keys read while a text box is opening wait for it (see ``TypeAhead``); a paste
        arrives with its control characters visible (see ``shown_paste``)."""
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event = shown_paste(event)
        typed = isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded
        if typed and self.typeahead.holding(self.screen):
            assert isinstance(event, (events.Key, events.Paste))
            if isinstance(event, events.Key) and await self._check_bindings(event.key, True):
                return  # ctrl+q and the like still act at once
            self.typeahead.keep(event)
            return
        await super().on_event(event)

    def on_ready(self) -> None:
        # on the blank opening screen, start-up goes on until the walkthrough has drawn
        if not isinstance(self.screen, OpeningScreen):
            self._end_start_up()
        self.set_timer(PREWARM_AFTER, self._prewarm)

    def _end_start_up(self) -> None:
        if not gc.isenabled():  # paused by the CLI for start-up (see ``cli.main``)
            self.set_timer(GC_RESUME_AFTER, resume_gc)

    def _load_library_later(self) -> None:
        """The whole library (and so its checks), loaded well after the first question."""
        self.run_worker(self.context.library, thread=True, exit_on_error=False, group="library")

    def _prewarm(self) -> None:
        """Import the screens that keys open, while the worker reads: the first F1 or m
        then draws without waiting for its module to load."""
        self.run_worker(prewarm_screens, thread=True, exit_on_error=False, group="prewarm")

    def _theme_changed(self, theme: Theme) -> None:
        self.prefs.theme = theme.name
        if self.context.remember:
            self.run_worker(
                partial(save_prefs, self.context.data_dir, self.prefs),
                thread=True,
                exit_on_error=False,
            )

    def _check_later(self, library: Library) -> None:
        """The checks a walk vouched for by the check cache skipped, once it has drawn."""
        self.set_timer(CHECK_AFTER, partial(self._check_guides, library))

    # --- global actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        # lazy: opened by a key; app.PREWARMED imports it a second after the first frame
        from ethicsguide.tui.screens.help import HelpScreen, help_markdown

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_markdown(self, self.screen)))

    def action_toggle_high_contrast(self) -> None:
        self.theme = DEFAULT_THEME if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    async def action_quit(self) -> None:
        """Quit at once, unless typed text that is not recorded would be lost: then ask."""
        # lazy: opened by a key; app.PREWARMED imports it a second after the first frame
        from ethicsguide.tui.dialogs.confirm import ConfirmDialog

        unsaved = [s.unsaved_text() for s in self.screen_stack if hasattr(s, "unsaved_text")]
        if not any(unsaved) or getattr(self.screen, "quit_question", False):
            self._forget_empty_sessions()
            self.exit(self.session_id)
            return
        dialog = ConfirmDialog(
            "Quit without recording what you typed?",
            "Some reasoning you typed is not recorded yet. Everything you answered before it "
            "is saved.",
            yes="Quit",
            no="Stay",
        )
        dialog.quit_question = True
        self.push_screen(dialog, lambda yes: self._quit_now() if yes else None)

    def _quit_now(self) -> None:
        self._forget_empty_sessions()
        self.exit(self.session_id)


def make_app(
    *,
    data_dir: Path | str | None = None,
    library: Library | None = None,
    walkable: Library | None = None,
    extra_roots: Sequence[Path] = (),
    clock: Callable[[], str] | None = None,
    session_ids: Callable[[], str] | None = None,
    tree: str | None = None,
    dilemma: str = "",
    resume: Path | None = None,
    review: Path | None = None,
    train: bool = False,
    scenario: str | None = None,
    blink: bool = True,
    remember: bool = True,
    classroom: bool = False,
    live: str | None = None,
    first_question: dict[str, Any] | None = None,
    newest: bool = False,
) -> EthicsGuideApp:
    """The app the CLI runs and the tests drive.

    Args:
        data_dir: Where sessions live (default: the documented data folder).
        library: A loaded library; if None it is loaded in a worker after the first frame.
        walkable: Part of the library (``load_walkable``) that opens ``tree`` or ``resume``
            without waiting for the whole library.
        extra_roots: More tree folders (``--trees``), used when ``library`` is None.
        clock: Event time source (tests pass a fixed one).
        session_ids: New session id source (tests pass a fixed one).
        tree: Open a new walkthrough of this tree at once.
        dilemma: The situation as the worker described it, for that walkthrough.
        resume: Open this session file at once.
        review: Open this session file in supervisor review at once.
        train: Open trainer mode: the exercise picker.
        scenario: With ``train``, open this exercise's briefing at once.
        blink: Blink text cursors (snapshot tests turn it off).
        remember: Read and write the theme and keymap in ``tui.json``.
        classroom: One trainee's tab in a served classroom: it opens on its unfinished
            exercise (a reload resumes) or the exercises, and cannot review or delete.
        live: With ``scenario``, open its live room, showing this classroom address.
        first_question: The screen ``tree`` or ``resume`` opens on, from
            ``storage/first_question.py`` or ``storage/resume_picture.py``: drawn at once,
            before its guide (vouched for by the check cache) and session load.
        newest: ``resume`` is the newest session as the cache guessed it (checked on load).
    """
    root = resolve_data_dir(data_dir)
    loader = (
        (lambda: library)
        if library is not None
        else partial(load_whole_library, tuple(extra_roots))
    )
    context = AppContext(root, loader, clock or default_clock, session_ids, blink, remember)
    context.classroom = classroom
    if classroom and resume is None and tree is None:
        resume = unfinished_session(root)
    if library is not None:
        context._library = library
    else:
        context.cache_roots = library_roots(tuple(Path(r) for r in extra_roots))
        if walkable is not None:
            context.load_walkable = partial(walk_with, walkable)
        elif first_question is not None:
            context.load_walkable = partial(load_walkable, data_dir=root)
        elif not extra_roots:  # with --trees folders an id may be overridden: load them all
            context.load_walkable = load_walkable
    prefs = load_prefs(root) if remember else Prefs()
    train = train or scenario is not None
    opening = Opening(
        tree,
        dilemma,
        resume,
        review=review,
        train=train,
        scenario=scenario,
        live=live,
        first=first_question,
        newest=newest,
    )
    return EthicsGuideApp(context, opening, prefs)


if TYPE_CHECKING:

    def _implements_guide_app(app: EthicsGuideApp) -> GuideApp:
        """mypy proves the app gives screens everything ``guide_app`` promises them."""
        return app
