"""What the app is given from outside: data folder, library, clock and session ids."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library


def default_clock() -> str:
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

    def exports_dir(self) -> Path:
        return self.data_dir / "exports"


# What a trainee's tab in a served classroom may not do: review (comments, sign-off), delete,
# or read the facilitator's view (it shows the reference path).
CLASSROOM_OFF = frozenset({"review", "delete", "facilitator"})


def classroom_forbids(node: object, action: str) -> bool:
    """Whether ``action`` is off because the app serves one trainee's tab."""
    return action in CLASSROOM_OFF and app_context(node).classroom


def app_context(node: object) -> AppContext:
    """The context of the running app, from any widget or screen."""
    return node.app.context  # type: ignore[attr-defined]
