"""The home screen names every ``--trees`` folder and what it replaces; broken guides can't be opened."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from ethicsguide.storage.library import load_library
from ethicsguide.tui.widgets.marked_list import MarkedList
from tests.conftest import BROKEN

from .conftest import LIBRARY, settle


def outside(tmp_path: Path) -> Path:
    root = tmp_path / "ours"
    (root / "reporting").mkdir(parents=True)
    teen = (LIBRARY / "reporting" / "teen-disclosure.yaml").read_text()
    title = next(line for line in teen.splitlines() if line.startswith("title:"))
    (root / "reporting" / "teen.yaml").write_text(teen.replace(title, "title: Our teen guide"))
    (root / "reporting" / "bad.yaml").write_text((BROKEN / "unknown-principle.yaml").read_text())
    return root


async def test_home_names_the_outside_folder_and_disables_its_broken_guide(
    build, tmp_path: Path
) -> None:
    root = outside(tmp_path)
    app = build(library=load_library([LIBRARY, root], bundled=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        note = str(app.screen.query_one("#outside", Static).render())
        assert note.startswith(f"⚠ Also using guides from {root}")
        assert "replacing bundled guide `teen-disclosure`" in note
        library = app.screen.query_one("#library", MarkedList)
        options = [library.get_option_at_index(i) for i in range(library.option_count)]
        titles = {library.plain(i): o for i, o in enumerate(options)}
        assert any(t.startswith("Our teen guide") and not o.disabled for t, o in titles.items())
        bad = [o for t, o in titles.items() if t.startswith("Unknown principle")]
        assert bad and bad[0].disabled and "cannot be used" in library.plain(options.index(bad[0]))


async def test_home_says_nothing_without_outside_folders(build) -> None:
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#outside", Static).display
