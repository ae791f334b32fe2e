"""The competent supervisory authority in Hessen (domain reference § 1.5, § 136 HGO, § 54 HKO)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

REGIERUNGSBEZIRKE = {"064": "Darmstadt", "065": "Gießen", "066": "Kassel"}
MINISTRY_CITIES = {"06414000", "06412000"}  # Wiesbaden, Frankfurt am Main
MINISTRY = "Hessisches Ministerium des Innern"


@dataclass(frozen=True)
class Authority:
    name: str
    reason: str


def hessen_authority(
    *,
    key: str,
    name: str,
    level: str,
    kind: str,
    population: int | None,
    kreis_name: str = "",
    was_over_50000: bool = False,
) -> Authority:
    """The Aufsichtsbehörde of a Hessian municipality or Landkreis (by its official key).

    Wiesbaden and Frankfurt → ministry; Landkreise, kreisfreie Städte, Sonderstatusstädte and
    Gemeinden over 50,000 inhabitants (kept until they fall below 45,000) → Regierungspräsidium;
    all other kreisangehörige Gemeinden → the Landrat as authority of the state administration."""
    rp = f"Regierungspräsidium {REGIERUNGSBEZIRKE.get(key[:3], '(Bezirk unbekannt)')}"
    if key in MINISTRY_CITIES:
        return Authority(
            MINISTRY, _("%(n)s: Landeshauptstadt bzw. Frankfurt am Main (§ 136 Abs. 1 HGO).") % {"n": name}
        )
    if level == "kreis":
        return Authority(
            rp, _("%(n)s ist ein Landkreis oder eine kreisfreie Stadt (§ 54 HKO, § 136 HGO).") % {"n": name}
        )
    if kind in ("sonderstatusstadt", "kreisfreie_stadt"):
        return Authority(
            rp, _("%(n)s ist eine Sonderstatusstadt bzw. kreisfreie Stadt (§ 136 Abs. 2 HGO).") % {"n": name}
        )
    if population is not None and (population > 50000 or (was_over_50000 and population >= 45000)):
        inhabitants = f"{population:,}".replace(",", ".")
        return Authority(
            rp,
            _("%(n)s hat %(p)s Einwohner (mehr als 50.000, § 136 Abs. 2 HGO).")
            % {"n": name, "p": inhabitants},
        )
    landrat = _("Landrat des Landkreises %(k)s als Behörde der Landesverwaltung") % {"k": kreis_name}
    return Authority(landrat, _("%(n)s ist eine kreisangehörige Gemeinde (§ 136 Abs. 3 HGO).") % {"n": name})
