"""The walkthrough's widget tree, shared by the real walkthrough and its cached first question.

Both must compose the very same widgets, so the swap from the cached picture to the real
walk changes nothing on the terminal (tests/tui/test_first_question.py compares them).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from ethicsguide.tui.notice import NOT_LEGAL_ADVICE
from ethicsguide.tui.widgets.breadcrumb import Breadcrumb
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.principles import PrinciplesPanel
from ethicsguide.tui.widgets.question_panel import QuestionPanel
from ethicsguide.tui.widgets.title_bar import TitleBar
from ethicsguide.tui.widgets.transcript import Transcript


def walk_layout() -> ComposeResult:
    """Header, breadcrumb, banner, the conversation beside the principles, and the footer."""
    yield TitleBar()
    yield Breadcrumb(id="breadcrumb")
    yield Static(id="resumed", markup=False)  # "Resumed at…", until the first move
    yield Static(id="banner", markup=False)  # above the scroll: read-only stays in view
    with Horizontal(id="body"):
        with VerticalScroll(id="conversation"):
            yield Static(NOT_LEGAL_ADVICE, id="notice", classes="notice", markup=False)
            yield Transcript(id="transcript")
            yield QuestionPanel(id="current")
        yield PrinciplesPanel(id="principles")
    yield KeysFooter()


def resumed_note(answers: int, finished: bool, session_id: str) -> str:
    """The line a resumed walkthrough opens with (``#resumed``, shown until the first move).

    Part of the screen, not a passing notice: it is there in the first frame, and stays
    put when the picture ``resume`` draws first is replaced by the real walkthrough.
    """
    where = "the outcome" if finished else f"question {answers + 1}"
    return (
        f"↻ Session {session_id} resumed at {where}, with {answers} "
        f"answer{'s' if answers != 1 else ''} so far. PgUp scrolls back through them."
    )
