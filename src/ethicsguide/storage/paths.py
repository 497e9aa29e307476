"""Where ethicsguide keeps its data: --data-dir, else $ETHICSGUIDE_DATA_DIR, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ETHICSGUIDE_DATA_DIR"
PRIVATE_DIR = 0o700
SESSION_SUFFIX = ".jsonl"


def data_dir(explicit: Path | str | None = None) -> Path:
    """The data folder, resolved in the documented order (not created here)."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # lazy: ~5 ms of start-up; --data-dir and $ETHICSGUIDE_DATA_DIR skip it

    return Path(platformdirs.user_data_dir("ethicsguide", appauthor=False))


def sessions_dir(root: Path) -> Path:
    return root / "sessions"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it 0700: only the worker may list sessions.

    Folders created on the way are 0700 too, whatever the umask (mkdir's mode is cut by it).
    """
    make_private_parents(path)
    if path.stat().st_mode & 0o777 != PRIVATE_DIR:
        path.chmod(PRIVATE_DIR)
    return path


def make_private_parents(folder: Path) -> None:
    """Create each missing folder of ``folder`` one by one, each chmod 0700."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for part in reversed(missing):
        part.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        part.chmod(PRIVATE_DIR)
