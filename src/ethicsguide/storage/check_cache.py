"""Which exact sets of guide files were checked with no error: a hint, never a verdict.

``start`` and ``resume`` use it to draw the first question before the checks (and
networkx) load; the checks still run right after, before any answer is recorded
(``storage/walkable.py``). So a stale or forged entry can only delay a refusal by a
moment, never let a broken guide be walked. The file is ``cache/checked.json`` in the
data folder (0600 in a 0700 folder), keyed by the files' hashes and the checking code.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ethicsguide import __version__
from ethicsguide.storage.durable import write_private_file
from ethicsguide.storage.paths import ensure_private_dir

if TYPE_CHECKING:
    from ethicsguide.engine.library import LibraryFiles

MAX_ENTRIES = 64  # one per guide and hand-off set opened lately; older ones drop off
MAX_BYTES = 16 * 1024  # a longer file is not ours: it is ignored (bounded work on start)


def cache_file(data_dir: Path) -> Path:
    return data_dir / "cache" / "checked.json"


def files_key(files: LibraryFiles) -> str | None:
    """A hash of every file in ``files`` and of the checking code, or None if one is bad."""
    loaded = [*files.trees, files.principles, files.sources]
    if any(f is None or f.model is None or any(p.is_error for p in f.problems) for f in loaded):
        return None
    if files.root is None:
        return None
    return digests_key(files.root, [f.digest for f in loaded if f is not None])


def digests_key(root: Path, digests: list[str]) -> str:
    """The key of files under ``root`` with these ``sha256:`` digests (see ``files_key``)."""
    parts = {
        "version": __version__,
        "code": _engine_stamp(),
        "root": str(root),
        "files": sorted(digests),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def _engine_stamp() -> list[tuple[str, int, int]]:
    """Size and time of each engine module: edited checks invalidate every entry."""
    engine = Path(__file__).resolve().parents[1] / "engine"
    stamp = []
    for path in sorted(engine.glob("*.py")):
        info = path.stat()
        stamp.append((path.name, info.st_size, info.st_mtime_ns))
    return stamp


def vouches(data_dir: Path, key: str) -> bool:
    """Whether ``key`` was recorded as checked clean (any doubt: no)."""
    return key in _entries(data_dir)


def remember(data_dir: Path, key: str) -> None:
    """Record ``key`` as checked clean. Best effort: a cache not written only costs speed."""
    entries = [*[k for k in _entries(data_dir) if k != key][-(MAX_ENTRIES - 1) :], key]
    try:
        ensure_private_dir(cache_file(data_dir).parent)
        write_private_file(cache_file(data_dir), json.dumps({"clean": entries}).encode("utf-8"))
    except OSError:
        pass


def _entries(data_dir: Path) -> list[str]:
    try:
        with cache_file(data_dir).open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return []
        entries = json.loads(raw)["clean"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    if not isinstance(entries, list):
        return []
    return [k for k in entries if isinstance(k, str)]
