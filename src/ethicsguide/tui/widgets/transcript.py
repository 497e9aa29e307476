"""The conversation so far: the guide's questions and steps, the worker's answers and reasons."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Span, Text
from textual.containers import Vertical
from textual.widgets import Static

if TYPE_CHECKING:
    from ethicsguide.tui.walkview import Answered, Entry, Explored, Noted, Said


def said_bubble(entry: Said) -> tuple[str, Text]:
    if entry.kind == "question":
        head = f"Guide · question {entry.number}"
    elif entry.kind == "step":
        head = "Guide · before you go on"
    elif entry.kind == "outcome":
        head = "Guide · outcome reached; you recorded your decision and went on"
    else:
        head = "Guide · this continues in another guide"
    body = entry.text.strip() if entry.kind != "handoff" else f"⇒ {entry.text}"
    return f"bubble guide {entry.kind}", _bubble(head, body)


def answered_bubble(entry: Answered) -> tuple[str, Text]:
    choice = entry.choice
    numbers = ", ".join(str(i + 1) for i in choice.picks)
    picked = f"{numbers}. {choice.label}"
    if not choice.withdrawn:
        text = _bubble("You chose", picked)
    else:
        where = "" if entry.same_question else f" at “{entry.question}”"
        text = _bubble(f"You chose{where} — withdrawn, you went back", picked, strike=True)
    text.append("\n")
    if choice.reasoning:
        text.append(f"“{choice.reasoning}”", style="italic")
    else:
        text.append("(no reasoning given)", style="italic")
    for note in entry.notes:
        text.append("\nNote: ", style="bold")
        text.append(note)
    kind = "withdrawn" if choice.withdrawn else "answer"
    return f"bubble worker {kind}", text


def explored_bubble(entry: Explored) -> tuple[str, Text]:
    what_if = entry.what_if
    outcomes = "; ".join(what_if.leads_to) or "no outcome found"
    text = _bubble(
        f"You asked: what if, at “{entry.question}”, you chose",
        f"{what_if.option + 1}. {what_if.label}",
    )
    text.append("\nIt could lead to: ", style="bold")
    text.append(outcomes)
    if what_if.note:
        text.append("\n")
        text.append(f"“{what_if.note}”", style="italic")
    return "bubble worker what-if", text


def noted_bubble(entry: Noted) -> tuple[str, Text]:
    return "bubble worker note", _bubble("You noted", entry.remark.text or "(empty note)")


def dilemma_bubble(dilemma: str) -> tuple[str, Text]:
    return "bubble worker dilemma", _bubble("You described the situation", f"“{dilemma}”")


def _bubble(head: str, body: str, *, strike: bool = False) -> Text:
    """A bold heading line (who is speaking) above the body; user text is never markup."""
    text = Text.assemble((head, "bold"))
    text.append("\n")
    text.append(body, style="strike" if strike else "")
    return text


def bubble_for(entry: Entry) -> tuple[str, Text]:
    # lazy: the walk's entries bring the engine; a first question drawn from the cache
    # (``tui/screens/first_question.py``) shows this widget before the engine loads
    from ethicsguide.tui.walkview import Answered, Explored, Noted

    if isinstance(entry, Answered):
        return answered_bubble(entry)
    if isinstance(entry, Explored):
        return explored_bubble(entry)
    if isinstance(entry, Noted):
        return noted_bubble(entry)
    return said_bubble(entry)


def bubble_data(bubble: tuple[str, Text]) -> list[object]:
    """A bubble as plain JSON data (``storage/resume_picture.py`` keeps it)."""
    classes, text = bubble
    spans = [[s.start, s.end, str(s.style)] for s in text.spans]
    return [classes, text.plain, spans]


def bubble_from_data(data: list[object]) -> tuple[str, Text]:
    """The bubble ``bubble_data`` made (its shape checked by ``valid_resumed``)."""
    classes, plain, spans = data
    assert isinstance(classes, str) and isinstance(plain, str) and isinstance(spans, list)
    return classes, Text(plain, spans=[Span(*span) for span in spans])


class Transcript(Vertical):
    """Chat-like record of the walk, rebuilt from the session state after each move."""

    HELP = """\
## Transcript

The conversation so far: each **Guide** question and step, and each of **your**
answers with the reasoning you gave. Answers you withdrew by going back stay here,
struck through and labelled *withdrawn*. **PgUp/PgDn** scroll.
"""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[tuple[str, Text]] = []

    async def show(self, bubbles: Iterable[tuple[str, Text]]) -> None:
        """Show these bubbles (each a CSS class string and its text).

        After an answer the new list usually extends the old one: only the new bubbles
        are mounted, so the next question appears without re-laying-out the whole record.
        """
        wanted = list(bubbles)
        keep = len(self._shown)
        if wanted[:keep] != self._shown:
            keep = 0
        async with self.batch():
            if keep == 0 and self._shown:
                await self.remove_children()
            await self.mount_all(
                Static(text, classes=classes, markup=False) for classes, text in wanted[keep:]
            )
        self._shown = wanted
