"""Rank trees for a dilemma described in plain words (BM25 over weighted fields, with synonyms)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ethicsguide.engine.library import Library
from ethicsguide.engine.models import Tree

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "did",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "to",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "about",
        "after",
        "again",
        "all",
        "also",
        "am",
        "any",
        "because",
        "being",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "over",
        "own",
        "same",
        "some",
        "such",
        "too",
        "very",
        "s",
        "t",
        "don",
        "should",
        "now",
        "want",
        "wants",
    ]
)
# Plain words a worker types, mapped to the words the trees use.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "cop": ("police", "law", "enforcement"),
    "cops": ("police", "law", "enforcement"),
    "detective": ("police", "law", "enforcement"),
    "officer": ("police", "law", "enforcement"),
    "fbi": ("police", "law", "enforcement", "federal"),
    "ice": ("immigration", "police"),
    "hsi": ("police", "federal", "immigration"),
    "da": ("prosecutor",),
    "prosecutor": ("police",),
    "teen": ("minor", "youth"),
    "teenager": ("minor", "youth"),
    "kid": ("minor", "child"),
    "girl": ("minor", "youth"),
    "boy": ("minor", "youth"),
    "juvenile": ("minor",),
    "16": ("minor",),
    "15": ("minor",),
    "17": ("minor",),
    "14": ("minor",),
    "13": ("minor",),
    "pimp": ("trafficker", "exploiter"),
    "pimped": ("trafficker", "exploited"),
    "boyfriend": ("trafficker", "partner"),
    "abuser": ("trafficker",),
    "exploiter": ("trafficker",),
    "file": ("records",),
    "files": ("records",),
    "notes": ("records", "documentation"),
    "chart": ("records",),
    "paperwork": ("documentation", "records"),
    "visa": ("immigration",),
    "papers": ("immigration", "documents"),
    "undocumented": ("immigration",),
    "drugs": ("substance",),
    "drug": ("substance",),
    "using": ("substance",),
    "high": ("substance",),
    "opioids": ("substance",),
    "heroin": ("substance",),
    "meth": ("substance",),
    "alcohol": ("substance",),
    "sober": ("substance", "sobriety"),
    "addiction": ("substance",),
    "credit": ("credit", "debt"),
    "debt": ("credit",),
    "collections": ("credit", "debt"),
    "tell": ("report", "disclose"),
    "telling": ("report", "disclose"),
    "report": ("reporting",),
    "secret": ("confidentiality", "promise"),
    "confidential": ("confidentiality",),
    "share": ("sharing", "disclose"),
    "subpoenaed": ("subpoena",),
    "court": ("subpoena", "order"),
    "reporter": ("journalist", "media"),
    "journalist": ("media",),
    "story": ("media",),
    "donors": ("fundraising",),
    "fundraiser": ("fundraising",),
    "gala": ("fundraising",),
    "translate": ("interpreter",),
    "translator": ("interpreter",),
    "language": ("interpreter",),
    "hurricane": ("disaster",),
    "flood": ("disaster",),
    "fire": ("disaster",),
    "evacuation": ("disaster",),
    "kill": ("threatens", "harm", "warn"),
    "hurt": ("threatens", "harm"),
    "revenge": ("threatens",),
    "suicidal": ("suicide", "crisis"),
    "overdose": ("substance", "crisis"),
    "phone": ("phone", "tracking"),
    "tracking": ("phone",),
    "location": ("phone", "tracking"),
    "bed": ("shelter", "housing"),
    "housing": ("shelter",),
    "homeless": ("hmis", "shelter"),
    "peer": ("survivor", "leader"),
    "mentor": ("peer",),
    "friends": ("dual", "relationship"),
    "husband": ("partner", "family"),
    "wife": ("partner", "family"),
    "mother": ("family", "parent"),
    "parent": ("family", "familial"),
    "mom": ("family", "parent"),
    "dad": ("family", "parent"),
    "foster": ("foster", "child", "welfare"),
    "ran": ("runaway",),
    "runaway": ("runaway",),
    "funder": ("funder", "monitor", "grant"),
    "audit": ("monitor", "funder"),
    "grant": ("funder",),
    "team": ("mdt", "multidisciplinary"),
    "mdt": ("multidisciplinary",),
    "release": ("consent",),
    "witness": ("witness", "testify", "retaliation"),
    "testify": ("witness",),
    "threats": ("retaliation",),
    "recruiting": ("recruiting", "recruiter"),
    "recruiter": ("recruiting",),
    "screen": ("screening",),
    "screening": ("screening",),
    "questionnaire": ("screening",),
    "label": ("victim", "identify"),
    "sex": ("sex",),
    "work": ("work", "labor", "job"),
    "job": ("work", "labor", "recruiters"),
    "jobs": ("work", "labor", "recruiters"),
}
FIELD_WEIGHTS = {"title": 3.0, "keywords": 3.0, "summary": 2.0, "questions": 1.0}
K1, B = 1.2, 0.5


def stem(word: str) -> str:
    """A light suffix strip, enough to match 'reporting'/'reports'/'reported' to 'report'."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(text: str, *, expand: bool = False) -> list[str]:
    """Lower-cased, stemmed words without stop words; synonyms added when ``expand``."""
    out = []
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        out.append(stem(word))
        if expand:
            out.extend(stem(s) for s in SYNONYMS.get(word, ()))
    return out


@dataclass(frozen=True)
class Match:
    """A tree and how well it fits the description."""

    tree_id: str
    score: float
    title: str = ""
    matched: tuple[str, ...] = ()


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
    """Trees ranked for ``text``; the index is built once per library object."""
    cached = _CACHE.get(id(library))
    if cached is None or cached[0] is not library:
        cached = (library, FinderIndex.build(e.tree for e in library.trees.values()))
        _CACHE.clear()
        _CACHE[id(library)] = cached
    return cached[1].rank(text, limit)
