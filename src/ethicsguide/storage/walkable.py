"""Just the guides one walkthrough needs, loaded fast: checked, or vouched for until checked."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from ethicsguide.engine.library import Library, LibraryFiles, TreeEntry
from ethicsguide.engine.loader import load_file
from ethicsguide.engine.models import Tree, handoff_tree, is_handoff, targets
from ethicsguide.engine.problems import sort_problems
from ethicsguide.engine.wording import counted
from ethicsguide.storage import check_cache
from ethicsguide.storage.library_files import bundled_root, load_glossaries, paused_gc, tree_paths

_checking = threading.Lock()  # the checks of a vouched-for library run once, whoever asks


class GuideRefused(Exception):
    """A vouched-for library failed its checks after all: nothing more is recorded on it."""


def load_walkable(
    tree_ids: Iterable[str], data_dir: Path | None = None, *, root: Path | None = None
) -> Library | None:
    """Just enough of the bundled library to walk ``tree_ids``: those trees, every tree they
    hand over to, and the glossaries, checked as a library of their own.

    Opening a walkthrough then does not wait for every other guide to load and be checked.
    Trees are found by file name (``<domain>/<id>.yaml``, as the bundled library names
    them); None when one is not found that way, and the caller loads everything.

    With ``data_dir``, files the check cache has seen checked clean are not checked now:
    the library comes back ``unchecked``, and ``verify`` must run before it is walked on.
    ``root`` is a library folder other than the bundled one (tests).
    """
    with paused_gc():
        files = _walk_files(root or bundled_root(), tree_ids)
        if files is None:
            return None
        key = check_cache.files_key(files) if data_dir is not None else None
        if data_dir is not None and key is not None and check_cache.vouches(data_dir, key):
            return _unchecked(files)
        library = _checked(files)
    if data_dir is not None and key is not None and not library.errors:
        check_cache.remember(data_dir, key)
    return library


def _walk_files(root: Path, tree_ids: Iterable[str]) -> LibraryFiles | None:
    """The glossaries, the trees asked for, and every tree they hand over to (None: not found)."""
    files = load_glossaries(root)
    paths = tree_paths(root)
    wanted, seen = list(tree_ids), set()
    while wanted:
        tree_id = wanted.pop()
        if tree_id in seen:
            continue
        seen.add(tree_id)
        found = [p for p in paths if p.stem == tree_id]
        if len(found) != 1:
            return None
        loaded = load_file(found[0], Tree)
        if loaded.model is None or loaded.model.id != tree_id:
            return None
        files.trees.append(loaded)
        ends = (t for node in loaded.model.nodes.values() for t in targets(node))
        wanted.extend(handoff_tree(t) for t in ends if is_handoff(t))
    return files


def _checked(files: LibraryFiles) -> Library:
    # lazy: the checks bring networkx (~0.1 s); a vouched-for walk draws its first question
    # without them
    from ethicsguide.engine.assembly import assemble

    return assemble([files])


def _unchecked(files: LibraryFiles) -> Library:
    """The library ``assemble`` would make of files that had no errors, minus the checks."""
    library = Library(unchecked=files)
    for loaded in [files.principles, files.sources, *files.trees]:
        if loaded is not None:
            library.problems.extend(loaded.problems)  # warnings only: the key needs no errors
    if files.principles is not None and files.principles.model is not None:
        library.principles.update(files.principles.model.principles)
    if files.sources is not None and files.sources.model is not None:
        library.sources.update(files.sources.model.sources)
    for loaded in files.trees:
        assert loaded.model is not None  # _walk_files keeps only trees that loaded
        library.trees[loaded.model.id] = TreeEntry(loaded.model, loaded.path, loaded.digest)
    return library


def ensure_checked(library: Library) -> None:
    """Blocking: raise ``GuideRefused`` if ``library`` may not be walked on (see ``verify``)."""
    refused = verify(library)
    if refused is not None:
        raise GuideRefused(refused)


def verify(library: Library) -> str | None:
    """Run the checks a vouched-for library skipped (once); why it must not be walked, or None.

    Blocking (call it from a thread). The library keeps its guides either way: a session
    open on it can still be exported, but no answer is recorded once it is refused.
    """
    with _checking:
        files = library.unchecked
        if files is not None:
            checked = _checked(files)
            library.problems = checked.problems
            library.refusal = refusal(checked)
            library.unchecked = None
    return library.refusal


def refusal(checked: Library) -> str | None:
    """The first error of a checked library, located, and how many there are; None if none."""
    errors = sort_problems(checked.errors)
    if not errors:
        return None
    return (
        f"{errors[0].render()} — the guide files of this walkthrough have "
        f"{counted(len(errors), 'error')}, so it cannot go on until they are fixed; "
        "`ethicsguide validate` lists them"
    )
