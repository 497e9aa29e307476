"""Find and load tree libraries on disk: the bundled one and any ``--trees`` folders."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ethicsguide.engine.assembly import add_scenarios, assemble, check_trees
from ethicsguide.engine.library import Library, LibraryFiles, OutsideFolder, TreeEntry
from ethicsguide.engine.loader import Loaded, display_path, load_file
from ethicsguide.engine.models import (
    PrinciplesFile,
    SourcesFile,
    Tree,
)
from ethicsguide.engine.problems import Problem, Severity
from ethicsguide.engine.scenario import Scenario
from ethicsguide.storage.library_files import (
    PRINCIPLES,
    SCENARIOS,
    SOURCES,
    bundled_root,
    is_library_root,
    load_glossaries,
    paused_gc,
    tree_paths,
)

__all__ = ["bundled_root", "load_library", "load_root", "review_problems", "validate_paths"]


def load_root(root: Path) -> LibraryFiles:
    """Load every file of one library folder (bad files come back with their problems)."""
    files = load_glossaries(root)
    files.trees = [load_file(p, Tree) for p in tree_paths(root)]
    files.scenarios = [load_file(p, Scenario) for p in sorted((root / SCENARIOS).glob("*.yaml"))]
    return files


def load_library(extra_roots: Sequence[Path] = (), *, bundled: bool = True) -> Library:
    """The bundled library, overridden by each ``--trees`` folder in the order given."""
    roots = ([bundled_root()] if bundled else []) + [Path(r) for r in extra_roots]
    with paused_gc():
        library = assemble(load_root(r) for r in roots if r.is_dir())
    for root in roots:
        if not root.is_dir():  # a mistyped --trees is said, never silently ignored
            where = display_path(root)
            library.outside.append(OutsideFolder(where, missing=True))
            message = "is not a folder; no guides were loaded from it"
            library.problems.append(Problem(where, 0, 0, "not-a-folder", Severity.ERROR, message))
    return library


def review_problems(library: Library) -> list[Problem]:
    """Review flags of every walkable guide, located in its file (``validate --review``)."""
    # lazy: ~4 ms on every library load, for `validate --review` only
    from ethicsguide.engine.denied_phrases import PHRASES_FILE, bundled_table
    from ethicsguide.engine.review_flags import tree_flags

    try:
        table = bundled_table()
    except ValueError as exc:  # the table is edited by authors: say what is wrong, no traceback
        return [
            Problem(display_path(PHRASES_FILE), 0, 0, "bad-phrase-table", Severity.ERROR, str(exc))
        ]
    trees = {tid: entry.tree for tid, entry in library.trees.items()}
    problems: list[Problem] = []
    for entry in library.trees.values():
        flags = tree_flags(entry.tree, trees, table)
        if flags:
            loaded = Loaded(entry.path, _text_of(entry.path), entry.digest, entry.tree)
            problems.extend(flag.problem(loaded) for flag in flags)
    return problems


def _text_of(path: Path) -> str:
    """The file's text for locating flags; if it has gone since loading, flags name the file."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def validate_paths(paths: Iterable[Path], base: Callable[[], Library]) -> list[Problem]:
    """Check files or folders; loose tree files are checked against ``base()``'s glossary.

    ``base`` is only called when there are loose files, so checking a library folder
    does not also load the bundled one.

    A folder that is a library root (it has its own glossary) is checked on its own;
    any other folder contributes its ``*.yaml`` files as loose trees.
    """
    with paused_gc():
        return _validate_paths(paths, base)


def _validate_paths(paths: Iterable[Path], base: Callable[[], Library]) -> list[Problem]:
    problems: list[Problem] = []
    trees: list[Loaded[Tree]] = []
    scenarios: list[Loaded[Scenario]] = []
    for path in paths:
        if path.is_dir() and is_library_root(path):
            problems.extend(assemble([load_root(path)]).problems)
            continue
        for file in sorted(path.rglob("*.yaml")) if path.is_dir() else [path]:
            if file.name == PRINCIPLES:
                problems.extend(load_file(file, PrinciplesFile).problems)
            elif file.name == SOURCES:
                problems.extend(load_file(file, SourcesFile).problems)
            elif file.parent.name == SCENARIOS:
                scenarios.append(load_file(file, Scenario))
            else:
                trees.append(load_file(file, Tree))
    if trees or scenarios:
        library = base()
        problems.extend(_check_loose(trees, library))
        problems.extend(_check_loose_scenarios(scenarios, trees, library))
    return problems


def _check_loose_scenarios(
    scenarios: list[Loaded[Scenario]], trees: list[Loaded[Tree]], base: Library
) -> list[Problem]:
    """Scenarios are checked against the base library's trees plus any loose trees given."""
    context = Library(trees=dict(base.trees))
    for loaded in trees:
        if loaded.model is not None:
            context.trees[loaded.model.id] = TreeEntry(loaded.model, loaded.path, loaded.digest)
    add_scenarios(context, scenarios)
    return context.problems


def _check_loose(loose: list[Loaded[Tree]], base: Library) -> list[Problem]:
    """Loose files join the base library's trees (so handoffs resolve) for the checks."""
    problems = [p for t in loose for p in t.problems]
    good = [t for t in loose if t.model is not None]
    if not good:
        return problems
    mine = {t.display for t in good}
    valid: dict[str, Loaded[Tree]] = {}
    for entry in base.trees.values():
        valid[entry.id] = Loaded(entry.path, "", entry.digest, entry.tree)
    for loaded in good:
        assert loaded.model is not None
        valid[loaded.model.id] = loaded
    only = {t.model.id for t in good if t.model is not None}
    checked = check_trees(valid, base.principles, base.sources, only=only)
    problems.extend(p for p in checked if p.file in mine)  # handoff loops are reported once, here
    return problems
