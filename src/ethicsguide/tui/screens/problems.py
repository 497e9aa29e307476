"""Problems found in guide files, one ``file:line:col`` row each, errors first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ethicsguide.engine.problems import sort_problems
from ethicsguide.engine.wording import counted
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.marked_table import MarkedTable
from ethicsguide.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ethicsguide.engine.problems import Problem


def summary_line(problems: Sequence[Problem]) -> str:
    errors = [p for p in problems if p.is_error]
    files = len({p.file for p in errors})
    warnings = len(problems) - len(errors)
    return (
        f"{counted(len(errors), 'error')} in {counted(files, 'file')} — guides with errors "
        f"cannot be used until they are fixed. {counted(warnings, 'warning')}. "
        "`ethicsguide validate` prints the same list."
    )


class ProblemsScreen(Screen[None]):
    """Every problem the library check found, so no broken guide is silently skipped."""

    HELP = """\
## Problems

Each row is one problem in a guide file: where it is (`file:line:col`), how bad it
is, and what is wrong, with a hint. Guides with **errors** cannot be used until
their file is fixed. **w** shows or hides warnings; **Escape** goes back.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "w",
            "toggle_warnings",
            "Warnings",
            id="toggle-warnings",
            tooltip="Show or hide warnings (errors are always shown)",
        ),
        Binding("escape", "close", "Back", key_display="esc", id="close"),
    ]

    show_warnings = reactive(False)

    def __init__(self, problems: Sequence[Problem], file: str | None = None) -> None:
        super().__init__()
        self.problems, self.file = list(problems), file
        if not any(p.is_error for p in self.problems):
            self.set_reactive(ProblemsScreen.show_warnings, True)  # nothing else to show

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(summary_line(self.problems), id="problems-summary", markup=False)
        yield MarkedTable(id="problems")
        yield Static("", id="problem-detail", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Problems in guide files"
        table = self.query_one("#problems", MarkedTable)
        table.add_marked_columns("Where", "Severity", "Code", "What is wrong")
        table.focus()
        self._fill()

    def watch_show_warnings(self) -> None:
        if self.is_mounted:
            self._fill()

    def _shown(self) -> list[Problem]:
        shown = [p for p in self.problems if p.is_error or self.show_warnings]
        return sorted(sort_problems(shown), key=lambda p: not p.is_error)

    def _fill(self) -> None:
        table = self.query_one("#problems", MarkedTable)
        table.clear()
        for problem in self._shown():
            mark = "✗ error" if problem.is_error else "△ warning"
            message = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
            table.add_row(" ", problem.location(), mark, problem.code, message)
        rows = [i for i, p in enumerate(self._shown()) if p.file == self.file]
        if rows:
            table.move_cursor(row=rows[0])

    @on(DataTable.RowHighlighted, "#problems")
    def _detail(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted problem in full, wrapped, since table cells are cut to fit."""
        shown = self._shown()
        if 0 <= event.cursor_row < len(shown):
            problem = shown[event.cursor_row]
            text = Text(problem.location(), style="bold")
            text.append(f"\n{problem.severity}[{problem.code}] {problem.message}")
            if problem.hint:
                text.append(f"\nHint: {problem.hint}", style="italic")
            self.query_one("#problem-detail", Static).update(text)

    def action_toggle_warnings(self) -> None:
        self.show_warnings = not self.show_warnings

    def action_close(self) -> None:
        self.dismiss()
