"""Rank trees for a dilemma described in plain words (BM25 over weighted fields, with synonyms).

The word lists (stop words, synonyms, phrases) live in ``decision_trees/finder-words.yaml``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ethicsguide.engine.library import Library
from ethicsguide.engine.models import Tree

_WORD = re.compile(r"[a-z0-9]+")
WORDS_FILE = Path(__file__).resolve().parent.parent / "decision_trees" / "finder-words.yaml"
# Offered instead of a poor match: the general guide walks any hard call step by step.
GENERAL_TREE = "structured-ethical-decision"
# A best match scoring at least GOOD_SCORE fits; between FLOOR_SCORE and GOOD_SCORE it fits
# only if the library knows most of the description's words (so one stray shared word, as in
# "the weather is nice today", is not taken for a match).
GOOD_SCORE = 6.0
FLOOR_SCORE = 2.5
MAX_PHRASE = 4


@dataclass(frozen=True)
class FinderWords:
    """The finder's vocabulary: words to drop, and plain words mapped to the trees' words."""

    stop: frozenset[str] = frozenset()
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> FinderWords:
        """From the YAML mapping of ``finder-words.yaml``; a bad shape raises ValueError."""
        try:
            stop = frozenset(str(w).lower() for w in data.get("stop") or [])
            synonyms = {
                str(k).lower(): tuple(str(w).lower() for w in v)
                for k, v in (data.get("synonyms") or {}).items()
            }
            phrases = {
                tuple(_WORD.findall(str(k).lower())): tuple(str(w).lower() for w in v)
                for k, v in (data.get("phrases") or {}).items()
            }
        except (AttributeError, TypeError) as exc:
            raise ValueError(f"finder words: {exc}") from exc
        return cls(stop, synonyms, {k: v for k, v in phrases.items() if 1 < len(k) <= MAX_PHRASE})


@cache
def bundled_words() -> FinderWords:
    """The vocabulary shipped beside the bundled trees (read once per process)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return FinderWords.parse(yaml.load(WORDS_FILE.read_text(encoding="utf-8"), Loader=loader))


FIELD_WEIGHTS = {"title": 3.0, "keywords": 3.0, "summary": 2.0, "questions": 1.0}
K1, B = 1.2, 0.5


def stem(word: str) -> str:
    """A light suffix strip, enough to match 'reporting'/'reports'/'reported' to 'report'."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(text: str, *, expand: bool = False, words: FinderWords | None = None) -> list[str]:
    """Lower-cased, stemmed words without stop words; synonyms and phrases added when ``expand``."""
    vocab = words or bundled_words()
    tokens = _WORD.findall(text.lower())
    out: list[str] = []
    for index, word in enumerate(tokens):
        if expand:
            out.extend(stem(w) for w in _phrase_terms(tokens, index, vocab))
        if word in vocab.stop:
            continue
        out.append(stem(word))
        if expand:
            out.extend(stem(s) for s in vocab.synonyms.get(word, ()))
    return out


def _phrase_terms(tokens: list[str], index: int, vocab: FinderWords) -> list[str]:
    """Words added by every phrase that starts at ``tokens[index]``."""
    found: list[str] = []
    for size in range(2, MAX_PHRASE + 1):
        found.extend(vocab.phrases.get(tuple(tokens[index : index + size]), ()))
    return found


@dataclass(frozen=True)
class Match:
    """A tree and how well it fits the description."""

    tree_id: str
    score: float
    title: str = ""
    matched: tuple[str, ...] = ()
    fallback: bool = False  # offered because nothing fits well, not because it matched


@dataclass
class FinderIndex:
    """Per-tree weighted term counts, built once per library."""

    docs: dict[str, dict[str, float]] = field(default_factory=dict)
    lengths: dict[str, float] = field(default_factory=dict)
    df: Counter[str] = field(default_factory=Counter)
    titles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, trees: Iterable[Tree]) -> FinderIndex:
        index = cls()
        for tree in trees:
            counts: dict[str, float] = {}
            for name, text in _fields(tree):
                for term in terms(text):
                    counts[term] = counts.get(term, 0.0) + FIELD_WEIGHTS[name]
            index.docs[tree.id] = counts
            index.lengths[tree.id] = sum(counts.values())
            index.df.update(counts.keys())
            index.titles[tree.id] = tree.title
        return index

    def rank(self, text: str, limit: int = 10) -> list[Match]:
        query = Counter(terms(text, expand=True))
        if not query or not self.docs:
            return []
        average = sum(self.lengths.values()) / len(self.lengths)
        scored = [self._score(tid, query, average) for tid in self.docs]
        scored = [m for m in scored if m.score > 0]
        scored.sort(key=lambda m: (-m.score, m.tree_id))
        return scored[:limit]

    def _score(self, tree_id: str, query: Counter[str], average: float) -> Match:
        doc, total, matched = self.docs[tree_id], 0.0, []
        norm = K1 * (1 - B + B * self.lengths[tree_id] / average)
        n = len(self.docs)
        for term, weight in query.items():
            tf = doc.get(term, 0.0)
            if not tf:
                continue
            idf = math.log(1 + (n - self.df[term] + 0.5) / (self.df[term] + 0.5))
            total += weight * idf * tf * (K1 + 1) / (tf + norm)
            matched.append(term)
        return Match(tree_id, round(total, 4), self.titles[tree_id], tuple(matched))


def _fields(tree: Tree) -> list[tuple[str, str]]:
    questions = " ".join(n.text for n in tree.nodes.values() if n.kind == "question")
    return [
        ("title", tree.title),
        ("keywords", " ".join(tree.keywords)),
        ("summary", tree.summary),
        ("questions", questions),
    ]


_CACHE: dict[int, tuple[Library, FinderIndex]] = {}


def rank(library: Library, text: str, limit: int = 10) -> list[Match]:
    """Trees ranked for ``text``; the general guide alone when nothing fits well.

    The index is built once per library object.
    """
    cached = _CACHE.get(id(library))
    if cached is None or cached[0] is not library:
        cached = (library, FinderIndex.build(e.tree for e in library.trees.values()))
        _CACHE.clear()
        _CACHE[id(library)] = cached
    index = cached[1]
    matches = index.rank(text, limit)
    if matches and _fits_well(index, text, matches[0].score):
        return matches
    general = library.trees.get(GENERAL_TREE)
    if general is None:
        return matches
    return [Match(GENERAL_TREE, 0.0, general.tree.title, fallback=True)]


def _fits_well(index: FinderIndex, text: str, score: float) -> bool:
    if score >= GOOD_SCORE:
        return True
    if score < FLOOR_SCORE:
        return False
    vocab = bundled_words()
    words = [w for w in _WORD.findall(text.lower()) if w not in vocab.stop]
    known = [w for w in words if any(t in index.df for t in terms(w, expand=True))]
    return 2 * len(known) >= len(words)
