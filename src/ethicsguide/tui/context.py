"""What the app is given from outside: data folder, library, clock and session ids."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ethicsguide.engine.library import Library
    from ethicsguide.engine.problems import Problem
    from ethicsguide.storage.sessions import LiveSession


def default_clock() -> str:
    # lazy: storage.sessions brings pydantic and networkx; the clock is first read by a session
    from ethicsguide.storage.sessions import utc_now

    return utc_now()


@dataclass
class AppContext:
    """Injected services, so the CLI and the tests build the same app differently."""

    data_dir: Path
    load_library: Callable[[], Library]
    clock: Callable[[], str] = default_clock
    new_session_id: Callable[[], str] | None = None
    blink: bool = True
    remember: bool = True
    cache_roots: tuple[Path, ...] | None = None  # library folders, when the home cache is used
    signing_key: Path | None = None  # the supervisor's sign-off key (default: in data_dir)
    classroom: bool = False  # a served trainee's tab: no review, delete or facilitator's view
    # loads only some trees (and their hand-off targets), or None; see ``library_for``
    load_walkable: Callable[[Iterable[str]], Library | None] | None = None
    _library: Library | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def loaded(self) -> Library | None:
        """The library if it has been loaded already (never blocks)."""
        return self._library

    def library(self) -> Library:
        """The library, loaded on first use (blocking: call it from a thread worker)."""
        with self._lock:
            if self._library is None:
                self._library = self.load_library()
            return self._library

    def library_for(self, tree_ids: Iterable[str]) -> Library:
        """A library that can walk ``tree_ids``: the whole one if it is loaded already, else
        just those trees and their hand-off targets when that is possible (blocking)."""
        if self._library is None and self.load_walkable is not None:
            walkable = self.load_walkable(tree_ids)
            if walkable is not None:
                return walkable
        return self.library()

    def exports_dir(self) -> Path:
        return self.data_dir / "exports"


# What a trainee's tab in a served classroom may not do: review (comments, sign-off), delete,
# or read the facilitator's view (it shows the reference path).
CLASSROOM_OFF = frozenset({"review", "delete", "facilitator"})


def classroom_forbids(node: object, action: str) -> bool:
    """Whether ``action`` is off because the app serves one trainee's tab."""
    return action in CLASSROOM_OFF and app_context(node).classroom


class GuideApp(Protocol):
    """What screens may ask of the app: its context and where to go next.

    ``EthicsGuideApp`` implements it (mypy checks that in ``tui/app.py``); screens reach it
    through ``guide_app`` instead of reaching for attributes Textual's ``App`` lacks.
    """

    context: AppContext

    def go_home(self) -> None: ...
    def start_walkthrough(self, tree_id: str, dilemma: str = "") -> None: ...
    def resume_walkthrough(self, path: str) -> None: ...
    def open_walkthrough(self, session: LiveSession, *, fresh: bool) -> object: ...
    def open_live_room(self, scenario: str, share_url: str | None = None) -> None: ...
    def open_sessions(self) -> None: ...
    def open_review(self, path: str) -> None: ...
    def open_problems(self, problems: Sequence[Problem], file: str | None = None) -> None: ...
    def export_saved(self, path: str) -> None: ...


def guide_app(node: object) -> GuideApp:
    """The running app, typed, from any widget or screen."""
    return cast(GuideApp, node.app)  # type: ignore[attr-defined]  # every node has .app


def app_context(node: object) -> AppContext:
    """The context of the running app, from any widget or screen."""
    return guide_app(node).context
