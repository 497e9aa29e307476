"""A dialog's footer shows the keys that act in it now, and those keys do what it says."""

from __future__ import annotations

from typing import Any

from ethicsguide.tui.dialogs.whatif import WhatIfDialog
from ethicsguide.tui.screens.help import HelpScreen
from ethicsguide.tui.screens.outcome import OutcomeScreen
from ethicsguide.tui.widgets.keys_footer import KeysFooter

from .conftest import answer, footer_labels, settle


def footer_keys(app: Any) -> list[str]:
    """``"⏎ Next"``…: the keys drawn in the top screen's own footer (none if it has none)."""
    footers = list(app.screen.query(KeysFooter))
    if not footers:
        return []
    return footer_labels(app.screen)


async def test_what_if_footer_shows_enter_on_each_field_and_enter_does_it(build, data) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "")
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WhatIfDialog)
        assert app.focused is not None and app.focused.id == "forks"
        assert "⏎ Next" in footer_keys(app)  # was missing: the list's own Enter hid it
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "alternatives"
        assert "⏎ Next" in footer_keys(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "what-if-note"
        keys = footer_keys(app)
        assert "⏎ Record" in keys and "⏎ Next" not in keys
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, WhatIfDialog)
        assert len(app.screen.session.state.what_ifs) == 1  # type: ignore[attr-defined]


async def test_help_over_the_outcome_shows_its_own_keys(build, data) -> None:
    app = build(tree="records-request")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "no consent on file")
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = footer_keys(app)  # was none: the outcome's footer showed beneath the help
        assert "esc Close help" in keys
        assert not {"d Decision", "b Back", "w What if", "f1 Help"} & set(keys)
        # the bottom line is help's own footer, not the outcome's showing through
        bottom = app.screen.get_widget_at(1, app.size.height - 1)[0]
        assert bottom.screen is app.screen
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OutcomeScreen)
