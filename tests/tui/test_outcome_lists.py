"""The outcome's lists are drawn by hand as a Rich grid drew them, and its body restyles
only itself on focus because no rule styles anything by the body's focus."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual.css.model import SelectorType

from ethicsguide.tui.screens.outcome import OutcomeBody, OutcomeScreen
from ethicsguide.tui.widgets.hanging import Hanging

from .conftest import answer, settle

CONSOLE = Console(width=120, color_system="truecolor")
WORDS = st.sampled_from(
    [
        "make",
        "the",
        "report",
        "now,",
        "then",
        "call;",
        "do",
        "not",
        "promise",
        "secrecy",
        "☐",
        "https://www.acf.hhs.gov/otip/training/soar-health-and-wellness-training",
        "—",
    ]
)
ROWS = st.lists(
    st.tuples(st.sampled_from(["☐ 1.", "✗ 10.", "•", "☐ 9."]), st.lists(WORDS, max_size=40)),
    min_size=1,
    max_size=8,
)


def cells(renderable: object, width: int) -> list[list[tuple[str, bool, bool]]]:
    """Each cell's character, boldness (of a visible character) and underline."""
    lines = CONSOLE.render_lines(renderable, CONSOLE.options.update_width(width), pad=True)
    return [
        [
            (
                ch,
                bool(seg.style and seg.style.bold) and ch != " ",
                bool(seg.style and seg.style.underline),
            )
            for seg in line
            for ch in seg.text
        ]
        for line in lines
    ]


def grid(rows: list[tuple[str, Text]]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for mark, text in rows:
        table.add_row(mark, text)
    return table


@settings(max_examples=150, deadline=None)
@given(ROWS, st.integers(min_value=12, max_value=110))
def test_hanging_draws_what_the_grid_drew(rows: list[tuple[str, list[str]]], width: int) -> None:
    """With styled spans, as the outcome's lists have (a source's address underlined)."""
    texts = []
    for mark, words in rows:
        text = Text(" ".join(words))
        text.stylize("underline", len(text) // 2)
        texts.append((mark, text))
    assert cells(Hanging(texts, overflow="ellipsis"), width) == cells(grid(texts), width)


def test_a_long_address_is_folded_whole_not_cut() -> None:
    url = "https://www.acf.hhs.gov/otip/training/soar-health-and-wellness-training-extra-long-path"
    drawn = "".join(ch for line in cells(Hanging([("•", Text(url))]), 40) for ch, _b, _u in line)
    assert url in drawn.replace(" ", "")
    assert "…" not in drawn


def test_no_rule_styles_anything_by_an_ancestors_focus_that_could_be_the_body(build) -> None:
    app = build()
    body_names = {"OutcomeBody", "VerticalScroll", "ScrollableContainer", "Widget", "*"}
    offending = []
    for rule in app.stylesheet.rules:
        for selector_set in rule.selector_set:
            for ancestor in selector_set.selectors[:-1]:
                if not ancestor.pseudo_classes & {"focus", "blur"}:
                    continue
                named = ancestor.type == SelectorType.TYPE and ancestor.name in body_names
                if (
                    named
                    or ancestor.type == SelectorType.UNIVERSAL
                    or ancestor.name == "outcome-body"
                ):
                    offending.append(selector_set.css)
    assert offending == []


async def test_the_focused_body_and_its_sections_are_styled_as_a_full_restyle_would(build) -> None:
    app = build(tree="teen-disclosure")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "1", "because")
        screen = app.screen
        assert isinstance(screen, OutcomeScreen)
        body = screen.query_one(OutcomeBody)
        assert body.has_focus
        nodes = list(body.walk_children(with_self=True))
        before = [dict(node.styles.get_rules()) for node in nodes]
        app.stylesheet.update_nodes(nodes)  # what Textual's own focus handling would do
        assert [dict(node.styles.get_rules()) for node in nodes] == before
