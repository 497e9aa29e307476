"""``ethicsguide serve``: the app in a browser for a classroom, through textual-serve.

Each browser tab gets its own app on this machine. Every page and socket needs this run's
random token (printed in the address to share); sockets must come from the served page.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from ethicsguide.cli.common import fail


def app_command(args: argparse.Namespace) -> str:
    """The command each browser session runs: this same interpreter, same library and data."""
    argv = [sys.executable, "-m", "ethicsguide"]
    for folder in getattr(args, "trees", None) or []:
        argv += ["--trees", str(folder)]
    if getattr(args, "data_dir", None):
        argv += ["--data-dir", str(args.data_dir)]
    return shlex.join(argv)


def run(args: argparse.Namespace) -> int:
    from ethicsguide.serve.access import Access, is_loopback

    if not 0 < args.port < 65536:
        return fail(f"port {args.port} is not a valid port", 2)
    access = Access(args.host, args.port)
    if not is_loopback(args.host):
        print(
            f"warning: serving on {args.host}: anyone on this network who is given the address "
            "below can open the app. Use only on a network you trust.",
            file=sys.stderr,
        )
    server = make_server(access, app_command(args))
    print("Serving ethicsguide. Share this address with the room (it carries this run's token):")
    print(f"    {access.share_url()}")
    print("Press ctrl+c to stop.", flush=True)
    server.serve()
    return 0


def make_server(access: Any, command: str) -> Any:
    from textual_serve.app_service import AppService

    from ethicsguide.serve.server import ClassroomServer

    def service(tab: str, **streams: Any) -> AppService:
        return AppService(command, **streams)

    return ClassroomServer(access, service, title="ethicsguide")
