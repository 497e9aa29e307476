"""What the home screen shows: loaded in a worker, and kept in a small cache for the first frame.

The full library needs pydantic and networkx (about half a second with the checks), so the
first frame is drawn from ``cache/home.json`` when the guide files have not changed since it
was written, with recent sessions summarised by storage from their first and last lines. The
worker then loads everything properly and the screen only changes if something really differs.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ethicsguide.engine.domains import DOMAINS
from ethicsguide.storage.durable import write_private_file
from ethicsguide.storage.paths import ensure_private_dir
from ethicsguide.storage.summaries import SessionSummary, recent_summaries

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.problems import Problem
    from ethicsguide.storage.sessions import SessionInfo
    from ethicsguide.tui.context import AppContext

CACHE_FORMAT = 1
RECENT = 6


Recent = SessionSummary  # one recent session as the home screen lists it


@dataclass
class HomeData:
    """Trees grouped by domain, files with errors, and recent sessions (newest first)."""

    by_domain: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    broken: dict[str, int] = field(default_factory=dict)
    problem_files: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sessions: list[Recent] = field(default_factory=list)
    outside: str = ""

    @property
    def count(self) -> int:
        return len(self.titles)


# --- the full load (worker thread) ----------------------------------------------------------


def load_home(ctx: AppContext) -> HomeData:
    """Blocking: loads the library on first use, then lists sessions; refreshes the cache."""
    # lazy: runs in a worker thread: pydantic and networkx load there, off the UI thread
    from ethicsguide.storage.sessions import list_sessions

    library = ctx.library()
    data = library_data(library)
    infos, _unreadable = list_sessions(ctx.data_dir, library.tree)
    data.sessions = [recent_from_info(i) for i in infos[:RECENT]]
    if ctx.cache_roots is not None:
        write_cache(ctx.data_dir, ctx.cache_roots, data)
    return data


def recent_from_info(info: SessionInfo) -> Recent:
    about = info.summary
    recent = Recent(info.id, info.title, info.updated, info.finished, str(info.path))
    if about is None:
        return recent
    return replace(
        recent,
        description=about.description,
        where=about.where,
        kind=about.kind,
        signed_off=about.signed_off,
    )


def library_data(library: Library) -> HomeData:
    # lazy: this module is on the home screen's import path; the loader brings pydantic and yaml
    from ethicsguide.engine.loader import display_path

    data = HomeData(problem_files=library.broken_files(), problems=list(library.problems))
    data.outside = library.outside_note() or ""
    listed = list(library.trees.values()) + list(library.broken.values())
    entries = sorted(listed, key=lambda e: e.tree.title.lower())
    for domain in sorted({e.tree.domain for e in entries}, key=_domain_order(DOMAINS)):
        data.by_domain[domain] = [(e.id, e.tree.title) for e in entries if e.tree.domain == domain]
    for entry in entries:
        data.titles[entry.id] = (entry.tree.title, entry.tree.summary)
        errors = data.problem_files.get(display_path(entry.path), 0)
        if entry.id in library.broken:
            errors = max(errors, 1)
        if errors:
            data.broken[entry.id] = errors
    return data


def _domain_order(domains: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return lambda d: (domains.index(d) if d in domains else len(domains), d)


# --- the first frame (UI thread, no engine imports) ------------------------------------------


def quick_home(ctx: AppContext) -> HomeData | None:
    """The home data without loading the library: from the loaded one, or the cache."""
    if ctx.loaded is not None:
        data = library_data(ctx.loaded)
    elif ctx.cache_roots is not None:
        cached = read_cache(ctx.data_dir, ctx.cache_roots)
        if cached is None:
            return None
        data = cached
    else:
        return None
    data.sessions = recent_summaries(ctx.data_dir, RECENT)
    return data


def library_roots(extra_roots: tuple[Path, ...]) -> tuple[Path, ...]:
    """The folders ``load_library`` reads (mirrors ``storage.library.bundled_root``)."""
    here = Path(__file__).resolve()
    checkout = here.parents[3] / "decision_trees"
    if (checkout / "principles.yaml").is_file():
        bundled = checkout
    else:
        from importlib import resources  # lazy: an installed wheel only; a checkout skips it

        bundled = Path(str(resources.files("ethicsguide") / "decision_trees"))
    return (bundled, *extra_roots)


def fingerprint(roots: tuple[Path, ...]) -> str:
    """Changes whenever a YAML file under the roots is added, removed or edited.

    A CRC, not hashlib: importing hashlib costs ~2 ms of start-up, and a false match only
    means the first frame shows stale titles until the full load a moment later.
    """
    parts = [f"{CACHE_FORMAT}:{Path.cwd()}"]
    for root in roots:
        for path in sorted(root.rglob("*.yaml")) if root.is_dir() else ():
            stat = path.stat()
            parts.append(f"{path}:{stat.st_mtime_ns}:{stat.st_size}")
    text = ";".join(parts).encode()
    return f"{zlib.crc32(text):08x}-{len(text)}"


def cache_file(data_dir: Path) -> Path:
    return data_dir / "cache" / "home.json"


def write_cache(data_dir: Path, roots: tuple[Path, ...], data: HomeData) -> None:
    """Best effort: a cache that cannot be written only costs speed next time."""
    payload = {
        "fingerprint": fingerprint(roots),
        "by_domain": data.by_domain,
        "titles": data.titles,
        "broken": data.broken,
        "problem_files": data.problem_files,
        "problems": [asdict(p) for p in data.problems],
        "outside": data.outside,
    }
    try:
        ensure_private_dir(cache_file(data_dir).parent)
        write_private_file(cache_file(data_dir), json.dumps(payload).encode("utf-8"))
    except OSError:
        pass


def read_cache(data_dir: Path, roots: tuple[Path, ...]) -> HomeData | None:
    try:
        raw = json.loads(cache_file(data_dir).read_text(encoding="utf-8"))
        if raw.get("fingerprint") != fingerprint(roots):
            return None
        return _from_cache(raw)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _from_cache(raw: dict[str, Any]) -> HomeData:
    # lazy: read with the cache once the app runs; building the app imports no more than it must
    from ethicsguide.engine.problems import Problem, Severity

    problems = [Problem(**{**p, "severity": Severity(p["severity"])}) for p in raw["problems"]]
    return HomeData(
        by_domain={d: [(t, n) for t, n in items] for d, items in raw["by_domain"].items()},
        titles={t: (v[0], v[1]) for t, v in raw["titles"].items()},
        broken=raw["broken"],
        problem_files=raw["problem_files"],
        problems=problems,
        outside=str(raw.get("outside", "")),
    )


def rank_trees(ctx: AppContext, text: str, limit: int = 10) -> list[tuple[str, str]]:
    """Tree ids ranked for a plain-words description, with the words that matched."""
    # lazy: the finder brings the library's loader (pydantic, networkx); called in a worker
    from ethicsguide.engine.finder import rank

    library = ctx.library()
    return [
        (m.tree_id, _typed_words(text, set(m.matched)))
        for m in rank(library, text, limit)
        if m.tree_id in library.trees
    ]


def _typed_words(text: str, matched: set[str]) -> str:
    """The words the worker typed that matched (the finder reports stems, not words)."""
    # lazy: the finder brings the library's loader (pydantic, networkx); called in a worker
    from ethicsguide.engine.finder import terms

    words: list[str] = []
    for word in re.findall(r"[\w']+", text.lower()):
        if word not in words and matched.intersection(terms(word)):
            words.append(word)
    return ", ".join(words)
