"""What the app opens on (``Opening``) and how ``make_app`` gives it a library: the choices
the CLI and tests make, kept apart from the app so its factory reads as a list of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library


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


def unfinished_session(root: Path) -> Path | None:
    """The newest session in ``root`` not yet at its outcome (a reloaded tab carries on)."""
    # lazy: a classroom tab only; session files bring the engine (pydantic, networkx)
    from ethicsguide.storage.sessions import list_sessions

    infos, _unreadable = list_sessions(root)
    return next((info.path for info in infos if not info.finished), None)


def load_walkable(tree_ids: Iterable[str], data_dir: Path | None = None) -> Library | None:
    """``storage.walkable.load_walkable``, imported on first use."""
    # lazy: the library loader brings pydantic, networkx and yaml (~200 ms): not before the
    # first frame, which the home screen draws from its cache
    from ethicsguide.storage.walkable import load_walkable as load

    return load(tree_ids, data_dir)


def walk_with(walkable: Library, tree_ids: Iterable[str]) -> Library | None:
    """``walkable`` if it holds every one of ``tree_ids`` (else load the whole library)."""
    usable = walkable.refusal is None and set(tree_ids) <= set(walkable.trees)
    return walkable if usable else None


def load_whole_library(extra_roots: tuple[Path, ...]) -> Library:
    # lazy: the library loader brings pydantic, networkx and yaml; it runs in a worker
    from ethicsguide.storage.library import load_library

    return load_library(extra_roots)
