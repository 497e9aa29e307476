"""The served classroom refuses what did not come from its page with its token."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from ethicsguide.serve.access import Access, valid_tab
from ethicsguide.serve.server import ClassroomServer

TAB = "0123456789abcdef0123456789abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """A running ``ClassroomServer`` whose app services are only recorded, never started."""

    def __init__(self, access: Access) -> None:
        self.access, self.started = access, list[str]()
        self.base = f"http://127.0.0.1:{access.port}"

    def service(self, tab: str, **streams: Any) -> Any:
        self.started.append(tab)
        raise RuntimeError("no app in this test")

    def socket_url(self, token: str, tab: str = TAB) -> str:
        return f"ws://127.0.0.1:{self.access.port}/ws/{token}/{tab}?width=80&height=24"


@pytest.fixture
async def served() -> AsyncIterator[Served]:
    room = Served(Access("127.0.0.1", free_port()))
    app = await ClassroomServer(room.access, room.service, title="t")._make_app()
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", room.access.port).start()
    try:
        yield room
    finally:
        await runner.cleanup()


async def status_of_socket(url: str, headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession() as client:
        try:
            async with client.ws_connect(url, headers=headers):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_the_page_needs_the_token(served: Served) -> None:
    async with aiohttp.ClientSession() as client:
        async with client.get(served.base + "/") as bare:
            assert bare.status == 403
            assert "token" in await bare.text()
        async with client.get(served.base + "/?token=wrong") as wrong:
            assert wrong.status == 403
        async with client.get(f"{served.base}/?token={served.access.token}") as right:
            page = await right.text()
            assert right.status == 200
    assert "fonts.googleapis.com" not in page
    assert "location.host" in page  # the socket goes where the browser went, never 0.0.0.0


async def test_sockets_without_token_or_from_another_origin_start_no_app(served: Served) -> None:
    ours = {"Origin": served.base}
    token = served.access.token
    assert await status_of_socket(served.socket_url("wrong"), ours) == 403
    assert (
        await status_of_socket(served.socket_url(token), {"Origin": "http://evil.example"}) == 403
    )
    assert await status_of_socket(served.socket_url(token), {}) == 403  # no Origin at all
    assert await status_of_socket(served.socket_url(token, "../../etc"), ours) in (403, 404)
    plain = f"ws://127.0.0.1:{served.access.port}/ws?width=80&height=24"
    assert await status_of_socket(plain, ours) == 403  # textual-serve's tokenless socket
    assert served.started == []
    assert await status_of_socket(served.socket_url(token), ours) == 101
    assert served.started == [TAB]


async def test_a_rebound_host_name_is_refused(served: Served) -> None:
    url = f"{served.base}/?token={served.access.token}"
    rebound = {"Host": f"evil.example:{served.access.port}"}
    async with aiohttp.ClientSession() as client, client.get(url, headers=rebound) as response:
        assert response.status == 403


def test_share_url_names_a_reachable_address() -> None:
    assert Access("127.0.0.1", 8000, "T").share_url() == "http://127.0.0.1:8000/?token=T"
    wide = Access("0.0.0.0", 8000, "T").share_url()
    assert "0.0.0.0" not in wide and wide.endswith(":8000/?token=T")
    assert Access("192.0.2.10", 80, "T").share_url() == "http://192.0.2.10:80/?token=T"


def test_origin_must_match_the_host_the_browser_used() -> None:
    room = Access("0.0.0.0", 8000, "T")
    assert room.origin_ok("http://192.0.2.10:8000", "192.0.2.10:8000")
    assert not room.origin_ok("http://192.0.2.10:8000", "192.0.2.11:8000")
    assert not room.origin_ok("http://evil.example:8000", "evil.example:8000")
    assert not room.origin_ok("null", "192.0.2.10:8000")
    loop = Access("127.0.0.1", 8000, "T")
    assert loop.origin_ok("http://localhost:8000", "localhost:8000")
    assert not loop.origin_ok("http://192.0.2.10:8000", "192.0.2.10:8000")


def test_tokens_differ_per_run_and_tab_ids_are_plain_hex() -> None:
    assert Access("127.0.0.1", 1).token != Access("127.0.0.1", 1).token
    assert valid_tab(TAB)
    assert not valid_tab("../" + TAB[3:]) and not valid_tab(TAB.upper())


async def test_a_full_classroom_starts_no_more_apps(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ethicsguide.serve.server.MAX_TABS", 0)
    token = served.access.token
    assert await status_of_socket(served.socket_url(token), {"Origin": served.base}) == 503
    assert served.started == []
