"""The map: the whole guide as an outline, with the walked path and the current node marked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from ethicsguide.engine.models import Outcome, Question, Step, handoff_tree, is_handoff
from ethicsguide.engine.session import NodeRef, PathBroken, node_at
from ethicsguide.tui import walkview
from ethicsguide.tui.fresh import FreshScreen
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.session import Position, SessionState

GLYPH = {"question": "?", "step": "›", "outcome": "◆"}
LEGEND = (
    "Legend:  ● on your path   ▶ you are here   ? question   › guide step   "
    "◆ outcome   ⇒ another guide   ↪ shown above"
)
EXPAND_ALL_UP_TO = 40


def walked(state: SessionState, lookup: walkview.TreeLookup) -> set[NodeRef]:
    """Every node the active path passed through, the current one included."""
    refs: set[NodeRef] = set()
    for count in range(len(state.active) + 1):
        try:
            pos = walkview.position_after(state, count, lookup)
        except PathBroken:
            break
        refs.update(pos.passed)
        refs.add(pos.node)
    return refs


def _short(text: str, width: int = 72) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@dataclass
class Outline:
    """Builds the Tree widget's nodes; each guide node is drawn once, later visits point back."""

    library: Library
    path: set[NodeRef]
    here: NodeRef | None
    taken: dict[NodeRef, int] = field(default_factory=dict)
    seen: set[NodeRef] = field(default_factory=set)
    cursor: TreeNode[NodeRef] | None = None

    def label(self, ref: NodeRef, edge: str = "") -> Text:
        node = node_at(ref, self.library.tree)
        kind = node.kind if node is not None else "question"
        marker = "▶ " if ref == self.here else ("● " if ref in self.path else "  ")
        style = "bold" if ref in self.path else ""
        text = Text.assemble((marker, "bold"))
        if edge:
            text.append(f"“{_short(edge, 40)}” ", style="italic")
        text.append(
            f"{GLYPH[kind]} {_short(walkview.node_text(ref, self.library.tree))}", style=style
        )
        if ref == self.here:
            text.append("  ← you are here", style="bold")
        return text

    def add(self, parent: TreeNode[NodeRef], ref: NodeRef, edge: str = "") -> None:
        if ref in self.seen:
            parent.add_leaf(
                Text.assemble(
                    "  ↪ ",
                    (f"“{edge}” " if edge else "", "italic"),
                    _short(walkview.node_text(ref, self.library.tree)),
                    " (shown above)",
                ),
                data=ref,
            )
            return
        self.seen.add(ref)
        node = node_at(ref, self.library.tree)
        if node is None or not node.edges():
            child = parent.add_leaf(self.label(ref, edge), data=ref)
        else:
            child = parent.add(self.label(ref, edge), data=ref, expand=True)
            for label, to in self.targets(node, self.taken.get(ref)):
                self.follow(child, ref.tree, to, label)
        if ref == self.here:
            self.cursor = child

    def targets(self, node: Question | Step | Outcome, taken: int | None) -> list[tuple[str, str]]:
        """Where a node leads; the option taken comes first, so the path is drawn unbroken."""
        pairs = node.edges()
        if taken is not None and 0 <= taken < len(pairs):
            pairs.insert(0, pairs.pop(taken))
        return pairs

    def follow(self, parent: TreeNode[NodeRef], tree_id: str, to: str, edge: str) -> None:
        if not is_handoff(to):
            self.add(parent, NodeRef(tree_id, to), edge)
            return
        other = self.library.tree(handoff_tree(to))
        if other is None:
            parent.add_leaf(f"⇒ {to} (not in the library)")
            return
        label = Text.assemble(
            ("⇒ ", "bold"),
            (f"“{edge}” " if edge else "", "italic"),
            f"continues in “{other.title}”",
        )
        start = NodeRef(other.id, other.start)
        if start not in self.path:  # another guide the worker did not go into: one line
            parent.add_leaf(label)
            return
        self.add(parent.add(label, expand=True), start)


class MapScreen(FreshScreen[None]):
    """Read-only outline of the guide; the path is marked with ● and ▶, not colour alone."""

    HELP = """\
## Map

The whole guide as an outline. **●** marks the nodes on your path, **▶** where you
are now. ↑/↓ move, **Enter** or **space** folds a branch, **Escape** goes back.
"""

    # focused as it is composed, so its keys are in the first frame's footer
    AUTO_FOCUS = "#map"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,m,f6", "close", "Close map", key_display="esc", id="close-map"),
    ]

    def __init__(self, state: SessionState, position: Position | None, library: Library) -> None:
        super().__init__()
        self.state, self.position, self.library = state, position, library

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(LEGEND, id="legend", markup=False)
        yield Tree[NodeRef]("", id="map")
        yield KeysFooter(keys_at_compose=True)

    def on_mount(self) -> None:
        tree = self.library.tree(self.state.tree)
        self.sub_title = f"Map · {tree.title if tree else self.state.tree}"
        widget = self.query_one("#map", Tree)
        here = self.position.node if self.position else None
        taken = {c.where: c.option for c in self.state.active}
        outline = Outline(self.library, walked(self.state, self.library.tree), here, taken)
        widget.root.set_label(Text(tree.title if tree else self.state.tree, style="bold"))
        if tree is not None:
            outline.add(widget.root, NodeRef(tree.id, tree.start))
        widget.root.expand()
        if len(outline.seen) > EXPAND_ALL_UP_TO:
            self._fold_off_path(widget.root, outline.path)
        widget.focus()
        if outline.cursor is not None:
            # The cursor goes on "you are here" before the first frame (moved after it, the
            # map was drawn twice); setting a line first numbers the tree's lines.
            widget.cursor_line = 0
            widget.move_cursor(outline.cursor)
            self.call_after_refresh(widget.scroll_to_node, outline.cursor, animate=False)

    def _fold_off_path(self, node: TreeNode[NodeRef], path: set[NodeRef]) -> None:
        for child in node.children:
            if child.data is not None and child.data not in path:
                child.collapse()
            self._fold_off_path(child, path)

    def action_close(self) -> None:
        self.dismiss()
