"""``ethicsguide serve``: the app in a browser for a classroom, through textual-serve.

Each browser tab gets its own app process on this machine; sessions are saved in this
machine's data folder. Loopback only unless a host is named, with a warning when it is.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import shlex
import sys
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from ethicsguide.cli.common import fail

# textual-serve's page asks a web font service for its font; this tool sends nothing
# anywhere, so the link is dropped and the page uses the browser's own monospace font.
_WEB_FONT = re.compile(rb"<link[^>]*fonts\.googleapis\.com[^>]*>\s*")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(args: argparse.Namespace) -> str:
    """The command each browser session runs: this same interpreter, same library and data."""
    argv = [sys.executable, "-m", "ethicsguide"]
    for folder in getattr(args, "trees", None) or []:
        argv += ["--trees", str(folder)]
    if getattr(args, "data_dir", None):
        argv += ["--data-dir", str(args.data_dir)]
    return shlex.join(argv)


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        return fail(f"port {args.port} is not a valid port", 2)
    if not is_loopback(args.host):
        print(
            f"warning: serving on {args.host}: anyone who can reach this address can open the app and "
            "the sessions it saves here. Use only on a network you trust.",
            file=sys.stderr,
        )
    server = _offline_server(app_command(args), args.host, args.port)
    print(f"Serving ethicsguide at http://{args.host}:{args.port}  (ctrl+c to stop)")
    server.serve()
    return 0


class OfflineServer(Server):
    """textual-serve without the outside font request."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(_strip_web_font)
        return app


def _offline_server(command: str, host: str, port: int) -> OfflineServer:
    return OfflineServer(command, host=host, port=port, title="ethicsguide")


async def _strip_web_font(request: Any, handler: Any) -> Any:
    response = await handler(request)
    if (
        isinstance(response, web.Response)
        and response.body
        and response.content_type == "text/html"
    ):
        response.body = _WEB_FONT.sub(b"", bytes(response.body))  # type: ignore[arg-type]
    return response


_strip_web_font.__middleware_version__ = 1  # type: ignore[attr-defined]
