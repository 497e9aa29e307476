"""The screen ``resume`` opens on, remembered beside the session file it shows.

``resume`` draws it before pydantic, PyYAML and the tree models load (~0.7 G instructions),
as ``start`` draws a first question from ``first_question``. It is only a picture: the
session loads right after the first frame, every key typed meanwhile is held until it has,
and if the real screen differs in anything the picture is replaced and the keys dropped.
A picture is used only while the session file and its head record hash as they did when
it was drawn (nothing was recorded since) and the check cache vouches for the guide files
it was drawn from. It holds what the worker wrote (the conversation so far), so it lives
beside the session as ``<id>.resume`` (0600), written while the session's lock is held,
and goes when the session is deleted. It is hostile input all the same: bounded in size,
checked in shape, and any control character makes it void.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Any

from ethicsguide.storage import check_cache
from ethicsguide.storage.first_question import (
    VIEW_KEYS,
    count,
    files_key,
    plain,
    put_entry,
    read_entries,
    valid_files,
    valid_view,
)
from ethicsguide.storage.logread import HEAD_SUFFIX

MAX_BYTES = 1024 * 1024  # the whole file: a transcript with its reasoning
PICTURE_KEY = "resume"  # the file's one entry (its shape is the cache files' shape)
MAX_LOG_BYTES = 4 * 1024 * 1024  # a longer session opens the usual way
MAX_BUBBLES = 400  # answers, withdrawals, notes and what-ifs on screen
MAX_BUBBLE_TEXT = 20_000  # characters in one bubble (a long reason)
MAX_CRUMBS = 200
STYLES = {"bold", "italic", "strike"}  # all a transcript bubble uses
RESUMED_KEYS = {"session", "number", "bubbles", "here", "again", "crumbs", "banner", "back"}
BASE_KEYS = VIEW_KEYS - {"crumb"}  # a resumed screen has the whole path, not one crumb


PICTURE_SUFFIX = ".resume"


def picture_file(session: Path) -> Path:
    return session.with_suffix(PICTURE_SUFFIX)


def lookup(data_dir: Path, root: Path, session: Path) -> dict[str, Any] | None:
    """The screen ``session`` resumes on, if nothing was recorded in it since and its
    guide files are unchanged and vouched for; else None."""
    entry = read_entries(picture_file(session), MAX_BYTES).get(PICTURE_KEY)
    if not isinstance(entry, dict) or set(entry) != {"log", "files", "view"}:
        return None
    files, view = entry["files"], entry["view"]
    if not valid_files(files, root) or not valid_resumed(view):
        return None
    if entry["log"] is None or entry["log"] != log_digest(session):
        return None
    key = files_key(root, files)
    if key is None or not check_cache.vouches(data_dir, key):
        return None
    return view


def remember(
    data_dir: Path,
    root: Path,
    session: Path,
    digest: str,
    files: list[str],
    view: dict[str, Any] | None,
) -> None:
    """Record ``view`` as the screen ``session`` resumes on while its file and head record
    hash to ``digest`` (``log_digest``, taken when ``view`` was true); None: forget it.
    Best effort: a cache that cannot be written only means a slower ``resume``."""
    target = picture_file(session)
    key = files_key(root, files) if valid_files(files, root) else None
    usable = key is not None and check_cache.vouches(data_dir, key)
    if view is None or not usable or not valid_resumed(view):
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)  # an older picture would not be used: no need for it
        return
    entry = {"log": digest, "files": files, "view": view}
    put_entry(target, PICTURE_KEY, entry, limit=MAX_BYTES)


def log_digest(session: Path) -> str | None:
    """SHA-256 of the session file and its head record as they are now (None: unreadable)."""
    digest = hashlib.sha256()
    for path in (session, session.with_suffix(HEAD_SUFFIX)):
        try:
            if path.is_symlink() or (path.exists() and not path.is_file()):
                return None
            data = path.read_bytes() if path.exists() else b""
        except OSError:
            return None
        if len(data) > MAX_LOG_BYTES:
            return None
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def valid_resumed(view: object) -> bool:
    """Whether ``view`` has exactly the shape ``first_view.resumed_view`` makes, plain text only."""
    if not isinstance(view, dict) or set(view) != BASE_KEYS | RESUMED_KEYS:
        return False
    base = {k: view[k] for k in BASE_KEYS} | {"crumb": ""}
    if not valid_view(base) or not isinstance(view["back"], bool):
        return False
    if not (isinstance(view["session"], str) and plain(view["session"])):
        return False
    if not (count(view["number"]) and _bubbles(view["bubbles"]) and _bubbles(view["here"])):
        return False
    again = view["again"]
    if not (isinstance(again, list) and len(again) <= 9 and all(count(i) for i in again)):
        return False
    banner = view["banner"]
    if not (isinstance(banner, list) and len(banner) <= 16):
        return False
    if not all(isinstance(line, str) and plain(line) for line in banner):
        return False
    return _crumbs(view["crumbs"])


def _bubbles(bubbles: object) -> bool:
    """Transcript bubbles: ``[classes, text, [[start, end, style], ...]]`` each."""
    if not isinstance(bubbles, list) or len(bubbles) > MAX_BUBBLES:
        return False
    return all(_bubble(b) for b in bubbles)


def _bubble(bubble: object) -> bool:
    if not (isinstance(bubble, list) and len(bubble) == 3):
        return False
    classes, text, spans = bubble
    if not (isinstance(classes, str) and classes.replace("-", "").replace(" ", "").isalpha()):
        return False
    if not (isinstance(text, str) and plain(text, MAX_BUBBLE_TEXT)):
        return False
    if not isinstance(spans, list) or len(spans) > 64:
        return False
    return all(_span(s, len(text)) for s in spans)


def _span(span: object, length: int) -> bool:
    if not (isinstance(span, list) and len(span) == 3):
        return False
    start, end, style = span
    whole = all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end))
    return whole and 0 <= start <= end <= length and style in STYLES


def _crumbs(crumbs: object) -> bool:
    """The breadcrumb: ``[label, here, step]`` each."""
    if not isinstance(crumbs, list) or not 0 < len(crumbs) <= MAX_CRUMBS:
        return False
    for crumb in crumbs:
        if not (isinstance(crumb, list) and len(crumb) == 3):
            return False
        label, here, step = crumb
        if not (isinstance(label, str) and plain(label)):
            return False
        if not (isinstance(here, bool) and isinstance(step, bool)):
            return False
    return True
