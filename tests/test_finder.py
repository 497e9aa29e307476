"""The finder sends plain descriptions of a dilemma to the right tree (top three)."""

from __future__ import annotations

import pytest

from ethicsguide.engine.finder import rank, stem, terms
from ethicsguide.storage.library import load_library

# Written the way workers describe things in supervision, not in the trees' own words.
CASES: list[tuple[str, set[str]]] = [
    ("police want my client's file", {"police-request-for-records", "subpoena-for-case-file"}),
    ("16 year old trading sex for a place to stay", {"minor-discloses-trading-sex"}),
    (
        "she wants to go back to the boyfriend who pimped her out",
        {"client-returning-to-trafficker"},
    ),
    ("a detective called asking if she is staying at our shelter", {"police-request-for-records"}),
    ("we got a subpoena from the defense attorney for her records", {"subpoena-for-case-file"}),
    (
        "teen girl told me she sleeps with older men for money, begged me not to tell anyone",
        {"minor-discloses-trading-sex"},
    ),
    ("adult client was trafficked but refuses to talk to the cops", {"adult-declines-police"}),
    ("she says her pimp has a 14 year old working for him now", {"trafficker-exploiting-minor"}),
    (
        "my client said he is going to kill the guy who trafficked him",
        {"client-threatens-trafficker"},
    ),
    (
        "does she have to cooperate with law enforcement to get a T visa",
        {"police-cooperation-for-immigration-relief"},
    ),
    (
        "HSI agent says she needs to testify or she won't get continued presence",
        {"police-cooperation-for-immigration-relief", "witness-facing-retaliation"},
    ),
    (
        "foster kid came back after running away with new clothes and a new phone",
        {"foster-youth-returns-from-runaway"},
    ),
    (
        "peer mentor used to know the client from the street and they hang out on weekends",
        {"peer-worker-dual-relationship"},
    ),
    (
        "the only Tagalog interpreter in town goes to the same church as her family",
        {"interpreter-from-community"},
    ),
    ("her cousin offered to translate during the intake", {"interpreter-from-community"}),
    (
        "she needs a letter so the debts he ran up in her name come off her credit report",
        {"cfpb-trafficking-documentation"},
    ),
    ("two survivors need housing tonight and we only have one bed", {"one-bed-two-clients"}),
    (
        "she doesn't see herself as a victim and wants to keep doing sex work",
        {"declines-victim-label"},
    ),
    (
        "should our clinic screen every patient for trafficking",
        {"universal-education-vs-screening"},
    ),
    (
        "she uses heroin and the shelter kicks out anyone who uses",
        {"substance-use-and-shelter-rules"},
    ),
    (
        "client owes a drug debt to the people who sold her and talks about ending it",
        {"substance-use-safety-planning"},
    ),
    ("he gave her the phone and can see her location", {"phone-controlled-by-trafficker"}),
    (
        "a resident is bringing girls from the shelter to meet her boyfriend",
        {"resident-recruiting-others"},
    ),
    (
        "after the hurricane a man is offering cash jobs to evacuees who lost their IDs",
        {"disaster-shelter-recruiters"},
    ),
    (
        "my client is testifying next month and they threatened her mom back home",
        {"witness-facing-retaliation"},
    ),
    ("her own mother is selling her to men", {"familial-trafficking-minor"}),
    (
        "the task force wants me to share everything about her at the case review",
        {"mdt-information-sharing"},
    ),
    ("the MDT wants our notes but she never signed a release", {"mdt-information-sharing"}),
    ("do I have to enter her into HMIS at the homeless program", {"hmis-data-entry"}),
    (
        "our grant monitor wants to look through client files during the site visit",
        {"funder-monitor-file-review"},
    ),
    (
        "a man saying he is her husband wants copies of her records",
        {"records-request-from-partner"},
    ),
    (
        "probation officer called asking if she is going to her treatment appointments",
        {"probation-officer-asks-about-treatment"},
    ),
    ("she asked me not to put what she told me in her case notes", {"client-asks-not-to-document"}),
    (
        "a reporter wants to interview one of our survivors for a story",
        {"media-request-survivor-story"},
    ),
    (
        "our development director wants a survivor to speak at the fundraising gala",
        {"media-request-survivor-story"},
    ),
    ("I have a hard ethical call and nothing here fits", {"structured-ethical-decision"}),
    ("am I covered by HIPAA or VAWA confidentiality rules", {"which-rules-apply"}),
    ("which confidentiality laws apply to my program", {"which-rules-apply"}),
    (
        "the ER social worker thinks the patient's boyfriend is trafficking her but she won't report",
        {"adult-declines-police"},
    ),
    (
        "a girl in our youth program disclosed that she trades sex for food and a couch",
        {"minor-discloses-trading-sex"},
    ),
    (
        "client wants to move back in with her trafficker because she has nowhere else",
        {"client-returning-to-trafficker"},
    ),
    ("court order arrived for our counseling records", {"subpoena-for-case-file"}),
]


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_library()


def test_there_are_at_least_forty_descriptions() -> None:
    assert len(CASES) >= 40


def test_top_three_accuracy_is_at_least_ninety_percent(library) -> None:  # type: ignore[no-untyped-def]
    misses = []
    for text, expected in CASES:
        top = [m.tree_id for m in rank(library, text, limit=3)]
        if not expected & set(top):
            misses.append((text, top))
    accuracy = 1 - len(misses) / len(CASES)
    assert accuracy >= 0.9, f"top-3 accuracy {accuracy:.0%}; misses: {misses}"


def test_nonsense_finds_nothing(library) -> None:  # type: ignore[no-untyped-def]
    assert rank(library, "zxqv blorp") == []
    assert rank(library, "   ") == []


def test_stemming_and_synonyms() -> None:
    assert stem("reporting") == stem("reports") == "report"
    assert "police" in terms("the cops came", expand=True)
