"""A paste's control characters, made visible before any text box holds them."""

from __future__ import annotations

from textual import events

from ethicsguide.engine.controls import CONTROL, visible


def shown_paste(event: events.Paste) -> events.Paste:
    """``event``, or a paste of the same text with each control character as its stand-in.

    A text box draws what it holds as it is: a pasted ESC [2J would clear the screen, an
    OSC 52 set the clipboard, a bidi override reorder the line. Typed keys cannot carry
    them (Textual inserts only printable characters); a paste can. Line breaks of any kind
    stay line breaks.
    """
    text = event.text.replace("\r\n", "\n").replace("\r", "\n")
    if CONTROL.search(text) is None and text == event.text:
        return event
    return events.Paste(visible(text))
