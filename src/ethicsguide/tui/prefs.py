"""The app's own small settings file (theme, key overrides), kept beside the sessions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ethicsguide.storage.durable import write_private_file
from ethicsguide.storage.paths import ensure_private_dir

FILE = "tui.json"


@dataclass
class Prefs:
    """``theme`` by name; ``keymap`` maps binding ids (e.g. ``back``) to keys."""

    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)


def load_prefs(data_dir: Path) -> Prefs:
    """Read ``tui.json``; a missing or unreadable file gives the defaults."""
    try:
        raw = json.loads((data_dir / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Prefs()
    if not isinstance(raw, dict):
        return Prefs()
    theme = raw.get("theme") if isinstance(raw.get("theme"), str) else None
    keymap = raw.get("keymap")
    keys = {str(k): str(v) for k, v in keymap.items()} if isinstance(keymap, dict) else {}
    return Prefs(theme, keys)


def save_prefs(data_dir: Path, prefs: Prefs) -> None:
    """Write ``tui.json`` (private, like everything in the data folder)."""
    ensure_private_dir(data_dir)
    text = json.dumps({"theme": prefs.theme, "keymap": prefs.keymap}, indent=2)
    write_private_file(data_dir / FILE, (text + "\n").encode("utf-8"))
