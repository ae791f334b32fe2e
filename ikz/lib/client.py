"""Who is asking: the client's address as the trusted reverse proxies report it (one rule for the
login throttle, the security log and the API's rate limit)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def client_address(meta: Mapping[str, Any], proxies: int) -> str | None:
    """``REMOTE_ADDR``, or behind ``proxies`` reverse proxies (``IKZ_PROXY_COUNT``) the entry of
    ``X-Forwarded-For`` that the outermost trusted proxy added (entries further left can be forged).
    ``None`` when the request carries no address at all."""
    if proxies > 0:
        chain = [
            part.strip() for part in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()
        ]
        if len(chain) >= proxies:
            return chain[-proxies]
    remote = meta.get("REMOTE_ADDR")
    return str(remote) if remote else None
