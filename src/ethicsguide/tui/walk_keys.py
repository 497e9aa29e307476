"""The walkthrough's keys, apart from its screen: its first question draws before the engine."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# The keys both the walkthrough and the outcome offer for what ``WalkExtras`` does: a
# note, and leaving (Esc asks first; h goes at once). Note is kept out of the footer.
WALK_KEYS: list[BindingType] = [
    Binding("n", "note", "Note", show=False, id="note", tooltip="Add a note to the record here"),
    Binding(
        "escape",
        "leave",
        "Home",
        key_display="esc",
        id="leave",
        tooltip="Back to the home screen, after asking (everything is saved)",
    ),
    Binding("h", "home", "Home", show=False, id="home", tooltip="Back to the home screen (saved)"),
]


def choose_bindings() -> list[BindingType]:
    """Digits and Enter choose as priority keys: the app runs them in typing order, before
    the keys typed after them, so those can wait for the reason box (see ``TypeAhead``)."""
    digits: list[BindingType] = [
        Binding(
            str(n),
            f"choose({n - 1})",
            "Choose",
            show=n == 1,
            key_display="1-9",
            id=f"choose-{n}",
            tooltip="Pick this option and give your reasoning",
            priority=True,
        )
        for n in range(1, 10)
    ]
    # At a choose-all-that-apply question the digits tick instead; the option list's
    # "Tick space/1-9" already says so, so these have no id or description: they stay out
    # of the footer, the help and the command palette.
    ticks: list[BindingType] = [
        Binding(str(n), f"tick({n - 1})", "", show=False, priority=True) for n in range(1, 10)
    ]
    # Enter on the options, early; no description: the option list's own Enter is the one shown
    enter = Binding("enter", "choose_highlighted", "", show=False, id="choose-now", priority=True)
    # At a choose-all question Enter answers with the ticked options, early too (a message
    # from the option list would come after the keys typed next); shown in the list's place
    confirm = Binding(
        "enter",
        "confirm_ticked",
        "Confirm",
        id="confirm-ticked",
        tooltip="Answer with every ticked option",
        priority=True,
    )
    return [*digits, *ticks, enter, confirm]


# The walkthrough's own keys (``WalkthroughScreen`` and the first question drawn from the cache)
WALKTHROUGH_KEYS: list[BindingType] = [
    *choose_bindings(),
    Binding(
        "enter,c,space",
        "continue",
        "Continue",
        key_display="enter",
        id="continue",
        tooltip="Go on past the guide's message",
    ),
    Binding(
        "b",
        "back",
        "Back",
        id="back",
        tooltip="Withdraw your last answer, after asking (it stays in the record, withdrawn)",
    ),
    Binding(
        "w",
        "what_if",
        "What if",
        id="what-if",
        tooltip="Look at another answer to an earlier fork without changing your path",
    ),
    Binding("e", "explain", "Why?", id="explain", tooltip="Show or hide why this question matters"),
    Binding(
        "m,f6", "map", "Map", key_display="m", id="map", tooltip="The whole guide as an outline"
    ),
    # Export is in the help and the palette (and the outcome's footer): at 80 columns the
    # footer keeps its room for the keys a question needs.
    Binding(
        "ctrl+e",
        "export",
        "Export",
        show=False,
        id="export",
        tooltip="Write the record as Markdown",
    ),
    *WALK_KEYS,
    Binding("pageup", "page(-1)", "Scroll up", show=False, id="scroll-up"),
    Binding("pagedown", "page(1)", "Scroll down", show=False, id="scroll-down"),
]
