"""The app shell: global keys, themes, moving between screens, and the ``make_app`` factory."""

from __future__ import annotations

import asyncio
import gc
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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
from ethicsguide.tui.paste import shown_paste
from ethicsguide.tui.prefs import Prefs, load_prefs, save_prefs
from ethicsguide.tui.screens.home import LOAD_LATER, HomeScreen
from ethicsguide.tui.screens.opening import OpeningScreen
from ethicsguide.tui.typeahead import TypeAhead

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from ethicsguide.engine.library import Library
    from ethicsguide.engine.problems import Problem
    from ethicsguide.storage.sessions import LiveSession
    from ethicsguide.tui.context import GuideApp
    from ethicsguide.tui.dialogs.export import ExportRequest

HIGH_CONTRAST = Theme(
    name="ethicsguide-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    warning="#ffaf00",
    error="#ff8080",
    success="#80ff80",
    dark=True,
    variables={
        "text-muted": "#ffffff",
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "border": "#ffffff",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
    },
)
DEFAULT_THEME = "textual-dark"
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


@dataclass(frozen=True)
class Opening:
    """What to show first: home, a new walkthrough of ``tree``, or the session at ``resume``."""

    tree: str | None = None
    dilemma: str = ""
    resume: Path | None = None
    review: Path | None = None  # a session to open in supervisor review
    train: bool = False  # trainer mode: the exercise picker
    scenario: str | None = None  # in trainer mode, open this exercise's briefing
    live: str | None = None  # the classroom's address: open the live room of ``scenario``
    first: dict[str, Any] | None = None  # the question ``tree`` or ``resume`` opens on, cached
    newest: bool = False  # ``resume`` was asked for the newest session (the cache guessed it)


class EthicsGuideApp(App[str | None]):
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

    def _drawn_from_cache(self) -> bool:
        """Whether the screen on top is a first question drawn from the cache."""
        return isinstance(self.screen, OpeningScreen) and self.screen.drawn_from_cache

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

    # --- navigation -------------------------------------------------------------------------

    def go_home(self) -> None:
        """Close every screen above home (sessions are saved step by step already)."""
        self._close_to_base()
        if isinstance(self.screen, OpeningScreen):  # opened on a walkthrough: home is new
            self.push_screen(HomeScreen(shown_first=True))  # (the blank one stays beneath)

    def _close_to_base(self) -> None:
        self._forget_empty_sessions()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def _forget_empty_sessions(self) -> None:
        """A session left with nothing answered is not kept (see ``forget_if_empty``)."""
        for screen in self.screen_stack:
            forget = getattr(screen, "forget_if_empty", None)
            if forget is not None and forget() == self.session_id:
                self.session_id = None

    def start_walkthrough(self, tree_id: str, dilemma: str = "") -> None:
        self.run_worker(self._start(tree_id, dilemma), group="open", exclusive=True)

    async def _start(self, tree_id: str, dilemma: str) -> None:
        opened = await asyncio.to_thread(_start_session, self.context, tree_id, dilemma)
        if isinstance(opened, str):
            self.notify(opened, title="Could not start", severity="error", timeout=15)
            self.go_home()
            self._end_start_up()
            return
        session = opened
        if not self._drawn_from_cache():
            self.open_walkthrough(session, fresh=True)
            await asyncio.to_thread(self._first_view, session)  # (remembered for next time)
            return
        view = await asyncio.to_thread(self._first_view, session)
        await self._take_over(session, view, fresh=True)

    async def _take_over(
        self, session: LiveSession, view: dict[str, Any] | None, *, fresh: bool
    ) -> None:
        """The real walkthrough replaces the screen drawn from the cache. If it shows the
        same (``view``), the keys typed at the picture are replayed on it in order; if not,
        they were meant for a screen that is not there, and are dropped."""
        agrees = view is not None and view == self.opening.first
        if not agrees:
            self.typeahead.release(None)
        await self.open_walkthrough(session, fresh=fresh, keep_typeahead=agrees)
        if agrees:
            self.call_later(self._replay_typeahead)

    def _first_view(self, session: LiveSession) -> dict[str, Any] | None:
        """This walk's first question as the cache holds it, remembered for next time."""
        # lazy: runs in the worker thread, with the engine loaded already
        from ethicsguide.storage.first_question import remember
        from ethicsguide.tui.first_view import first_view, walk_files

        view = first_view(session)
        if view is not None and view != self.opening.first and self.context.cache_roots:
            root = self.context.cache_roots[0]
            remember(
                self.context.data_dir,
                root,
                session.state.tree,
                walk_files(session.library, root),
                view,
            )
        return view

    async def _replay_typeahead(self) -> None:
        """Give the keys typed at the cached first question to the real one, in order (a
        digit opens the reason box, which holds the keys after it, as when typed live)."""
        for event in self.typeahead.take():
            await self.on_event(event)

    def resume_walkthrough(self, path: str) -> None:
        self.run_worker(self._resume(Path(path)), group="open", exclusive=True)

    async def _resume(self, path: Path) -> None:
        # lazy: session files (and through them the engine) load when a walkthrough opens
        from ethicsguide.storage.sessionlog import SessionFileError
        from ethicsguide.tui.io import resume_session

        cached = self._drawn_from_cache()
        try:
            if cached and self.opening.newest:  # the cache's guess, checked the usual way
                path = await asyncio.to_thread(_newest_session, self.context.data_dir, path)
            session = await asyncio.to_thread(resume_session, self.context, path)
        except SessionFileError as exc:
            self.typeahead.release(None)
            self.notify(str(exc), title="Could not resume", severity="error", timeout=15)
            self.go_home()
            self._end_start_up()
            return
        if not cached:
            self.open_walkthrough(session, fresh=False)
            return
        await self._take_over(session, await asyncio.to_thread(_resumed_view, session), fresh=False)

    def open_walkthrough(
        self, session: LiveSession, *, fresh: bool, keep_typeahead: bool = False
    ) -> AwaitMount:
        # lazy: the walkthrough screen brings the engine's models; home's first frame does not
        from ethicsguide.tui.screens.walkthrough import WalkthroughScreen

        screen = WalkthroughScreen
        if session.state.scenario:  # a training session carries on as an exercise
            # lazy: training sessions only; the exercise screen brings the training engine
            from ethicsguide.tui.screens.exercise import ExerciseScreen

            screen = ExerciseScreen
        self._close_to_base()  # (not home: it is built only when the worker goes there)
        self.session_id = session.state.id
        opened = screen(session, fresh=fresh)
        opened.owns_session = True
        if keep_typeahead:  # (before the push: the hold moves with the screen on top)
            self.typeahead.hold_for(opened, keep=True)
        mounted = self.push_screen(opened)
        self._end_start_up()
        if session.library.unchecked is not None:  # vouched for by the check cache
            self.set_timer(CHECK_AFTER, partial(self._check_guides, session.library))
        return mounted

    def _check_guides(self, library: Library) -> None:
        self.run_worker(self._refuse_if_broken(library), group="check-guides")

    async def _refuse_if_broken(self, library: Library) -> None:
        """Run the checks the first question did not wait for; if they fail, leave the walk
        (answers were never recorded on it: ``SessionScreen._move`` waits for this too)."""
        from ethicsguide.storage.walkable import verify  # lazy: no engine in home start-up

        refusal = await asyncio.to_thread(verify, library)
        if refusal is None:
            return
        self.notify(refusal, title="This guide cannot be walked", severity="error", timeout=30)
        if any(getattr(s, "library", None) is library for s in self.screen_stack):
            self.go_home()

    def open_training(self, scenario: str | None = None) -> None:
        """Trainer mode: the exercise picker, and the briefing of ``scenario`` if given."""
        # lazy: trainer mode only; home's first frame does not need it
        from ethicsguide.tui.screens.scenarios import ScenarioPickerScreen

        self.go_home()
        self.push_screen(ScenarioPickerScreen(show=scenario))

    def open_live_room(self, scenario: str, share_url: str | None = None) -> None:
        """The trainer's live view of ``scenario``, from the sessions in the data folder."""
        # lazy: the live room (and the engine) only for ``serve --facilitator``
        from ethicsguide.tui.screens.room import LiveRoomScreen

        self.push_screen(LiveRoomScreen(scenario, self.context.data_dir, share_url))

    def open_sessions(self) -> None:
        self.run_worker(self._open_sessions(), group="sessions", exclusive=True)

    async def _open_sessions(self) -> None:
        """Read the list in a thread, then show it whole in one paint."""
        from ethicsguide.tui.io import recent_sessions  # lazy: storage, not before the first frame
        from ethicsguide.tui.screens.sessions import SessionsScreen  # lazy: opened on demand

        listed = await asyncio.to_thread(recent_sessions, self.context)
        self.go_home()
        self.push_screen(SessionsScreen(listed))

    def open_review(self, path: str) -> None:
        # lazy: supervisor review brings the engine; home's first frame does not need it
        from ethicsguide.tui.screens.review import ReviewScreen

        if self.context.classroom:  # a trainee's tab reviews no one (bindings are off too)
            return
        self.push_screen(ReviewScreen(Path(path)))

    def open_problems(self, problems: Sequence[Problem], file: str | None = None) -> None:
        # lazy: opened by a key, and only when the library has problems
        from ethicsguide.tui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(problems, file))

    def export_saved(self, path: str) -> None:
        """Ask where, then export a session that is not open."""
        # lazy: opened by a key; app.PREWARMED imports it a second after the first frame
        from ethicsguide.tui.dialogs.export import ExportDialog
        from ethicsguide.tui.io import default_export_path

        def done(request: ExportRequest | None) -> None:
            if request is not None:
                self.run_worker(self._export_saved(Path(path), request), group="export")

        default = default_export_path(self.context, Path(path).stem)
        self.push_screen(ExportDialog(default, Path(path)), done)

    async def _export_saved(self, path: Path, request: ExportRequest) -> None:
        # lazy: session files (and through them the engine) load when a record is written
        from ethicsguide.storage.sessionlog import SessionFileError
        from ethicsguide.tui.io import export_saved

        try:
            written = await asyncio.to_thread(
                export_saved, self.context, path, request.path, request.redact
            )
        except SessionFileError as exc:
            self.notify(str(exc), title="Export failed", severity="error", timeout=15)
            return
        # lazy: loaded already by the dialog that asked; kept off the home screen's import path
        from ethicsguide.tui.dialogs.export import written_message

        self.notify(written_message(written, request.redact), title="Record written", timeout=15)

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
    loader = (lambda: library) if library is not None else partial(_load, tuple(extra_roots))
    context = AppContext(root, loader, clock or default_clock, session_ids, blink, remember)
    context.classroom = classroom
    if classroom and resume is None and tree is None:
        resume = unfinished_session(root)
    if library is not None:
        context._library = library
    else:
        context.cache_roots = library_roots(tuple(Path(r) for r in extra_roots))
        if walkable is not None:
            context.load_walkable = partial(_walk_with, walkable)
        elif first_question is not None:
            context.load_walkable = partial(_load_walkable, data_dir=root)
        elif not extra_roots:  # with --trees folders an id may be overridden: load them all
            context.load_walkable = _load_walkable
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


def unfinished_session(root: Path) -> Path | None:
    """The newest session in ``root`` not yet at its outcome (a reloaded tab carries on)."""
    # lazy: a classroom tab only; session files bring the engine (pydantic, networkx)
    from ethicsguide.storage.sessions import list_sessions

    infos, _unreadable = list_sessions(root)
    return next((info.path for info in infos if not info.finished), None)


def _start_session(context: AppContext, tree_id: str, dilemma: str) -> LiveSession | str:
    """A new session of ``tree_id``, or why it could not start. Blocking: a worker thread."""
    # lazy: session files bring the engine (pydantic, PyYAML); this thread loads them, so a
    # first question drawn from the cache is not held up by them
    from ethicsguide.storage.sessionlog import SessionFileError
    from ethicsguide.tui.io import start_session

    try:
        return start_session(context, tree_id, dilemma)
    except (SessionFileError, LookupError) as exc:
        return str(exc)


def _newest_session(root: Path, guessed: Path) -> Path:
    """The session ``resume`` with no argument opens (``guessed`` if the guess was right)."""
    # lazy: replays every session (the engine): in a worker thread, after the first frame
    from ethicsguide.storage.sessions import resolve

    newest = resolve(root, None)
    return guessed if newest.resolve() == guessed.resolve() else newest


def _resumed_view(session: LiveSession) -> dict[str, Any] | None:
    """The screen the session resumes on, as ``storage/resume_picture.py`` holds it."""
    from ethicsguide.tui.first_view import resumed_view  # lazy: the engine is loaded by now

    return resumed_view(session)


def _load_walkable(tree_ids: Iterable[str], data_dir: Path | None = None) -> Library | None:
    """``storage.library.load_walkable``, imported on first use."""
    # lazy: the library loader brings pydantic, networkx and yaml (~200 ms): not before the
    # first frame, which the home screen draws from its cache
    from ethicsguide.storage.walkable import load_walkable

    return load_walkable(tree_ids, data_dir)


def _walk_with(walkable: Library, tree_ids: Iterable[str]) -> Library | None:
    """``walkable`` if it holds every one of ``tree_ids`` (else load the whole library)."""
    usable = walkable.refusal is None and set(tree_ids) <= set(walkable.trees)
    return walkable if usable else None


def _load(extra_roots: tuple[Path, ...]) -> Library:
    # lazy: the library loader brings pydantic, networkx and yaml; it runs in a worker
    from ethicsguide.storage.library import load_library

    return load_library(extra_roots)


if TYPE_CHECKING:

    def _implements_guide_app(app: EthicsGuideApp) -> GuideApp:
        """mypy proves the app gives screens everything ``guide_app`` promises them."""
        return app
