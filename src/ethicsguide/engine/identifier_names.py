"""Likely personal names in typed text: after cue words and titles, capitalized runs, other scripts.

Any script: a word is capitalized when its first letter is upper case (Latin, Cyrillic, Greek
…); words in scripts without case (Chinese, Arabic, Devanagari …) count as names whenever
they appear in otherwise English text. Particles ("de la", "van", "bin") join a name's parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

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
_BEFORE = re.compile(r"([\w.'’-]+)[^\w\n]{0,3}$")  # the word before a position, and its gap
_SENTENCE_END = ".!?:;\n"
_LABEL = re.compile(r"([ ,:(-]*)(?:dob|d\.o\.b\.?|ssn|cell|phone|tel|a#)?[ ,:(-]*", re.I)


@dataclass(frozen=True)
class Word:
    """One word of the text, where it is, and what shape it has."""

    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return _POSSESSIVE.sub("", self.text).lower()

    @property
    def caseless(self) -> bool:
        first = self.text[0]
        return not first.isupper() and not first.islower()

    @property
    def capitalized(self) -> bool:
        bare = _PREFIXED.sub("", self.text, count=1) if _PREFIXED.match(self.text) else self.text
        first = bare[:1]
        return first.isupper() and not (len(bare) > 1 and bare.isupper())

    @property
    def accented(self) -> bool:
        return not self.text.isascii()


def find_names(text: str, beside: Sequence[tuple[int, int]] = ()) -> Iterator[tuple[int, int]]:
    """(start, end) of each likely personal name in ``text``; possessive ``'s`` left outside.

    ``beside`` holds spans already found (phones, dates of birth …): a lone capitalized word
    right before one ("Dulce (DOB 05/11/2009)") is taken for the name it belongs to.
    """
    words = [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    starts = {start for start, _ in beside}
    for run in _runs(text, words):
        if _is_name(text, run) or _labels_an_identifier(text, run, starts):
            last = run[-1]
            end = last.end - (2 if _POSSESSIVE.search(last.text) else 0)
            yield run[0].start, end


def _runs(text: str, words: list[Word]) -> Iterator[list[Word]]:
    """Maximal runs of capitalized words (with particles between), or of caseless-script words."""
    run: list[Word] = []
    for word in words:
        if run and _joins(text, run, word):
            run.append(word)
            continue
        if run:
            yield _trim_particles(run)
        run = [word] if (word.capitalized or word.caseless) else []
        if not run and _lowercase_named(text, word):
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
    return word.capitalized or word.text.lower() in PARTICLES


def _trim_particles(run: list[Word]) -> list[Word]:
    while run and not (run[-1].capitalized or run[-1].caseless):
        run = run[:-1]
    return run


def _lowercase_named(text: str, word: Word) -> bool:
    """``destiny`` in "a girl named destiny": only straight after a naming cue."""
    cue = _cue_before(text, word.start)
    return cue in NAMING_CUES and word.key not in FUNCTION_WORDS and word.key not in NOT_NAMES


def _is_name(text: str, run: list[Word]) -> bool:
    if not run:
        return False
    if run[0].caseless:
        return True
    if len(run) == 1 and not run[0].capitalized:
        return True  # the lower-case word after a naming cue
    if _cue_before(text, run[0].start):
        return _named_after_cue(run)
    titled = _after_leading_cue(run)
    if titled is not None:
        return _named_after_cue(titled)
    if _previous_word(text, run[0].start) in ARTICLES:
        return False  # "the Planned Parenthood clinic": a thing, not a person
    return _named_without_cue(text, _trim_common(run))


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


def _trim_common(run: list[Word]) -> list[Word]:
    """Drop leading words that are ordinary ("Yesterday Maria" → "Maria")."""
    while run and (run[0].key in FUNCTION_WORDS or run[0].key in NOT_NAMES):
        run = run[1:]
    return _trim_particles_front(run)


def _trim_particles_front(run: list[Word]) -> list[Word]:
    while run and not run[0].capitalized:
        run = run[1:]
    return run


def _named_without_cue(text: str, run: list[Word]) -> bool:
    if not run:
        return False
    keys = [w.key for w in run]
    phrase = " ".join(keys)
    if phrase in PLACE_NAMES or keys[-1] in PLACE_SUFFIXES or phrase in NOT_NAMES:
        return False
    if any(p in phrase for p in PLACE_NAMES):
        return False
    if len(run) >= 2:
        return not all(k in NOT_NAMES or len(k) == 1 for k in keys)
    return _lone_word_is_name(text, run[0])


def _lone_word_is_name(text: str, word: Word) -> bool:
    if word.key in FUNCTION_WORDS or word.key in NOT_NAMES:
        return False
    if word.accented:
        return True
    if _starts_sentence(text, word.start):
        verb = _next_word(text, word.end) in PERSON_VERBS
        return verb and word.key not in MONTHS and word.key not in NAMELIKE
    return _preceded_like_a_person(text, word.start)


def _preceded_like_a_person(text: str, start: int) -> bool:
    before = _BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    previous = before.group(1).lower()
    if previous not in PERSON_PRECEDERS:
        return False
    if previous in ("to", "from"):
        earlier = _BEFORE.search(text, max(0, before.start() - 40), before.start())
        return earlier is None or earlier.group(1).lower() not in MOTION_WORDS
    return True


def _previous_word(text: str, start: int) -> str:
    before = _BEFORE.search(text, max(0, start - 40), start)
    return before.group(1).lower() if before else ""


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t\"'“‘([")
    if not before:
        return True
    if before[-1] not in _SENTENCE_END:
        return False
    word = _BEFORE.search(before)
    return word is None or word.group(1).rstrip(".").lower() not in TITLE_CUES


def _next_word(text: str, end: int) -> str:
    match = _WORD.search(text, end, end + 40)
    return match.group().lower() if match and not text[end : match.start()].strip() else ""


def _cue_before(text: str, start: int) -> str | None:
    """The cue word just before ``start`` ("client", "Dr.", "goes by"), or None."""
    before = _BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        return None
    gap = text[before.end(1) : start]
    word = _POSSESSIVE.sub("", before.group(1)).rstrip(".").lower()
    if before.group(1).endswith(".") and word not in TITLE_CUES and word != "a.k.a":
        return None  # "…the client. Monday" ends a sentence, it does not introduce a name
    if word in TITLE_CUES:
        return word if gap.strip(" .") == "" else None
    if word in PHRASE_CUES:
        earlier = _BEFORE.search(text, max(0, before.start() - 30), before.start())
        if earlier is None or earlier.group(1).lower() not in PHRASE_CUES[word]:
            return None
        return word
    if word in PERSON_CUES and "\n" not in gap and "." not in gap:
        return word
    return None
