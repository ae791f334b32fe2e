"""Pure rules of data-protection requests: what is kept despite an erasure request, and why.

No ORM here: the services pass model labels and field names in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
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
        **_minutes_of_the_general_assembly(),
    }


def _minutes_of_the_general_assembly() -> dict[str, Retention]:
    """What the minutes of a general assembly name (decision 225): its chair and minute taker, who
    attended or voted for a member, the signing member of the board."""
    minutes = _(
        "Niederschrift der Generalversammlung (§ 47 GenG): Versammlungsleitung, Teilnehmende, "
        "Vollmachten und das unterzeichnende Vorstandsmitglied sind Teil der Niederschrift, die die "
        "Genossenschaft aufzubewahren hat (§ 47 Abs. 3 GenG); Art. 17 Abs. 3 DSGVO (gesetzliche "
        "Aufbewahrungspflicht)."
    )
    return {
        "governance.assembly": Retention(frozenset({"chair", "minute_taker"}), minutes),
        "governance.attendance": Retention(frozenset({"person", "revoked_proxy"}), minutes),
        "governance.vote": Retention(frozenset({"cast_by"}), minutes),
        "governance.organseat": Retention(
            frozenset({"person", "function", "started_on", "ended_on"}), minutes
        ),
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


@dataclass(frozen=True)
class Needle:
    """A string that identifies the person in free text.

    E-mail addresses, phone numbers and full names of five or more characters match anywhere,
    ignoring case. Short names ("Uwe", "Li Wu") and the surname on its own ("Frau Kelster") match
    only as a word of their own and as written, so that "Ost" finds "Herr Ost" but not "Ostheim"
    or "ost"."""

    text: str
    whole_word: bool = False

    def regex(self) -> re.Pattern[str]:
        if self.whole_word:
            return re.compile(rf"(?<!\w){re.escape(self.text)}(?!\w)")
        return re.compile(re.escape(self.text), re.IGNORECASE)


TITLES = frozenset({"dr.", "prof.", "dipl.-ing.", "frau", "herr"})


def surname(full_name: str) -> str:
    """The last word of a name, without academic titles: "Dr. Erika Beispiel" → "Beispiel"."""
    words = [w for w in full_name.split() if w.lower() not in TITLES]
    return words[-1] if len(words) > 1 else ""


def usable_needles(identifiers: Sequence[str], names: Sequence[str] = ()) -> list[Needle]:
    """The needles for a person: e-mail and phone (at least 5 characters), each full name (anywhere
    from 5 characters, as a word of its own below that, from 2), and each surname of 3 or more
    characters as a word of its own."""
    found: list[Needle] = []

    def add(text: str, whole_word: bool) -> None:
        if any(n.text.lower() == text.lower() for n in found):
            return
        found.append(Needle(text, whole_word))

    for value in identifiers:
        value = (value or "").strip()
        if len(value) >= 5:
            add(value, False)
    for name in names:
        name = " ".join((name or "").split())
        if len(name) >= 5:
            add(name, False)
        elif len(name) >= 2:
            add(name, True)
        last = surname(name)
        if len(last) >= 3:
            add(last, True)
    return found


def scrub(text: str, needles: list[Needle], replacement: str) -> str:
    """``text`` with every occurrence of a needle replaced (longest needles first)."""
    for needle in sorted(needles, key=lambda n: len(n.text), reverse=True):
        text = needle.regex().sub(lambda _match: replacement, text)
    return text


def contains_any(text: str, needles: list[Needle]) -> bool:
    return any(n.regex().search(text or "") for n in needles)
