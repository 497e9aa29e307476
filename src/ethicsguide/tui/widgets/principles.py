"""The side panel: principles in tension at this fork, and what the highlighted option does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

if TYPE_CHECKING:
    from ethicsguide.engine.models import Option, Principle


def principle_line(pid: str, principles: Mapping[str, Principle]) -> Text:
    found = principles.get(pid)
    text = Text("• ")
    text.append(found.name if found else pid, style="bold")
    if found:
        text.append(f" — {found.short}")
    return text


def option_effects(number: int, option: Option, principles: Mapping[str, Principle]) -> Text:
    """``Option 2 upholds + Autonomy; strains − Beneficence`` (signs as well as words)."""
    text = Text.assemble((f"Option {number}: ", "bold"))
    text.append(option.label)
    for word, sign, ids in (("upholds", "+", option.upholds), ("strains", "−", option.strains)):
        names = ", ".join(_name(p, principles) for p in ids) or "—"
        text.append(f"\n{sign} {word}: ", style="bold")
        text.append(names)
    return text


def _name(pid: str, principles: Mapping[str, Principle]) -> str:
    found = principles.get(pid)
    return found.name if found else pid


class PrinciplesPanel(VerticalScroll):
    """Principles pulling against each other here, each with its one-line meaning."""

    HELP = """\
## Principles

The principles that pull against each other at this fork, each with a one-line
meaning. Below them: what the highlighted option **upholds** (+) and **strains** (−).
"""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="effects", markup=False)
        yield Static(id="tension", markup=False)

    def on_mount(self) -> None:
        self.border_title = "Principles"
        self.can_focus = True

    def show(self, tension: Sequence[str], principles: Mapping[str, Principle]) -> None:
        lines = [Text("In tension at this fork:", style="bold")]
        lines += [principle_line(p, principles) for p in tension] or [Text("(none named)")]
        body = Text("\n").join(lines)
        self.query_one("#tension", Static).update(body)

    def consider(
        self, number: int, option: Option | None, principles: Mapping[str, Principle]
    ) -> None:
        effects = self.query_one("#effects", Static)
        effects.update(option_effects(number, option, principles) if option else "")
