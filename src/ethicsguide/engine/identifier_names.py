"""Likely personal names in typed text: after cue words and titles, capitalized runs, other scripts.

Any script: a word is capitalized when its first letter is upper case (Latin, Cyrillic, Greek
…); words in scripts without case (Chinese, Arabic, Devanagari …) count as names whenever
they appear in otherwise English text. Particles ("de la", "van", "bin") join a name's parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ethicsguide.engine.identifier_words import (
    ARTICLES,
    FUNCTION_WORDS,
    MONTHS,
    MOTION_WORDS,
    NAMELIKE,
    NAMING_CUES,
    NOT_NAMES,
    PARTICLES,
    PERSON_CUES,
    PERSON_PRECEDERS,
    PERSON_VERBS,
    PHRASE_CUES,
    PLACE_NAMES,
    PLACE_SUFFIXES,
    TITLE_CUES,
)

# Letters, plus the combining marks of decomposed accents and of Indic, Thai and Arabic vowels.
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u0e00-\u0e7f])"
_WORD = re.compile(rf"{_LETTER}+(?:['’\-]{_LETTER}+)*")
_PREFIXED = re.compile(r"(?:al|el|ul|abu|bin|ibn|d|o|l)['’-]", re.I)  # al-Hassan, d'Souza
_POSSESSIVE = re.compile(r"['’]s$", re.I)
_SENTENCE_END = ".!?:;\n"
_LIST_GAP = re.compile(r"(?:['’]s)?\s*(?:,|,?\s+and|,?\s+or|&)\s*")
_LABEL = re.compile(r"([ ,:(-]*)(?:dob|d\.o\.b\.?|ssn|cell|phone|tel|a#)?[ ,:(-]*", re.I)


class Word(NamedTuple):
    """One word of the text: where it is and its shape."""

    number: int  # its place in the word list
    start: int
    end: int
    text: str
    key: str  # lower case, possessive 's dropped
    capitalized: bool
    caseless: bool

    @property
    def accented(self) -> bool:
        return not self.text.isascii()


def _word(number: int, match: re.Match[str]) -> Word:
    # Called for every word on every check, so plain string tests rather than patterns.
    text = match.group()
    first = text[0]
    bare = text
    if (len(text) > 2 and text[1] in "'’-") or text[2:3] in ("-", "'", "’"):
        prefix = _PREFIXED.match(text)
        bare = text[prefix.end() :] if prefix else text
    key = text.lower()
    if key.endswith(("'s", "’s")):
        key = key[:-2]
    capitalized = bare[:1].isupper() and not (len(bare) > 1 and bare.isupper())
    caseless = first.isalpha() and not first.isupper() and not first.islower()
    return Word(number, match.start(), match.end(), text, key, capitalized, caseless)


class _Text:
    """The text and its words, with what lies between neighbouring words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = [_word(i, m) for i, m in enumerate(_WORD.finditer(text))]

    def previous(self, word: Word) -> tuple[Word | None, str]:
        """The word before ``word`` and the text between them."""
        if word.number == 0:
            return None, self.text[: word.start]
        before = self.words[word.number - 1]
        return before, self.text[before.end : word.start]

    def next_key(self, word: Word) -> str:
        if word.number + 1 >= len(self.words):
            return ""
        after = self.words[word.number + 1]
        return after.key if not self.text[word.end : after.start].strip() else ""


def find_names(text: str, beside: Sequence[tuple[int, int]] = ()) -> Iterator[tuple[int, int]]:
    """(start, end) of each likely personal name in ``text``; possessive ``'s`` left outside.

    ``beside`` holds spans already found (phones, dates of birth …): a lone capitalized word
    right before one ("Dulce (DOB 05/11/2009)") is taken for the name it belongs to.
    """
    doc = _Text(text)
    starts = {start for start, _ in beside}
    last_end = -1
    for run in _runs(doc):
        name = _name_in(doc, run)
        if name is None and (
            _labels_an_identifier(text, run, starts) or _continues_a_list(text, run, last_end)
        ):
            name = run
        if name:
            last = name[-1]
            last_end = last.end - (2 if _POSSESSIVE.search(last.text) else 0)
            yield name[0].start, last_end


def _runs(doc: _Text) -> Iterator[list[Word]]:
    """Maximal runs of capitalized words (with particles between), or of caseless-script words."""
    run: list[Word] = []
    for word in doc.words:
        if run and _joins(doc.text, run, word):
            run.append(word)
            continue
        if run:
            yield _trim_particles(run)
        run = [word] if (word.capitalized or word.caseless) else []
        if not run and _lowercase_named(doc, word):
            yield [word]
    if run:
        yield _trim_particles(run)


def _joins(text: str, run: list[Word], word: Word) -> bool:
    gap = text[run[-1].end : word.start]
    initial = len(run[-1].text) == 1 and gap == ". "
    if gap not in (" ", "\u00a0") and not initial:
        return False
    if run[0].caseless:
        return word.caseless
    if run[-1].text.endswith(("'s", "’s")):
        return False
    return word.capitalized or word.key in PARTICLES


def _trim_particles(run: list[Word]) -> list[Word]:
    while run and not (run[-1].capitalized or run[-1].caseless):
        run = run[:-1]
    return run


def _lowercase_named(doc: _Text, word: Word) -> bool:
    """``destiny`` in "a girl named destiny": only straight after a naming cue."""
    if word.key in FUNCTION_WORDS or word.key in NOT_NAMES:
        return False
    return _cue_before(doc, word) in NAMING_CUES


def _name_in(doc: _Text, run: list[Word]) -> list[Word] | None:
    """The words of ``run`` that are a person's name (titles and openers left out), or None."""
    if not run:
        return None
    if run[0].caseless or (len(run) == 1 and not run[0].capitalized):
        return run  # another script, or the lower-case word after a naming cue
    if _cue_before(doc, run[0]):
        return run if _named_after_cue(run) else None
    titled = _after_leading_cue(run)
    if titled is not None:
        return titled if _named_after_cue(titled) else None
    before, gap = doc.previous(run[0])
    if run[0].key in ARTICLES or (before and before.key in ARTICLES and not gap.strip()):
        return None  # "the Planned Parenthood clinic", "Her Green Card": a thing, not a person
    trimmed = _trim_common(run)
    return trimmed if _named_without_cue(doc, trimmed) else None


def _after_leading_cue(run: list[Word]) -> list[Word] | None:
    """The rest of a run that starts with a title or role ("Officer Smith" → "Smith")."""
    for index, word in enumerate(run[:-1]):
        if word.key in PERSON_CUES:
            return _trim_particles_front(run[index + 1 :]) or None
        if word.key not in FUNCTION_WORDS and word.key not in NOT_NAMES:
            return None
    return None


def _named_after_cue(run: list[Word]) -> bool:
    keys = [w.key for w in run]
    if keys[0] in FUNCTION_WORDS or keys[-1] in PLACE_SUFFIXES:
        return False
    if all(k in PERSON_CUES for k in keys):
        return False  # "the trafficker, Mr." — the title, with the name still to come
    return not all((k in NOT_NAMES and k not in NAMELIKE) or len(k) == 1 for k in keys)


def _labels_an_identifier(text: str, run: list[Word], starts: set[int]) -> bool:
    if len(run) != 1 or not run[0].capitalized or run[0].key in FUNCTION_WORDS:
        return False
    if run[0].key in NOT_NAMES or run[0].key in PERSON_CUES:
        return False
    after = text[run[0].end : run[0].end + 12]
    label = _LABEL.match(after)
    # Punctuation must tie them ("Dulce (DOB …", "Rosa, 555-…"): "Call 555-…" is an instruction.
    return label is not None and bool(label.group(1).strip()) and run[0].end + label.end() in starts


def _continues_a_list(text: str, run: list[Word], last_end: int) -> bool:
    """A capitalized word listed straight after a name: "Brianna, Keisha and Monique"."""
    if last_end < 0 or not run or not run[0].capitalized:
        return False
    if any(w.key in NOT_NAMES or w.key in FUNCTION_WORDS for w in run):
        return False
    return bool(_LIST_GAP.fullmatch(text, last_end, run[0].start))


def _trim_common(run: list[Word]) -> list[Word]:
    """Drop leading words that are ordinary ("Yesterday Maria" → "Maria")."""
    while run and (run[0].key in FUNCTION_WORDS or run[0].key in NOT_NAMES):
        run = run[1:]
    return _trim_particles_front(run)


def _trim_particles_front(run: list[Word]) -> list[Word]:
    while run and not run[0].capitalized:
        run = run[1:]
    return run


def _named_without_cue(doc: _Text, run: list[Word]) -> bool:
    if not run:
        return False
    keys = [w.key for w in run]
    phrase = " ".join(keys)
    if phrase in PLACE_NAMES or keys[-1] in PLACE_SUFFIXES or phrase in NOT_NAMES:
        return False
    if any(f" {place} " in f" {phrase} " for place in PLACE_NAMES):
        return False  # "San Antonio Police", but not "Miguel Paso"
    if len(run) >= 2:
        return not all(k in NOT_NAMES or len(k) == 1 for k in keys)
    return _lone_word_is_name(doc, run[0])


def _lone_word_is_name(doc: _Text, word: Word) -> bool:
    if word.key in FUNCTION_WORDS or word.key in NOT_NAMES:
        return False
    if word.accented or _possessive_name(doc, word) or _paired_with_a_name(doc, word):
        return True
    if _starts_sentence(doc, word):
        verb = doc.next_key(word) in PERSON_VERBS
        return verb and word.key not in MONTHS and word.key not in NAMELIKE
    return _preceded_like_a_person(doc, word)


def _possessive_name(doc: _Text, word: Word) -> bool:
    """A name with 's: "need Xochitl's consent", "Maria's mother"; not "Driver's license …"."""
    if not word.text.endswith(("'s", "’s")):
        return False
    return not _starts_sentence(doc, word) or doc.next_key(word) in PERSON_CUES


def _paired_with_a_name(doc: _Text, word: Word) -> bool:
    """Two uncommon capitalized words joined by "and": "Jasmine and Tiana were …"."""
    if doc.next_key(word) != "and" or word.number + 2 >= len(doc.words):
        return False
    other = doc.words[word.number + 2]
    return other.capitalized and other.key not in NOT_NAMES and other.key not in FUNCTION_WORDS


def _preceded_like_a_person(doc: _Text, word: Word) -> bool:
    before, gap = doc.previous(word)
    if before is None or gap.strip() or before.key not in PERSON_PRECEDERS:
        return False
    if before.key in ("to", "from"):
        earlier, _ = doc.previous(before)
        return earlier is None or earlier.key not in MOTION_WORDS
    return True


def _starts_sentence(doc: _Text, word: Word) -> bool:
    before, gap = doc.previous(word)
    if before is None:
        return True
    if not any(mark in gap for mark in _SENTENCE_END):
        return False
    return before.key not in TITLE_CUES and len(before.text) > 1  # "Dr. Ana", "J. Lopez"


def _cue_before(doc: _Text, word: Word) -> str | None:
    """The cue word just before ``word`` ("client", "Dr.", "goes by"), or None."""
    before, gap = doc.previous(word)
    if before is None or len(gap) > 3 or "\n" in gap:
        return None
    if before.key in TITLE_CUES:
        return before.key if gap.strip(" .") == "" else None
    if gap.strip(" ,:(\"“'‘-"):
        return None  # "…the client. Monday" ends a sentence, it does not introduce a name
    if before.key in PHRASE_CUES:
        earlier, between = doc.previous(before)
        if earlier is None or between.strip() or earlier.key not in PHRASE_CUES[before.key]:
            return None
        return before.key
    return before.key if before.key in PERSON_CUES else None
