"""A final decision changed after sign-off: the export shows the one that was signed, too."""

from __future__ import annotations

import pytest

from ethicsguide.cli import main
from ethicsguide.storage.library import load_library
from ethicsguide.storage.sessions import LiveSession
from tests.cli.test_trust import TREES, walked
from tests.conftest import FIXTURE_LIBRARY, make_signing_key


def signed_then(monkeypatch, data_dir, *changes: str) -> str:  # type: ignore[no-untyped-def]
    """Walk the sample to its end (final decision "final"), sign off, then make ``changes``."""
    session = walked(monkeypatch, data_dir)
    make_signing_key(data_dir)
    live = LiveSession.resume(session, load_library([FIXTURE_LIBRARY], bundled=False))
    live.sign_off(role="Supervisor")
    for text in changes:
        live.reflect(text)
    live.close()
    return session.stem


def test_the_signed_decision_is_shown_beside_the_changed_one(
    monkeypatch, data_dir, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    session = signed_then(monkeypatch, data_dir, "release the <b>file</b>")
    capsys.readouterr()
    assert main(["export", session, *TREES]) == 0
    record = capsys.readouterr().out
    final = record.split("## Final decision and next steps")[1].split("##")[0]
    assert "> release the \\<b\\>file\\</b\\>" in final  # as it stands now
    assert "*As signed off, before it was changed after the sign-off:*\n\n> final" in final
    assert "**Changed after sign-off:** the final decision" in record
    assert main(["verify", session]) == 0  # the export of a signed session still verifies


def test_a_decision_changed_back_to_what_was_signed_says_nothing_more(
    monkeypatch, data_dir, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    session = signed_then(monkeypatch, data_dir, "something else", "final")
    capsys.readouterr()
    assert main(["export", session, *TREES]) == 0
    assert "As signed off" not in capsys.readouterr().out


def test_without_a_sign_off_there_is_nothing_to_compare(
    monkeypatch, data_dir, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    session = walked(monkeypatch, data_dir)
    capsys.readouterr()
    assert main(["export", session.stem, *TREES]) == 0
    assert "As signed off" not in capsys.readouterr().out
