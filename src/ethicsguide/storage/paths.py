"""Where ethicsguide keeps its data: --data-dir, else $ETHICSGUIDE_DATA_DIR, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ETHICSGUIDE_DATA_DIR"
PRIVATE_DIR = 0o700


def data_dir(explicit: Path | str | None = None) -> Path:
    """The data folder, resolved in the documented order (not created here)."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("ethicsguide", appauthor=False))


def sessions_dir(root: Path) -> Path:
    return root / "sessions"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it 0700: only the worker may list sessions."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if path.stat().st_mode & 0o777 != PRIVATE_DIR:
        path.chmod(PRIVATE_DIR)
    return path
