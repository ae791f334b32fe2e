"""Pure rules of accounts: how long a login stays blocked after repeated failures, the
one-time passwords of two-factor authentication (RFC 4226/6238, standard library only), and
people and access: invitation links, what a role is bound to and where an office may grant it."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import math
import secrets
import struct
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.utils.translation import gettext as _


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


def qr_data_uri(text: str) -> str:
    """``text`` (the otpauth address) as a QR code, an SVG in a ``data:`` address for an ``<img>``
    (the CSP allows ``img-src data:``; nothing leaves the server). Error correction M, black on white,
    four modules of quiet zone as the standard asks."""
    import segno

    return str(
        segno.make(text, error="m", micro=False).svg_data_uri(scale=5, border=4, dark="#000", light="#fff")
    )


def grouped(secret: str, size: int = 4) -> str:
    """The secret in groups of four for typing it into an app by hand."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """Fresh one-time recovery codes, shown as ``xxxx-xxxx-xxxx-xxxx``."""
    codes = []
    for _number in range(count):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _symbol in range(_RECOVERY_LENGTH))
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


# --- People and access: invitations and the scope of an office ------------------------------------

INVITATION_DAYS = 7
RENEW_PAUSE = dt.timedelta(minutes=5)  # a new link on request at most this often
REGION_ROLES = frozenset({"office", "steering", "project_lead"})
MUNICIPAL_ROLES = frozenset({"contact", "member"})
# Region-bound roles that the platform-wide office may also give without a region.
PLATFORM_ROLES = frozenset({"office", "project_lead"})


def new_invitation_token() -> str:
    """The secret of an invitation link (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """SHA-256 of an invitation link's secret (only this is stored)."""
    return hashlib.sha256(token.encode("utf-8", "ignore")).hexdigest()


def invitation_expiry(created: dt.datetime) -> dt.datetime:
    return created + dt.timedelta(days=INVITATION_DAYS)


def invitation_state(
    now: dt.datetime,
    *,
    expires_at: dt.datetime,
    used_at: dt.datetime | None,
    replaced_at: dt.datetime | None,
) -> str:
    """``used``, ``replaced``, ``expired`` or ``open``, in this order of precedence."""
    if used_at is not None:
        return "used"
    if replaced_at is not None:
        return "replaced"
    if now >= expires_at:
        return "expired"
    return "open"


def username_from_email(email: str, taken: Callable[[str], bool]) -> str:
    """The user name of an invited person: the e-mail address in lower case (``-2``, ``-3`` … added
    before the ``@`` while ``taken``)."""
    base = email.strip().lower()[:140]
    if not taken(base):
        return base
    local, _at, domain = base.partition("@")
    number = 2
    while taken(f"{local}-{number}@{domain}"):
        number += 1
    return f"{local}-{number}@{domain}"


def target_errors(role: str, region_id: int | None, municipality_id: int | None) -> dict[str, str]:
    """What a role must be bound to, as German messages per field (empty: the binding fits).

    Office, steering group and project lead belong to a region; a contact person and a member to
    a municipality. The platform-wide office and a project lead without a region are allowed
    here; whether the granting office may give them is :meth:`Scope.allows`'s question."""
    if role in MUNICIPAL_ROLES:
        errors = {}
        if municipality_id is None:
            errors["municipality"] = _("Bitte wählen Sie die Kommune, für die die Rolle gilt.")
        if region_id is not None:
            errors["region"] = _(
                "Diese Rolle gilt für eine Kommune, nicht für eine Region: bitte leer lassen."
            )
        return errors
    if role in REGION_ROLES:
        errors = {}
        if region_id is None and role not in PLATFORM_ROLES:
            errors["region"] = _("Bitte wählen Sie die Region, für die die Rolle gilt.")
        if municipality_id is not None:
            errors["municipality"] = _(
                "Diese Rolle gilt für eine Region, nicht für eine Kommune: bitte leer lassen."
            )
        return errors
    return {"role": _("Diese Rolle gibt es nicht.")}


@dataclass(frozen=True)
class Scope:
    """Where an office may give and take roles: everywhere (the platform-wide office), or its
    regions (region-bound roles) and the member municipalities of those regions (municipal roles)."""

    everything: bool = False
    regions: frozenset[int] = frozenset()
    municipalities: frozenset[int] = frozenset()

    @property
    def any(self) -> bool:
        return self.everything or bool(self.regions)

    def allows(self, role: str, region_id: int | None, municipality_id: int | None) -> bool:
        if self.everything:
            return True
        if role in MUNICIPAL_ROLES:
            return municipality_id is not None and municipality_id in self.municipalities
        return region_id is not None and region_id in self.regions

    def refusal(self, role: str, region_id: int | None, municipality_id: int | None) -> dict[str, str]:
        """The German message at the field that lies outside the scope (empty when allowed)."""
        if self.allows(role, region_id, municipality_id):
            return {}
        if role in MUNICIPAL_ROLES:
            return {
                "municipality": _(
                    "Diese Kommune gehört nicht zu Ihrer Region: Rollen für sie vergibt die "
                    "Geschäftsstelle ihrer Region oder die plattformweite Geschäftsstelle."
                )
            }
        if region_id is None:
            return {
                "region": _(
                    "Plattformweite Rollen (ohne Region) vergibt nur die plattformweite Geschäftsstelle."
                )
            }
        return {"region": _("Für diese Region dürfen Sie keine Rollen vergeben: sie ist nicht Ihre Region.")}

    def covers(self, assignments: Iterable[tuple[str, int | None, int | None]]) -> bool:
        """Every one of a person's roles lies within the scope (and there is at least one, or the
        scope is everything): only then may the office deactivate the person or reset the second
        factor, so that an office never locks a person out of another region's work."""
        rows = list(assignments)
        if self.everything:
            return True
        return bool(rows) and all(self.allows(*row) for row in rows)


def person_status(*, active: bool, has_password: bool, link_open: bool) -> str:
    """``deactivated``; ``invited`` (no password yet, a link open); ``link_expired`` (no password,
    no open link: the office or the person asks for a new one); else ``active``."""
    if not active:
        return "deactivated"
    if not has_password:
        return "invited" if link_open else "link_expired"
    return "active"


def status_labels() -> dict[str, str]:
    """The German names of the states of :func:`person_status` (translated when read)."""
    return {
        "active": _("aktiv"),
        "deactivated": _("deaktiviert"),
        "invited": _("eingeladen"),
        "link_expired": _("eingeladen, Link abgelaufen"),
    }


def role_allows() -> dict[str, str]:
    """What a role may do with a municipality's data, in one line (the page "Zugänge")."""
    return {
        "office": _("alles der Region bearbeiten, Personen und Rollen verwalten"),
        "steering": _("alles der Region lesen, Projekte entscheiden"),
        "project_lead": _("eigene Projekte führen"),
        "contact": _("Stammdaten, Fragebögen, Bekundungen und Beschlüsse der Kommune bearbeiten"),
        "member": _("Leistungen der Genossenschaft anfragen, Angebote annehmen"),
    }


# Password login next to single sign-on (setting IKZ_PASSWORD_LOGIN, decision 187).
PASSWORD_LOGIN_MODES = ("all", "office", "sso-accounts-off")


def password_login_allowed(mode: str, *, sso_enabled: bool, is_office: bool, sso_linked: bool) -> bool:
    """Whether an account whose password was right may log in with it: ``all`` — everyone;
    ``office`` — only office accounts (the break-glass access when the provider is down);
    ``sso-accounts-off`` — not accounts that have logged in through single sign-on once. Without
    single sign-on the password is the only way in, so it always stays open."""
    if not sso_enabled or mode == "all":
        return True
    if mode == "office":
        return is_office
    return not sso_linked
