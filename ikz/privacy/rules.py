"""Pure rules of data-protection requests: what is kept despite an erasure request, and why.

No ORM here: the services pass model labels and field names in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Retention:
    """Fields of one model that an erasure must not touch, with the legal reason."""

    fields: frozenset[str]
    reason: str


def retained() -> dict[str, Retention]:
    """The member register (Mitgliederliste, § 30 GenG): name, address, shares, entry and exit with
    their dates. Labels are ``app_label.model_name``."""
    register = _(
        "Mitgliederliste der Genossenschaft (§ 30 GenG): Name bzw. Firma, Anschrift, Geschäftsanteile, "
        "Eintritt und Ausscheiden mit ihren Daten müssen geführt werden; Art. 17 Abs. 3 DSGVO "
        "(gesetzliche Aufbewahrungspflicht). Unterlagen werden 3 Jahre ab Ende des Kalenderjahres des "
        "Ausscheidens aufbewahrt (§ 30 Abs. 3 GenG), sonst gilt § 257 HGB."
    )
    return {
        "membership.member": Retention(
            frozenset(
                {
                    "legal_name",
                    "street",
                    "postal_code",
                    "city",
                    "official_key",
                    "shares",
                    "admitted_on",
                    "exit_notice_on",
                    "exit_on",
                    "exit_reason",
                    "retention_until",
                    "number",
                }
            ),
            register,
        ),
        "membership.shareevent": Retention(frozenset({"delta", "effective_on", "note"}), register),
    }


def is_retained(label: str, field: str) -> bool:
    rule = retained().get(label)
    return rule is not None and field in rule.fields


def register_kept_until(exit_on: dt.date | None) -> dt.date | None:
    """End of keeping after an exit: 3 years from the end of the calendar year of the exit
    (§ 30 Abs. 3 GenG); ``None`` while the member has not left (kept as long as the membership lasts)."""
    if exit_on is None:
        return None
    return dt.date(exit_on.year + 3, 12, 31)


# Rows that only serve the person's own use of the platform and are deleted on erasure.
DELETED_ON_ERASURE = frozenset(
    {
        "notifications.preference",
        "notifications.calendarfeed",
        "notifications.notification",
        "accounts.roleassignment",
        "accounts.totpdevice",
        "accounts.recoverycode",
    }
)


def is_deleted_on_erasure(label: str) -> bool:
    """Own settings, inbox, calendar and API tokens (any model named ``…token…``) go entirely."""
    return label in DELETED_ON_ERASURE or "token" in label.split(".", 1)[-1]


def anonymous_name(number: int) -> str:
    return _("Gelöschte Person %(n)s") % {"n": number}


def usable_needles(values: list[str]) -> list[str]:
    """The strings that identify a person in free text: e-mail, phone, name (at least 5 characters,
    so that short names do not match unrelated text)."""
    seen: list[str] = []
    for value in values:
        value = (value or "").strip()
        if len(value) >= 5 and value.lower() not in {v.lower() for v in seen}:
            seen.append(value)
    return seen


def scrub(text: str, needles: list[str], replacement: str) -> str:
    """``text`` with every occurrence of a needle (case-insensitive) replaced."""
    for needle in sorted(needles, key=len, reverse=True):
        text = re.sub(re.escape(needle), replacement, text, flags=re.IGNORECASE)
    return text


def contains_any(text: str, needles: list[str]) -> bool:
    lowered = text.lower()
    return any(n.lower() in lowered for n in needles)
