"""Help, the command palette, high contrast, and keys that stay stable for remapping."""

from __future__ import annotations

from textual.widgets import Static

from ethicsguide.tui.app import HIGH_CONTRAST
from ethicsguide.tui.commands import GuideCommands
from ethicsguide.tui.dialogs.confirm import ConfirmDialog
from ethicsguide.tui.screens.help import HelpScreen, key_rows
from ethicsguide.tui.screens.walkthrough import WalkthroughScreen
from tests.drive import type_text

from .conftest import answer, kinds, settle, withdraw

STABLE_IDS = {
    "choose-1",
    "continue",
    "back",
    "what-if",
    "explain",
    "map",
    "export",
    "note",
    "home",
    "record-reasoning",
    "cancel-reasoning",
    "final-decision",
    "start-another",
    "quit",
    "help",
    "high-contrast",
    "resume",
    "review",
    "delete",
    "describe",
}


def binding_ids() -> set[str]:
    from ethicsguide.tui.app import EthicsGuideApp
    from ethicsguide.tui.dialogs.reasoning import ReasoningDialog
    from ethicsguide.tui.screens.home import HomeScreen
    from ethicsguide.tui.screens.outcome import OutcomeScreen
    from ethicsguide.tui.screens.sessions import SessionsScreen

    classes = (
        EthicsGuideApp,
        WalkthroughScreen,
        ReasoningDialog,
        OutcomeScreen,
        SessionsScreen,
        HomeScreen,
    )
    return {b.id for cls in classes for b in cls.BINDINGS if hasattr(b, "id") and b.id}


def test_binding_ids_are_stable() -> None:
    assert binding_ids() >= STABLE_IDS


async def test_f1_explains_the_focused_part_and_lists_the_keys(build) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "Back" not in {desc for _keys, desc, _tip in key_rows(app, app.screen)}
        await answer(pilot, "2", "")
        rows = {desc: keys for keys, desc, _tip in key_rows(app, app.screen)}
        assert rows["Choose"] == "1–9"
        assert rows["Back"] == "b"  # Backspace never withdraws an answer
        assert "Continue" not in rows  # hidden while there is nothing to continue past
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.markdown
        assert text.startswith("## Options")  # the focused option list explains itself first
        assert "- **b** — Back: Withdraw your last answer" in text and "## All keys" in text
        assert "## Walkthrough" in text
        assert app.screen.query_one("#help-text", Static)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)


async def test_palette_lists_enabled_actions_with_their_keys(build) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        provider = GuideCommands(app.screen)
        titles = {title: help_text for title, help_text, _cb in provider.screen_commands()}
        assert titles["Choose an option"].startswith("key: 1–9")
        assert titles["Map"].startswith("key: m or f6")
        assert "Back" not in titles  # nothing to go back to yet
        assert any(t.startswith("Open guide: The police") for t, _h, _c in provider.commands())


async def test_palette_runs_an_action(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "first")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "back")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmDialog)  # the palette's Back asks first, like b
        question.opened -= question.SETTLE
        await pilot.press("y")
        await settle(pilot)
    assert kinds(data)[-1] == "went-back"


async def test_high_contrast_toggles(build) -> None:
    app = build()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "textual-dark"


async def test_theme_and_keymap_are_remembered(tui_library, data) -> None:
    import json

    from ethicsguide.tui.app import make_app

    data.mkdir(parents=True)
    (data / "tui.json").write_text(
        json.dumps({"theme": HIGH_CONTRAST.name, "keymap": {"back": "z"}})
    )
    app = make_app(
        data_dir=data,
        library=tui_library,
        tree="teen-disclosure",
        blink=False,
        session_ids=lambda: "20261126-100000-test",
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.theme == HIGH_CONTRAST.name
        await answer(pilot, "2", "")
        await withdraw(pilot, "z")
        await pilot.press("ctrl+t")
        await settle(pilot)
    assert kinds(data)[-1] == "went-back"
    assert json.loads((data / "tui.json").read_text())["theme"] == "textual-dark"
