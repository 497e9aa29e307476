"""The server's side of the app worker: start it, ask it for one app per tab, talk to that app."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService

from ethicsguide.serve.worker import MAX_REQUEST, WEB_ENVIRONMENT

START_TIMEOUT = 120.0  # seconds for the worker to import the app and check the library


class WorkerError(RuntimeError):
    """The app worker could not start, or stopped."""


class AppWorker:
    """The ``ethicsguide.serve.worker`` process, driven over a private socket pair."""

    def __init__(self, training: Path, extra_roots: list[Path], scenario: str | None) -> None:
        self.argv = [str(training)]
        for folder in extra_roots:
            self.argv += ["--trees", str(folder)]
        if scenario:
            self.argv += ["--scenario", scenario]
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self.trees = 0

    def start(self) -> None:
        """Start the worker and wait until it has loaded everything (blocking)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with theirs:
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "ethicsguide.serve.worker",
                    str(theirs.fileno()),
                    *self.argv,
                ],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                env={**os.environ, **WEB_ENVIRONMENT},
            )
        self._socket = ours
        ours.settimeout(START_TIMEOUT)
        try:
            ready = json.loads(ours.recv(MAX_REQUEST) or b"{}")
        except (TimeoutError, ValueError) as exc:
            self.stop()
            raise WorkerError(f"the app worker did not start: {exc}") from exc
        if not ready.get("ready"):
            self.stop()
            raise WorkerError(ready.get("error") or "the app worker stopped loading the library")
        ours.settimeout(None)
        self.trees = int(ready.get("trees", 0))

    def fork(self, tab: str, width: int, height: int, fds: list[int]) -> int:
        """One app for ``tab`` on the given stdin, stdout, stderr; its process id (blocking)."""
        if self._socket is None:
            raise WorkerError("the app worker is not running")
        request = json.dumps({"tab": tab, "width": width, "height": height}).encode()
        with self._lock:  # one request at a time, so each reply answers its own request
            socket.send_fds(self._socket, [request], fds)
            reply = json.loads(self._socket.recv(MAX_REQUEST) or b"{}")
        if "pid" not in reply:
            raise WorkerError(str(reply.get("error", "the app worker has stopped")))
        return int(reply["pid"])

    def stop(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None


@dataclass
class PipedApp:
    """What ``AppService.run`` reads from a process: its three streams (and, here, its pid)."""

    pid: int
    stdin: asyncio.StreamWriter
    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader


class ForkedAppService(AppService):
    """textual-serve's app service, with the app forked by the worker instead of spawned."""

    def __init__(self, worker: AppWorker, tab: str, **streams: Any) -> None:
        super().__init__("ethicsguide", **streams)
        self.worker, self.tab = worker, tab
        self.pid: int | None = None  # the forked app; it exits when told to quit or on EOF

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        try:
            self.pid = await asyncio.to_thread(
                self.worker.fork, self.tab, width, height, [stdin_r, stdout_w, stderr_w]
            )
        except BaseException:
            for fd in (stdin_w, stdout_r, stderr_r):
                os.close(fd)
            raise
        finally:
            for fd in (stdin_r, stdout_w, stderr_w):
                os.close(fd)
        process = PipedApp(
            self.pid, await _writer(stdin_w), await _reader(stdout_r), await _reader(stderr_r)
        )
        self._process, self._stdin = process, process.stdin  # type: ignore[assignment]
        return process


async def _reader(fd: int) -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**20)
    await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", buffering=0)
    )
    return reader


async def _writer(fd: int) -> asyncio.StreamWriter:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.connect_write_pipe(
        asyncio.streams.FlowControlMixin, os.fdopen(fd, "wb", buffering=0)
    )
    return asyncio.StreamWriter(transport, protocol, None, loop)
