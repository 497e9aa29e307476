"""The app shell and its bases: small modules that say why they exist, and the names that
``bench/`` and the tests reach for on ``ethicsguide.tui.app`` still there and still in effect."""

from __future__ import annotations

import ast
import gc
from pathlib import Path

import pytest

import ethicsguide.tui.app as app_module
from ethicsguide.tui.app import EthicsGuideApp

from .conftest import settle

TUI = Path(app_module.__file__).parent
APP_MODULES = ("app", "navigation", "walk_opening", "launch", "themes")
TUNED_ON_THE_APP = ("CHECK_AFTER", "PREWARM_AFTER", "GC_RESUME_AFTER", "LOAD_LATER")


@pytest.mark.parametrize("name", APP_MODULES)
def test_the_app_and_its_bases_are_small_modules_that_say_why_they_exist(name: str) -> None:
    source = (TUI / f"{name}.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 400, f"tui/{name}.py is past the ~400-line guideline"
    assert ast.get_docstring(ast.parse(source)), f"tui/{name}.py has no module docstring"


def test_every_name_bench_and_the_tests_take_from_the_app_module_is_there() -> None:
    names = ("make_app", "EthicsGuideApp", "HIGH_CONTRAST", "OpeningScreen", "PREWARMED")
    missing = [n for n in (*names, *TUNED_ON_THE_APP) if not hasattr(app_module, n)]
    assert missing == []


async def test_start_up_timings_set_on_the_app_module_are_the_ones_used(
    build, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``bench/start_instructions.py`` puts start-up work off by setting these on ``tui.app``."""
    for offset, name in enumerate(TUNED_ON_THE_APP):
        monkeypatch.setattr(app_module, name, 600.0 + offset)
    delays: list[float] = []
    real_set_timer = EthicsGuideApp.set_timer

    def recorded(self, delay, *args, **kwargs):  # type: ignore[no-untyped-def]
        delays.append(delay)
        return real_set_timer(self, delay, *args, **kwargs)

    monkeypatch.setattr(EthicsGuideApp, "set_timer", recorded)
    app = build(tree="records-request")  # opens on the blank opening screen, then the walk
    gc.disable()  # as the CLI starts the app: collection resumes once start-up is over
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            app._check_later(app.context.library())  # as a walk the check cache vouched for
    finally:
        gc.enable()
    assert sorted(delays) == [600.0, 601.0, 602.0, 603.0]
