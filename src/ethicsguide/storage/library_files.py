"""Where a library's files are: the bundled folder, its tree files and its glossaries."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from ethicsguide.engine.library import LibraryFiles
from ethicsguide.engine.loader import load_file
from ethicsguide.engine.models import PrinciplesFile, SourcesFile

PRINCIPLES = "principles.yaml"
SOURCES = "sources.yaml"
FINDER_WORDS = "finder-words.yaml"  # the finder's vocabulary (engine/finder.py), not a tree
DENIED_PHRASES = "denied-phrases.yaml"  # review flags' word table (engine/denied_phrases.py)
SCENARIOS = "scenarios"
NOT_TREES = {"schema", SCENARIOS}


def bundled_root() -> Path:
    """The library shipped with the package (the repository's ``decision_trees/``)."""
    checkout = Path(__file__).resolve().parents[3] / "decision_trees"
    if (checkout / PRINCIPLES).is_file():
        return checkout
    return Path(str(resources.files("ethicsguide") / "decision_trees"))


def is_library_root(folder: Path) -> bool:
    return (folder / PRINCIPLES).is_file() or (folder / SOURCES).is_file()


def tree_paths(root: Path) -> list[Path]:
    """Tree files of a root: ``<domain>/*.yaml``, plus any at the top level but the glossaries."""
    paths = [
        p
        for p in root.glob("*.yaml")
        if p.name not in (PRINCIPLES, SOURCES, FINDER_WORDS, DENIED_PHRASES)
    ]
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name not in NOT_TREES and not folder.name.startswith("."):
            paths.extend(folder.rglob("*.yaml"))
    return sorted(paths)


def load_glossaries(root: Path) -> LibraryFiles:
    files = LibraryFiles(root)
    if (root / PRINCIPLES).is_file():
        files.principles = load_file(root / PRINCIPLES, PrinciplesFile)
    if (root / SOURCES).is_file():
        files.sources = load_file(root / SOURCES, SourcesFile)
    return files


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading makes millions of small objects that all stay alive; the cyclic collector
    would rescan them again and again (validation time grew faster than the library).
    Pause it, then freeze what was loaded so later collections skip it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()
