"""Pure rules of accounts: how long a login stays blocked after repeated failures, and the
one-time passwords of two-factor authentication (RFC 4226/6238, standard library only)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import math
import secrets
import struct
from collections.abc import Sequence
from urllib.parse import quote, urlencode

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


def lockout_remaining(
    failures: Sequence[dt.datetime], now: dt.datetime, *, limit: int, window: dt.timedelta
) -> dt.timedelta | None:
    """Time left until the next attempt is allowed, or None when an attempt is allowed now.

    Blocked while at least ``limit`` failures lie within ``window`` before ``now``; the block ends
    ``window`` after the failure that made the count reach the limit within the window (so the
    wait shrinks as old failures age out, and a new failure during the block does not extend it
    beyond the window of the ``limit`` most recent ones).
    """
    if limit <= 0:
        return None
    recent = sorted(t for t in failures if now - window < t <= now)
    if len(recent) < limit:
        return None
    oldest_that_counts = recent[-limit]
    return oldest_that_counts + window - now


def minutes_to_wait(remaining: dt.timedelta) -> int:
    """Whole minutes to tell the user, rounded up and at least one."""
    return max(1, math.ceil(remaining.total_seconds() / 60))


# --- Two-factor authentication: time-based one-time passwords (RFC 4226 HOTP, RFC 6238 TOTP) ---

TOTP_PERIOD = 30
TOTP_DIGITS = 6
TOTP_SECRET_BYTES = 20  # 160 bits, the key length RFC 4226 recommends for HMAC-SHA1
RECOVERY_CODE_COUNT = 10
# Lower-case letters and digits without the easily confused 0/o, 1/l/i: 31 symbols.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 16  # 16 symbols ≈ 79 bits: a fast hash is enough, like for API tokens


def new_totp_secret() -> str:
    """A new random secret in base32 without padding (what authenticator apps expect)."""
    return base64.b32encode(secrets.token_bytes(TOTP_SECRET_BYTES)).decode("ascii").rstrip("=")


def secret_bytes(secret: str) -> bytes:
    """The key of a base32 secret, tolerant of spaces, lower case and missing padding."""
    cleaned = "".join(secret.split()).upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, *, digits: int = TOTP_DIGITS, digest: str = "sha1") -> str:
    """RFC 4226: HMAC of the 8-byte counter, dynamically truncated to ``digits`` decimal digits."""
    mac = hmac.new(key, struct.pack(">Q", counter), getattr(hashlib, digest)).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def totp_step(at: float, *, period: int = TOTP_PERIOD) -> int:
    """RFC 6238: the number of whole periods since the Unix epoch (T0 = 0)."""
    return int(at // period)


def totp(key: bytes, at: float, *, digits: int = TOTP_DIGITS, digest: str = "sha1") -> str:
    """RFC 6238: the code valid at Unix time ``at``."""
    return hotp(key, totp_step(at), digits=digits, digest=digest)


def normalize_code(code: str) -> str:
    """What the user typed, without spaces and hyphens, in lower case."""
    return "".join(ch for ch in code if ch not in " -\t").lower()


def match_totp(secret: str, code: str, at: float, *, last_step: int | None, window: int = 1) -> int | None:
    """The time step whose code is ``code`` — now or ``window`` steps before or after (clock drift) —
    or None. A step at or before ``last_step`` never matches again, so a code cannot be replayed."""
    typed = normalize_code(code)
    if len(typed) != TOTP_DIGITS or not typed.isdigit():
        return None
    key = secret_bytes(secret)
    now = totp_step(at)
    for step in range(now - window, now + window + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(hotp(key, step), typed):
            return step
    return None


def otpauth_uri(secret: str, account: str, issuer: str) -> str:
    """The ``otpauth://totp/…`` address authenticator apps read (Key Uri Format)."""
    label = quote(f"{issuer}:{account}", safe=":@")
    query = urlencode(
        {
            "secret": secret,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": TOTP_DIGITS,
            "period": TOTP_PERIOD,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"


def grouped(secret: str, size: int = 4) -> str:
    """The secret in groups of four for typing it into an app by hand."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """Fresh one-time recovery codes, shown as ``xxxx-xxxx-xxxx-xxxx``."""
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        codes.append(grouped(raw).replace(" ", "-"))
    return codes


def hash_recovery_code(code: str) -> str:
    """SHA-256 of the normalised code (the code itself is never stored)."""
    return hashlib.sha256(normalize_code(code).encode("ascii", "ignore")).hexdigest()


def looks_like_recovery_code(code: str) -> bool:
    return len(normalize_code(code)) == _RECOVERY_LENGTH


def _fernet(keys: Sequence[str]) -> MultiFernet:
    """Fernet keys derived from the Django secret keys (the first encrypts, all decrypt)."""
    derived = [
        Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"ikz.accounts.totp:{key}".encode()).digest()))
        for key in keys
    ]
    return MultiFernet(derived)


def seal_secret(secret: str, keys: Sequence[str]) -> str:
    """The TOTP secret encrypted (AES-128-CBC + HMAC, Fernet) with a key derived from ``keys[0]``."""
    return _fernet(keys).encrypt(secret.encode("ascii")).decode("ascii")


def open_secret(sealed: str, keys: Sequence[str]) -> str | None:
    """The TOTP secret, or None when none of ``keys`` opens it (e.g. the secret key was replaced)."""
    try:
        return _fernet(keys).decrypt(sealed.encode("ascii")).decode("ascii")
    except InvalidToken:
        return None
