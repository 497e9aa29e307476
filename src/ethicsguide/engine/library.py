"""A loaded library: valid trees, glossary, shared sources and scenarios, and what was wrong.

The checks that build one live in ``engine/assembly.py``, so walking a guide never imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ethicsguide.engine.loader import Loaded
from ethicsguide.engine.models import Principle, PrinciplesFile, Source, SourcesFile, Tree
from ethicsguide.engine.problems import Problem
from ethicsguide.engine.session import Pin

if TYPE_CHECKING:  # a walkthrough's start-up builds no scenario models (pydantic, ~5 ms)
    from ethicsguide.engine.scenario import Scenario


@dataclass(frozen=True)
class TreeEntry:
    """A valid tree and the file it came from (its hash is pinned in sessions)."""

    tree: Tree
    path: Path
    digest: str

    @property
    def id(self) -> str:
        return self.tree.id


@dataclass(frozen=True)
class ScenarioEntry:
    """A valid training scenario and its file."""

    scenario: Scenario
    path: Path
    digest: str


@dataclass(frozen=True)
class OutsideFolder:
    """A ``--trees`` folder, and what of the bundled library it replaces."""

    path: str
    replaces: tuple[str, ...] = ()
    missing: bool = False

    def describe(self) -> str:
        """``DIR`` or ``DIR (replacing bundled guide `x`, principle `y`)``."""
        if self.missing:
            return f"{self.path} (not a folder: nothing was loaded from it)"
        return (
            f"{self.path} (replacing bundled {', '.join(self.replaces)})"
            if self.replaces
            else self.path
        )


@dataclass
class Library:
    """Everything the app and the commands know about: valid trees and every problem found.

    ``trees`` holds only guides that can be walked; a guide whose file has errors (or
    that hands over to such a guide) is in ``broken`` instead.

    A library opened for one walkthrough may skip its checks while the check cache vouches
    for its exact files (``storage/walkable.py``): ``unchecked`` then holds the files until
    the checks run after the first question is drawn, and ``refusal`` says why the walk
    must stop if they find an error after all.
    """

    trees: dict[str, TreeEntry] = field(default_factory=dict)
    broken: dict[str, TreeEntry] = field(default_factory=dict)
    outside: list[OutsideFolder] = field(default_factory=list)
    principles: dict[str, Principle] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    scenarios: dict[str, ScenarioEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unchecked: LibraryFiles | None = field(default=None, repr=False)
    refusal: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def broken_files(self) -> dict[str, int]:
        """Files with errors and how many, so screens can list them rather than hide them."""
        counts: dict[str, int] = {}
        for problem in self.errors:
            counts[problem.file] = counts.get(problem.file, 0) + 1
        return counts

    def outside_note(self) -> str | None:
        """One line naming every outside folder and what it replaces, or None."""
        if not self.outside:
            return None
        return "Also using guides from " + "; ".join(f.describe() for f in self.outside) + "."

    def get(self, tree_id: str) -> TreeEntry | None:
        return self.trees.get(tree_id)

    def tree(self, tree_id: str) -> Tree | None:
        """The tree by id (the ``TreeLookup`` sessions use)."""
        entry = self.trees.get(tree_id)
        return entry.tree if entry else None

    def pin(self, tree_id: str) -> Pin | None:
        """Id, version and hash of a tree, as a session pins it."""
        entry = self.trees.get(tree_id)
        return Pin(entry.id, entry.tree.version, entry.digest) if entry else None

    def source(self, tree: Tree, name: str) -> Source | None:
        """A citation by id: the tree's own first, then the shared file."""
        return tree.sources.get(name) or self.sources.get(name)


@dataclass
class LibraryFiles:
    """The loaded files of one library root, before the library-wide checks."""

    root: Path | None = None
    trees: list[Loaded[Tree]] = field(default_factory=list)
    principles: Loaded[PrinciplesFile] | None = None
    sources: Loaded[SourcesFile] | None = None
    scenarios: list[Loaded[Scenario]] = field(default_factory=list)
