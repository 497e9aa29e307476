"""Who may open a served classroom: the run's token, the hosts it answers to, the share URL."""

from __future__ import annotations

import ipaddress
import re
import secrets
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
TAB_ID = re.compile(r"[0-9a-f]{32}")


def new_token() -> str:
    """A fresh random token for one ``serve`` run (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host in ("0.0.0.0", "::", "")


def real_address() -> str:
    """This machine's address on its default route, as other machines on the network see it.

    Connecting a UDP socket sends nothing; it only asks the kernel which local address
    it would use. Falls back to the host name when there is no route.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
            return str(probe.getsockname()[0])
        except OSError:
            return socket.gethostname()


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Access:
    """The rules for one run: ``token`` is required; names are checked against ``host``."""

    host: str
    port: int
    token: str = field(default_factory=new_token, repr=False)

    def share_url(self) -> str:
        """The address to give trainees: the machine's real address unless on loopback."""
        if is_loopback(self.host):
            name = "127.0.0.1" if self.host == "localhost" else self.host
        elif is_wildcard(self.host):
            name = real_address()
        else:
            name = self.host
        if ":" in name:
            name = f"[{name}]"
        return f"http://{name}:{self.port}/?token={self.token}"

    def token_ok(self, given: str | None) -> bool:
        return given is not None and secrets.compare_digest(given.encode(), self.token.encode())

    def host_ok(self, host_header: str | None) -> bool:
        """Whether the browser reached us by a name we serve under (no DNS rebinding).

        Loopback serving answers only to loopback names. Otherwise IP literals (which a
        rebinding attack cannot use), ``localhost`` and this machine's own names are fine.
        """
        name, port = _split_host(host_header or "")
        if name is None or port != self.port:
            return False
        if is_loopback(self.host):
            return name in LOOPBACK_NAMES or is_loopback(name)
        if not is_wildcard(self.host):
            return name == self.host.lower().strip("[]")
        own = {socket.gethostname().lower(), socket.getfqdn().lower()}
        return _is_ip(name) or name in LOOPBACK_NAMES or name in own

    def origin_ok(self, origin: str | None, host_header: str | None) -> bool:
        """Whether a WebSocket's Origin is the page we served (same host and port)."""
        if not origin or not self.host_ok(host_header):
            return False
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        name, port = _split_host(host_header or "")
        origin_port = parts.port or (443 if parts.scheme == "https" else 80)
        return parts.hostname.lower() == name and origin_port == port


def _split_host(value: str) -> tuple[str | None, int | None]:
    """``Host`` header → (lower-case name without brackets, port); (None, None) if malformed."""
    parts = urlsplit(f"//{value.strip()}")
    try:
        port = parts.port or 80
    except ValueError:
        return None, None
    return (parts.hostname.lower() if parts.hostname else None), port


def valid_tab(tab: str) -> bool:
    """A tab id the page made: 32 lower-case hex digits (it names a folder, so nothing else)."""
    return TAB_ID.fullmatch(tab) is not None
