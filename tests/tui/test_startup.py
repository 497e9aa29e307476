"""Start-up: the first frame is complete (footer keys, layout for the width), the bare command
skips the parser, and garbage collection is paused only while the app starts."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input

from ethicsguide import cli
from ethicsguide.tui.app import GC_RESUME_AFTER
from ethicsguide.tui.breakpoints import NARROW_WIDE, SHORT_TALL, apply_width_class
from ethicsguide.tui.screens.home import HomeScreen
from ethicsguide.tui.widgets.keys_footer import FooterKey, KeysFooter
from tests.drive import wait_until

from .conftest import footer_labels, settle


@pytest.fixture
def gc_restored() -> Iterator[None]:
    """Whatever a test does to the collector, the next test finds it on and unfrozen."""
    yield
    gc.enable()
    gc.unfreeze()


def footer_text(app: App[Any]) -> str:
    return " ".join(footer_labels(app.screen))


class FooterProbe(App[None]):
    """A text box (with its own shown key) above the footer under test."""

    BINDINGS = [("f5", "bell", "Ring")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield Input()
        yield KeysFooter()

    def on_ready(self) -> None:  # Ready comes right after the first frame is drawn
        self.keys_at_first_frame = footer_text(self)


async def test_footer_keys_are_there_with_the_first_frame() -> None:
    app = FooterProbe()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Ring" in app.keys_at_first_frame
        assert app.keys_at_first_frame == footer_text(app)


async def test_footer_is_rebuilt_only_when_its_keys_change(build) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeysFooter)
        keys = footer.keys
        assert "Describe" in footer_text(app) and "Review" not in footer_text(app)
        app.screen.refresh_bindings()  # nothing it shows has changed
        await settle(pilot)
        assert footer.keys is keys
        app.screen.query_one("#library").focus()  # the describe box's ↓ key goes away
        await settle(pilot)
        assert "To the list" not in footer_text(app) and "Describe" in footer_text(app)


async def test_home_draws_its_footer_and_narrow_layout_in_the_first_frame(
    build, monkeypatch
) -> None:
    from ethicsguide.tui.app import EthicsGuideApp

    seen: dict[str, object] = {}
    ready, mounted = EthicsGuideApp.on_ready, HomeScreen.on_mount

    def first_frame(self: EthicsGuideApp) -> None:  # Ready comes right after the first frame
        seen["keys"] = footer_text(self)
        ready(self)

    def before_layout(self: HomeScreen) -> None:  # mounted, not yet laid out or resized
        seen["narrow"] = self.has_class("-narrow")
        mounted(self)

    monkeypatch.setattr(EthicsGuideApp, "on_ready", first_frame)
    monkeypatch.setattr(HomeScreen, "on_mount", before_layout)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Quit" in str(seen["keys"]) and "Help" in str(seen["keys"])
        assert seen["narrow"] is True
        assert not app.screen.query_one("#about").display  # the narrow layout hides it


@pytest.mark.parametrize(
    ("width", "narrow", "wide"), [(0, True, False), (99, True, False), (100, False, True)]
)
def test_width_class_matches_textual_breakpoints(width: int, narrow: bool, wide: bool) -> None:
    classes: dict[str, bool] = {}
    screen = SimpleNamespace(
        HORIZONTAL_BREAKPOINTS=NARROW_WIDE,
        VERTICAL_BREAKPOINTS=SHORT_TALL,
        app=SimpleNamespace(size=SimpleNamespace(width=width, height=24)),
        update_classes=classes.update,
    )
    apply_width_class(screen)
    assert classes == {"-narrow": narrow, "-wide": wide, "-short": True, "-tall": False}


def test_bare_command_opens_home_without_parsing(monkeypatch, data, gc_restored) -> None:
    from ethicsguide.cli import parser
    from ethicsguide.tui.app import EthicsGuideApp

    def no_parser() -> None:
        raise AssertionError("the bare command must not build the argument parser")

    seen: dict[str, object] = {}

    def fake_run(self: EthicsGuideApp) -> None:
        seen.update(opening=self.opening, gc_during_start=gc.isenabled(), data=self.context)

    monkeypatch.setattr(parser, "build_parser", no_parser)
    monkeypatch.setattr(EthicsGuideApp, "run", fake_run)
    assert cli.main([]) == 0
    assert seen["opening"] == type(seen["opening"])()  # home: no tree, session or exercise
    assert seen["gc_during_start"] is False
    assert seen["data"].data_dir == data  # type: ignore[attr-defined]
    assert gc.isenabled()


def test_other_commands_run_with_the_collector_on(monkeypatch, capsys, gc_restored) -> None:
    from ethicsguide.cli import cmd_list

    seen = {}
    monkeypatch.setattr(cmd_list, "run", lambda args: seen.setdefault("gc", gc.isenabled()) and 0)
    assert cli.main(["list"]) == 0
    assert seen["gc"] is True
    assert cli.main(["--version"]) == 0 and "ethicsguide" in capsys.readouterr().out
    assert gc.isenabled()
    assert cli.main(["no-such-command"]) == 2
    assert gc.isenabled()


async def test_app_turns_the_collector_back_on_once_drawn(build, gc_restored) -> None:
    gc.disable()  # as the CLI leaves it while the app starts
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # a timer turns it back on GC_RESUME_AFTER s after the first frame
        await wait_until(pilot, gc.isenabled, timeout=GC_RESUME_AFTER + 5, what="gc back on")


async def test_opening_on_a_walkthrough_turns_the_collector_back_on_once_it_is_drawn(
    build, gc_restored
) -> None:
    from ethicsguide.tui.app import OpeningScreen
    from ethicsguide.tui.screens.walkthrough import WalkthroughScreen

    gc.disable()  # as the CLI leaves it while the app starts
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen_stack[0], OpeningScreen)  # no home behind the question
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        await wait_until(pilot, gc.isenabled, timeout=GC_RESUME_AFTER + 5, what="gc back on")


async def test_start_builds_its_footer_once_with_the_keys_its_question_offers(
    build, monkeypatch
) -> None:
    """``start TREE``: the walkthrough's footer is built once, with the keys its first
    question offers ("e Why?" used to arrive a frame after the question, redrawing the
    footer, and the screen was not settled until then)."""
    from ethicsguide.tui.screens.walkthrough import WalkthroughScreen

    footers: list[str] = []
    build_keys = KeysFooter._build_keys

    def built(self: KeysFooter) -> tuple[FooterKey, ...]:
        keys = build_keys(self)
        if isinstance(self.screen, WalkthroughScreen):
            footers.append(" ".join(key.label for key in keys))
        return keys

    monkeypatch.setattr(KeysFooter, "_build_keys", built)
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        assert app.screen.question is not None
    assert len(footers) == 1, footers
    assert "1-9 Choose" in footers[0] and "e Why?" in footers[0]
