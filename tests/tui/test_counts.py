"""Counts in the training screens read as English: "1 inject", never "1 inject(s)"."""

from __future__ import annotations

from ethicsguide.engine.wording import counted
from ethicsguide.storage.library import load_library
from ethicsguide.tui.screens.facilitator import facilitator_markdown
from ethicsguide.tui.screens.scenarios import about_text


def test_counted_agrees_with_its_number() -> None:
    assert [counted(n, "inject") for n in (0, 1, 2)] == ["0 injects", "1 inject", "2 injects"]


def test_the_exercise_summaries_say_their_counts_plainly() -> None:
    library = load_library()
    scenario = library.scenarios["trafficker-has-a-new-girl"].scenario
    about = about_text(scenario, library).plain
    assert "3 forks with commentary · 1 inject · 5 discussion questions" in about
    assert "(s)" not in about and "(s)" not in facilitator_markdown(scenario, library)
