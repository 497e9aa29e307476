"""`resume` draws the screen a session resumes on from ``cache/resumed.json``; the real
session decides what is recorded."""

from __future__ import annotations

import itertools
import json
import re
import threading
from pathlib import Path
from typing import Any

from ethicsguide.storage import resume_picture
from ethicsguide.storage.sessions import delete_session
from ethicsguide.storage.walkable import load_walkable
from ethicsguide.tui.app import make_app
from ethicsguide.tui.home_data import library_roots
from ethicsguide.tui.screens.first_question import FirstQuestionScreen
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen

from .conftest import answer, events, fixed_clock, held_back, kinds, session_ids, settle, withdraw

TREE = "client-gift-or-friend-request"  # bundled: q1 single (2 options), q2 choose-all, q3
ROOT = library_roots(())[0]
SID = "20261130-100000-resumed"


def walked(data: Path, sid: str = SID, hour: int = 10) -> Any:
    """A `start` of TREE, as the app makes it (no cache), each with its own session id."""
    load_walkable([TREE], data)  # what the command line does first: check, record clean
    minutes = itertools.count()
    return make_app(
        data_dir=data,
        tree=TREE,
        dilemma="She offered me a gift card",
        clock=lambda: f"2026-11-30T{hour:02d}:{next(minutes):02d}:00Z",
        session_ids=session_ids(sid),
        blink=False,
        remember=False,
    )


def resumed(data: Path, view: dict[str, Any] | None, *, newest: bool = False) -> Any:
    """The app as `resume` makes it with a cached screen (``view``)."""
    return make_app(
        data_dir=data,
        resume=session_file(data),
        first_question=view,
        newest=newest,
        clock=fixed_clock(),
        blink=False,
        remember=False,
    )


def session_file(data: Path, sid: str = SID) -> Path:
    return data / "sessions" / f"{sid}.jsonl"


async def tick_and_reason(pilot, digit: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    """At a choose-all question: tick ``digit``, confirm, give the reason."""
    await pilot.press(digit, "enter")
    await settle(pilot)
    await answer(pilot, "", reason)


async def walk_to_question_2_with_a_withdrawal(data: Path) -> dict[str, Any]:
    """q1 "No", q2 "Money", withdrawn: back at q2 with the withdrawn answer beside it."""
    app = walked(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "nothing in it sounds like a crisis")
        await tick_and_reason(pilot, "2", "she offered cash")
        await withdraw(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        assert app.screen.question is not None
        assert app.screen.question.ask.startswith("What has the client offered")
    return remembered(data)


def remembered(data: Path) -> dict[str, Any]:
    for _ in range(100):  # written by a thread as the walkthrough closes
        view = resume_picture.lookup(data, ROOT, session_file(data))
        if view is not None:
            return view
        threading.Event().wait(0.05)
    raise AssertionError("no picture was remembered")


def reasons(data: Path) -> list[str]:
    return [e["text"] for e in events(data, SID) if e["type"] == "reasoned"]


def said(app) -> str:  # type: ignore[no-untyped-def]
    """The "resumed at" line above the conversation ("" while hidden)."""
    line = app.screen.query_one("#resumed")
    return str(line.render()).split(" PgUp")[0] if line.display else ""


def screenshot(app) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"terminal-\d+", "", app.export_screenshot())


async def test_the_cached_screen_looks_exactly_like_the_resumed_one(data) -> None:
    """The conversation, the withdrawn answer, the path and the note: the swap to the real
    walkthrough changes nothing on the terminal, at a narrow size and a wide one."""
    view = await walk_to_question_2_with_a_withdrawal(data)
    assert view["number"] == 2 and view["again"] == [1] and len(view["here"]) == 1
    for size in ((80, 24), (120, 40)):
        app = resumed(data, view)
        go = held_back(app)
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.5)
            assert isinstance(app.screen, FirstQuestionScreen)
            cached = screenshot(app)
            assert said(app) == f"↻ Session {SID} resumed at question 2, with 1 answer so far."
            go.set()
            await settle(pilot)
            assert isinstance(app.screen, WalkthroughScreen)
            assert screenshot(app) == cached
            assert not app._notifications  # no passing notice: the line is part of the screen


async def test_a_burst_typed_at_the_cached_screen_is_recorded_at_its_question(data) -> None:
    view = await walk_to_question_2_with_a_withdrawal(data)
    app = resumed(data, view)
    go = held_back(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "enter", *"because she wants to add me on Facebook", "enter")
        assert isinstance(app.screen, FirstQuestionScreen)  # all of it typed before the load
        go.set()
        await settle(pilot)
        state = app.screen.session.state
        assert [c.picks for c in state.active] == [(1,), (2,)]
        assert said(app) == ""  # gone once the worker is under way
    assert reasons(data)[-1] == "because she wants to add me on Facebook"


async def test_a_picture_of_another_screen_is_replaced_and_no_key_typed_at_it_counts(
    data,
) -> None:
    view = await walk_to_question_2_with_a_withdrawal(data)
    before = kinds(data, SID)
    for forged in (
        {**view, "ask": "Is everything fine?"},
        {**view, "number": 5},
        {**view, "bubbles": view["bubbles"][:-1]},
    ):
        app = resumed(data, forged)
        go = held_back(app)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("1", "enter", *"because", "enter")
            assert isinstance(app.screen, FirstQuestionScreen)
            go.set()
            await settle(pilot)
            assert isinstance(app.screen, WalkthroughScreen)
            assert app.screen.question is not None
            assert app.screen.question.ask == view["ask"]
            assert "resumed at question 2" in said(app)  # by the real screen
        assert kinds(data, SID) == before  # nothing typed at the forged screen counts


async def test_an_answer_recorded_since_makes_the_picture_void(data) -> None:
    await walk_to_question_2_with_a_withdrawal(data)
    with session_file(data).open("a") as log:  # as another program (or version) adding a line
        log.write('{"type": "noted", "text": "x"}\n')
    assert resume_picture.lookup(data, ROOT, session_file(data)) is None


async def test_the_newest_session_guessed_wrong_opens_the_real_newest(data) -> None:
    view = await walk_to_question_2_with_a_withdrawal(data)
    later = "20261130-110000-later"
    app = walked(data, later, hour=11)  # updated later: `resume` alone means this one
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "no crisis")
    app = resumed(data, view, newest=True)  # as if the guess were the older one
    go = held_back(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "enter", *"because", "enter")
        go.set()
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        assert app.screen.session.state.id == later
    assert kinds(data, SID)[-1] == "went-back"  # the guessed one: untouched
    assert kinds(data, later)[-1] == "reasoned"  # nothing typed at the wrong picture counts


async def test_an_outcome_or_nothing_answered_is_not_pictured(data) -> None:
    app = walked(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "1", "she says she will hurt herself")
        assert not isinstance(app.screen, WalkthroughScreen)  # the outcome is on top
    threading.Event().wait(0.5)
    assert resume_picture.lookup(data, ROOT, session_file(data)) is None


def picture(data: Path) -> Path:
    return resume_picture.picture_file(session_file(data))


def forge(data: Path, entry: Any) -> None:
    picture(data).write_text(json.dumps({resume_picture.PICTURE_KEY: entry}))


async def test_a_forged_picture_is_ignored_whole(data) -> None:
    view = await walk_to_question_2_with_a_withdrawal(data)
    entry = json.loads(picture(data).read_text())[resume_picture.PICTURE_KEY]
    bubble = view["bubbles"][0]
    for bad in (
        {**view, "bubbles": [[bubble[0], bubble[1] + "\x1b[2J", bubble[2]]]},  # escape code
        {**view, "bubbles": [[bubble[0], "Safe \u202etrop\u202c", []]]},  # bidi override
        {**view, "bubbles": [[bubble[0], bubble[1], [[0, 4, "link http://x"]]]]},  # a style
        {**view, "bubbles": [[bubble[0], "ab", [[0, 9, "bold"]]]]},  # a span past the text
        {**view, "bubbles": [["bubble <script>", bubble[1], []]]},  # classes not ours
        {**view, "crumbs": []},
        {**view, "banner": ["\x9b31m"]},  # a C1 control
        {**view, "again": [True]},
        {**view, "back": "yes"},
        {**view, "extra": 1},
    ):
        forge(data, {**entry, "view": bad})
        assert resume_picture.lookup(data, ROOT, session_file(data)) is None, bad
    forge(data, {**entry, "files": ["/etc/passwd"]})
    assert resume_picture.lookup(data, ROOT, session_file(data)) is None
    forge(data, entry)
    assert resume_picture.lookup(data, ROOT, session_file(data)) == view


async def test_the_picture_is_private_and_goes_with_its_session(data) -> None:
    """It holds the worker's words: 0600 beside the session, and deleting the session
    overwrites and removes it too."""
    await walk_to_question_2_with_a_withdrawal(data)
    assert picture(data).stat().st_mode & 0o777 == 0o600
    assert "she offered cash" in picture(data).read_text()  # (the withdrawn answer's reason)
    before = picture(data).open("rb")  # to see the bytes overwritten, not only unlinked
    delete_session(session_file(data))
    assert not picture(data).exists()
    assert b"she offered cash" not in before.read()
    before.close()
