"""``ethicsguide serve``: the app in a browser for a classroom, through textual-serve.

Every page and socket needs this run's random token (printed in the address to share);
sockets must come from the served page. Each tab gets its own app, forked from a worker
that loaded the library once, in classroom mode on its own folder of the training folder.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

from ethicsguide.cli.common import extra_roots, fail
from ethicsguide.serve.access import Access, is_loopback
from ethicsguide.storage.paths import is_casework_dir, training_dir


def training_folder(args: argparse.Namespace) -> Path | str:
    """The training folder, or a one-line reason it may not be used."""
    folder = training_dir(getattr(args, "data_dir", None))
    if is_casework_dir(folder) and not getattr(args, "use_casework_data", False):
        return (
            f"{folder} is the casework data folder; exercises are kept apart from real cases "
            "(by default in its `training` folder). Name another --data-dir, or add "
            "--use-casework-data if you really mean it"
        )
    return folder


def run(args: argparse.Namespace) -> int:
    # lazy: textual-serve and aiohttp only when serving; `train` imports this module too
    from ethicsguide.serve.forked import AppWorker, WorkerError

    if not 0 < args.port < 65536:
        return fail(f"port {args.port} is not a valid port", 2)
    folder = training_folder(args)
    if isinstance(folder, str):
        return fail(folder, 2)
    if args.facilitator:
        if not args.scenario:
            return fail("--facilitator needs the exercise: add --scenario S", 2)
        return with_live_room(args, folder)
    access = Access(args.host, args.port)
    if not is_loopback(args.host):
        print(
            f"warning: serving on {args.host}: anyone on this network who is given the address "
            "below can open the app. Use only on a network you trust.",
            file=sys.stderr,
        )
    worker = AppWorker(folder, extra_roots(args), args.scenario)
    try:
        worker.start()
    except WorkerError as exc:
        return fail(str(exc))
    try:
        server = make_server(access, worker)
        print(f"Serving ethicsguide; sessions are saved in {folder}")
        print("Share this address with the room (it carries this run's token):")
        print(f"    {access.share_url()}")
        print("Press ctrl+c to stop.", flush=True)
        server.serve()
    finally:
        worker.stop()
    return 0


def make_server(access: Any, worker: Any) -> Any:
    # lazy: textual-serve and aiohttp only when serving; `train` imports this module too
    from ethicsguide.serve.forked import ForkedAppService
    from ethicsguide.serve.server import ClassroomServer

    def service(tab: str, **streams: Any) -> ForkedAppService:
        return ForkedAppService(worker, tab, **streams)

    return ClassroomServer(access, service, title="ethicsguide")


def with_live_room(args: argparse.Namespace, folder: Path) -> int:
    """The server as a child process (its address read from its output); the live room here."""
    # lazy: Textual and the engine (the live room) only for --facilitator
    from ethicsguide.cli.cmd_home import run_app
    from ethicsguide.storage.exports import write_private
    from ethicsguide.tui.app import make_app

    argv = [sys.executable, "-m", "ethicsguide", "serve", "--host", args.host]
    argv += ["--port", str(args.port), "--scenario", args.scenario, "--data-dir", str(folder)]
    for extra in extra_roots(args):
        argv += ["--trees", str(extra)]
    if getattr(args, "use_casework_data", False):
        argv.append("--use-casework-data")
    log = write_private(folder / "serve.log", "")  # the server's messages, off the live view
    with log.open("ab") as errors:
        server = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        address = _shared_address(server)
        if address is None:
            return fail(f"the classroom server did not start; see {log}")
        print(f"Share this address with the room: {address}", flush=True)
        app = make_app(
            data_dir=folder, extra_roots=extra_roots(args), scenario=args.scenario, live=address
        )
        return run_app(app)
    finally:
        server.terminate()
        server.wait(timeout=15)


def _shared_address(server: Any) -> str | None:
    """The address the server prints to share, or None if it stopped first."""
    for line in server.stdout:
        if "?token=" in line:
            return str(line.strip())
    return None
