"""Opening a walkthrough, new or resumed, including taking over from a screen drawn from the cache.

``start`` and ``resume`` may draw their first screen from a cache before the engine loads
(``tui/screens/first_question.py``); this is the path that opens the real session in a
worker and swaps it in, replaying the keys typed at the picture when both show the same.
A base of ``EthicsGuideApp``; the start-up timings it uses stay in ``tui/app.py``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ethicsguide.tui.launch import Opening
from ethicsguide.tui.navigation import Navigation
from ethicsguide.tui.screens.opening import OpeningScreen
from ethicsguide.tui.typeahead import TypeAhead

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from ethicsguide.engine.library import Library
    from ethicsguide.storage.sessions import LiveSession
    from ethicsguide.tui.context import AppContext


class WalkOpening(Navigation):
    """Starting, resuming and opening walkthroughs, and checking guides opened unchecked."""

    opening: Opening
    typeahead: TypeAhead

    if TYPE_CHECKING:  # the app defines these with its start-up timings (``tui/app.py``)

        def _end_start_up(self) -> None: ...
        def _check_later(self, library: Library) -> None: ...

    def _drawn_from_cache(self) -> bool:
        """Whether the screen on top is a first question drawn from the cache."""
        return isinstance(self.screen, OpeningScreen) and self.screen.drawn_from_cache

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
            self._check_later(session.library)
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
