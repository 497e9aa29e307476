"""Recent-session summaries for the home screen's first frame: they say what replay says."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ethicsguide.engine.events import POSITION_MOVES as MOVES
from ethicsguide.engine.library import Library
from ethicsguide.storage.library import load_library
from ethicsguide.storage.logread import TAIL_BYTES, head_path, read_ends, read_log, seal
from ethicsguide.storage.sessions import LiveSession, list_sessions
from ethicsguide.storage.summaries import SessionSummary, recent_summaries

Clock = Callable[[], str]
FORMAT2 = Path(__file__).parent.parent / "fixtures" / "format2"


def walked(root: Path, library: Library, clock: Clock, sid: str, options: list[int]) -> Path:
    live = LiveSession.start(
        root, library, library.trees["sample"].tree, clock=clock, session_id=sid
    )
    for option in options:
        live.answer(option, f"reason for {option}")
    live.close()
    return live.log.path


def replayed(root: Path, limit: int = 10) -> list[tuple[str, str, str, bool, str]]:
    """What the full load shows: every session read whole, checked and replayed."""
    infos, _ = list_sessions(root)
    return [(i.id, i.title, i.updated, i.finished, str(i.path)) for i in infos[:limit]]


def core(summaries: list[SessionSummary]) -> list[tuple[str, str, str, bool, str]]:
    """The fields a quick summary must get exactly right (the rest the full load fills in)."""
    return [(s.id, s.title, s.updated, s.finished, s.path) for s in summaries]


def test_open_finished_and_withdrawn_sessions_agree_with_replay(
    fixture_library: Library, data_dir: Path, clock: Clock
) -> None:
    walked(data_dir, fixture_library, clock, "20261126-100000-open", [1])
    walked(data_dir, fixture_library, clock, "20261126-100100-done", [1, 1])
    back = LiveSession.resume(
        walked(data_dir, fixture_library, clock, "20261126-100200-back", [1, 1]),
        fixture_library,
        clock,
    )
    back.back()  # an outcome reached, then withdrawn: not finished any more
    back.note("thinking it over")
    back.close()
    summaries = recent_summaries(data_dir, 10)
    assert [(s.id, s.finished) for s in summaries] == [
        ("20261126-100200-back", False),
        ("20261126-100100-done", True),
        ("20261126-100000-open", False),
    ]
    assert core(summaries) == replayed(data_dir)


def test_an_outcome_the_walk_goes_on_from_is_not_finished(data_dir: Path, clock: Clock) -> None:
    library = load_library([FORMAT2], bundled=False)
    tree = library.trees["facts-sample"].tree
    live = LiveSession.start(
        data_dir, library, tree, clock=clock, session_id="20261126-100000-then"
    )
    live.answer(0, "someone is hurt")  # an outcome with `then`: the walk goes on after it
    assert live.state.at_outcome and not live.state.finished
    assert core(recent_summaries(data_dir, 10)) == replayed(data_dir)
    assert not recent_summaries(data_dir, 10)[0].finished
    live.continue_on()
    live.back()  # back to the outcome the walk went on from: still not finished
    live.close()
    assert core(recent_summaries(data_dir, 10)) == replayed(data_dir)
    assert not recent_summaries(data_dir, 10)[0].finished


def test_a_long_session_is_summarised_from_its_ends(
    fixture_library: Library, data_dir: Path, clock: Clock
) -> None:
    path = walked(data_dir, fixture_library, clock, "20261126-100000-long", [1])
    live = LiveSession.resume(path, fixture_library, clock)
    for number in range(60):
        live.note(f"note {number}: " + "words " * 1000)
    live.answer(1, "decided")
    live.close()
    assert path.stat().st_size > 4 * TAIL_BYTES
    assert read_ends(path, MOVES) is not None  # the quick read, not the whole file
    assert core(recent_summaries(data_dir, 10)) == replayed(data_dir)


def test_a_move_far_from_the_end_still_counts(
    fixture_library: Library, data_dir: Path, clock: Clock
) -> None:
    path = walked(data_dir, fixture_library, clock, "20261126-100000-note", [1, 1])
    live = LiveSession.resume(path, fixture_library, clock)
    for number in range(40):
        live.note(f"note {number}: " + "words " * 400)
    live.close()
    assert read_ends(path, MOVES) is None  # the outcome is beyond the tail: the whole file is read
    assert core(recent_summaries(data_dir, 10)) == replayed(data_dir)
    assert recent_summaries(data_dir, 10)[0].finished


def _edit_last_line(path: Path) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    lines[-1] = lines[-1].replace(b"reason for 1", b"reason for 2")
    path.write_bytes(b"".join(lines))


def _append_torn(path: Path) -> None:
    with path.open("ab") as handle:
        handle.write(b'{"type":"reached","at":"2099-')


def _forge_reached(path: Path) -> None:
    """A whole line with a valid sum, but the head record was never updated for it."""
    read = read_log(path)
    event = {"seq": len(read.events), "prev": read.last_hash, "type": "reached", "at": "2099"}
    event.update(tree="sample", node="share", outcome="Share the minimum needed")
    with path.open("ab") as handle:
        handle.write(seal(event) + b"\n")


@pytest.mark.parametrize(
    "damage",
    [
        _edit_last_line,
        _append_torn,
        _forge_reached,
        lambda path: head_path(path).unlink(),
        lambda path: head_path(path).write_text("{not json"),
    ],
    ids=["edited-last-line", "torn-end", "line-past-head", "no-head", "unreadable-head"],
)
def test_a_damaged_end_is_read_whole_and_agrees_with_replay(
    fixture_library: Library, data_dir: Path, clock: Clock, damage: Callable[[Path], None]
) -> None:
    path = walked(data_dir, fixture_library, clock, "20261126-100000-bent", [1])
    walked(data_dir, fixture_library, clock, "20261126-090000-fine", [1, 1])
    damage(path)
    assert read_ends(path, MOVES) is None
    assert core(recent_summaries(data_dir, 10)) == replayed(data_dir)


def test_what_is_not_a_session_is_left_out(data_dir: Path) -> None:
    folder = data_dir / "sessions"
    folder.mkdir(parents=True)
    (folder / "junk.jsonl").write_text("not json\n")
    (folder / "empty.jsonl").write_bytes(b"")
    assert recent_summaries(data_dir, 10) == []
    assert recent_summaries(data_dir / "nowhere", 10) == []


def test_only_the_newest_are_listed(fixture_library: Library, data_dir: Path, clock: Clock) -> None:
    for minute in range(5):
        walked(data_dir, fixture_library, clock, f"20261126-10{minute:02d}00-s{minute}", [1])
    assert core(recent_summaries(data_dir, 3)) == replayed(data_dir, 3)
    assert len(recent_summaries(data_dir, 3)) == 3


def test_a_quick_summary_tells_sessions_apart(
    fixture_library: Library, data_dir: Path, clock: Clock
) -> None:
    """The first frame already shows the worker's words, the kind and where it stands."""
    live = LiveSession.start(
        data_dir,
        fixture_library,
        fixture_library.trees["sample"].tree,
        clock=clock,
        session_id="20261126-100300-words",
        dilemma="Client\x1b]52;c;x\x07 asked us to hold her passport",
    )
    live.close()
    walked(data_dir, fixture_library, clock, "20261126-100400-done", [1, 1])
    by_id = {s.id: s for s in recent_summaries(data_dir, 10)}
    words, done = by_id["20261126-100300-words"], by_id["20261126-100400-done"]
    assert words.description.startswith("Client") and "\x1b" not in words.description
    assert (words.kind, words.where, words.finished) == (
        "casework",
        "opened, nothing answered",
        False,
    )
    assert (done.where, done.finished) == ("Outcome reached", True)
