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


def training_dir(explicit: Path | str | None = None) -> Path:
    """Where ``train`` and ``serve`` keep sessions: ``--data-dir``, else ``<data>/training``.

    Exercises are kept apart from casework so a room never sees real cases.
    """
    return Path(explicit).expanduser() if explicit else data_dir() / "training"


def is_casework_dir(folder: Path) -> bool:
    """Whether ``folder`` is the casework data folder (``$ETHICSGUIDE_DATA_DIR`` or the default)."""
    try:
        return folder.resolve() == data_dir().resolve()
    except OSError:
        return False


def tab_dir(training: Path, tab: str) -> Path:
    """One served browser tab's own folder inside the training folder."""
    return training / "tabs" / tab
