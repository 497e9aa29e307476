"""Chat says, as the outcome screen does, when a final decision is changed after a sign-off."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from ethicsguide.cli.conversation import Conversation, converse
from ethicsguide.storage.library import load_library
from ethicsguide.storage.sessionlog import read_log
from ethicsguide.storage.sessions import LiveSession
from tests.cli.test_signed_decision import signed_then
from tests.cli.test_trust import TREES, chat, only_session
from tests.conftest import FIXTURE_LIBRARY, make_signing_key

NOTICE = "⚠ Changed after sign-off: your supervisor signed off an earlier wording"
NOT_COVERED = "recorded as made after the sign-off and is not covered by it"


def kinds(data_dir: Path) -> list[str]:
    return [str(e["type"]) for e in read_log(only_session(data_dir)).events]


def resumed(monkeypatch, capsys, session: str, *lines: str) -> str:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert chat(monkeypatch, list(lines), "--resume", session) == 0
    return str(capsys.readouterr().out)


def test_a_decision_changed_after_sign_off_is_said_with_the_signed_wording(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    session = signed_then(monkeypatch, data_dir, "release the file")
    out = resumed(monkeypatch, capsys, session)
    assert NOTICE in out and "Ask them to review it again." in out
    assert "Your final decision now: “release the file”" in out
    assert "As signed off, before the change: “final”" in out
    # with the outcome's title, before its guidance and the decision prompt
    assert out.index("Outcome:") < out.index(NOTICE) < out.rindex("Not legal advice")


def test_a_signed_decision_as_it_was_brings_no_notice_but_the_prompt_says_a_change_is_not_covered(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    session = signed_then(monkeypatch, data_dir)
    out = resumed(monkeypatch, capsys, session)
    assert "Changed after sign-off" not in out
    assert "Your final decision: “final”" in out
    assert "the sign-off covers the earlier wording of your decision" in out and NOT_COVERED in out
    assert kinds(data_dir)[-1] == "signed-off"  # input ended at the prompt: nothing recorded


def test_changing_a_signed_decision_in_chat_is_recorded_and_then_said(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    session = signed_then(monkeypatch, data_dir)
    out = resumed(monkeypatch, capsys, session, "release with her written consent")
    assert "Final decision saved." in out
    events = read_log(only_session(data_dir)).events
    assert events[-1]["type"] == "reflected"
    assert events[-1]["text"] == "release with her written consent"
    again = resumed(monkeypatch, capsys, session)
    assert NOTICE in again and "As signed off, before the change: “final”" in again


def test_the_same_words_again_record_nothing(monkeypatch, data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    session = signed_then(monkeypatch, data_dir)
    out = resumed(monkeypatch, capsys, session, "  final  ")
    assert "Final decision unchanged: nothing new recorded." in out
    assert kinds(data_dir)[-1] == "signed-off"
    assert "Changed after sign-off" not in resumed(monkeypatch, capsys, session)


def test_an_unsigned_finished_session_can_change_its_decision_without_sign_off_words(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    assert chat(monkeypatch, ["2", "r1", "no", "r2", "final"], "sample") == 0
    session = only_session(data_dir).stem
    out = resumed(monkeypatch, capsys, session, "final")
    assert "Final decision unchanged" in out and "sign-off" not in out
    assert kinds(data_dir)[-1] == "reflected" and kinds(data_dir).count("reflected") == 1


def test_signed_off_before_any_decision_is_said_at_the_prompt_and_after(
    monkeypatch, data_dir, capsys
) -> None:  # type: ignore[no-untyped-def]
    chat(monkeypatch, ["2", "r1", "no", "r2"], "sample")  # input ends at the final decision
    session = only_session(data_dir)
    make_signing_key(data_dir)
    live = LiveSession.resume(session, load_library([FIXTURE_LIBRARY], bundled=False))
    live.sign_off(role="Supervisor")
    live.close()
    out = resumed(monkeypatch, capsys, session.stem, "hold it for now")
    assert "signed off this record before any decision was written" in out
    assert "Changed after sign-off" not in out  # nothing written yet, so nothing changed
    again = resumed(monkeypatch, capsys, session.stem)
    assert "signed off this record before a final decision was written" in again
    assert "As signed off, before the change: (none had been written)" in again


def test_escape_codes_in_a_decision_are_shown_not_obeyed(monkeypatch, data_dir) -> None:  # type: ignore[no-untyped-def]
    session = signed_then(monkeypatch, data_dir, "release \x1b]52;c;ZXZpbA==\x07 it")
    live = LiveSession.resume(
        only_session(data_dir), load_library([FIXTURE_LIBRARY], bundled=False)
    )
    out = io.StringIO()  # the conversation's own stream, without the command's output guard
    assert converse(live, None, Conversation(live, out, io.StringIO())) == 0
    live.close()
    printed = out.getvalue()
    assert session in printed and "\x1b" not in printed and "\x07" not in printed
    assert "“release ␛]52;c;ZXZpbA==␇ it”" in printed


PROBE = """
import contextlib, io, sys
from ethicsguide.cli import main
sys.stdin = io.StringIO({lines!r})
with contextlib.redirect_stdout(io.StringIO()):
    code = main({argv!r})
print(code, "cryptography" in sys.modules)
"""


def loads_cryptography(argv: list[str], lines: str) -> bool:
    code = PROBE.format(argv=argv, lines=lines)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    status, loaded = out.stdout.split()
    assert status == "0", out.stderr
    return loaded == "True"


def test_cryptography_loads_only_for_a_signed_off_record(monkeypatch, data_dir) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ETHICSGUIDE_DATA_DIR", str(data_dir))
    unsigned = ["chat", "sample", *TREES]
    assert not loads_cryptography(unsigned, "2\nr1\nno\nr2\nfinal\n")
    session = signed_then(monkeypatch, data_dir)
    assert loads_cryptography(["chat", "--resume", session, *TREES], "")
