"""The app worker: imports the app and checks the library once, then forks one app per tab.

Run by ``serve`` as ``python -m ethicsguide.serve.worker FD TRAINING [--trees DIR] [--scenario S]``
with one end of a SOCK_SEQPACKET socket pair as FD. Each request on it is a JSON object
(``tab``, ``width``, ``height``) carrying three file descriptors (the app's stdin, stdout and
stderr); the reply is ``{"pid": N}``. A forked app shares the imported modules and the loaded
library with this process, so a tab costs a fork, not an interpreter start and a library check.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib
import json
import os
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ethicsguide.serve.access import valid_tab
from ethicsguide.storage.paths import ensure_private_dir, sessions_dir, tab_dir

if TYPE_CHECKING:
    from ethicsguide.engine.library import Library

# What textual-serve sets for its app processes; Textual reads these once, on import.
WEB_ENVIRONMENT = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}
MAX_REQUEST = 4096
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# Screens a trainee reaches; imported here so every tab shares them instead of importing each.
PRELOAD = (
    "ethicsguide.tui.app",
    "ethicsguide.tui.screens.scenarios",
    "ethicsguide.tui.screens.exercise",
    "ethicsguide.tui.screens.walkthrough",
    "ethicsguide.tui.screens.outcome",
    "ethicsguide.tui.screens.debrief",
    "ethicsguide.tui.screens.sessions",
    "ethicsguide.tui.screens.help",
    "textual.drivers.web_driver",
)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ethicsguide.serve.worker")
    parser.add_argument("fd", type=int)
    parser.add_argument("training", type=Path)
    parser.add_argument("--trees", action="append", type=Path, default=[])
    parser.add_argument("--scenario")
    return parser.parse_args(argv)


def preload(extra_roots: list[Path]) -> Library:
    """Import what every tab needs and load (and check) the library, once."""
    # lazy: serve.forked imports this module for its constants; the server never loads the engine
    from ethicsguide.storage.library import load_library

    for name in PRELOAD:
        importlib.import_module(name)
    library = load_library(extra_roots)
    asyncio.run(warm_up(library))
    gc.collect()
    gc.freeze()  # the children never rescan (and so never copy) what is shared
    return library


async def warm_up(library: Library) -> None:
    """Draw one throw-away exercise headless, so each tab starts with Textual's caches filled.

    Style parsing, colour and cell-width lookups are cached module-wide; filled here, every
    forked tab shares them instead of computing them again (about a third of a tab's start).
    """
    # lazy: Textual reads WEB_ENVIRONMENT on import, so it loads only after ``main`` sets it
    import tempfile

    from ethicsguide.tui.app import make_app
    from ethicsguide.tui.screens.scenarios import BriefingScreen

    scenario = next(iter(library.scenarios), None)
    with tempfile.TemporaryDirectory() as scratch:
        app = make_app(data_dir=scratch, library=library, scenario=scenario, classroom=True)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(200):  # at most ~2 s, then go on cold rather than not at all
                if scenario is None or isinstance(app.screen, BriefingScreen):
                    break
                await pilot.pause(0.01)
            await pilot.pause()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    os.environ.update(WEB_ENVIRONMENT)
    control = socket.socket(fileno=args.fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c stops the server, which stops us
    library = preload(args.trees)
    if args.scenario:
        # lazy: serve.forked imports this module for its constants; the server never loads the engine
        from ethicsguide.engine.scenario_problem import scenario_problem

        problem = scenario_problem(library, args.scenario)
        if problem:
            control.send(json.dumps({"ready": False, "error": problem}).encode())
            return 1
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # finished apps are reaped by the kernel
    control.send(json.dumps({"ready": True, "trees": len(library.trees)}).encode())
    while True:
        try:
            data, fds, _flags, _address = socket.recv_fds(control, MAX_REQUEST, 3)
        except OSError:
            break
        if not data:  # the server has gone
            break
        try:
            reply: dict[str, Any] = {"pid": fork_app(json.loads(data), fds, library, args, control)}
        except (ValueError, OSError) as exc:
            reply = {"error": str(exc)}
        finally:
            for fd in fds:
                os.close(fd)
        control.send(json.dumps(reply).encode())
    return 0


def fork_app(
    request: dict[str, Any], fds: list[int], library: Library, args: Any, control: socket.socket
) -> int:
    """Fork one tab's app on the given stdin, stdout and stderr; returns its process id."""
    tab = str(request.get("tab", ""))
    if not valid_tab(tab) or len(fds) != 3:
        raise ValueError(f"bad request for tab {tab!r}")
    size = (int(request.get("width", 80)), int(request.get("height", 24)))
    sys.stdout.flush()
    sys.stderr.flush()
    worker = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        control.close()
        end_with_parent(worker)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            os.close(fd)
        code = run_tab(tab_dir(args.training, tab), size, library, args)
    finally:
        os._exit(code)


def end_with_parent(worker: int) -> None:
    """Ask Linux to hang this app up (SIGHUP) when the worker ends (it ends with the server).

    An app whose server has gone would otherwise live on with nobody to talk to: the web
    driver stops reading at end of input but does not quit. SIGHUP is not one the app
    handles, so it ends at once, even mid-start; every answer is already on disk.
    """
    import ctypes  # lazy: in a forked tab only; the server imports this module too

    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGHUP)
    except (OSError, AttributeError):  # not Linux: apps end when told to quit, as before
        return
    if os.getppid() != worker:  # the worker ended before the request was made
        os.kill(os.getpid(), signal.SIGHUP)


def run_tab(folder: Path, size: tuple[int, int], library: Library, args: Any) -> int:
    """In the forked child: one trainee's app in classroom mode, on that tab's own folder."""
    # lazy: Textual reads WEB_ENVIRONMENT on import, so it loads only after ``main`` sets it
    from ethicsguide.tui.app import make_app

    os.environ["COLUMNS"], os.environ["ROWS"] = str(size[0]), str(size[1])
    ensure_private_dir(sessions_dir(folder))
    gc.disable()  # as ``cli.main`` does: the app turns it back on after its first frame
    app = make_app(
        data_dir=folder,
        library=library,
        extra_roots=args.trees,
        scenario=args.scenario,
        classroom=True,
        blink=False,  # a blinking cursor redraws every tab twice a second, typing or not
    )
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
