"""Moving between the app's screens: home, the lists, review, training and saved exports.

A base of ``EthicsGuideApp`` (see ``tui/app.py``), so each way the app can go is in one
place and the shell stays small; every screen a method opens is imported inside it, so
the home screen's first frame pays for none of them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from ethicsguide.tui.context import AppContext
from ethicsguide.tui.screens.home import HomeScreen
from ethicsguide.tui.screens.opening import OpeningScreen

if TYPE_CHECKING:
    from ethicsguide.engine.problems import Problem
    from ethicsguide.tui.dialogs.export import ExportRequest


class Navigation(App[str | None]):
    """Where the app can go next; the return value is the last session's id."""

    context: AppContext
    session_id: str | None

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
