"""The session event types, each named once: the strings the log stores as ``type``.

``engine/walk.py`` builds events of these types and ``engine/state.py`` folds them
(``APPLY``); storage and the interfaces read them by these names, never by literal strings.
"""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """The ``type`` of a session event (a ``str``, so it compares equal to what was read)."""

    STARTED = "started"
    CHOSE = "chose"
    REASONED = "reasoned"
    WENT_BACK = "went-back"
    CONTINUED = "continued"
    HANDED_OVER = "handed-over"
    REACHED = "reached"
    WHAT_IF = "what-if"
    REFLECTED = "reflected"
    NOTED = "noted"
    COMMENTED = "commented"
    SIGNED_OFF = "signed-off"
    EXPORTED = "exported"
    INJECT_SHOWN = "inject-shown"
    DEBRIEFED = "debriefed"


EVENT_TYPES: tuple[EventType, ...] = tuple(EventType)

# The events that move the walk's position: the latest of them says whether the session
# stands at an outcome (``reached``) or not, as the fold decides.
POSITION_MOVES: frozenset[EventType] = frozenset(
    {EventType.CHOSE, EventType.WENT_BACK, EventType.CONTINUED, EventType.REACHED}
)
