"""A real served classroom on loopback: the app worker, the server, and browser-like tabs."""

from __future__ import annotations

import secrets
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import web

from ethicsguide.cli.cmd_serve import make_server
from ethicsguide.serve.access import Access
from ethicsguide.serve.forked import AppWorker
from tests.conftest import FIXTURE_LIBRARY
from tests.serve.webclient import Tab

SCENARIO = "sample-exercise"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Classroom:
    access: Access
    training: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.access.port}"

    def tab(self, tab: str | None = None) -> Tab:
        return Tab(self.base, self.access.token, tab or secrets.token_hex(16))


@pytest.fixture
async def classroom(tmp_path: Path) -> AsyncIterator[Classroom]:
    """``serve --scenario sample-exercise`` on the fixture library, in this event loop."""
    room = Classroom(Access("127.0.0.1", free_port()), tmp_path / "training")
    worker = AppWorker(room.training, [FIXTURE_LIBRARY], SCENARIO)
    worker.start()
    runner = web.AppRunner(await make_server(room.access, worker)._make_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", room.access.port).start()
    try:
        yield room
    finally:
        await runner.cleanup()
        worker.stop()
