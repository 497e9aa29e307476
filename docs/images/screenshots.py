"""Regenerate the SVG screenshots of docs/user-guide.md: ``python docs/images/screenshots.py``.

Each picture drives the real app (the bundled library, a fixed clock, a throw-away data
folder) with the same keys a person would press, then saves what the terminal shows.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ethicsguide.storage.library import load_library
from ethicsguide.storage.sessions import LiveSession
from ethicsguide.tui.app import make_app

HERE = Path(__file__).parent
DATA = Path("/tmp/ethicsguide-docs/data")
FIXTURES = HERE.parents[1] / "tests" / "tui" / "fixtures" / "library"
TREE = "police-request-for-records"
SIZE = (110, 34)
# Answers for TREE: not in danger, no papers, 18 or older, VAWA funding (a choose-all-that-apply
# question: tick 1, then Enter), no specific threat, she does not want contact, they ask for
# her records.
PATH = ["2", "5", "1", "1|enter", "2", "3", "2"]
REASONS = [
    "Nobody is at risk tonight; the detective only phoned.",
    "He has no warrant or subpoena, he just asked.",
    "",
    "We are VAWA-funded.",
    "",
    "",
    "",
]


def clock():  # type: ignore[no-untyped-def]
    ticks = itertools.count()
    return lambda: f"2026-11-26T14:{next(ticks) % 60:02d}:00Z"


IDS = itertools.count(1)
WITHDRAW = "<withdraw>"  # yes to "Withdraw your answer…?" (it ignores a yes typed at once)


def app_for(library, **kw):  # type: ignore[no-untyped-def]
    ids = IDS  # one counter for the whole run: every picture gets a fresh session
    return make_app(
        data_dir=DATA,
        library=library,
        clock=clock(),
        blink=False,
        remember=False,
        session_ids=lambda: f"20261126-140000-d{next(ids):03d}",
        **kw,
    )


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)


async def walk(pilot, answers: int, path: Sequence[str] = PATH) -> None:  # type: ignore[no-untyped-def]
    """Answer the first ``answers`` questions of ``path``, continuing past guide steps."""
    for digit, reason in list(zip(path, REASONS, strict=False))[:answers]:
        while getattr(pilot.app.screen, "pending", 0):
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press(*digit.split("|"))
        await settle(pilot)
        if reason:
            await pilot.press(*reason)
        await pilot.press("enter")
        await settle(pilot)


async def shot(
    name: str,
    library,
    keys: Sequence[str] = (),
    answers: int = 0,  # type: ignore[no-untyped-def]
    size: tuple[int, int] = SIZE,
    path: Sequence[str] = PATH,
    **kw,
) -> None:
    app = app_for(library, **kw)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await walk(pilot, answers, path)
        for key in keys:
            if key == WITHDRAW:  # answer the withdraw question as a person would, after reading
                question = pilot.app.screen
                question.opened -= question.SETTLE
                key = "y"
            await pilot.press(*key.split("|"))
            await settle(pilot)
        (HERE / f"{name}.svg").write_text(app.export_screenshot(title="ethicsguide"))
    print("wrote", HERE / f"{name}.svg")


def saved_sessions(library) -> None:  # type: ignore[no-untyped-def]
    """Two sessions for the sessions and review pictures."""
    done = LiveSession.start(
        DATA,
        library,
        library.tree(TREE),
        clock=clock(),
        session_id="20261125-091500-a1b2",
        dilemma="detective wants her file",
    )
    for digit, reason in zip(PATH, REASONS, strict=True):
        done.choose(int(digit.split("|")[0]) - 1)
        done.reason(reason)
    done.reflect("Declined; asked him to put any request in writing; told my supervisor.")
    open_one = LiveSession.start(
        DATA,
        library,
        library.tree("client-returning-to-trafficker"),
        clock=clock(),
        session_id="20261126-100500-c3d4",
    )
    open_one.choose(1)
    open_one.reason("No emergency; she told me in the office.")


async def main() -> None:
    os.environ["TZ"] = "UTC"  # lists show local time: the pictures read the same anywhere
    time.tzset()
    shutil.rmtree(DATA, ignore_errors=True)
    library = load_library()
    typed = "|".join("detective wants her file")
    await shot("home", library)
    await shot("home-describe", library, keys=[typed])
    await shot("walkthrough", library, tree=TREE, answers=2)
    await shot(
        "reasoning",
        library,
        tree=TREE,
        answers=2,
        keys=["1", "|".join("She is 24; she told me at intake.")],
    )
    await shot("step", library, tree=TREE, answers=3, path=["2", "5", "2"])  # under 18: a step
    await shot("back", library, tree=TREE, answers=3, keys=["b", WITHDRAW])
    await shot("why", library, tree=TREE, answers=1, keys=["e"])
    await shot("what-if", library, tree=TREE, answers=3, keys=["w", "up"])
    await shot("map", library, tree=TREE, answers=4, keys=["m"])
    await shot("outcome", library, tree=TREE, answers=7, size=(110, 60))
    decision = "|".join("Declined. The detective (555-201-7788) can write to legal@ourshelter.org.")
    export = ["d", decision, "enter", "ctrl+e", "ctrl+r"]  # the redaction preview, ticked
    await shot("export", library, tree=TREE, answers=7, keys=export)
    await shot("help", library, tree=TREE, keys=["f1"])
    await shot("palette", library, tree=TREE, answers=1, keys=["ctrl+p", "|".join("ex")])
    await shot("high-contrast", library, tree=TREE, keys=["ctrl+t"])
    await shot("narrow-80x24", library, tree=TREE, size=(80, 24))
    shutil.rmtree(DATA, ignore_errors=True)  # only the two sessions below, not the pictures' own
    saved_sessions(library)
    await shot("sessions", library, keys=["tab", "s"])
    comment = "|".join("Right to check for a warrant first. Talk about the VAWA rules on Friday.")
    review = ["tab", "s", "down", "v", "right", "right", "c", comment, "enter"]
    await shot("review", library, keys=review)
    fixtures = load_library([FIXTURES], bundled=False)
    await shot("problems", fixtures, keys=["tab", "p"])
    shutil.rmtree(DATA.parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
