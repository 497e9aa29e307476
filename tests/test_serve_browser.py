"""``ethicsguide serve`` in a real browser: headless Chromium, driven through the DevTools protocol.

What the app draws arrives over the page's WebSocket and is read from the protocol's frame
events; keys are typed as a person would, into the page.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from ethicsguide.serve.access import real_address
from tests.conftest import FIXTURE_LIBRARY
from tests.drive import wait_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07]*\x07|\x1b.")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="needs Debian's chromium (CI installs it; `apt-get install chromium` locally)",
)
pytestmark = pytest.mark.slow  # a real browser and server; CI runs every test, slow ones too


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def status_of(url: str, timeout: float = 30.0) -> int:
    """The HTTP status of ``url``, retried while the server is still starting to listen."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``serve --scenario sample-exercise``; yields the address it printed and its folder."""
    folder = tmp_path / "training"
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "ethicsguide", "serve", "--port", str(free_port())),
            *("--scenario", "sample-exercise", "--trees", str(FIXTURE_LIBRARY)),
            *("--data-dir", str(folder)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        shared = ""
        while "token=" not in shared:
            shared = proc.stdout.readline()
            assert shared, "serve printed no address"
        yield shared.strip(), folder
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def devtools(tmp_path: Path) -> Iterator[str]:
    """A headless Chromium with no outside traffic; yields its DevTools HTTP address."""
    assert CHROMIUM, "chromium is not installed"
    profile = tmp_path / "profile"
    proc = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--window-size=1280,900",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        wait_for(port_file.is_file, timeout=30, what="Chromium's DevTools port file")
        yield f"http://127.0.0.1:{port_file.read_text().splitlines()[0]}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class BrowserTab:
    """One browser tab over the DevTools protocol: navigate, type, read what the app drew."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws, self.next_id, self.seen, self.statuses = ws, 0, "", list[int]()
        self.replies: dict[int, Any] = {}

    async def call(self, method: str, **params: Any) -> Any:
        self.next_id += 1
        wanted = self.next_id
        await self.ws.send_json({"id": wanted, "method": method, "params": params})
        while wanted not in self.replies:
            await self._one(30)
        return self.replies.pop(wanted)

    async def _one(self, timeout: float) -> None:
        message = await self.ws.receive_json(timeout=timeout)
        if "id" in message:
            self.replies[message["id"]] = message.get("result")
        elif message.get("method") == "Network.webSocketFrameReceived":
            self.seen += decode(message["params"]["response"])
        elif message.get("method") == "Network.responseReceived":
            self.statuses.append(int(message["params"]["response"]["status"]))

    async def wait_for(self, text: str, timeout: float = 45.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} never drawn; last: {self.seen[-1500:]!r}"
            try:
                await self._one(left)
            except TimeoutError:
                continue

    async def open(self, url: str) -> None:
        await self.call("Network.enable")
        await self.call("Page.enable")
        await self.call("Page.navigate", url=url)

    async def type(self, text: str) -> None:
        for char in text:
            await self.call("Input.dispatchKeyEvent", type="keyDown", key=char, text=char)
            await self.call("Input.dispatchKeyEvent", type="keyUp", key=char)


def decode(frame: dict[str, object]) -> str:
    payload = str(frame.get("payloadData", ""))
    raw = base64.b64decode(payload) if frame.get("opcode") == 2 else payload.encode()
    return ANSI.sub("", raw.decode("utf-8", "replace"))


async def new_tab(client: aiohttp.ClientSession, devtools: str) -> tuple[BrowserTab, Any]:
    async with client.put(f"{devtools}/json/new?about:blank") as response:
        target = json.loads(await response.text())
    ws = await client.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
    return BrowserTab(ws), ws


@needs_chromium
def test_a_tab_draws_the_exercise_with_its_keys_and_without_a_click(
    server: tuple[str, Path], devtools: str
) -> None:
    shared, _folder = server

    async def run() -> str:
        async with aiohttp.ClientSession() as client:
            tab, ws = await new_tab(client, devtools)
            async with ws:
                await tab.open(shared)
                await tab.wait_for("A sample exercise")
                await tab.wait_for("Start exercise")  # the footer's keys, nothing clicked
                html = await tab.call(
                    "Runtime.evaluate", expression="document.documentElement.outerHTML"
                )
                return str(html["result"]["value"])

    html = asyncio.run(run())
    assert "fonts.googleapis.com" not in html  # the page asks nothing of the outside world


@needs_chromium
def test_without_the_token_the_page_is_refused(server: tuple[str, Path], devtools: str) -> None:
    shared, folder = server

    async def run() -> BrowserTab:
        async with aiohttp.ClientSession() as client:
            tab, ws = await new_tab(client, devtools)
            async with ws:
                await tab.open(shared.split("?", 1)[0])
                deadline = time.monotonic() + 10
                while not tab.statuses and time.monotonic() < deadline:
                    await tab._one(10)
                # kept: what is checked is that nothing happens; a second for it to not happen
                await asyncio.sleep(1)
                return tab

    tab = asyncio.run(run())
    assert tab.statuses[0] == 403
    assert tab.seen == ""  # no app was started, so nothing was drawn
    assert not (folder / "tabs").exists()


@needs_chromium
def test_two_browser_tabs_each_see_only_their_own_session(
    server: tuple[str, Path], devtools: str
) -> None:
    shared, folder = server

    async def run() -> list[str]:
        drawn = []
        async with aiohttp.ClientSession() as client:
            for _ in range(2):
                tab, ws = await new_tab(client, devtools)
                async with ws:
                    await tab.open(shared)
                    await tab.wait_for("Start exercise")
                    await tab.type("s")
                    await tab.wait_for("Is anyone in danger right now?")
                    tab.seen = ""
                    await tab.call("Page.reload")  # a reload resumes this tab's own session
                    await tab.wait_for("Is anyone in danger right now?")
                    drawn.append(tab.seen)
        return drawn

    drawn = asyncio.run(run())
    tabs = sorted((folder / "tabs").iterdir())
    assert len(tabs) == 2
    ids = [[p.stem for p in (t / "sessions").glob("*.jsonl")] for t in tabs]
    assert [len(i) for i in ids] == [1, 1]  # one session each; the reload started none
    assert drawn[0] and drawn[1]


def test_the_page_is_served_only_on_this_machine(server: tuple[str, Path]) -> None:
    shared, _folder = server
    assert shared.startswith("http://127.0.0.1:")
    assert status_of(shared) == 200
    outside = real_address()
    if outside.startswith("127.") or not outside[0].isdigit():
        pytest.skip("this machine has no address but loopback")
    with pytest.raises(OSError):
        status_of(shared.replace("127.0.0.1", outside), timeout=0)


def test_serving_beyond_loopback_warns_and_shares_a_real_address(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Checked without binding anything: the server is replaced by a stand-in that records."""
    from ethicsguide.cli import cmd_serve, main

    started: list[tuple[str, int]] = []

    class Recorder:
        def serve(self) -> None:
            pass

    class NoWorker:
        def __init__(self, *args: Any) -> None:
            pass

        def start(self) -> None:
            pass

        def stop(self) -> None:
            pass

    def fake(access: Any, worker: Any) -> Recorder:
        started.append((access.host, access.port))
        return Recorder()

    monkeypatch.setattr(cmd_serve, "make_server", fake)
    monkeypatch.setattr("ethicsguide.serve.forked.AppWorker", NoWorker)
    monkeypatch.setenv("ETHICSGUIDE_DATA_DIR", str(tmp_path))
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    out, err = capsys.readouterr()
    assert "warning: serving on 0.0.0.0" in err
    assert "0.0.0.0" not in out and re.search(r"http://\S+:8123/\?token=\S{16,}", out)
    assert main(["serve"]) == 0
    out, err = capsys.readouterr()
    assert "warning" not in err
    assert "http://127.0.0.1:8000/?token=" in out
    assert started == [("0.0.0.0", 8123), ("127.0.0.1", 8000)]
