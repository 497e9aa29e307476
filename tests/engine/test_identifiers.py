"""The identifier guard: a table of what a worker might type, with misses and false alarms measured."""

from __future__ import annotations

import pytest

from ethicsguide.engine.identifiers import find_identifiers, redact

# (text, kinds that must be found) — an empty set means nothing may be flagged.
CASES: list[tuple[str, set[str]]] = [
    # phones
    ("Her number is (555) 201-3344.", {"phone"}),
    ("call 555-201-3344 after six", {"phone"}),
    ("texted from 555.201.3344", {"phone"}),
    ("+1 555 201 3344 is his work line", {"phone"}),
    ("1-555-201-3344", {"phone"}),
    # e-mail
    ("she wrote from maria.l@example.org", {"email"}),
    ("his address is j_smith+alerts@mail.example.com", {"email"}),
    # SSN
    ("SSN 123-45-6789 on the lease", {"ssn"}),
    ("social security number 123456789", {"ssn"}),
    ("her ssn: 123 45 6789", {"ssn"}),
    # A-numbers
    ("A-number A123456789 on the notice", {"a-number"}),
    ("alien number A-123-456-789", {"a-number"}),
    ("USCIS letter for A 12 345 678", {"a-number"}),
    # dates of birth
    ("born 03/04/2008", {"date-of-birth"}),
    ("DOB: 2008-03-04", {"date-of-birth"}),
    ("date of birth March 4, 2008", {"date-of-birth"}),
    ("her birthday is 4 March 2009", {"date-of-birth"}),
    ("b. 12/01/1999 in Texas", {"date-of-birth"}),
    # street addresses
    ("she stays at 42 Elm Street", {"address"}),
    ("the house at 1187 North Oak Ave, Apt 3B", {"address"}),
    ("moved to 9 Harbor Rd.", {"address"}),
    ("the motel on 3100 Airport Blvd", {"address"}),
    # case and record numbers
    ("CPS case #2024-00123 is open", {"case-number"}),
    ("MRN 5551234 in the ER chart", {"case-number"}),
    ("record number: RX-99812", {"case-number"}),
    ("docket no. CR-2025-0412 is set for trial", {"case-number"}),
    ("booking # 778812 at county", {"case-number"}),
    # names after cue words
    ("client Maria said she would think about it", {"name"}),
    ("my client, Ana Torres, wants to go home", {"name"}),
    ("her boyfriend Jay keeps calling", {"name"}),
    ("the trafficker, Mr. Reyes, owns the restaurant", {"name"}),
    ("a girl named Destiny told the teacher", {"name"}),
    ("her mother Rosa sells her", {"name"}),
    ("the youth, Kayla, ran again", {"name"}),
    # several in one sentence
    (
        "client Maria (555-201-3344, maria@example.org) lives at 42 Elm Street",
        {"name", "phone", "email", "address"},
    ),
    # legal citations and session dates must never be flagged
    ("Under 45 CFR 164.512(f) we may disclose only on a court order.", set()),
    ("34 U.S.C. 12291(b)(2) bars sharing without written consent.", set()),
    ("42 CFR 2.12(c)(6) allows the initial child-abuse report.", set()),
    ("P.L. 114-22 section 802 changed CAPTA.", set()),
    ("see 18 U.S.C. 1591 and 22 U.S.C. 7102(11)", set()),
    ("We met on 2026-11-26 and again on 11/30/2026.", set()),
    ("Supervision was on November 26, 2026.", set()),
    ("8 U.S.C. 1367 binds federal officials, not us.", set()),
    ("The CFPB rule is 12 CFR 1022.142.", set()),
    ("87 FR 37700 is the final rule.", set()),
    # public hotlines are not identifiers
    ("I gave her the Hotline, 1-888-373-7888, and text 233733.", set()),
    ("The DV hotline is 1-800-799-7233; for crisis, 988.", set()),
    ("Call 911 if anyone is in danger.", set()),
    # ordinary casework language
    ("She is 16 and trades sex for a place to stay.", set()),
    ("The client said she would think about it over 2 weeks.", set()),
    ("I explained the limits of confidentiality first.", set()),
    ("Client She refused to talk to police.", set()),
    ("Her case is open with CPS.", set()),
    ("We have 3 beds and 2 clients waiting.", set()),
    ("The detective called twice on Monday.", set()),
    ("Page 12 of the policy says to call the supervisor.", set()),
    ("She owes about 3000 dollars to the trafficker.", set()),
    ("Room 4 at the shelter is free.", set()),
    ("The client was told by the officer to come back.", set()),
    ("Section 1.07(c) of the NASW Code applies.", set()),
    ("We spoke for 45 minutes about option 2.", set()),
    ("The grant is from VOCA and HUD.", set()),
]


def test_there_are_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


def test_misses_and_false_alarms_are_rare() -> None:
    misses, false_alarms = [], []
    for text, expected in CASES:
        found = {f.kind for f in find_identifiers(text)}
        if expected - found:
            misses.append((text, expected - found))
        if found - expected:
            false_alarms.append((text, found - expected))
    flagged = sum(len(e) for _, e in CASES)
    clean = sum(1 for _, e in CASES if not e)
    # Reported, not hidden: the guard must miss under 5% and falsely alarm on under 5% of clean lines.
    assert len(misses) <= 0.05 * flagged, f"misses: {misses}"
    assert len(false_alarms) <= 0.05 * clean, f"false alarms: {false_alarms}"


@pytest.mark.parametrize(("text", "expected"), [c for c in CASES if not c[1]])
def test_redact_leaves_clean_text_alone(text: str, expected: set[str]) -> None:
    assert redact(text) == text


def test_redact_keeps_the_rest_of_the_sentence() -> None:
    text = "client Maria said per 45 CFR 164.512(f) that 555-201-3344 is her number"
    assert redact(text) == "client [name] said per 45 CFR 164.512(f) that [phone] is her number"


# A phone number's parentheses go with it: never "(" + [phone], nor [phone] + ")".
PHONE_SHAPES = [
    ("Her number is (555) 201-3344.", "Her number is [phone]."),
    ("Her number is (555)201-3344.", "Her number is [phone]."),
    ("cell:(555) 201-3344", "cell:[phone]"),
    ("tel:(555) 201-3344, after six", "tel:[phone], after six"),
    ("home—(555) 201-3344", "home—[phone]"),
    ("call +1 (555) 201-3344 now", "call [phone] now"),
    ("call +1(555)201-3344 now", "call [phone] now"),
    ("call +1 555 201 3344 now", "call [phone] now"),
    ("call 1-555-201-3344 now", "call [phone] now"),
    ("texted from 555.201.3344", "texted from [phone]"),
    ("texted from +1.555.201.3344", "texted from [phone]"),
    ("texted from 555 201 3344", "texted from [phone]"),
    ("her cousin (555 201 3344) called", "her cousin ([phone]) called"),
    ("her cousin (call 555-201-3344) came by", "her cousin (call [phone]) came by"),
]


@pytest.mark.parametrize(("text", "expected"), PHONE_SHAPES)
def test_a_phone_number_is_redacted_with_its_parentheses(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We met twice (in 2019 and 2020) at the shelter.",
        "She owes (she says) 4500 dollars to the recruiter.",
        "Per 45 CFR 164.512(f)(1) we may disclose (to police) only what is required.",
    ],
)
def test_a_bracketed_aside_that_is_not_a_phone_number_stays(text: str) -> None:
    assert redact(text) == text
