"""The one-widget footer and title line behave as Textual's Footer and Header did: a click on
a key does what the key does, a disabled key only rings, hovering shows the key's tooltip,
the palette hint gives way on a narrow terminal, and the title follows the screen."""

from __future__ import annotations

from typing import Any

from textual.command import CommandPalette

from ethicsguide.tui.screens.outcome import OutcomeScreen
from ethicsguide.tui.screens.sessions import SessionsScreen
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen
from ethicsguide.tui.widgets.keys_footer import FooterKey, KeysFooter
from ethicsguide.tui.widgets.title_bar import ICON_WIDTH, TitleBar

from .conftest import answer, footer_keys, settle


def key_named(screen: Any, description: str) -> FooterKey:
    (key,) = [k for k in footer_keys(screen) if k.description == description]
    return key


def drawn_footer(screen: Any) -> str:
    return str(screen.query_one(KeysFooter).render())


async def test_clicking_a_footer_key_does_what_the_key_does(build) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sessions = key_named(app.screen, "Sessions")
        await pilot.click(KeysFooter, offset=(sessions.start + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)


async def test_a_click_between_keys_or_on_a_disabled_key_does_nothing(build, monkeypatch) -> None:
    app = build(tree="teen-disclosure")
    rung: list[bool] = []
    monkeypatch.setattr(type(app), "bell", lambda self: rung.append(True))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        first = footer_keys(screen)[0]
        await pilot.click(KeysFooter, offset=(first.end, 0))  # the column between two keys
        await settle(pilot)
        assert app.screen is screen and not rung
        footer = screen.query_one(KeysFooter)
        disabled = FooterKey("h", "h", "Home", "go_home", disabled=True)
        footer.keys = (disabled,)
        await pilot.click(KeysFooter, offset=(1, 0))
        await settle(pilot)
        assert app.screen is screen and rung == [True]


async def test_hovering_a_key_shows_its_tooltip_and_highlights_only_it(build) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "1", "because")
        screen = app.screen
        assert isinstance(screen, OutcomeScreen)
        footer = screen.query_one(KeysFooter)
        plain = footer.render()
        export = key_named(screen, "Export")
        await pilot.hover(KeysFooter, offset=(export.start, 0))
        assert footer.tooltip == "Write the record as Markdown"
        hovered = footer.render()
        assert hovered.plain == plain.plain  # the same words, one key on another background
        changed = {
            x
            for x in range(len(plain.plain))
            if plain.get_style_at_offset(app.console, x)
            != hovered.get_style_at_offset(app.console, x)
        }
        assert changed == set(range(export.start, export.end))
        await pilot.hover(TitleBar, offset=(40, 0))
        assert footer.tooltip is None
        assert footer.render().plain == plain.plain


async def test_the_palette_hint_sits_at_the_right_end_and_goes_when_narrow(build) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert drawn_footer(app.screen).rstrip().endswith("▏^p palette")
        assert len(drawn_footer(app.screen)) == 120
    app = build()
    async with app.run_test(size=(70, 30)) as pilot:
        await settle(pilot)
        assert "palette" not in drawn_footer(app.screen)
        assert not any(k.palette for k in footer_keys(app.screen))


async def test_keys_too_many_for_the_line_are_cut_before_the_palette_hint(build) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeysFooter)
        long = FooterKey("x", "x", "a description far too long to fit " * 4, "bell")
        footer.keys = (long, *footer.keys)
        footer.refresh()
        drawn = drawn_footer(app.screen)
        assert len(drawn) == 120 and drawn.rstrip().endswith("▏^p palette")


async def test_the_title_follows_the_screen_and_its_icon_opens_the_palette(build) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        title = app.screen.query_one(TitleBar)
        line = str(title.render())
        assert line.startswith(" ⭘") and "ethicsguide — " in line and len(line) == 120
        app.screen.sub_title = "Another title"
        await settle(pilot)
        assert "ethicsguide — Another title" in str(title.render())
        await pilot.hover(TitleBar, offset=(1, 0))
        assert title.tooltip == "Open the command palette"
        await pilot.click(TitleBar, offset=(ICON_WIDTH + 5, 0))  # the title: nothing happens
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(TitleBar, offset=(1, 0))
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)


async def test_a_long_title_is_cut_with_an_ellipsis_between_icon_and_clock_space(build) -> None:
    app = build()
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        app.screen.sub_title = "word " * 40
        await settle(pilot)
        line = str(app.screen.query_one(TitleBar).render())
        assert len(line) == 60 and "…" in line and line.rstrip().endswith("…")
        assert len(line) - len(line.rstrip()) >= 10  # the clock's space stays clear
