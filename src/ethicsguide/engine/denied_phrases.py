"""Phrases a fact denies (``decision_trees/denied-phrases.yaml``): outcome text no path may say."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PHRASES_FILE = Path(__file__).resolve().parent.parent / "decision_trees" / "denied-phrases.yaml"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


@dataclass(frozen=True, slots=True)
class DeniedPhrases:
    """One fact, why it matters, and the phrases base text must not say where it may hold."""

    fact: str
    why: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]

    def find(self, text: str) -> str | None:
        """The first denied phrase in ``text`` (whole words, any case or spacing), or None."""
        found = self.search(text)
        return found[1] if found else None

    def search(self, text: str) -> tuple[int, str] | None:
        """Where the first denied phrase starts in ``text``, and the phrase, or None."""
        match = self.pattern.search(text.translate(_APOSTROPHES))  # 1:1, so offsets hold
        return (match.start(), " ".join(match.group(0).split())) if match else None


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word alternatives, any run of whitespace between words."""
    words = (r"\s+".join(map(re.escape, p.translate(_APOSTROPHES).split())) for p in phrases)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def parse_table(data: Mapping[str, Any]) -> tuple[DeniedPhrases, ...]:
    """From the YAML mapping of ``denied-phrases.yaml``; a bad shape raises ValueError."""
    try:
        entries = []
        for item in data.get("denied") or []:
            phrases = tuple(str(p) for p in item["phrases"] if str(p).strip())
            if not phrases:
                raise ValueError(f"fact `{item['fact']}` lists no phrases")
            entries.append(
                DeniedPhrases(str(item["fact"]), str(item["why"]), phrases, _pattern(phrases))
            )
    except (AttributeError, TypeError, KeyError) as exc:
        raise ValueError(f"denied phrases: bad entry ({exc})") from exc
    return tuple(entries)


@cache
def bundled_table() -> tuple[DeniedPhrases, ...]:
    """The table shipped beside the bundled trees (read once per process).

    Any fault (unreadable, not YAML, a bad entry) is a ValueError naming the file.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(PHRASES_FILE.read_text(encoding="utf-8"), Loader=loader)
        if not isinstance(data, dict):
            raise ValueError("expected a mapping with a `denied` list")
        return parse_table(data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        raise ValueError(f"{PHRASES_FILE}: {exc}".splitlines()[0]) from None
