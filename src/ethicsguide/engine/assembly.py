"""Assembling a library: merge roots, run every check, and set broken guides apart."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ethicsguide.engine.checks import (
    TREE_CHECKS,
    Context,
    TreeFile,
    check_duplicate_ids,
    check_glossary,
    check_handoff_cycles,
)
from ethicsguide.engine.content import CONTENT_CHECKS
from ethicsguide.engine.fact_checks import FACT_CHECKS
from ethicsguide.engine.graph import tree_graph
from ethicsguide.engine.library import (
    Library,
    LibraryFiles,
    OutsideFolder,
    ScenarioEntry,
    TreeEntry,
)
from ethicsguide.engine.loader import Loaded, display_path
from ethicsguide.engine.models import (
    Principle,
    PrinciplesFile,
    Source,
    Tree,
    handoff_tree,
    is_handoff,
    targets,
)
from ethicsguide.engine.problems import Problem
from ethicsguide.engine.scenario import Scenario
from ethicsguide.engine.scenario_checks import check_scenario


def check_tree(tf: TreeFile, ctx: Context) -> list[Problem]:
    """Every per-tree check (graph, references, then content), in order."""
    checks = (*TREE_CHECKS, *FACT_CHECKS, *CONTENT_CHECKS)
    return [p for check in checks for p in check(tf, ctx)]


def assemble(roots: Iterable[LibraryFiles]) -> Library:
    """Merge roots (later ones override ids of earlier ones) and run every check.

    The first root is the base library (the bundled one); each later root is an
    outside folder, listed with whatever of the base it replaces.
    """
    library = Library()
    valid: dict[str, Loaded[Tree]] = {}
    glossary_files: list[Loaded[PrinciplesFile]] = []
    roots_seen: list[LibraryFiles] = []
    for files in roots:
        if roots_seen:
            library.outside.append(_outside(roots_seen[0], files))
        roots_seen.append(files)
        _merge_glossary(library, files, glossary_files)
        for loaded in files.trees:
            library.problems.extend(loaded.problems)
        good = [t for t in files.trees if t.model is not None]
        library.problems.extend(check_duplicate_ids(good))
        taken_here: set[str] = set()
        for loaded in good:
            assert loaded.model is not None
            if loaded.model.id not in taken_here:  # a duplicate within a root: first wins
                taken_here.add(loaded.model.id)
                valid[loaded.model.id] = loaded  # a later root overrides an earlier one
    library.problems.extend(check_trees(valid, library.principles, library.sources))
    for principles in glossary_files:
        library.problems.extend(check_glossary(principles, library.principles, library.sources))
    entries = {
        tid: TreeEntry(loaded.model, loaded.path, loaded.digest)  # type: ignore[arg-type]
        for tid, loaded in valid.items()
    }
    library.trees, library.broken = _split_broken(entries, valid, library.problems)
    library.scenarios = add_scenarios(library, [s for files in roots_seen for s in files.scenarios])
    return library


def _outside(base: LibraryFiles, files: LibraryFiles) -> OutsideFolder:
    """The folder ``files`` came from and the base guides, principles and sources it replaces."""
    replaces = [f"guide `{tid}`" for tid in sorted(_tree_ids(files) & _tree_ids(base))]
    replaces += [f"principle `{n}`" for n in sorted(_principles(files) & _principles(base))]
    replaces += [f"source `{n}`" for n in sorted(_sources(files) & _sources(base))]
    path = display_path(files.root) if files.root is not None else "an outside folder"
    return OutsideFolder(path, tuple(replaces))


def _tree_ids(files: LibraryFiles) -> set[str]:
    return {t.model.id for t in files.trees if t.model is not None}


def _principles(files: LibraryFiles) -> set[str]:
    model = files.principles.model if files.principles else None
    return set(model.principles) if model else set()


def _sources(files: LibraryFiles) -> set[str]:
    model = files.sources.model if files.sources else None
    return set(model.sources) if model else set()


def _split_broken(
    entries: dict[str, TreeEntry], valid: Mapping[str, Loaded[Tree]], problems: list[Problem]
) -> tuple[dict[str, TreeEntry], dict[str, TreeEntry]]:
    """Walkable guides and broken ones: errors in the file, or a hand-over to a broken guide.

    A hand-over to a broken guide is reported at the guide that hands over, so nobody
    walks into a dead end.
    """
    bad_files = {p.file for p in problems if p.is_error}
    broken = {tid: e for tid, e in entries.items() if valid[tid].display in bad_files}
    changed = True
    while changed:
        changed = False
        for tid, entry in entries.items():
            if tid in broken:
                continue
            target = _handoff_into(entry.tree, broken)
            if target is not None:
                broken[tid] = entry
                changed = True
                message = f"hands over to the broken guide `{target}`; fix that one first"
                problems.append(valid[tid].problem(("id",), "broken-handoff", message))
    return {t: e for t, e in entries.items() if t not in broken}, broken


def _handoff_into(tree: Tree, broken: Mapping[str, TreeEntry]) -> str | None:
    for node in tree.nodes.values():
        for target in targets(node):
            if is_handoff(target) and handoff_tree(target) in broken:
                return handoff_tree(target)
    return None


def add_scenarios(library: Library, files: list[Loaded[Scenario]]) -> dict[str, ScenarioEntry]:
    """Check scenarios against the library's trees; valid ones by id (later files win)."""
    trees = {tid: entry.tree for tid, entry in library.trees.items()}
    entries: dict[str, ScenarioEntry] = {}
    for loaded in files:
        library.problems.extend(loaded.problems)
        if loaded.model is None:
            continue
        checked = check_scenario(loaded, trees)
        library.problems.extend(checked)
        if not any(p.is_error for p in [*loaded.problems, *checked]):  # broken: not offered
            entries[loaded.model.id] = ScenarioEntry(loaded.model, loaded.path, loaded.digest)
    return entries


def _merge_glossary(
    library: Library, files: LibraryFiles, glossary_files: list[Loaded[PrinciplesFile]]
) -> None:
    for loaded in (files.principles, files.sources):
        if loaded is not None:
            library.problems.extend(loaded.problems)
    if files.principles is not None and files.principles.model is not None:
        library.principles.update(files.principles.model.principles)
        glossary_files.append(files.principles)
    if files.sources is not None and files.sources.model is not None:
        library.sources.update(files.sources.model.sources)


def check_trees(
    valid: Mapping[str, Loaded[Tree]],
    principles: Mapping[str, Principle],
    sources: Mapping[str, Source],
    only: set[str] | None = None,
) -> list[Problem]:
    """Per-tree checks and handoff cycles; ``only`` limits reports to some tree ids."""
    trees = {tid: loaded.model for tid, loaded in valid.items() if loaded.model is not None}
    ctx = Context(principles, sources, trees)
    files = {
        tid: TreeFile(loaded, tree_graph(loaded.model))
        for tid, loaded in valid.items()
        if loaded.model
    }
    problems = []
    for tid, tf in files.items():
        if only is None or tid in only:
            problems.extend(check_tree(tf, ctx))
    for problem in check_handoff_cycles(files):
        problems.append(problem)
    return problems
