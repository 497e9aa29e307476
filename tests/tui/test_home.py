"""Pilot tests of the home screen: library by area, ranking as you type, problems, recent sessions."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList

from ethicsguide.tui.screens.home import HomeScreen
from ethicsguide.tui.screens.problems import ProblemsScreen
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen
from ethicsguide.tui.widgets.marked_list import MarkedList
from tests.drive import type_text

from .conftest import answer, events, saved_session, settle


def option_texts(options: MarkedList) -> list[str]:
    return [options.plain(i) for i in range(options.option_count)]


def enabled_ids(options: OptionList) -> list[str | None]:
    found = [options.get_option_at_index(i) for i in range(options.option_count)]
    return [o.id for o in found if not o.disabled]


async def test_library_is_grouped_by_area_with_counts(build) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        library = app.screen.query_one("#library", MarkedList)
        texts = option_texts(library)
        assert "── Reporting · 1 ──" in texts
        assert "── Service provision · 1 ──" in texts
        assert "── General · 1 ──" in texts
        assert library.border_title == "Guides · 4 in 4 areas"
        assert enabled_ids(library) == ["teen-disclosure", "housing-referral", "records-request"]


async def test_broken_guides_are_listed_with_their_problems_never_hidden(build) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        texts = option_texts(app.screen.query_one("#library", MarkedList))
        assert any("A tree with mistakes" in t and "cannot be used: 2 errors" in t for t in texts)
        files = option_texts(app.screen.query_one("#problem-files", MarkedList))
        assert files == ["⚠ 2 errors in\ntests/tui/fixtures/library/general/broken-tree.yaml"]
        await pilot.press("tab", "tab", "tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        table = app.screen.query_one("#problems", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [r[1] for r in rows] == [
            "tests/tui/fixtures/library/general/broken-tree.yaml:12:25",
            "tests/tui/fixtures/library/general/broken-tree.yaml:15:13",
        ]
        assert rows[0][0] == "▶" and rows[1][2] == "✗ error" and "nowhere" in rows[1][4]
        await pilot.press("w")
        await pilot.pause()
        severities = [table.get_row_at(i)[2] for i in range(table.row_count)]
        assert severities == ["✗ error", "✗ error", "△ warning", "△ warning"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_describing_the_dilemma_ranks_guides_as_you_type(build) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_text(pilot, "detective wants the file")
        await settle(pilot)
        library = app.screen.query_one("#library", MarkedList)
        assert library.border_title.startswith("Best matches")
        assert enabled_ids(library)[0] == "records-request"
        assert "matched: detective, file" in option_texts(library)[0]


async def test_enter_starts_the_best_match_with_the_description_kept(build, data: Path) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_text(pilot, "runaway teen")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#library")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
    first = events(data)[0]
    assert (first["tree"], first["dilemma"]) == ("teen-disclosure", "runaway teen")


async def test_escape_clears_the_description(build) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_text(pilot, "nothing matches zzz")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#describe", Input).value == ""
        assert app.screen.query_one("#library", MarkedList).border_title.startswith("Guides ·")


async def test_sessions_and_problems_open_while_typing_with_ctrl_keys(build) -> None:
    from ethicsguide.tui.screens.sessions import SessionsScreen

    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_text(pilot, "sofa ps")  # s and p are words here, not commands
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#describe", Input).value == "sofa ps"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)


async def test_recent_session_resumes_at_the_exact_next_question(build, data, tui_library) -> None:
    saved_session(data, tui_library, "teen-disclosure", [(1, "safe for now"), (1, "she is 19")])
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        recent = app.screen.query_one("#recent", MarkedList)
        assert "… in progress" in option_texts(recent)[0]
        recent.focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        assert (
            screen.question is not None
            and screen.question.ask == "What does she want to happen next?"
        )
        assert [c.reasoning for c in screen.session.state.active] == ["safe for now", "she is 19"]


async def test_coming_home_keeps_focus_where_it_was_so_keys_act_the_same(build, data) -> None:
    from ethicsguide.tui.screens.sessions import SessionsScreen

    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # into the guides
        await settle(pilot)
        library = app.screen.query_one("#library", MarkedList)
        assert app.focused is library
        await pilot.press("enter")  # open the first guide
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        await answer(pilot, "2", "safe")
        await pilot.press("escape", "y")  # leave it
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.focused is library
        await pilot.press("down", "s")  # a quick move and a key: it acts, nothing is typed
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.focused is library
        assert app.screen.query_one("#describe", Input).value == ""
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)


async def test_coming_home_to_an_emptied_describe_box_lands_on_the_list(build) -> None:
    from ethicsguide.tui.screens.sessions import SessionsScreen

    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one("#describe", Input)
        await type_text(pilot, "police")
        await pilot.press("ctrl+s")  # sessions, straight from the describe box
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("escape")
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.query_one("#describe", Input).value == ""  # the box is cleared on return
        assert app.focused is home.query_one("#library", MarkedList)
        await pilot.press("s")  # so a plain key acts instead of being typed into the box
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        assert home.query_one("#describe", Input).value == ""
        await pilot.press("escape", "tab")  # from the recent sessions list, and back
        await settle(pilot)
        recent = home.query_one("#recent", MarkedList)
        assert app.focused is recent
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is recent


async def test_a_library_without_problems_does_not_offer_the_problems_key(data: Path) -> None:
    from ethicsguide.storage.library import load_library

    from .conftest import app_for, footer_keys

    app = app_for(load_library(), data)  # the bundled library has no problems
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.data is not None and not app.screen.data.problems
        assert "Problems" not in {k.description for k in footer_keys(app.screen)}
