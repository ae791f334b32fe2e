"""Members that joined before the platform: the cooperative's team enters them with the day their
entry took effect, their shares and the payments they made — without an onboarding (decision 121).
Shares subscribed later are recorded with the day they took effect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import create_object, update_versioned
from ikz.lib.stand import Bound, effective_date_errors
from ikz.membership.models import Cooperative, Member, ShareEvent
from ikz.membership.queries import today_or
from ikz.membership.services.register import enter_member, record_payment


def _entry_errors(cooperative: Cooperative, values: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    errors: dict[str, Any] = effective_date_errors(
        values.get("admitted_on"), today=today, field="admitted_on", label=_("Eintritt wirksam am")
    )
    unit = values.get("municipality")
    if unit is None:
        errors["municipality"] = _("Bitte das Mitglied (Kommune oder Organisation) wählen.")
    else:
        current = Member.objects.filter(
            cooperative=cooperative, municipality=unit, exit_on__isnull=True
        ).first()
        if current is not None:
            errors["municipality"] = _("%(u)s ist bereits Mitglied (Nr. %(n)s).") % {
                "u": unit.name,
                "n": current.number,
            }
    shares = values.get("shares")
    if shares is None or shares < cooperative.min_shares:
        errors["shares"] = _("Die Satzung verlangt mindestens %(n)d Geschäftsanteil(e).") % {
            "n": cooperative.min_shares
        }
    amount, paid_on = values.get("amount"), values.get("paid_on")
    if amount is not None and paid_on is None:
        errors["paid_on"] = _("Bitte angeben, wann die Einzahlung einging.")
    if paid_on is not None and amount is None:
        errors["amount"] = _("Bitte den Betrag der Einzahlung angeben.")
    return errors


@transaction.atomic
def enter_existing_member(
    cooperative: Cooperative,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    today: dt.date | None = None,
) -> Member:
    """The register entry of a member that joined on ``admitted_on`` (in the past) with ``shares``
    and, if given, its first payment (``amount``, ``paid_on``, ``reference``); all or nothing."""
    errors = _entry_errors(cooperative, values, today_or(today))
    if errors:
        raise ValidationError(errors)
    member = enter_member(
        cooperative,
        values["municipality"],
        number=str(values.get("number") or "").strip(),
        admitted_on=values["admitted_on"],
        source=values.get("source") or _("nachgetragen (Mitgliederliste der Genossenschaft)"),
        actor=actor,
        shares=values["shares"],
    )
    if values.get("amount") is not None:
        record_payment(
            member,
            {
                "amount": values["amount"],
                "paid_on": values["paid_on"],
                "reference": values.get("reference", ""),
            },
            actor=actor,
            today=today,
        )
    return member


@transaction.atomic
def add_shares(
    member: Member,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Member:
    """Further shares subscribed (§ 15b GenG), effective on ``effective_on``: one share event and the
    new number of shares in the register entry."""
    count: int = values.get("count") or 0
    errors: dict[str, Any] = effective_date_errors(
        values.get("effective_on"),
        today=today_or(today),
        field="effective_on",
        label=_("wirksam am"),
        not_before=[Bound(member.admitted_on, _("dem Eintritt"))],
        not_after=[Bound(member.exit_on, _("dem Austritt"))],
    )
    if count < 1:
        errors["count"] = _("Bitte mindestens einen weiteren Anteil angeben.")
    if errors:
        raise ValidationError(errors)
    locked = Member.objects.select_for_update().get(pk=member.pk)
    saved = update_versioned(
        Member,
        member.pk,
        {"shares": locked.shares + count},
        expected_version=expected_version,
        actor=actor,
        message=_("weitere Geschäftsanteile gezeichnet"),
    )
    create_object(
        ShareEvent(
            member=saved,
            delta=count,
            effective_on=values["effective_on"],
            note=values.get("note") or _("weitere Anteile"),
        ),
        actor=actor,
    )
    return saved
