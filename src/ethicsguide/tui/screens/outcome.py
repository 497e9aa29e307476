"""The outcome: guidance, checklist, what to avoid, sources, principle ledger, final decision."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ethicsguide.engine.models import Tree
from ethicsguide.engine.record import StepEntry, build_record, current_outcome
from ethicsguide.engine.render import OutcomeText
from ethicsguide.engine.signoff_wording import (
    AS_SIGNED,
    NONE_SIGNED,
    UNCHANGED,
    changed_after_signoff,
    changed_notice,
    decision_prompt_note,
)
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.tui import walkview
from ethicsguide.tui.context import guide_app
from ethicsguide.tui.dialogs.reasoning import ReasoningDialog
from ethicsguide.tui.notice import NOT_LEGAL_ADVICE
from ethicsguide.tui.screens.walk_extras import WALK_KEYS, WalkExtras
from ethicsguide.tui.widgets.guidance import guidance_widget
from ethicsguide.tui.widgets.hanging import Hanging
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.title_bar import TitleBar

DECISION = "Your final decision and next steps"

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.session import SessionState
    from ethicsguide.storage.sessions import LiveSession


def hanging(rows: list[tuple[str, Text]], empty: str) -> Hanging | Text:
    """Marked items whose wrapped lines stay indented under the text, not under the mark."""
    return Hanging(rows) if rows else Text(empty, style="italic")


def checklist(items: list[str], mark: str) -> Hanging | Text:
    return hanging(
        [(f"{mark} {i}.", Text(item)) for i, item in enumerate(items, 1)], "(none listed)"
    )


def sources_text(tree: Tree, names: tuple[str, ...], library: Library) -> Hanging | Text:
    rows = []
    for name in names:
        source = library.source(tree, name)
        line = Text(source.cite if source else name)
        if source and source.url:
            line.append(f"\n{source.url}", style="underline")
        if source and source.note:
            line.append(f"\nNote: {source.note}", style="italic")
        rows.append(("•", line))
    return hanging(rows, "(no sources listed)")


def ledger_table(state: SessionState, library: Library) -> Table | Text:
    rows = walkview.ledger(state, library.tree)
    if not rows:
        return Text("Your choices named no principles.", style="italic")
    table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False)
    table.add_column("Principle", style="bold")
    table.add_column("Upheld (+)", justify="right")
    table.add_column("Strained (−)", justify="right")
    for row in rows:
        found = library.principles.get(row.principle)
        table.add_row(found.name if found else row.principle, str(row.upheld), str(row.strained))
    return table


def path_text(state: SessionState, library: Library) -> Text:
    """The path from the session's record: each answer, and each outcome gone on from."""
    lines = []
    for entry in build_record(state, library.tree).entries:
        if isinstance(entry, StepEntry):
            ask = walkview.node_text(entry.answer.choice.where, library.tree)
            answer = "; ".join(entry.answer.labels)
            lines.append(
                Text.assemble((f"{entry.number}. ", "bold"), ask, ("\n   → ", "bold"), answer)
            )
        elif entry.continued:
            lines.append(Text.assemble(("   ⇒ outcome: ", "bold"), entry.text.title, " (went on)"))
    return Text("\n").join(lines) if lines else Text("(no questions on the way)", style="italic")


def section(title: str, body: Text | Table | Hanging) -> Group:
    """A heading and its body as one renderable: one widget per section, not two (each
    widget costs the outcome screen's first frame a few milliseconds)."""
    return Group(Text(title, style="bold underline"), Padding(body, (0, 0, 0, 2)))


class OutcomeBody(VerticalScroll):
    """The outcome's scrolling body, focused so the arrow and page keys scroll it.

    Textual restyles a widget and everything in it when it gains or loses focus, in case a
    rule styles the children by their parent's focus. No rule does here (a test checks the
    stylesheet), so only the body itself is restyled: its fifteen sections were restyled
    for nothing as the outcome first showed.
    """

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)


class OutcomeScreen(WalkExtras[str | None]):
    """Where the path ends. Dismisses ``"back"`` after withdrawing the last answer."""

    HELP = """\
## Outcome

The guidance for the path you took, with its sources. Read it with your supervisor.

- **d** records your final decision and next steps (you can change it later; the box
  takes several lines: ctrl+j starts a new one).
  Changed after a supervisor's sign-off, it is marked ⚠ at the top: the sign-off covers
  only the wording it was given, shown under your decision.
- **w** looks at another answer to an earlier fork ("what if she were 16?") without
  leaving the outcome; **n** adds a note to the record.
- **ctrl+e** writes the whole record as Markdown and tells you where.
- **b** goes back to the last question after asking once (your answer, and any final
  decision, stay in the record as withdrawn).
- **a** starts another walkthrough; **Esc** goes back to the home screen after asking
  (everything is saved either way); **h** goes there without asking.
"""

    # focused as it is composed, so its keys are in the first frame's footer
    AUTO_FOCUS = "#outcome-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "d",
            "decide",
            "Decision",
            id="final-decision",
            tooltip="Record your final decision and next steps",
        ),
        Binding("ctrl+e", "export", "Export", id="export", tooltip="Write the record as Markdown"),
        Binding(
            "b",
            "back",
            "Back",
            id="back",
            tooltip="Withdraw your last answer, after asking, and return to that question",
        ),
        Binding(
            "enter",
            "continue_on",
            "Continue",
            id="continue",
            tooltip="Go on with the guide from this outcome",
        ),
        Binding(
            "w",
            "what_if",
            "What if",
            id="what-if",
            tooltip="Look at another answer to an earlier fork without changing your path",
        ),
        # Note and Map are in the help and the palette: the footer keeps 80 columns for the rest
        Binding("a", "start_another", "Start another", show=False, id="start-another"),
        Binding("m,f6", "map", "Map", show=False, key_display="m", id="map"),
        *WALK_KEYS,
    ]

    def __init__(self, session: LiveSession, *, exported: Path | None = None) -> None:
        super().__init__(session, exported=exported)
        self.draft = ""
        self.signed = self._decision_signed_off()

    def _decision_signed_off(self) -> str | None:
        """The final decision a good sign-off covered ("" for none), None without one.
        Checked only when the record has a sign-off: checking it loads cryptography."""
        if not self.session.state.signoffs:
            return None
        # lazy: only a signed-off record needs the signature check
        from ethicsguide.storage.integrity import decision_signed_off

        return decision_signed_off(self.session.read, self.session.state.id)

    def _changed_after_signoff(self) -> bool:
        return changed_after_signoff(self.session.state.final_decision, self.signed)

    def _outcome(self) -> tuple[Tree, OutcomeText]:
        ref = self.session.state.outcome
        entry = current_outcome(self.session.state, self.library.tree)
        assert ref is not None and entry is not None
        tree = self.library.tree(ref.tree)
        assert tree is not None
        return tree, entry.text

    def compose(self) -> ComposeResult:
        tree, outcome = self._outcome()
        state = self.session.state
        yield TitleBar()
        with OutcomeBody(id="outcome-body"):
            yield Static(NOT_LEGAL_ADVICE, classes="notice", markup=False)
            yield Static(Text.assemble(("Outcome · ", "bold"), outcome.title), id="outcome-title")
            if outcome.supervisor:
                yield Static(
                    "⚑ Talk to your supervisor before you act on this.",
                    id="supervisor",
                    markup=False,
                )
            yield self._signed_notice()
            yield Static(self._hint(outcome), id="outcome-hint", markup=False)
            yield guidance_widget("\n\n".join(outcome.guidance), id="guidance")
            yield from self._section("What to do, in order", checklist([*outcome.actions], "☐"))
            yield from self._section("What not to do", checklist([*outcome.avoid], "✗"))
            yield from self._section("Sources", sources_text(tree, outcome.sources, self.library))
            yield from self._section(
                "Principle ledger: what your choices upheld and strained",
                ledger_table(state, self.library),
            )
            yield from self._section("Your path", path_text(state, self.library))
            yield from self._section(DECISION, self._decision_text(), wid="decision")
            yield Static(self._exported_text(), id="exported", markup=False)
        yield KeysFooter(keys_at_compose=True)

    @staticmethod
    def _hint(outcome: OutcomeText) -> str:
        hint = (
            "Read this with your supervisor, then press d to record your final "
            "decision and next steps."
        )
        if outcome.continues:
            hint += " Once everyone is safe, press Enter to continue with the guide."
        return hint

    def _signed_notice(self) -> Static:
        notice = Static(changed_notice(self.signed or ""), id="signed-notice", markup=False)
        notice.display = self._changed_after_signoff()
        return notice

    def _section(
        self, title: str, body: Text | Table | Hanging, wid: str | None = None
    ) -> ComposeResult:
        yield Static(section(title, body), classes="section", id=wid)

    def _decision_text(self) -> Text:
        decision = self.session.state.final_decision
        if decision:
            text = Text(f"“{decision}”")
        else:
            text = Text("Not recorded yet — press d to write it.", style="italic")
        if self._changed_after_signoff():
            was = f"“{self.signed}”" if self.signed else NONE_SIGNED
            text.append_text(Text.assemble((f"\n\n{AS_SIGNED}\n", "bold"), was))
        return text

    def _exported_text(self) -> str:
        return f"Exported to: {self.exported}" if self.exported else ""

    def on_mount(self) -> None:
        self.sub_title = self._outcome()[1].title
        body = self.query_one("#outcome-body")
        body.focus()
        # An outcome is nearly always longer than the screen: laid out with its scroll bar
        # from the start, it is laid out once, not again when the bar turns out to be needed
        # (the first layout still checks, and takes the bar away from a short one).
        body.show_vertical_scrollbar = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("decide", "back", "what_if", "note"):
            return not self.session.read_only  # read-only: not offered at all
        if action == "continue_on":
            return self.session.state.outcome_continues and not self.session.read_only
        return True

    async def render_view(self, *, arrived: bool) -> None:
        """A what-if or a note changes nothing shown here: the path and outcome stay."""

    def action_decide(self) -> None:
        if self.session.read_only or self.busy:
            return
        _tree, outcome = self._outcome()
        prompt = "What did you decide, and what happens next? Who does what, and by when?"
        if self.signed is not None:
            prompt += "\n" + decision_prompt_note(self.signed)
        dialog = ReasoningDialog(
            "Your final decision and next steps",
            Text(outcome.title),
            prompt,
            initial=self.draft or (self.session.state.final_decision or ""),
            placeholder="Type your decision and next steps…",
            hint="Enter saves it · ctrl+j starts a new line · "
            "Escape closes without saving (what you typed is kept as a draft)",
            save=self._reflect,
            lines=True,
            restored=bool(self.draft),
        )

        def done(text: str | None) -> None:
            self.draft = dialog.draft if text is None else ""

        self.app.push_screen(dialog, done)

    async def _reflect(self, text: str) -> bool:
        """Save the final decision; on failure the prompt stays open with the words in it."""
        if not text:
            return True  # nothing to record
        if text == self.session.state.final_decision:
            # recorded again, it would read as a change (after a sign-off, as one it does not cover)
            self.notify(UNCHANGED, timeout=4)
            return True
        try:
            await asyncio.to_thread(self.session.reflect, text)
        except SessionFileError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)
            return False
        self.query_one("#decision", Static).update(section(DECISION, self._decision_text()))
        self.query_one("#signed-notice").display = self._changed_after_signoff()
        self.notify("Final decision saved.", timeout=4)
        return True

    def action_back(self) -> None:
        if not (self.session.read_only or self.busy):
            self.ask_to_withdraw(self._withdraw)

    async def _withdraw(self) -> None:
        if await self._move(self.session.back):
            self.dismiss("back")

    async def action_continue_on(self) -> None:
        if not (self.session.read_only or self.busy) and await self._move(self.session.continue_on):
            self.dismiss("continue")

    def action_start_another(self) -> None:
        guide_app(self).go_home()

    def exported_to(self, path: Path) -> None:
        self.query_one("#exported", Static).update(self._exported_text())

    def unsaved_text(self) -> str:
        return self.draft.strip()
