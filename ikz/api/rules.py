"""Pure rules of the API: token secrets and their hashes, paging bounds (no ORM)."""

from __future__ import annotations

import hashlib
import secrets

PREFIX_LENGTH = 8
MAX_LIMIT = 200
DEFAULT_LIMIT = 50


def new_secret() -> str:
    """A random secret of 43 URL-safe characters (256 bits)."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def prefix_of(secret: str) -> str:
    return secret[:PREFIX_LENGTH]


def bearer_secret(header: str) -> str | None:
    """The secret of an ``Authorization: Bearer <secret>`` header, else ``None``."""
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
