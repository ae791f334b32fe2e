"""Pure rules of the operator's legal pages: the enforcement bodies of the 16 Länder for the
accessibility statement, what a statement must contain (BITV 2.0 § 7 and the EU model statement),
and the text of ``/.well-known/security.txt`` (RFC 9116). No database, no request."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Body:
    """A Schlichtungs- or Durchsetzungsstelle: its name and web address."""

    land: str
    name: str
    url: str


# The bodies to which a person turns when the operator's answer to a reported barrier does not
# satisfy them, by Land (key: the Land's official key). Compiled from the Länder's laws on equal
# treatment of disabled persons; names and addresses change with ministries: the operator checks
# the one of their Land before publishing (decision 181).
ENFORCEMENT_BODIES: dict[str, Body] = {
    "08": Body(
        "Baden-Württemberg",
        "Ombudsstelle für barrierefreie Informationstechnik bei der Beauftragten der Landesregierung "
        "für die Belange von Menschen mit Behinderungen",
        "https://www.sozialministerium-bw.de",
    ),
    "09": Body(
        "Bayern",
        "Durchsetzungs- und Überwachungsstelle für barrierefreie Informationstechnik beim Landesamt "
        "für Digitalisierung, Breitband und Vermessung",
        "https://www.ldbv.bayern.de",
    ),
    "11": Body(
        "Berlin",
        "Schlichtungsstelle nach dem Landesgleichberechtigungsgesetz bei der Landesbeauftragten für "
        "Menschen mit Behinderungen",
        "https://www.berlin.de/lb/behi/",
    ),
    "12": Body(
        "Brandenburg",
        "Schlichtungsstelle nach dem Brandenburgischen Behindertengleichstellungsgesetz beim "
        "Landesbeauftragten für die Belange der Menschen mit Behinderungen",
        "https://msgiv.brandenburg.de",
    ),
    "04": Body(
        "Bremen",
        "Schlichtungsstelle beim Landesbehindertenbeauftragten der Freien Hansestadt Bremen",
        "https://www.behindertenbeauftragter.bremen.de",
    ),
    "02": Body(
        "Hamburg",
        "Schlichtungsstelle nach dem Hamburgischen Behindertengleichstellungsgesetz bei der "
        "Senatskoordinatorin für die Gleichstellung behinderter Menschen",
        "https://www.hamburg.de/skbm/",
    ),
    "06": Body(
        "Hessen",
        "Durchsetzungs- und Beschwerdestelle für barrierefreie Informationstechnik Hessen beim "
        "Hessischen Ministerium für Soziales und Integration",
        "https://soziales.hessen.de",
    ),
    "13": Body(
        "Mecklenburg-Vorpommern",
        "Schlichtungsstelle bei der Bürgerbeauftragten des Landes Mecklenburg-Vorpommern",
        "https://www.buergerbeauftragter-mv.de",
    ),
    "03": Body(
        "Niedersachsen",
        "Schlichtungsstelle nach dem Niedersächsischen Behindertengleichstellungsgesetz bei der "
        "Landesbeauftragten für Menschen mit Behinderungen",
        "https://www.schlichtungsstelle-ndgg.niedersachsen.de",
    ),
    "05": Body(
        "Nordrhein-Westfalen",
        "Ombudsstelle für barrierefreie Informationstechnik bei der Landesbeauftragten für Menschen "
        "mit Behinderung",
        "https://www.lbb.nrw.de",
    ),
    "07": Body(
        "Rheinland-Pfalz",
        "Schlichtungsstelle beim Landesbeauftragten für die Belange behinderter Menschen",
        "https://inklusion.rlp.de",
    ),
    "10": Body(
        "Saarland",
        "Durchsetzungsstelle beim Landesbeauftragten für die Belange von Menschen mit Behinderungen",
        "https://www.saarland.de",
    ),
    "14": Body(
        "Sachsen",
        "Durchsetzungsstelle beim Beauftragten der Sächsischen Staatsregierung für die Belange von "
        "Menschen mit Behinderungen",
        "https://www.inklusion.sachsen.de",
    ),
    "15": Body(
        "Sachsen-Anhalt",
        "Schlichtungsstelle beim Landesbehindertenbeauftragten des Landes Sachsen-Anhalt",
        "https://ms.sachsen-anhalt.de",
    ),
    "01": Body(
        "Schleswig-Holstein",
        "Beschwerdestelle für barrierefreie Informationstechnik bei der Landesbeauftragten für "
        "Menschen mit Behinderung",
        "https://www.landtag.ltsh.de/beauftragte/lb/",
    ),
    "16": Body(
        "Thüringen",
        "Schlichtungsstelle beim Beauftragten für Menschen mit Behinderungen des Freistaats Thüringen",
        "https://www.tlmb-thueringen.de",
    ),
}
# Shown when the operator chose no Land and named no other body.
FEDERAL_BODY = Body(
    "",
    "Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG) bei dem Beauftragten der "
    "Bundesregierung für die Belange von Menschen mit Behinderungen",
    "https://www.schlichtungsstelle-bgg.de",
)
LAND_CHOICES = [
    (key, f"{body.land}: {body.name}")
    for key, body in sorted(ENFORCEMENT_BODIES.items(), key=lambda item: item[1].land)
]

FULL, PARTIAL, NOT_CONFORMANT = "vollstaendig", "teilweise", "nicht"
CONFORMITY_CHOICES = [
    (FULL, gettext_lazy("vollständig vereinbar")),
    (PARTIAL, gettext_lazy("teilweise vereinbar")),
    (NOT_CONFORMANT, gettext_lazy("nicht vereinbar")),
]
REVIEW_DAYS = 365  # the statement is reviewed at least once a year
PHONE = re.compile(r"^\+?[0-9][0-9 ()/\-]{2,39}$")


def enforcement_body(land: str, other: str) -> Body | None:
    """The body the statement names: ``None`` when the operator wrote another one (``other``), the
    one of the chosen Land, else the federal Schlichtungsstelle as the fallback."""
    if other.strip():
        return None
    return ENFORCEMENT_BODIES.get(land, FEDERAL_BODY)


def page_errors(values: Mapping[str, Any]) -> dict[str, str]:
    if not str(values.get("body") or "").strip():
        return {"body": _("Bitte den Text der Seite angeben.")}
    return {}


def statement_errors(values: Mapping[str, Any], today: dt.date) -> dict[str, str]:
    """German messages per field for an accessibility statement that lacks what § 7 BITV 2.0 asks."""
    errors: dict[str, str] = {}
    if values.get("conformity") not in {FULL, PARTIAL, NOT_CONFORMANT}:
        errors["conformity"] = _("Bitte den Stand der Vereinbarkeit wählen.")
    elif values["conformity"] != FULL and not str(values.get("limitations") or "").strip():
        errors["limitations"] = _(
            "Bei teilweiser oder fehlender Vereinbarkeit bitte die nicht barrierefreien Inhalte nennen."
        )
    stated, reviewed = values.get("statement_date"), values.get("reviewed_on")
    if stated is None:
        errors["statement_date"] = _("Bitte das Datum der Erklärung angeben.")
    elif stated > today:
        errors["statement_date"] = _("Das Datum der Erklärung darf nicht in der Zukunft liegen.")
    if reviewed is not None and reviewed > today:
        errors["reviewed_on"] = _("Das Datum der letzten Überprüfung darf nicht in der Zukunft liegen.")
    elif reviewed is not None and stated is not None and reviewed < stated:
        errors["reviewed_on"] = _("Die Überprüfung kann nicht vor dem Datum der Erklärung liegen.")
    email, phone = str(values.get("contact_email") or ""), str(values.get("contact_phone") or "").strip()
    if not email.strip() and not phone:
        errors["contact_email"] = _(
            "Bitte eine E-Mail-Adresse oder eine Telefonnummer für Rückmeldungen angeben."
        )
    if phone and not PHONE.match(phone):
        errors["contact_phone"] = _(
            "Die Telefonnummer darf nur Ziffern, Leerzeichen und die Zeichen + ( ) / - enthalten."
        )
    if values.get("enforcement_land") and values["enforcement_land"] not in ENFORCEMENT_BODIES:
        errors["enforcement_land"] = _("Bitte ein Land aus der Liste wählen.")
    return errors


def review_due(statement_date: dt.date, reviewed_on: dt.date | None, today: dt.date) -> bool:
    """The statement was last looked at more than a year ago."""
    return (today - (reviewed_on or statement_date)).days > REVIEW_DAYS


# --- /.well-known/security.txt (RFC 9116) -------------------------------------------------------


def security_contact(configured: str, default_from_email: str) -> str:
    """The ``Contact:`` URI: the configured https address, or the configured e-mail address (the
    settings checked its form) as ``mailto:``; without one the address of ``DEFAULT_FROM_EMAIL``."""
    value = configured.strip() or parseaddr(default_from_email)[1]
    if value.startswith(("https://", "mailto:")):
        return value
    return f"mailto:{value}"


def security_expires(now: dt.datetime) -> str:
    """``Expires:``: midnight (UTC) of the day one year after the request's day, so the file never
    runs out while the platform answers and stays the same all day (decision 182)."""
    day = now.astimezone(dt.UTC).date() + dt.timedelta(days=365)
    return f"{day.isoformat()}T00:00:00Z"


def security_txt(*, contact: str, base_url: str, now: dt.datetime) -> str:
    return (
        f"Contact: {contact}\n"
        f"Expires: {security_expires(now)}\n"
        "Preferred-Languages: de, en\n"
        f"Canonical: {base_url}/.well-known/security.txt\n"
    )


def tel_uri(phone: str) -> str:
    """A ``tel:`` address of a phone number as written ("06142 123-45" → "tel:0614212345")."""
    return "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")
