"""A row-cursor table that marks the cursor row with ▶ in text, not by colour alone."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from ethicsguide.tui.widgets.marked_list import MARK


class MarkedTable(DataTable[str | Text]):
    """A row-cursor table whose first column shows ▶ on the cursor row (not colour alone)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._marked: RowKey | None = None

    def add_marked_columns(self, *labels: str) -> None:
        self.add_column(" ", key="mark", width=1)
        self.add_columns(*labels)

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is not self:
            return
        if self._marked is not None and self._marked in self.rows:
            self.update_cell(self._marked, "mark", " ")
        self.update_cell(event.row_key, "mark", MARK)
        self._marked = event.row_key
