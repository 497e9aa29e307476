"""What the home screen shows: loaded in a worker, and kept in a small cache for the first frame.

The full library needs pydantic and networkx (about half a second with the checks), so the
first frame is drawn from ``cache/home.json`` when the guide files have not changed since it
was written, with recent sessions read straight from their first and last lines. The worker
then loads everything properly and the screen only changes if something really differs.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ethicsguide.engine.summary import NOTHING_ANSWERED, short

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library
    from ethicsguide.engine.problems import Problem
    from ethicsguide.storage.sessions import SessionInfo
    from ethicsguide.tui.context import AppContext

CACHE_FORMAT = 1
RECENT = 6


@dataclass(frozen=True)
class Recent:
    """One recent session as the home screen lists it."""

    id: str
    title: str
    updated: str
    finished: bool
    path: str
    description: str = ""  # the worker's own words, shortened
    where: str = ""  # the question or outcome it is at, or "opened, nothing answered"
    kind: str = "casework"  # or "exercise"
    signed_off: str = ""


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
    from ethicsguide.engine.domains import DOMAINS
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
    data.sessions = quick_recent(ctx.data_dir)
    return data


def library_roots(extra_roots: tuple[Path, ...]) -> tuple[Path, ...]:
    """The folders ``load_library`` reads (mirrors ``storage.library.bundled_root``)."""
    here = Path(__file__).resolve()
    checkout = here.parents[3] / "decision_trees"
    if (checkout / "principles.yaml").is_file():
        bundled = checkout
    else:
        from importlib import resources

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
    from ethicsguide.storage.paths import ensure_private_dir

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
        fd = os.open(cache_file(data_dir), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(payload))
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


def quick_recent(data_dir: Path, limit: int = RECENT) -> list[Recent]:
    """The newest sessions by file time, summarised from their events without replaying them."""
    folder = data_dir / "sessions"
    try:
        files = sorted(folder.glob("*.jsonl"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return []
    found = [r for r in (_summary(p) for p in files[: limit * 2]) if r is not None]
    found.sort(key=lambda r: (r.updated, r.id), reverse=True)
    return found[:limit]


def _summary(path: Path) -> Recent | None:
    """Title, last update and whether the last move reached an outcome (as replay decides)."""
    events = []
    try:
        for line in path.read_bytes().splitlines():
            try:
                events.append(json.loads(line))
            except ValueError:
                break
    except OSError:
        return None
    if not events or events[0].get("type") != "started":
        return None
    from ethicsguide.engine.controls import visible  # session files are hostile input

    first, moves = events[0], [e.get("type") for e in events if e.get("type") in _MOVES]
    last = next((e for e in reversed(events) if e.get("type") in _MOVES), None)
    finished = last is not None and last.get("type") == "reached" and not last.get("then")
    return Recent(
        visible(str(first.get("session"))),
        visible(str(first.get("title") or first.get("tree"))),
        visible(str(events[-1].get("at"))),
        finished,
        str(path),
        visible(short(str(first.get("dilemma") or ""))),
        _quick_where(moves, finished),
        "exercise" if first.get("scenario") else "casework",
        _quick_signoff([e for e in events if e.get("type") == "signed-off"]),
    )


_MOVES = ("chose", "went-back", "reached")


def _quick_where(moves: list[Any], finished: bool) -> str:
    """Where a session stands, from its moves alone (the full load names the node)."""
    answers = moves.count("chose") - moves.count("went-back")
    if finished:
        return "Outcome reached"
    return f"question {answers + 1}" if "chose" in moves else NOTHING_ANSWERED


def _quick_signoff(signoffs: list[dict[str, Any]]) -> str:
    if not signoffs:
        return ""
    last = signoffs[-1]
    return " ".join(str(last.get(k) or "") for k in ("role", "name")).strip() or "signed off"


def rank_trees(ctx: AppContext, text: str, limit: int = 10) -> list[tuple[str, str]]:
    """Tree ids ranked for a plain-words description, with the words that matched."""
    from ethicsguide.engine.finder import rank

    library = ctx.library()
    return [
        (m.tree_id, _typed_words(text, set(m.matched)))
        for m in rank(library, text, limit)
        if m.tree_id in library.trees
    ]


def _typed_words(text: str, matched: set[str]) -> str:
    """The words the worker typed that matched (the finder reports stems, not words)."""
    import re

    from ethicsguide.engine.finder import terms

    words: list[str] = []
    for word in re.findall(r"[\w']+", text.lower()):
        if word not in words and matched.intersection(terms(word)):
            words.append(word)
    return ", ".join(words)
