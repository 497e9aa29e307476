"""``ethicsguide serve`` in a real browser: headless Chromium loads the page and the app's
home screen arrives over the page's websocket (read through the DevTools protocol)."""

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
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07]*\x07|\x1b.")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="needs Debian's chromium (CI installs it; `apt-get install chromium` locally)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return str(response.read().decode())
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A running ``serve``; yields the address it printed to share (with its token)."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ethicsguide",
            "serve",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path / "data"),
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
        yield shared.strip()
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
        deadline = time.monotonic() + 30
        while not port_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port_file.read_text().splitlines()[0]}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def screen_text(devtools_url: str, page_url: str, wanted: str, timeout: float = 45.0) -> str:
    """Navigate the browser's page and collect what the app sends it until ``wanted`` shows."""
    import aiohttp

    targets = json.loads(wait_for(f"{devtools_url}/json/list"))
    page = next(t for t in targets if t["type"] == "page")
    seen = ""
    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws,
    ):
        await ws.send_json({"id": 1, "method": "Network.enable"})
        await ws.send_json({"id": 2, "method": "Page.navigate", "params": {"url": page_url}})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and wanted not in seen:
            try:
                message = await ws.receive_json(timeout=max(0.1, deadline - time.monotonic()))
            except TimeoutError:
                break
            if message.get("method") == "Network.webSocketFrameReceived":
                seen += decode(message["params"]["response"])
    return seen


def decode(frame: dict[str, object]) -> str:
    payload = str(frame.get("payloadData", ""))
    raw = base64.b64decode(payload) if frame.get("opcode") == 2 else payload.encode()
    return ANSI.sub("", raw.decode("utf-8", "replace"))


@needs_chromium
def test_the_home_screen_reaches_a_browser(server: str, devtools: str) -> None:
    html = wait_for(server)
    assert "fonts.googleapis.com" not in html  # the page asks nothing of the outside world
    text = asyncio.run(screen_text(devtools, server, "Exercises"))
    assert "Exercises" in text, text[-2000:]
    assert "ethicsguide" in text


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
