"""A redacted export: every typed field is redacted whole, wherever the record shows it."""

from __future__ import annotations

from pathlib import Path

from ethicsguide.engine.export import export_markdown
from ethicsguide.engine.identifiers import redact
from ethicsguide.engine.library import Library
from ethicsguide.engine.redaction import field_findings, redacted_state, typed_fields
from ethicsguide.storage.sessions import LiveSession
from tests.conftest import make_signing_key

# Each field holds a different identifier; none may survive, not even half of a name.
SECRETS = {
    "dilemma": ("María García (DOB 03/04/2008) may be sold by her aunt.", "María"),
    "reason": ("Nguyễn Văn An gave me +52 55 1234 5678 to call.", "Văn"),
    "note": ("Officer Reyes wants A# 123-456-789.", "Reyes"),
    "comment": ("Ask Dr. Ana Pérez at the clinic.", "Pérez"),
    "comment_role": ("Supervisor, cell 832 555 0147", "0147"),
    "what_if": ("If @kayla_vip posts again from 192.168.1.20", "kayla_vip"),
    "decision": ("Hold; plate KJH-4521 goes to the detective only.", "KJH"),
    "signer": ("Dana Brooks", "Brooks"),
    "signer_role": ("Program director for Sofía Ruiz", "Sofía"),
}


def session(lib: Library, root: Path, clock) -> LiveSession:  # type: ignore[no-untyped-def]
    make_signing_key(root)
    live = LiveSession.start(
        root, lib, lib.trees["sample"].tree, clock=clock, dilemma=SECRETS["dilemma"][0]
    )
    live.choose(1)
    live.reason(SECRETS["reason"][0])
    live.note(SECRETS["note"][0], step=1)
    live.comment(SECRETS["comment"][0], step=1, role=SECRETS["comment_role"][0])
    live.what_if(0, 0, SECRETS["what_if"][0])
    live.choose(0)
    live.reason("She agreed.")
    live.reflect(SECRETS["decision"][0])
    live.sign_off(role=SECRETS["signer_role"][0], name=SECRETS["signer"][0])
    return live


def test_no_piece_of_any_identifier_reaches_the_redacted_export(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    live = session(fixture_library, tmp_path, clock)
    plain = export_markdown(live.state, fixture_library).replace("\\", "")  # Markdown escapes
    redacted = export_markdown(live.state, fixture_library, redact=True)
    for field, (_, piece) in SECRETS.items():
        assert piece in plain, field
        assert piece not in redacted.replace("\\", ""), field
    assert "Signed off** by \\[name\\], Program director for \\[name\\]" in redacted
    assert "(Supervisor, cell \\[phone\\])" in redacted  # the comment's role, redacted
    assert "may be sold by her aunt" in redacted  # the rest of the words stay


def test_the_preview_fields_are_the_fields_the_export_redacts(
    fixture_library: Library, tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    state = session(fixture_library, tmp_path, clock).state
    before = [f.text for f in typed_fields(state)]
    after = [f.text for f in typed_fields(redacted_state(state))]
    assert len(before) == len(after)
    for original, field, redacted in zip(before, typed_fields(state), after, strict=True):
        found = field_findings(field)
        assert bool(found) == (original != redacted), field.where
        assert all(f.text not in redacted for f in found), field.where


def test_a_redacted_field_is_not_redacted_again() -> None:
    once = redact("a girl named destiny called 555-201-3344 for client María García")
    assert once == "a girl named [name] called [phone] for client [name]"
    assert redact(once) == once
