"""Flesch-Kincaid grade of short texts, with syllables from pyphen's offline dictionaries.

(textstat was tried first: it fetches a pronunciation dictionary over the network at run
time, which this tool must never do.)
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_WORDS = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@cache
def _dictionary() -> Any:
    import pyphen  # lazy: ~40 ms; `sessions`, `delete`, `verify` never compute a grade

    return pyphen.Pyphen(lang="en_US")


@cache
def syllables(word: str) -> int:
    """Hyphenation points + 1, never fewer than the word's vowel groups suggest minus a silent e."""
    lower = word.lower()
    by_dictionary = len(_dictionary().positions(lower)) + 1
    groups = len(_VOWEL_GROUPS.findall(lower))
    if lower.endswith("e") and groups > 1 and not lower.endswith(("le", "ee")):
        groups -= 1
    return max(1, by_dictionary, groups)


def grade(text: str) -> float:
    """The Flesch-Kincaid grade level (0 for text with no words)."""
    words = _WORDS.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip())) or 1)
    total = sum(syllables(w) for w in words)
    return round(0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59, 1)
