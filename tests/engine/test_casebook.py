"""The casebook stays readable: an outcome with many `when` sections is not written out 2^n times."""

from __future__ import annotations

from pathlib import Path

import pytest

from ethicsguide.cli import main
from ethicsguide.engine.casebook import tree_page
from ethicsguide.engine.casebook_routes import RENDERINGS
from ethicsguide.storage.library import load_library

FACTS = ["housing", "court", "benefits", "school", "clinic", "lawyer", "embassy"]


def many_sections_tree() -> str:
    """A tree whose one outcome has seven independent sections: 128 ways to read it."""
    options = "\n".join(f"      - {{label: For the {f}, sets: [{f}]}}" for f in FACTS)
    sections = "\n".join(
        f"      - if: {f}\n        guidance: Words only for the {f}." for f in FACTS
    )
    return f"""format: 2
id: many-sections
title: Many sections
domain: general
summary: One outcome, seven independent sections.
keywords: [sections]
reviewed: "2026-11"
start: kind
nodes:
  kind:
    ask: Is it urgent?
    why: Urgency changes the order.
    tension: [autonomy, beneficence]
    options:
      - {{label: "Yes", to: who}}
      - {{label: "No", to: who}}
  who:
    ask: Who is the letter for? Choose all that apply.
    why: Each reader needs different words.
    tension: [autonomy, beneficence]
    many: true
    to: how
    options:
{options}
  how:
    ask: Will you send it or hand it over?
    why: A letter sent can be read by others.
    tension: [autonomy, beneficence]
    options:
      - {{label: Send it, to: letter}}
      - {{label: Hand it over, to: letter}}
  letter:
    outcome: Write the letter
    guidance: Say only what you know.
    actions: [Write it.]
    avoid: [Do not guess.]
    sources: [nasw-1-02]
    when:
{sections}
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("trees")
    (folder / "general").mkdir()
    (folder / "general" / "many-sections.yaml").write_text(many_sections_tree())
    return folder


@pytest.fixture(scope="module")
def library(root: Path):  # type: ignore[no-untyped-def]
    return load_library([root])


def test_each_section_is_read_but_not_every_combination_in_full(library) -> None:  # type: ignore[no-untyped-def]
    page = tree_page(library.trees["many-sections"], library)
    written = page.count("### → Write the letter (")
    assert RENDERINGS <= written <= RENDERINGS + len(FACTS)
    for fact in FACTS:
        assert f"### → Write the letter (with: `{fact}`)" in page
        assert f"> Words only for the {fact}." in page
    # the other renderings are one row each, and the page says how to see them all
    assert "### → Write the letter: 119 more combinations of its sections" in page
    assert "| `housing`; `benefits` | 4 |" in page
    assert "*1 more path reaches this outcome with this same text.*" in page
    assert "*79 more combinations, and the paths of each: " in page
    assert "`ethicsguide casebook many-sections --all -o DIR`" in page
    assert len(page) < 30_000


def test_all_writes_every_combination_with_each_of_its_paths(library) -> None:  # type: ignore[no-untyped-def]
    page = tree_page(library.trees["many-sections"], library, every_path=True)
    assert page.count("### → Write the letter (") == 2 ** len(FACTS) - 1  # none holds: no path
    assert "more combinations" not in page and "more paths reach" not in page
    everything = "### → Write the letter (with: " + "; ".join(f"`{f}`" for f in FACTS) + ")"
    assert everything in page


def test_a_path_that_begins_like_the_one_before_says_so_in_one_row(library) -> None:  # type: ignore[no-untyped-def]
    page = tree_page(library.trees["many-sections"], library)
    start = page.index("### → Write the letter (with: `housing`)")
    table = page[start : page.index("On these paths", start)].splitlines()
    assert table[4:10] == [
        "| 1 | Is it urgent? | Yes |",
        "|  | Who is the letter for? Choose all that apply. | For the housing |",
        "|  | Will you send it or hand it over? | Send it |",
        "| 2 | *the first 2 answers of path 1* | |",
        "|  | Will you send it or hand it over? | Hand it over |",
        "| 3 | Is it urgent? | No |",  # one answer in common is simply written again
    ]


def test_the_casebook_command_writes_every_combination_with_all(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for flags, combinations in (([], 8), (["--all"], 127)):
        out = tmp_path / ("all" if flags else "some")
        args = ["casebook", "many-sections", *flags, "-o", str(out), "--trees", str(root)]
        assert main(args) == 0
        assert (out / "many-sections.md").read_text().count(
            "### → Write the letter ("
        ) == combinations
