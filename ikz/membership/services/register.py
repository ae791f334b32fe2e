"""The member register (§ 30 GenG): the entry, payments, the notice and the exit (§ 65 GenG)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import create_object, update_versioned
from ikz.membership import rules
from ikz.membership.models import (
    Cooperative,
    Member,
    Onboarding,
    Payment,
    ShareEvent,
)
from ikz.membership.queries import (
    eligibility_of,
    member_numbers,
    today_or,
)
from ikz.municipalities.models import Municipality


def allocate_number(cooperative: Cooperative, number: str = "") -> str:
    """``number`` if given, else the next free member number (``rules.next_member_number``). Called
    inside the transaction that enters the member; the cooperative's row is locked so that two
    entries at the same time do not draw the same number."""
    if number:
        return number
    Cooperative.objects.select_for_update().filter(pk=cooperative.pk).first()
    return rules.next_member_number(member_numbers(cooperative))


def _register(
    cooperative: Cooperative,
    unit: Municipality,
    *,
    number: str,
    admitted_on: dt.date,
    actor: User | None,
    onboarding: Onboarding | None = None,
    source: str = "",
    shares: int | None = None,
) -> Member:
    """The register entry with name, address and key of the unit and its shares (default: the
    compulsory shares)."""
    shares = shares or cooperative.min_shares
    member = create_object(
        Member(
            cooperative=cooperative,
            municipality=unit,
            onboarding=onboarding,
            number=number,
            legal_name=unit.name,
            street=unit.street,
            postal_code=unit.postal_code,
            city=unit.city,
            official_key=unit.key or "",
            shares=shares,
            admitted_on=admitted_on,
            source=source,
        ),
        actor=actor,
        message=_("Eintrag in die Mitgliederliste (§ 30 GenG)"),
    )
    create_object(
        ShareEvent(member=member, delta=shares, effective_on=admitted_on, note=_("Beitritt")),
        actor=actor,
    )
    return member


# --- member register -----------------------------------------------------------------------------


@transaction.atomic
def record_payment(
    member: Member, values: Mapping[str, Any], *, actor: User | None, today: dt.date | None = None
) -> Payment:
    amount = values.get("amount")
    paid_on = values.get("paid_on")
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("Bitte einen Betrag über 0 € angeben.")
    if paid_on is None or paid_on > today_or(today):
        errors["paid_on"] = _("Bitte das Datum des Zahlungseingangs angeben (nicht in der Zukunft).")
    if errors:
        raise ValidationError(errors)
    assert amount is not None and paid_on is not None
    return create_object(
        Payment(member=member, amount=amount, paid_on=paid_on, reference=values.get("reference", "")),
        actor=actor,
    )


@transaction.atomic
def record_exit_notice(
    member: Member,
    *,
    notice_on: dt.date,
    reason: str,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Member:
    """The notice was received: the exit date follows from the statutes (§ 65 GenG)."""
    if member.exit_on is not None:
        raise ValidationError(_("Für dieses Mitglied ist der Austritt bereits eingetragen."))
    if notice_on > today_or(today):
        raise ValidationError({"notice_on": _("Der Eingang der Kündigung liegt in der Zukunft.")})
    if notice_on < member.admitted_on:
        raise ValidationError({"notice_on": _("Die Kündigung kann nicht vor dem Eintritt liegen.")})
    coop = member.cooperative
    exit_on = rules.exit_date(
        notice_on,
        notice_months=coop.notice_months,
        year_end_month=coop.year_end_month,
        year_end_day=coop.year_end_day,
    )
    return update_versioned(
        Member,
        member.pk,
        {
            "exit_notice_on": notice_on,
            "exit_on": exit_on,
            "exit_reason": reason or _("Kündigung (§ 65 GenG)"),
            "retention_until": rules.retention_until(exit_on),
        },
        expected_version=expected_version,
        actor=actor,
        message=_("Kündigung eingegangen; Austritt zum %(d)s") % {"d": rules.format_day(exit_on)},
    )


@transaction.atomic
def enter_member(
    cooperative: Cooperative,
    municipality: Municipality,
    *,
    number: str = "",
    admitted_on: dt.date,
    source: str,
    actor: User | None,
    shares: int | None = None,
) -> Member:
    """Enter a member that joined before the platform (founders, earlier admissions) directly in
    the register, with the date its entry took effect; eligibility is checked all the same. Without a
    ``number`` the next free one is allocated; without ``shares`` it holds the compulsory shares."""
    eligibility = eligibility_of(municipality)
    if not eligibility.eligible:
        raise ValidationError({"municipality": eligibility.reason})
    number = allocate_number(cooperative, number)
    if Member.objects.filter(cooperative=cooperative, number=number).exists():
        raise ValidationError({"number": _("Die Mitgliedsnummer %(n)s ist schon vergeben.") % {"n": number}})
    return _register(
        cooperative,
        municipality,
        number=number,
        admitted_on=admitted_on,
        source=source,
        actor=actor,
        shares=shares,
    )
