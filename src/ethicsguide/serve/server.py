"""textual-serve's server with the classroom's locks: token, Host and Origin checks, per-tab apps."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from ethicsguide.serve.access import Access, valid_tab

log = logging.getLogger("ethicsguide.serve")

# textual-serve's page asks a web font service for its font; this tool sends nothing
# anywhere, so the link is dropped and the page uses the browser's own monospace font.
_WEB_FONT = re.compile(rb"<link[^>]*fonts\.googleapis\.com[^>]*>\s*")

# Runs before textual.js connects (it reads the socket address on window load). The tab id
# lives in sessionStorage: one per browser tab, kept across reloads, never in the URL a
# trainee might pass on. The socket goes to the host the browser used to reach the page.
PAGE_SCRIPT = b"""<script>
(function () {
  var params = new URLSearchParams(location.search);
  var key = "ethicsguide-tab", tab = sessionStorage.getItem(key) || "";
  if (!/^[0-9a-f]{32}$/.test(tab)) {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    tab = Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    sessionStorage.setItem(key, tab);
  }
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  document.getElementById("terminal").dataset.sessionWebsocketUrl =
    scheme + location.host + "/ws/" + encodeURIComponent(params.get("token") || "") + "/" + tab;
  // Keys go to the app at once, without a click first: focus the terminal once it exists.
  var tries = 0, focus = setInterval(function () {
    var input = document.querySelector("#terminal textarea");
    if (input) input.focus();
    if (input || ++tries > 100) clearInterval(focus);
  }, 100);
})();
</script>
</body>"""

FORBIDDEN_PAGE = (
    "This classroom address needs the token the trainer shared. Open the whole address "
    "`ethicsguide serve` printed (it ends in ?token=…), or ask the trainer for it.\n"
)
FORBIDDEN_SOCKET = "Refused: this connection did not come from the classroom page with its token.\n"
MAX_TABS = 150  # open apps at once: a room, with room to spare; more is a runaway client

# Makes the app service for one tab: (tab id, write_bytes, write_str, close, server) → service.
ServiceFactory = Callable[..., AppService]


class ClassroomServer(Server):
    """textual-serve, but every page and socket must carry this run's token and come from us."""

    def __init__(self, access: Access, make_service: ServiceFactory, *, title: str) -> None:
        super().__init__("ethicsguide", host=access.host, port=access.port, title=title)
        self.access, self.make_service = access, make_service
        self.tabs: dict[str, AppService] = {}  # the one live app of each tab id

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{token}/{tab}", self.handle_tab_socket, name="tab-socket")
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """No page or socket without the token; nothing at all under a name we do not serve."""
        if not self.access.host_ok(request.headers.get("Host")):
            return web.Response(status=403, text="Refused: unknown host name.\n")
        if request.path == "/ws":  # textual-serve's own socket has no token: never opened
            return web.Response(status=403, text=FORBIDDEN_SOCKET)
        if request.path == "/" and not self.access.token_ok(request.query.get("token")):
            return web.Response(status=403, text=FORBIDDEN_PAGE)
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        response = await super().handle_index(request)
        assert isinstance(response, web.Response) and response.body is not None
        body = _WEB_FONT.sub(b"", bytes(response.body))  # type: ignore[arg-type]
        response.body = body.replace(b"</body>", PAGE_SCRIPT, 1)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints a logo and its own address; ``cmd_serve`` prints ours."""

    async def handle_tab_socket(self, request: web.Request) -> web.StreamResponse:
        """One browser tab's app; refused (403, no app started) without token or our Origin."""
        tab = request.match_info["tab"]
        if not (
            self.access.token_ok(request.match_info["token"])
            and self.access.origin_ok(request.headers.get("Origin"), request.headers.get("Host"))
            and valid_tab(tab)
        ):
            return web.Response(status=403, text=FORBIDDEN_SOCKET)
        if tab not in self.tabs and len(self.tabs) >= MAX_TABS:
            return web.Response(status=503, text="The classroom is full; ask the trainer.\n")
        if tab in self.tabs:  # the same tab again (a reload, a duplicated tab): only one app
            await self.tabs.pop(tab).stop()  # may write its sessions, so the old one ends first
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        try:
            service = self.make_service(
                tab,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            self.tabs[tab] = service
            await service.start(width, height)
            try:
                await self._process_messages(websocket, service)
            finally:
                if self.tabs.get(tab) is service:
                    del self.tabs[tab]
                await service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one tab's failure must not take the room down
            log.exception(error)
        return websocket
