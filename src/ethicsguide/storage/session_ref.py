"""Which session file a command names: by id, id prefix or path (no engine, no replay)."""

from __future__ import annotations

from pathlib import Path

from ethicsguide.storage.logread import SessionFileError
from ethicsguide.storage.paths import SESSION_SUFFIX, sessions_dir


def session_files(root: Path) -> list[Path]:
    folder = sessions_dir(root)
    return sorted(folder.glob(f"*{SESSION_SUFFIX}")) if folder.is_dir() else []


def locate(root: Path, ref: str, *, inside_only: bool = False) -> Path:
    """A session by id or id prefix (looked up in the sessions folder only), or by path.

    A bare word is never a file in the current folder. A path (with a ``/`` or ending in
    ``.jsonl``) names a session file; with ``inside_only`` it must be in the sessions folder.
    """
    if "/" in ref or ref.endswith(SESSION_SUFFIX):
        return _session_path(root, Path(ref).expanduser(), inside_only)
    folder = sessions_dir(root)
    exact = folder / f"{ref}{SESSION_SUFFIX}"
    if ref and "\0" not in ref and not ref.startswith(".") and exact.is_file():
        return exact
    matches = [p for p in session_files(root) if ref and p.stem.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    reason = "matches several sessions" if matches else "is not a saved session"
    raise SessionFileError(f"`{ref}` {reason}; `ethicsguide sessions` lists them")


def _session_path(root: Path, candidate: Path, inside_only: bool) -> Path:
    if candidate.suffix != SESSION_SUFFIX or not candidate.is_file() or candidate.is_symlink():
        raise SessionFileError(f"no session file {candidate}")
    folder = sessions_dir(root).resolve()
    if inside_only and candidate.resolve().parent != folder:
        raise SessionFileError(
            f"{candidate} is not in the sessions folder {folder}; only saved sessions are touched"
        )
    return candidate
