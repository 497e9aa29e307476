"""Session text the app reads without replaying it is made visible too."""

from __future__ import annotations

import json
from pathlib import Path

from ethicsguide.tui.home_data import quick_recent


def test_quick_recent_shows_escapes_visibly(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    started = {
        "type": "started",
        "session": "s1\x1b[2J",
        "tree": "t",
        "title": "Title \x1b]0;PWNED\x07 \u202eevil",
        "at": "2026-11-30T10:00:00Z",
    }
    (folder / "s1.jsonl").write_text(json.dumps(started) + "\n")
    [recent] = quick_recent(tmp_path)
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
