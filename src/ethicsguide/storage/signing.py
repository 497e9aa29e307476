"""Supervisor sign-off keys: Ed25519 signatures over a session record's hash.

The private key is the supervisor's own (``ethicsguide review --init-key``), kept 0600 in
the data folder or where they say. A signature covers the record as it stood: the session
id, how many events it held, and the hash of its last line, plus the sign-off's own words.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

from ethicsguide.storage.durable import write_private_file
from ethicsguide.storage.logread import SessionFileError
from ethicsguide.storage.paths import ensure_private_dir

KEY_FILE = "supervisor-key.pem"
DOMAIN = "ethicsguide sign-off v1"


def default_key_path(root: Path) -> Path:
    return root / KEY_FILE


def init_key(path: Path) -> str:
    """Make a new private key at ``path`` (never over an existing one); returns its fingerprint."""
    # lazy: cryptography costs ~30 ms; only signing and checking sign-offs need it
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    ensure_private_dir(path.parent)
    try:
        write_private_file(path, pem, exclusive=True)
    except FileExistsError:
        raise SessionFileError(f"{path} already exists; a key is never overwritten") from None
    except OSError as exc:
        raise SessionFileError(f"could not write {path}: {exc.strerror or exc}") from None
    return fingerprint(public_bytes(key))


def load_key(path: Path) -> Any:
    """The private key at ``path``; a clear error if there is none or it is not private."""
    # lazy: cryptography costs ~30 ms; only signing and checking sign-offs need it
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        if path.stat().st_mode & 0o077:
            raise SessionFileError(f"{path} is readable by others; make it private (chmod 600)")
        key = serialization.load_pem_private_key(path.read_bytes()[:4096], password=None)
    except FileNotFoundError:
        raise SessionFileError(
            f"no sign-off key at {path}; make yours first with `ethicsguide review --init-key`"
        ) from None
    except (OSError, ValueError, TypeError) as exc:
        raise SessionFileError(f"{path}: not a usable sign-off key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SessionFileError(f"{path}: not an Ed25519 key")
    return key


def public_bytes(key: Any) -> bytes:
    # lazy: cryptography costs ~30 ms; only signing and checking sign-offs need it
    from cryptography.hazmat.primitives import serialization

    raw: bytes = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return raw


def fingerprint(public: bytes) -> str:
    """``SHA256:…`` of the raw public key, as ssh prints key fingerprints."""
    digest = base64.b64encode(hashlib.sha256(public).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


def message(event: dict[str, Any], session_id: str) -> bytes:
    """What a sign-off signs: the record it covers (count, last hash) and its own fields."""
    fields = [
        DOMAIN,
        session_id,
        str(event.get("covers")),
        str(event.get("head")),
        str(event.get("at")),
        str(event.get("role")),
        str(event.get("name")),
    ]
    return "\n".join(fields).encode("utf-8")


def signed(
    event: dict[str, Any], key: Any, session_id: str, covers: int, head: str
) -> dict[str, Any]:
    """``event`` with the record it covers, the public key and the signature added."""
    event = {**event, "covers": covers, "head": head}
    event["key"] = base64.b64encode(public_bytes(key)).decode()
    event["sig"] = base64.b64encode(key.sign(message(event, session_id))).decode()
    return event


def check(event: dict[str, Any], session_id: str) -> tuple[str, str | None]:
    """(fingerprint, problem) for a sign-off event; problem is None when the signature holds."""
    # lazy: cryptography costs ~30 ms; only signing and checking sign-offs need it
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not event.get("sig") or not event.get("key"):
        return "", "it carries no signature (made by an older version, or added by hand)"
    try:
        public = base64.b64decode(str(event["key"]), validate=True)
        signature = base64.b64decode(str(event["sig"]), validate=True)
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message(event, session_id))
    except (ValueError, InvalidSignature):
        return "", "its signature does not match what it signs"
    return fingerprint(public), None


def own_fingerprint(root: Path) -> str | None:
    """The fingerprint of the key in the data folder, if there is one."""
    try:
        return fingerprint(public_bytes(load_key(default_key_path(root))))
    except SessionFileError:
        return None
