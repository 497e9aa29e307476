"""Home: describe the dilemma, pick a guide by area, resume a recent session, see problems."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ethicsguide.engine.domains import DOMAIN_NAMES
from ethicsguide.engine.summary import local_time
from ethicsguide.engine.wording import counted
from ethicsguide.tui.breakpoints import NARROW_WIDE, apply_width_class
from ethicsguide.tui.context import app_context, classroom_forbids, guide_app
from ethicsguide.tui.home_data import (
    HomeData,
    Recent,
    load_home,
    quick_home,
    rank_trees,
)
from ethicsguide.tui.widgets.keys_footer import KeysFooter
from ethicsguide.tui.widgets.marked_list import MarkedList
from ethicsguide.tui.widgets.title_bar import TitleBar

LOAD_LATER = 3.0  # seconds: when the app opened on a walkthrough, load home after this

INTRO = (
    "Describe the situation in a few words, without names (it is kept in the session "
    "record): matching guides move to the top. Or pick one below."
)


def session_line(info: Recent) -> Text:
    """The worker's words (or the guide), then where it stands, what kind, and when."""
    text = Text.assemble((f"“{info.description}”" if info.description else info.title, "bold"))
    if info.description:
        text.append(f" · {info.title}", style="italic")
    status = "✓ finished" if info.finished else "… in progress"
    parts = [status, info.where, info.kind] if info.where else [status, info.kind]
    if info.signed_off:
        parts.append(f"signed off by {info.signed_off}")
    text.append(f"\n  {' · '.join(parts)} · {local_time(info.updated)}")
    return text


class DescribeInput(Input):
    """The describe-your-dilemma box; ↓ moves on into the ranked list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "screen.into_list", "To the list", key_display="↓", id="into-list"),
    ]


class HomeScreen(Screen[None]):
    """The first screen; it draws at once and fills in when the library has loaded."""

    HORIZONTAL_BREAKPOINTS = NARROW_WIDE
    HELP = """\
## Home

- Type in **Describe the situation** and the guides that fit best move to the top.
  **↓** or **Enter** moves into the list; **Enter** on a guide starts a walkthrough.
- **Recent sessions**: **Enter** resumes where you left off, **v** reviews read-only,
  **ctrl+e** exports the record.
- **ctrl+s** lists every saved session; **ctrl+o** lists problems found in guide files
  (both work while you type; outside the describe box **s** and **p** do too).
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "describe",
            "Describe",
            key_display="/",
            id="describe",
            tooltip="Type the situation to find a guide",
        ),
        # ctrl+ keys work while typing in the describe box; plain s and p everywhere else
        Binding("ctrl+s", "sessions", "Sessions", id="sessions", tooltip="Every saved session"),
        Binding("s", "sessions", "Sessions", show=False, id="sessions-plain"),
        Binding("ctrl+o", "problems", "Problems", id="problems", tooltip="Problems in guide files"),
        Binding("p", "problems", "Problems", show=False, id="problems-plain"),
        Binding("v", "review", "Review", id="review", tooltip="Read the session step by step"),
        Binding("ctrl+e", "export", "Export", id="export", tooltip="Write the record as Markdown"),
        Binding("escape", "clear", "Clear", show=False, id="clear-describe"),
    ]

    def __init__(self, *, shown_first: bool = False) -> None:
        super().__init__()
        self.shown_first = shown_first  # built when the worker first comes home: fill at once
        self.data: HomeData | None = None
        self.away = False  # another screen has been on top of this one
        self._left_from: Widget | None = None  # what had focus when another screen opened

    def compose(self) -> ComposeResult:
        apply_width_class(self)
        yield TitleBar()
        with Vertical(id="home"):
            yield Static(INTRO, id="intro", markup=False)
            yield DescribeInput(placeholder="e.g. police want my client's file", id="describe")
            yield Static("", id="outside", markup=False)
            with Horizontal(id="home-body"):
                yield MarkedList(Option("Loading the library…", disabled=True), id="library")
                with Vertical(id="home-side"):
                    yield Static("", id="about", markup=False)
                    yield MarkedList(id="recent")
                    yield MarkedList(id="problem-files")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#library").border_title = "Guides"
        self.query_one("#about").border_title = "About this guide"
        self.query_one("#recent").border_title = "Recent sessions"
        self.query_one("#problem-files").border_title = "Guide files with problems"
        self.query_one("#problem-files").display = False
        field = self.query_one("#describe", Input)
        field.cursor_blink = app_context(self).blink
        field.focus()
        if self._opened_elsewhere():
            self.set_timer(LOAD_LATER, self._fill_if_empty)  # well after the first question
        else:
            self._fill()

    def _fill_if_empty(self) -> None:
        if self.data is None:
            self._fill()

    def _opened_elsewhere(self) -> bool:
        """The app opened straight on a walkthrough (or review, or training): the library is
        loaded when the worker first comes home, not while that first question is drawn."""
        opening = getattr(self.app, "opening", None)
        return not self.shown_first and bool(
            opening and (opening.tree or opening.resume or opening.review or opening.train)
        )

    def _fill(self) -> None:
        quick = quick_home(app_context(self))
        if quick is not None:
            self.show(quick, first=True)
            # The full load only confirms what the cache drew: let the first frames finish.
            self.set_timer(0.3, self.load)
        else:
            self.call_after_refresh(self.load)

    def on_screen_suspend(self) -> None:
        self.away = True
        self._left_from = self.focused

    def on_screen_resume(self) -> None:
        if self.data is not None:
            self.query_one("#describe", Input).value = ""
            self.load()
        elif self.away:  # home for the first time after opening on a walkthrough
            self._fill()
        if self.away:
            self._restore_focus()

    def _restore_focus(self) -> None:
        """Focus goes back where it was, so keys pressed on arriving act the same every time;
        the describe box is emptied on return, so from there it goes on to the guides."""
        describe = self.query_one("#describe", Input)
        back = self._left_from
        if back is None or not back.is_attached or (back is describe and not describe.value):
            back = self.query_one("#library")
        back.focus(scroll_visible=False)

    @work(exclusive=True, group="home-load")
    async def load(self) -> None:
        """Load the library and the sessions in a thread, after the first frame is drawn."""
        data = await asyncio.to_thread(load_home, app_context(self))
        if data != self.data:  # usually identical to what the cache drew: nothing moves
            self.show(data)

    def show(self, data: HomeData, *, first: bool = False) -> None:
        self.data = data
        self._show_library(data)
        self._show_recent(data.sessions)
        self._show_problems(data)
        outside = self.query_one("#outside", Static)
        outside.update(f"⚠ {data.outside}" if data.outside else "")
        outside.display = bool(data.outside)
        if not first:  # the footer reads the bindings when it first draws anyway
            self.refresh_bindings()

    def _show_library(self, data: HomeData) -> None:
        query = self.query_one("#describe", Input).value
        if query.strip():
            self.find(query)
            return
        library = self.query_one("#library", MarkedList)
        library.set_items(self._grouped(data))
        library.border_title = f"Guides · {data.count} in {len(data.by_domain)} areas"
        self._describe_highlighted()

    def _grouped(self, data: HomeData) -> Iterable[Option]:
        if not data.by_domain:
            yield Option("No guides were found.", disabled=True)
        for domain, entries in data.by_domain.items():
            name = DOMAIN_NAMES.get(domain, domain)
            yield Option(Text(f"── {name} · {len(entries)} ──", style="bold"), disabled=True)
            yield from (self._tree_option(tree_id, data) for tree_id, _title in entries)

    def _tree_option(self, tree_id: str, data: HomeData, why: str = "") -> Option:
        title, _summary = data.titles[tree_id]
        broken = data.broken.get(tree_id, 0)
        text = Text(title)
        if broken:
            text.append(f"\n⚠ cannot be used: {counted(broken, 'error')} — press p", style="italic")
            return Option(text, id=tree_id, disabled=True)
        if why:
            text.append(f"\nmatched: {why}", style="italic")
        return Option(text, id=tree_id)

    def _show_recent(self, sessions: list[Recent]) -> None:
        recent = self.query_one("#recent", MarkedList)
        items = [Option(session_line(i), id=i.path) for i in sessions]
        recent.set_items(
            items or [Option(Text("No saved sessions yet.", style="italic"), disabled=True)]
        )

    def _show_problems(self, data: HomeData) -> None:
        box = self.query_one("#problem-files", MarkedList)
        box.set_items(Option(_problem_file_line(f, n), id=f) for f, n in data.problem_files.items())
        box.display = bool(data.problem_files)
        box.border_title = f"Guide files with problems · {len(data.problem_files)}"

    # --- finding ---------------------------------------------------------------------------

    @on(Input.Changed, "#describe")
    def _typed(self, event: Input.Changed) -> None:
        if self.data is not None:
            self.find(event.value)

    @work(exclusive=True, group="find")
    async def find(self, text: str) -> None:
        data = self.data
        if data is None:
            return
        if not text.strip():
            self._show_library(data)
            return
        matches = await asyncio.to_thread(rank_trees, app_context(self), text)
        library = self.query_one("#library", MarkedList)
        library.border_title = f"Best matches · {len(matches)}"
        items = [self._tree_option(tid, data, why) for tid, why in matches]
        library.set_items(
            items
            or [
                Option(
                    "No guide matches those words yet; try others, or "
                    "clear the box (Escape) to see every guide.",
                    disabled=True,
                )
            ]
        )

    @on(OptionList.OptionHighlighted, "#library")
    def _describe_highlighted(self) -> None:
        library = self.query_one("#library", OptionList)
        if self.data is None or library.highlighted is None:
            return
        tree_id = library.get_option_at_index(library.highlighted).id
        if tree_id not in self.data.titles:
            return
        title, summary = self.data.titles[tree_id]
        about = Text.assemble((title, "bold"), "\n", summary)
        self.query_one("#about", Static).update(about)

    @on(Input.Submitted, "#describe")
    def _submitted(self) -> None:
        self.action_into_list()

    def action_into_list(self) -> None:
        if self.focused is self.query_one("#describe"):
            self.query_one("#library").focus()

    def action_describe(self) -> None:
        self.query_one("#describe").focus()

    def action_clear(self) -> None:
        field = self.query_one("#describe", Input)
        field.value = ""
        field.focus()

    # --- opening things ----------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#library")
    def _start(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            dilemma = self.query_one("#describe", Input).value
            guide_app(self).start_walkthrough(event.option.id, dilemma)

    @on(OptionList.OptionSelected, "#recent")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            guide_app(self).resume_walkthrough(event.option.id)

    @on(OptionList.OptionSelected, "#problem-files")
    def _problem_file(self, event: OptionList.OptionSelected) -> None:
        self.action_problems(event.option.id)

    def _recent_path(self) -> str | None:
        recent = self.query_one("#recent", OptionList)
        if self.focused is not recent or recent.highlighted is None:
            return None
        return recent.get_option_at_index(recent.highlighted).id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if classroom_forbids(self, action):
            return False
        if action in ("review", "export"):
            return self._recent_path() is not None
        if action == "problems":  # a library with no problems does not offer the key
            return bool(self.data and self.data.problems)
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_sessions(self) -> None:
        guide_app(self).open_sessions()

    def action_problems(self, file: str | None = None) -> None:
        if self.data is not None and self.data.problems:
            guide_app(self).open_problems(self.data.problems, file)

    def action_review(self) -> None:
        path = self._recent_path()
        if path:
            guide_app(self).open_review(path)

    def action_export(self) -> None:
        path = self._recent_path()
        if path:
            guide_app(self).export_saved(path)


def _problem_file_line(file: str, errors: int) -> Text:
    """``⚠ 2 errors in`` over the file path, which folds rather than being cut off."""
    text = Text.assemble(("⚠ ", "bold"), f"{counted(errors, 'error')} in\n")
    text.append(Text(file, style="bold", overflow="fold"))
    text.overflow = "fold"
    return text
