"""Commissions: requests of members, offers, the in-house order (§ 108 GWB)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, create_object, record, update_versioned
from ikz.lib.money import format_eur
from ikz.membership import rules
from ikz.membership.models import (
    Cooperative,
    Offer,
    OfferLine,
    OfferStatus,
    Order,
    RequestStatus,
    Service,
    ServiceRequest,
)
from ikz.membership.queries import (
    active_member,
    today_or,
    totals_of,
)
from ikz.municipalities.models import Municipality

# --- commissions ---------------------------------------------------------------------------------


def inhouse_refusal(name: str) -> str:
    return _(
        "%(name)s ist nicht Mitglied der Genossenschaft. Leistungen werden ausschließlich an Mitglieder "
        "erbracht und im Wege der Inhouse-Vergabe (§ 108 GWB) beauftragt; ohne Mitgliedschaft ist keine "
        "Beauftragung möglich – bitte zuerst beitreten."
    ) % {"name": name}


@transaction.atomic
def request_service(
    cooperative: Cooperative,
    municipality: Municipality,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    today: dt.date | None = None,
) -> ServiceRequest:
    day = today_or(today)
    member = active_member(municipality.pk, day, cooperative)
    if member is None:
        raise ValidationError(inhouse_refusal(municipality.name))
    service = values.get("service")
    errors = {}
    if not isinstance(service, Service) or not service.is_active or service.cooperative_id != cooperative.pk:
        errors["service"] = _("Bitte eine bestellbare Leistung aus dem Katalog wählen.")
    if not str(values.get("description") or "").strip():
        errors["description"] = _("Bitte beschreiben Sie kurz Ihren Bedarf.")
    if errors:
        raise ValidationError(errors)
    return create_object(
        ServiceRequest(
            cooperative=cooperative,
            member=member,
            service=service,
            description=str(values["description"]).strip(),
            requested_by=actor,
            requested_on=day,
            is_illustrative=bool(values.get("is_illustrative", False)),
        ),
        actor=actor,
    )


@dataclass(frozen=True)
class LineInput:
    text: str
    quantity: Decimal
    unit: str
    unit_price: Decimal


def _lock_request(request: ServiceRequest, expected_version: int) -> ServiceRequest:
    locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {"version": expected_version}, expected_version=expected_version)
    return locked


@transaction.atomic
def save_offer(
    request: ServiceRequest,
    values: Mapping[str, Any],
    lines: Sequence[LineInput],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Offer:
    """Write or rewrite the draft offer of a request (positions replaced as a whole)."""
    locked = _lock_request(request, expected_version)
    existing = Offer.objects.filter(request=locked).first()
    errors: dict[str, str] = {}
    if existing is not None and existing.status != OfferStatus.DRAFT:
        raise ValidationError(_("Das Angebot ist schon versandt und kann nicht mehr geändert werden."))
    if not lines:
        errors["lines"] = _("Ein Angebot braucht mindestens eine Position.")
    for line in lines:
        if line.quantity <= 0 or line.unit_price < 0:
            errors["lines"] = _("Menge über 0 und Einzelpreis ab 0 € angeben.")
    valid_until = values.get("valid_until")
    if valid_until is None or valid_until < today_or(today):
        errors["valid_until"] = _("Das Angebot muss mindestens bis heute gültig sein.")
    if errors:
        raise ValidationError(errors)
    clean = {k: values[k] for k in ("title", "vat_treatment", "valid_until", "note") if k in values}
    if existing is None:
        number = f"A-{today_or(today).year}-{locked.pk:04d}"
        offer = create_object(Offer(request=locked, number=number, **clean), actor=actor)
    else:
        offer = update_versioned(Offer, existing.pk, clean, expected_version=existing.version, actor=actor)
        offer.lines.all().delete()
    OfferLine.objects.bulk_create(
        [
            OfferLine(
                offer=offer,
                position=i,
                text=line.text,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
            )
            for i, line in enumerate(lines, start=1)
        ]
    )
    totals = totals_of(offer)
    record(
        offer,
        Action.UPDATE,
        actor=actor,
        changes={"Positionen": [None, "; ".join(line.text for line in lines)]},
        message=_("Angebot: %(n)s netto") % {"n": format_eur(totals.net)},
    )
    locked.version += 1
    locked.save(update_fields=["version"])
    return offer


@transaction.atomic
def send_offer(
    request: ServiceRequest, *, expected_version: int, actor: User | None, today: dt.date | None = None
) -> Offer:
    locked = _lock_request(request, expected_version)
    offer = Offer.objects.filter(request=locked).first()
    if offer is None or offer.status != OfferStatus.DRAFT:
        raise ValidationError(_("Es gibt kein Angebot im Entwurf, das versandt werden könnte."))
    offer = update_versioned(
        Offer,
        offer.pk,
        {"status": OfferStatus.SENT, "sent_on": today_or(today)},
        expected_version=offer.version,
        actor=actor,
    )
    update_versioned(
        ServiceRequest,
        locked.pk,
        {"status": RequestStatus.OFFERED},
        expected_version=locked.version,
        actor=actor,
    )
    return offer


@transaction.atomic
def decide_offer(
    request: ServiceRequest,
    *,
    accept: bool,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Offer:
    """The member accepts (→ order) or declines the sent offer."""
    day = today_or(today)
    locked = _lock_request(request, expected_version)
    offer = Offer.objects.filter(request=locked).first()
    if offer is None or offer.status != OfferStatus.SENT:
        raise ValidationError(_("Es liegt kein versandtes Angebot zur Entscheidung vor."))
    if accept:
        if offer.valid_until < day:
            raise ValidationError(
                _("Das Angebot war nur bis %(d)s gültig; bitte ein neues anfordern.")
                % {"d": rules.format_day(offer.valid_until)}
            )
        if active_member(locked.member.municipality_id, day, locked.cooperative) is None:
            raise ValidationError(inhouse_refusal(locked.member.legal_name))
    status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
    offer = update_versioned(
        Offer, offer.pk, {"status": status, "decided_on": day}, expected_version=offer.version, actor=actor
    )
    update_versioned(
        ServiceRequest,
        locked.pk,
        {"status": RequestStatus.ORDERED if accept else RequestStatus.DECLINED},
        expected_version=locked.version,
        actor=actor,
    )
    if accept:
        totals = totals_of(offer)
        create_object(
            Order(
                offer=offer,
                member=locked.member,
                number=offer.number.replace("A-", "B-", 1),
                ordered_on=day,
                net=totals.net,
                gross=totals.gross,
            ),
            actor=actor,
            message=_("Inhouse-Beauftragung (§ 108 GWB)"),
        )
    return offer
