"""Shared fixtures: a small fixture library, a private data folder, and a fixed clock."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ethicsguide.engine.library import Library
from ethicsguide.storage.library import load_library

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_LIBRARY = FIXTURES / "library"
BROKEN = FIXTURES / "broken"


@pytest.fixture(autouse=True, scope="session")
def local_time_is_utc() -> Iterator[None]:
    """Screens and lists show local time; the tests fix the zone so they read the same anywhere.

    (tmux tests start the app with this environment too.)
    """
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def fixture_library() -> Library:
    """Only the fixture trees (the bundled library is left out so tests stay stable)."""
    return load_library([FIXTURE_LIBRARY], bundled=False)


@pytest.fixture
def clock() -> Callable[[], str]:
    """Deterministic event times, one minute apart."""
    counter = itertools.count()
    return lambda: f"2026-11-26T10:{next(counter):02d}:00Z"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "data"
    monkeypatch.setenv("ETHICSGUIDE_DATA_DIR", str(root))
    yield root


def make_signing_key(root: Path) -> str:
    """A supervisor's sign-off key in data folder ``root``; returns its fingerprint."""
    from ethicsguide.storage.signing import default_key_path, init_key

    return init_key(default_key_path(root))
