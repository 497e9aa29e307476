"""The event types are named once (engine/events.py): the fold, the walk and the log agree."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ethicsguide.engine.events import EVENT_TYPES, EventType
from ethicsguide.engine.library import Library
from ethicsguide.engine.session import replay
from ethicsguide.engine.state import APPLY
from ethicsguide.storage.sessionlog import read_log
from ethicsguide.storage.sessions import LiveSession


def test_every_event_type_but_started_has_a_fold_and_nothing_else_does() -> None:
    assert set(APPLY) == set(EVENT_TYPES) - {EventType.STARTED}
    assert len(EVENT_TYPES) == len({str(t) for t in EVENT_TYPES})


def test_what_the_app_writes_is_named_in_events_and_stored_as_plain_strings(
    fixture_library: Library, tmp_path: Path, clock: Callable[[], str]
) -> None:
    tree = fixture_library.trees["sample"].tree
    live = LiveSession.start(tmp_path, fixture_library, tree, clock=clock, session_id="s1")
    live.answer(1, "no one is in danger")
    live.what_if(0, 0, "if someone were")
    live.answer(1, "no consent")
    live.reflect("hold it")
    live.back()
    live.note("thinking")
    live.comment("good", step=1, role="supervisor")
    live.inject_shown("consent")
    live.debriefed()
    live.exported(tmp_path / "record.md", redacted=False)
    live.close()
    raw = [json.loads(line) for line in live.log.path.read_text().splitlines()]
    written = {event["type"] for event in raw}
    assert written <= set(EVENT_TYPES)
    assert all(type(event["type"]) is str for event in raw)
    assert written >= {"started", "chose", "reasoned", "what-if", "reached", "went-back"}
    assert replay(read_log(live.log.path).events) == live.state
