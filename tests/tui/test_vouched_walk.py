"""A walk opened before its checks ran (the check cache vouched for it) is still refused if broken."""

from __future__ import annotations

from pathlib import Path

from ethicsguide.storage import check_cache
from ethicsguide.storage.walkable import _walk_files, load_walkable
from ethicsguide.tui import app as app_module
from ethicsguide.tui.app import make_app
from ethicsguide.tui.screens.home import HomeScreen
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen
from tests.engine.test_walkable import CLEAN, FIXTURE, library_with_dangling_guide

from .conftest import fixed_clock, kinds, session_ids, settle


def vouched(tree: str, root: Path, data: Path, *, forge: bool = False):  # type: ignore[no-untyped-def]
    """The walkable library ``start`` gets on its second run (or from a forged cache entry)."""
    if forge:
        files = _walk_files(root, [tree])
        assert files is not None
        check_cache.remember(data, check_cache.files_key(files) or "")
    else:
        load_walkable([tree], data, root=root)  # the first run checks and records
    library = load_walkable([tree], data, root=root)
    assert library is not None and library.unchecked is not None
    return library


def app_on(library, data: Path, tree: str, root: Path):  # type: ignore[no-untyped-def]
    return make_app(
        data_dir=data,
        walkable=library,
        extra_roots=[root],
        tree=tree,
        clock=fixed_clock(),
        session_ids=session_ids(),
        blink=False,
        remember=False,
    )


async def test_a_forged_entry_for_a_broken_guide_records_no_answer(
    tmp_path, data, monkeypatch
) -> None:
    monkeypatch.setattr(app_module, "CHECK_AFTER", 60.0)  # answer before the app checks
    root = library_with_dangling_guide(tmp_path)
    app = app_on(
        vouched("dangling-request", root, data, forge=True), data, "dangling-request", root
    )
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        await pilot.press("1", *"because", "enter")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("dangling-request.yaml:" in m and "cannot go on" in m for m in messages)
        assert kinds(data) == ["started"]  # the answer waited for the checks, which refused it


async def test_a_broken_guide_found_after_drawing_sends_the_worker_home(tmp_path, data) -> None:
    root = library_with_dangling_guide(tmp_path)
    app = app_on(
        vouched("dangling-request", root, data, forge=True), data, "dangling-request", root
    )
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause(app_module.CHECK_AFTER + 0.3)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        messages = [str(n.message) for n in app._notifications]
        assert any("dangling-request.yaml:" in m and "cannot go on" in m for m in messages)
    assert not list((data / "sessions").glob("*.jsonl"))  # nothing answered: not kept


async def test_a_vouched_clean_guide_walks_as_usual(tmp_path, data) -> None:
    app = app_on(vouched(CLEAN, FIXTURE, data), data, CLEAN, FIXTURE)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        await pilot.press("2", *"no consent", "enter")
        await pilot.pause(0.5)
        await settle(pilot)
        assert not [n for n in app._notifications if n.severity == "error"]
    assert "chose" in kinds(data)
