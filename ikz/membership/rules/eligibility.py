"""Who may join the cooperative (statutes of K4K eG, seed 000; § 108 GWB, domain reference § 5)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reason: str


def check_eligibility(
    *, name: str, territorial: bool, legal_person: bool, territorial_share: Decimal | None
) -> Eligibility:
    """A Gebietskörperschaft may join; a legal person only if territorial authorities hold strictly
    more than half of it. Everything else is refused with the reason (any direct private capital
    in the eG would destroy the in-house privilege)."""
    if territorial:
        return Eligibility(
            True, _("%(name)s ist eine Gebietskörperschaft und kann Mitglied werden.") % {"name": name}
        )
    if not legal_person:
        return Eligibility(
            False,
            _(
                "%(name)s ist weder eine Gebietskörperschaft noch eine juristische Person; "
                "Mitglied können nach der Satzung nur diese werden."
            )
            % {"name": name},
        )
    if territorial_share is None:
        return Eligibility(
            False,
            _(
                "Für %(name)s ist nicht erfasst, welchen Anteil Gebietskörperschaften halten; "
                "ohne diese Angabe ist keine Aufnahme möglich."
            )
            % {"name": name},
        )
    share = f"{territorial_share.normalize():f}".replace(".", ",")
    if territorial_share > 50:
        return Eligibility(
            True,
            _(
                "An %(name)s sind Gebietskörperschaften mit %(share)s %% mehrheitlich beteiligt; "
                "die Aufnahme ist möglich."
            )
            % {"name": name, "share": share},
        )
    return Eligibility(
        False,
        _(
            "An %(name)s halten Gebietskörperschaften nur %(share)s %% und damit keine Mehrheit "
            "(mehr als 50 %% nötig). Nach der Satzung können nur Gebietskörperschaften und juristische "
            "Personen in mehrheitlich kommunaler Hand Mitglied werden; privates Kapital in der "
            "Genossenschaft schlösse zudem die Inhouse-Vergabe (§ 108 GWB) aus."
        )
        % {"name": name, "share": share},
    )
