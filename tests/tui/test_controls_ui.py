"""Session text the app reads without replaying it is made visible too."""

from __future__ import annotations

from pathlib import Path

from ethicsguide.storage.logread import seal
from ethicsguide.storage.summaries import recent_summaries


def test_quick_recent_shows_escapes_visibly(tmp_path: Path) -> None:
    """The home screen's first frame (storage's quick summaries) shows escapes as symbols."""
    folder = tmp_path / "sessions"
    folder.mkdir()
    started = {
        "type": "started",
        "session": "s1\x1b[2J",
        "tree": "t",
        "title": "Title \x1b]0;PWNED\x07 \u202eevil",
        "at": "2026-11-30T10:00:00Z",
        "seq": 0,
        "prev": "",
    }
    (folder / "s1.jsonl").write_bytes(seal(started) + b"\n")  # a well-formed, hostile line
    [recent] = recent_summaries(tmp_path, 6)
    assert recent.title == "Title ␛]0;PWNED␇ {U+202E}evil"
    assert recent.id == "s1␛[2J"


def test_facilitator_notes_are_rendered_inert(tui_library) -> None:  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    from ethicsguide.tui.screens.facilitator import facilitator_markdown

    [entry] = list(tui_library.scenarios.values())
    hostile = "# Notes\n\n<b>x</b> [click](javascript:alert(1)) ![px](http://e.example/p.gif)"
    scenario = entry.scenario.model_copy(update={"facilitator_notes": hostile})
    page = facilitator_markdown(scenario, tui_library)
    tokens = MarkdownIt("commonmark", {"html": True}).parse(page)
    inline = [c for t in tokens for c in (t.children or [])]
    assert not [t for t in [*tokens, *inline] if t.type in ("html_inline", "html_block", "image")]
    assert not [t for t in inline if t.type == "link_open"]
    assert "#### Notes" in page
