"""A browser stand-in for ``serve``: one tab's WebSocket, keys in, screen text out, timed."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from dataclasses import dataclass, field

import aiohttp

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07]*\x07|\x1b.")
KEYS = {
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "down": "\x1b[B",
    "up": "\x1b[A",
    "ctrl+p": "\x10",
}


class Refused(Exception):
    """The server refused the socket (its HTTP status)."""

    def __init__(self, status: int) -> None:
        super().__init__(f"refused with HTTP {status}")
        self.status = status


@dataclass
class Tab:
    """One browser tab: what the app has drawn so far (escape codes removed) and timings."""

    base: str  # http://host:port
    token: str
    tab: str
    width: int = 160
    height: int = 48
    seen: str = ""
    frames: int = 0
    latencies: list[float] = field(default_factory=list)  # key sent → next frame, seconds
    _ws: aiohttp.ClientWebSocketResponse | None = None
    _client: aiohttp.ClientSession | None = None
    _reader: asyncio.Task[None] | None = None
    _frame: asyncio.Event = field(default_factory=asyncio.Event)

    async def open(self) -> None:
        host = self.base.split("://", 1)[1]
        url = f"ws://{host}/ws/{self.token}/{self.tab}?width={self.width}&height={self.height}"
        self._client = aiohttp.ClientSession()
        try:
            self._ws = await self._client.ws_connect(
                url, headers={"Origin": self.base}, max_msg_size=0, heartbeat=None
            )
        except aiohttp.WSServerHandshakeError as exc:
            await self._client.close()
            raise Refused(exc.status) from exc
        await self._ws.send_json(["resize", {"width": self.width, "height": self.height}])
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self._ws is not None
        async for message in self._ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.seen += ANSI.sub("", message.data.decode("utf-8", "replace"))
                self.frames += 1
                self._frame.set()

    async def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds until ``text`` has been drawn (since now); AssertionError on timeout."""
        start = time.monotonic()
        while text not in self.seen:
            left = timeout - (time.monotonic() - start)
            if left <= 0 or self._reader is None or self._reader.done():
                raise AssertionError(f"{text!r} never appeared; last drawn: {self.seen[-3000:]!r}")
            self._frame.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._frame.wait(), min(left, 1.0))
        return time.monotonic() - start

    async def press(self, *keys: str, timed: bool = True) -> None:
        """Send keys one at a time; each timed from sending to the next frame drawn."""
        assert self._ws is not None
        for key in keys:
            frames, start = self.frames, time.monotonic()
            self._frame.clear()
            await self._ws.send_json(["stdin", KEYS.get(key, key)])
            if not timed:
                continue
            while self.frames == frames:
                try:
                    await asyncio.wait_for(self._frame.wait(), 10)
                except TimeoutError:
                    break
                self._frame.clear()
            else:
                self.latencies.append(time.monotonic() - start)

    async def wait_closed(self, timeout: float) -> None:
        """Until the server has closed this tab's socket."""
        assert self._reader is not None
        await asyncio.wait_for(asyncio.shield(self._reader), timeout)

    def clear(self) -> None:
        """Forget what was drawn, so ``wait_for`` sees only what comes next."""
        self.seen = ""

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
        if self._client is not None:
            await self._client.close()
