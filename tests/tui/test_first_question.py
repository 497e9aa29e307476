"""`start` draws a guide's first question from ``cache/first.json``; the real walk decides."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from ethicsguide.storage import first_question
from ethicsguide.storage.walkable import _walk_files, load_walkable
from ethicsguide.tui.app import make_app
from ethicsguide.tui.home_data import library_roots
from ethicsguide.tui.screens.first_question import FirstQuestionScreen
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen

from .conftest import LIBRARY, events, fixed_clock, held_back, kinds, session_ids, settle

TREE = "client-gift-or-friend-request"  # bundled; its first question has two options
ROOT = library_roots(())[0]


OPENED = iter(range(1, 100))


def app_for(data: Path, first: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    """The app as `start TREE` makes it, each time with a session id of its own."""
    return make_app(
        data_dir=data,
        tree=TREE,
        first_question=first,
        clock=fixed_clock(),
        session_ids=session_ids(f"20261126-100000-first{next(OPENED)}"),
        blink=False,
        remember=False,
    )


async def remembered(data: Path) -> dict[str, Any]:
    """The first `start` (no cache): as before, and it remembers the first question."""
    load_walkable([TREE], data)  # what the command line does first: check, record clean
    app = app_for(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        await settle(pilot)
    view = first_question.lookup(data, ROOT, TREE)
    assert view is not None
    return view


def reasons(data: Path, sid: str) -> list[str]:
    return [e["text"] for e in events(data, sid) if e["type"] == "reasoned"]


async def test_the_first_start_remembers_its_question_and_the_next_draws_it(data) -> None:
    view = await remembered(data)
    assert view["ask"].startswith("Did the message or offer come with any sign")
    assert [o["label"] for o in view["options"]][1] == "No"
    app = app_for(data, view)
    go = held_back(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", *"because we know him best", "enter")  # before the walk loads
        assert isinstance(app.screen, FirstQuestionScreen)
        go.set()
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        sid = app.screen.session.state.id
        assert [c.option for c in app.screen.session.state.active] == [1]  # "No"
    assert reasons(data, sid) == ["because we know him best"]


async def test_a_forged_question_draws_the_real_one_and_uses_no_key_typed_at_it(data) -> None:
    view = await remembered(data)
    for forged in (
        {**view, "ask": "Is everything fine?"},
        {**view, "options": [*view["options"], {**view["options"][0], "label": "Maybe"}]},
    ):
        app = app_for(data, forged)
        go = held_back(app)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("2", *"because", "enter")
            assert isinstance(app.screen, FirstQuestionScreen)
            go.set()
            await settle(pilot)
            assert isinstance(app.screen, WalkthroughScreen)
            sid = app.screen.session.state.id
            assert app.screen.question is not None
            assert app.screen.question.ask == view["ask"]
            assert len(app.screen.question.options) == len(view["options"])
        assert kinds(data, sid) == ["started"]  # nothing typed at the forged question counts
        assert first_question.lookup(data, ROOT, TREE) == view  # the cache is set right


def library_copy(tmp_path: Path, data: Path) -> tuple[Path, list[str]]:
    root = tmp_path / "library"
    shutil.copytree(LIBRARY, root)
    load_walkable(["teen-disclosure"], data, root=root)
    files = _walk_files(root, ["teen-disclosure"])
    assert files is not None
    loaded = [files.principles, files.sources, *files.trees]
    return root, sorted(str(f.path) for f in loaded if f is not None)


VIEW = {
    "title": "A teen discloses",
    "ask": "Is she safe tonight?",
    "many": False,
    "says_choose_all": False,
    "why": None,
    "options": [
        {"label": "Yes", "note": None, "alone": False, "upholds": [], "strains": []},
        {"label": "No", "note": None, "alone": False, "upholds": [], "strains": []},
    ],
    "tension": [],
    "principles": {},
    "crumb": "Safety",
    "left": [1, 3],
}


def test_an_entry_counts_only_while_its_files_are_unchanged(tmp_path, data) -> None:
    root, files = library_copy(tmp_path, data)
    first_question.remember(data, root, "teen-disclosure", files, VIEW)
    assert first_question.lookup(data, root, "teen-disclosure") == VIEW
    mode = (first_question.cache_file(data).stat().st_mode & 0o777, data.stat().st_mode & 0o777)
    assert mode[0] == 0o600
    tree = next(f for f in files if f.endswith("teen-disclosure.yaml"))
    Path(tree).write_text(Path(tree).read_text() + "\n# edited\n")
    assert first_question.lookup(data, root, "teen-disclosure") is None


def forge(data: Path, entry: Any) -> None:
    first_question.cache_file(data).write_text(json.dumps({"teen-disclosure": entry}))


def test_a_forged_file_is_ignored_whole(tmp_path, data) -> None:
    root, files = library_copy(tmp_path, data)
    first_question.remember(data, root, "teen-disclosure", files, VIEW)
    good = {"files": files, "view": VIEW}
    escape = {**VIEW, "ask": "Safe?\x1b]52;c;cm0gLXJmIH4=\x07"}
    c1 = {**VIEW, "options": [{**VIEW["options"][0], "label": "Yes\x9b2J"}, VIEW["options"][1]]}
    ten = {**VIEW, "options": VIEW["options"] * 5}
    bidi = {**VIEW, "ask": "Report \u202eti tsum\u202c?"}
    for entry in (
        {**good, "view": escape},  # an escape sequence (here: write the clipboard)
        {**good, "view": c1},  # a C1 control
        {**good, "view": bidi},  # a bidi override: the question would read reversed
        {**good, "view": ten},  # more options than keys
        {**good, "view": {**VIEW, "extra": 1}},  # not our shape
        {**good, "view": {**VIEW, "left": [1, True]}},
        {**good, "files": [*files, "/etc/passwd"]},  # a file outside the library
        {**good, "files": ["/dev/zero"]},
        [good],
    ):
        forge(data, entry)
        assert first_question.lookup(data, root, "teen-disclosure") is None, entry
    forge(data, good)
    assert first_question.lookup(data, root, "teen-disclosure") == VIEW
    padded = json.dumps({"teen-disclosure": good, "pad": "x" * first_question.MAX_BYTES})
    first_question.cache_file(data).write_text(padded)
    assert first_question.lookup(data, root, "teen-disclosure") is None  # too large: not ours


def test_an_entry_the_check_cache_does_not_vouch_for_is_ignored(tmp_path, data) -> None:
    root, files = library_copy(tmp_path, data)
    first_question.remember(data, root, "teen-disclosure", files, VIEW)
    (data / "cache" / "checked.json").write_text('{"clean": []}')
    assert first_question.lookup(data, root, "teen-disclosure") is None


def screenshot(app) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"terminal-\d+", "", app.export_screenshot())


async def test_the_cached_question_looks_exactly_like_the_real_one(data) -> None:
    """Replacing it with the real walkthrough changes nothing on the terminal."""
    view = await remembered(data)
    app = make_app(
        data_dir=data,
        tree=TREE,
        dilemma="She asked me to keep a gift card",
        first_question=view,
        session_ids=session_ids(f"20261126-100000-first{next(OPENED)}"),
        blink=False,
        remember=False,
    )
    go = held_back(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        assert isinstance(app.screen, FirstQuestionScreen)
        cached = screenshot(app)
        go.set()
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        assert screenshot(app) == cached
