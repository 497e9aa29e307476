"""Fixtures for the app tests: the TUI's own small library, a private data folder, a fixed clock."""

from __future__ import annotations

import fcntl
import itertools
import json
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from ethicsguide.engine.library import Library
from ethicsguide.storage.library import load_library
from ethicsguide.storage.sessions import LiveSession
from ethicsguide.tui.app import EthicsGuideApp, make_app
from ethicsguide.tui.widgets.keys_footer import FooterKey, KeysFooter
from tests.drive import settle, type_text

LIBRARY = Path(__file__).parent / "fixtures" / "library"
SESSION_ID = "20261126-100000-test"


def fixed_clock() -> Callable[[], str]:
    """Event times one minute apart, starting 10:00 UTC."""
    counter = itertools.count()
    return lambda: f"2026-11-26T10:{next(counter) % 60:02d}:00Z"


def session_ids(first: str = SESSION_ID) -> Callable[[], str]:
    """``first``, then ``first-2``, ``first-3``…: new sessions get predictable ids."""
    counter = itertools.count(1)
    return lambda: first if (n := next(counter)) == 1 else f"{first}-{n}"


@pytest.fixture(scope="session")
def tui_library() -> Library:
    """Only the TUI fixture trees, so screens do not change when the real library grows."""
    return load_library([LIBRARY], bundled=False)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder; the real one is never touched."""
    root = tmp_path / "data"
    monkeypatch.setenv("ETHICSGUIDE_DATA_DIR", str(root))
    return root


def app_for(library: Library, data: Path, **kw: Any) -> EthicsGuideApp:
    """The app as the CLI builds it, but deterministic: fixed clock and session ids (unless
    given), no blinking cursor, no saved theme or keys."""
    kw.setdefault("session_ids", session_ids())
    return make_app(
        data_dir=data, library=library, clock=fixed_clock(), blink=False, remember=False, **kw
    )


@pytest.fixture
def build(tui_library: Library, data: Path) -> Callable[..., EthicsGuideApp]:
    """``build(tree=..., resume=...)``: the app as the CLI builds it, but deterministic."""

    def make(**kw: Any) -> EthicsGuideApp:
        return app_for(kw.pop("library", tui_library), kw.pop("data_dir", data), **kw)

    return make


def saved_session(
    data: Path,
    library: Library,
    tree: str,
    answers: list[tuple[int, str]],
    *,
    sid: str = "20261125-090000-old1",
    dilemma: str = "",
) -> LiveSession:
    """A session on disk with ``answers`` (0-based option, reasoning) already given."""
    live = LiveSession.start(
        data,
        library,
        library.trees[tree].tree,
        clock=fixed_clock(),
        session_id=sid,
        dilemma=dilemma,
    )
    for option, reason in answers:
        live.choose(option)
        live.reason(reason)
    return live


def events(data: Path, sid: str = SESSION_ID) -> list[dict[str, Any]]:
    """The session log as written, one dict per line."""
    path = data / "sessions" / f"{sid}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def kinds(data: Path, sid: str = SESSION_ID) -> list[str]:
    return [e["type"] for e in events(data, sid)]


async def answer(pilot: Pilot[Any], digit: str, reason: str) -> None:
    """Press a digit, type the reasoning, press Enter, and wait for the next screen."""
    await pilot.press(digit)
    await pilot.pause()
    if reason:
        await type_text(pilot, reason)
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def snapdata(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder at a fixed path, so paths shown on screen are the same on every run.

    The path is shared by every checkout on the machine, so each test holds a lock on it:
    two test runs at once wait for each other here instead of clearing each other's files.
    """
    base = Path("/tmp/ethicsguide-tui-snapshots")
    base.mkdir(exist_ok=True)
    root = base / request.node.name
    with (base.parent / "ethicsguide-tui-snapshots.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(root, ignore_errors=True)
        monkeypatch.setenv("ETHICSGUIDE_DATA_DIR", str(root))
        yield root
        shutil.rmtree(root, ignore_errors=True)


async def withdraw(pilot: Pilot[Any], key: str = "b") -> None:
    """Press b (or ``key``), let the question stand long enough to be read, and answer y."""
    from ethicsguide.tui.dialogs.confirm import ConfirmDialog

    await pilot.press(key)
    await pilot.pause()
    question = pilot.app.screen
    assert isinstance(question, ConfirmDialog) and question.deliberate
    question.opened -= question.SETTLE  # as if it had been on screen for a while
    await pilot.press("y")
    await settle(pilot)


def held_back(app: EthicsGuideApp) -> threading.Event:
    """Keep the real walk (and its session) from loading until the returned event is set,
    as on a slow machine: the screen drawn from a cache stays up, and keys are held."""
    go, load = threading.Event(), app.context.load_walkable
    assert load is not None

    def slow(tree_ids: Any) -> Any:
        go.wait(10)
        return load(tree_ids)

    app.context.load_walkable = slow
    return go


def footer_keys(screen: Any) -> list[FooterKey]:
    """The keys the screen's own footer draws now, in order (the palette hint last, unless
    the terminal is narrow), each with the columns it takes."""
    return screen.query_one(KeysFooter).placed_keys()


def footer_labels(screen: Any) -> list[str]:
    """``"⏎ Next"``…: the footer's keys as drawn."""
    return [key.label for key in footer_keys(screen)]
