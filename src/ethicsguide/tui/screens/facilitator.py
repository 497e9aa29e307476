"""The facilitator's view of a scenario: notes, objectives, injects, reference path, discussion."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from ethicsguide.engine.markdown import inert_markdown
from ethicsguide.engine.session import find_question
from ethicsguide.engine.training import reference_outcome, walk_reference
from ethicsguide.engine.wording import counted
from ethicsguide.tui.context import guide_app
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.scenario import Scenario

FACILITATOR_BANNER = (
    "FACILITATOR'S VIEW — for the trainer. It shows the reference path and its commentary: "
    "keep it off the trainees' screens until they have reached an outcome."
)


def _quote(text: str) -> str:
    """A label or question on one line, safe inside Markdown emphasis."""
    return " ".join(text.split()).replace("*", "\\*").replace("_", "\\_")


def facilitator_markdown(scenario: Scenario, library: Library) -> str:
    """The whole facilitator page as Markdown (scenario prose is the author's Markdown)."""
    tree = library.tree(scenario.tree)
    lookup = library.tree
    steps, _end = walk_reference(scenario, lookup)
    parts = [
        f"**Runs on the guide:** {_quote(tree.title if tree else scenario.tree)} "
        f"(`{scenario.tree}`) · {counted(len(scenario.reference), 'fork')} in the reference "
        f"path · {counted(len(scenario.injects), 'inject')}",
        "## Facilitator notes",
        inert_markdown(scenario.facilitator_notes or "") or "_(none written)_",
        "## Learning objectives",
        "\n".join(f"{i}. {o}" for i, o in enumerate(scenario.objectives, 1)),
        "## Injects (new facts, shown when the walk reaches them)",
    ]
    for inject in scenario.injects:
        node = tree.nodes.get(inject.at) if tree else None
        where = getattr(node, "ask", None) or getattr(node, "say", None) or inject.at
        parts.append(f"- **At “{_quote(where)}”** (`{inject.at}`): {inject.text.strip()}")
    if not scenario.injects:
        parts.append("_(none)_")
    parts.append("## Reference path, with commentary")
    for number, (ref, step) in enumerate(steps.items(), 1):
        question = find_question(ref, lookup)
        ask = question.ask if question else step.node
        parts.append(
            f"**{number}. {_quote(ask)}**\n\n"
            f"Reference choice: **{_quote(step.choose)}**\n\n{inert_markdown(step.commentary)}"
        )
    ends = reference_outcome(scenario, lookup)
    parts.append(f"**Ends at the outcome:** {_quote(ends)}" if ends else "")
    parts.append("## Discussion questions")
    discussion = scenario.discussion
    parts.append("\n".join(f"{i}. {q}" for i, q in enumerate(discussion, 1)) or "_(none)_")
    return "\n\n".join(p for p in parts if p)


class FacilitatorScreen(Screen[None]):
    """Read-only notes for the trainer; nothing here is recorded in any session."""

    HELP = """\
## Facilitator's view

For the trainer: facilitator notes, learning objectives, the injects and where they
land, the reference path with its commentary at each fork, and the discussion
questions. Trainees should not see this before they reach an outcome. **l** opens
the live room: counts from the sessions in the training folder as trainees walk it.
**↑ ↓ PgUp PgDn** scroll; **Escape** goes back.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "l",
            "live_room",
            "Live room",
            id="live-room",
            tooltip="Where the trainees are and how each fork splits, refreshed every few seconds",
        ),
        Binding("escape", "close", "Back", key_display="esc", id="close"),
    ]

    def __init__(self, scenario: Scenario, library: Library) -> None:
        super().__init__()
        self.scenario, self.library = scenario, library

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(FACILITATOR_BANNER, id="facilitator-banner", markup=False)
        with VerticalScroll(id="facilitator-body"):
            yield Static(self.scenario.title, id="facilitator-title", markup=False)
            yield Markdown(facilitator_markdown(self.scenario, self.library), id="facilitator")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Facilitator's view"
        self.query_one("#facilitator-body").focus()

    def action_live_room(self) -> None:
        guide_app(self).open_live_room(self.scenario.id)

    def action_close(self) -> None:
        self.dismiss()
