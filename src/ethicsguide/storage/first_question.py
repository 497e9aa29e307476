"""What a walkthrough's first question looks like, remembered for guide files checked clean.

``start TREE`` draws its first question from this before pydantic, PyYAML and the tree
models load (~0.7 G instructions), as home is drawn from ``cache/home.json``. It is only a
picture: the real guide loads right after the first frame, every key typed meanwhile is
held until it has, and if the two disagree the picture is replaced and the keys dropped.
So a stale or forged file can change what is shown for a moment, never what is recorded.
The file is ``cache/first.json`` (0600 in a 0700 folder) and is hostile input: bounded in
size, checked in shape, and any text with a control character makes it ignored whole.
An entry is used only if its files still hash to a key the check cache vouches for.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ethicsguide.engine.controls import CONTROL
from ethicsguide.storage import check_cache
from ethicsguide.storage.durable import write_private_file
from ethicsguide.storage.paths import ensure_private_dir

MAX_BYTES = 256 * 1024  # the whole file: a longer one is not ours
MAX_ENTRIES = 16  # guides opened lately with ``start``; older ones drop off
MAX_FILES = 32  # a guide and the guides it hands over to, with the two glossaries
MAX_FILE_BYTES = 2 * 1024 * 1024  # as the loader's limit: a larger file never checked clean
MAX_TEXT = 4000  # characters in any one text
MAX_OPTIONS = 9  # keys 1-9
VIEW_KEYS = {
    "title",
    "ask",
    "many",
    "says_choose_all",
    "why",
    "options",
    "tension",
    "principles",
    "crumb",
    "left",
}


def cache_file(data_dir: Path) -> Path:
    return data_dir / "cache" / "first.json"


def lookup(data_dir: Path, root: Path, tree_id: str) -> dict[str, Any] | None:
    """The first-question view of ``tree_id`` if its files are unchanged and vouched for."""
    entry = read_entries(cache_file(data_dir), MAX_BYTES).get(tree_id)
    if entry is None or not isinstance(entry, dict):
        return None
    files, view = entry.get("files"), entry.get("view")
    if not valid_files(files, root) or not valid_view(view):
        return None
    assert isinstance(files, list) and isinstance(view, dict)  # (as just checked)
    key = files_key(root, files)
    if key is None or not check_cache.vouches(data_dir, key):
        return None
    return view


def remember(
    data_dir: Path, root: Path, tree_id: str, files: list[str], view: dict[str, Any]
) -> None:
    """Record ``view`` for ``tree_id`` if its files are vouched for. Best effort."""
    if not valid_files(files, root) or not valid_view(view):
        return
    key = files_key(root, files)
    if key is None or not check_cache.vouches(data_dir, key):
        return
    put_entry(cache_file(data_dir), tree_id, {"files": files, "view": view})


def put_entry(
    file: Path, name: str, entry: dict[str, Any] | None, *, limit: int = MAX_BYTES
) -> None:
    """Set (None: drop) one entry of a cache file of the newest ``MAX_ENTRIES``. Best effort:
    a file that would grow past ``limit`` is left as it was."""
    old = read_entries(file, limit)
    entries = {k: v for k, v in old.items() if k != name}
    if entry is None and len(entries) == len(old):
        return  # nothing to drop: the file is not rewritten
    kept = dict(list(entries.items())[-(MAX_ENTRIES - 1) :])
    if entry is not None:
        kept[name] = entry
    data = json.dumps(kept).encode("utf-8")
    if len(data) > limit:
        return
    try:
        ensure_private_dir(file.parent)
        write_private_file(file, data)
    except OSError:
        pass


def files_key(root: Path, files: list[str]) -> str | None:
    """The check cache's key of these files as they are on disk now (None: unreadable)."""
    digests = []
    for name in files:
        try:
            path = Path(name)
            if not path.is_file():  # a pipe or device would block or never end
                return None
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_FILE_BYTES:
            return None
        digests.append("sha256:" + hashlib.sha256(data).hexdigest())
    return check_cache.digests_key(root, digests)


def read_entries(file: Path, limit: int) -> dict[str, Any]:
    """A cache file's entries by name; {} if it is missing, unreadable or over ``limit``."""
    try:
        with file.open("rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            return {}
        entries = json.loads(raw)
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def valid_files(files: object, root: Path) -> bool:
    """A list of guide files inside the library ``root``, each named in plain text."""
    if not isinstance(files, list) or not 0 < len(files) <= MAX_FILES:
        return False
    inside = str(root.resolve()) + "/"
    return all(
        isinstance(f, str) and plain(f) and str(Path(f).resolve()).startswith(inside) for f in files
    )


def valid_view(view: object) -> bool:
    """Whether ``view`` has exactly the shape ``first_view`` makes, with plain text only."""
    if not isinstance(view, dict) or set(view) != VIEW_KEYS:
        return False
    texts = [view["title"], view["ask"]]
    if not all(isinstance(view[k], bool) for k in ("many", "says_choose_all")):
        return False
    if view["why"] is not None:
        texts.append(view["why"])
    options = view["options"]
    if not isinstance(options, list) or not 0 < len(options) <= MAX_OPTIONS:
        return False
    for option in options:
        if not _valid_option(option):
            return False
        texts += [option["label"], *([option["note"]] if option["note"] else [])]
        texts += [*option["upholds"], *option["strains"]]
    principles = view["principles"]
    if not isinstance(principles, dict) or len(principles) > 64:
        return False
    for pid, principle in principles.items():
        if not isinstance(principle, dict) or set(principle) != {"name", "short"}:
            return False
        texts += [pid, principle["name"], principle["short"]]
    if not isinstance(view["tension"], list) or len(view["tension"]) > 16:
        return False
    texts += [*view["tension"], view["crumb"]]
    left = view["left"]
    if not (isinstance(left, list) and len(left) == 2 and all(count(n) for n in left)):
        return False
    return all(isinstance(t, str) and plain(t) for t in texts)


def _valid_option(option: object) -> bool:
    if not isinstance(option, dict) or set(option) != {
        "label",
        "note",
        "alone",
        "upholds",
        "strains",
    }:
        return False
    if not isinstance(option["alone"], bool) or not (
        option["note"] is None or isinstance(option["note"], str)
    ):
        return False
    return all(isinstance(option[k], list) and len(option[k]) <= 16 for k in ("upholds", "strains"))


def count(value: object) -> bool:
    """A whole number of a sensible size (not a bool, which JSON would allow as one)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000


def plain(text: str, limit: int = MAX_TEXT) -> bool:
    """No control character but a newline or tab (the engine's one list, bidi overrides
    included), and not too long: nothing to steer a terminal or reorder what is read."""
    return len(text) <= limit and CONTROL.search(text) is None
