"""Objects the invoicing tests share: the cooperative with its seller data, a member with its
Leitweg-ID, an accepted offer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ikz.invoicing import rules
from ikz.invoicing.models import BillingAddress, SellerProfile
from ikz.membership.models import Cooperative, Member, Offer, OfferLine, OfferStatus, Order
from ikz.membership.tests.helpers import make_request, make_service

LEITWEG_A = rules.with_check_digits("06433001", "0001")


def make_profile(cooperative: Cooperative) -> SellerProfile:
    return SellerProfile.objects.create(
        cooperative=cooperative,
        vat_id="DE123456789",
        tax_number="039 123 45678",
        register="Genossenschaftsregister GnR 1, Amtsgericht Wetzlar",
        iban="DE02120300000000202051",
        bic="BYLADEM1001",
        contact_name="Rechnungsstelle K4K",
        phone="06441 0000",
        email="rechnung@k4k.example",
    )


def make_billing(member: Member, leitweg: str = LEITWEG_A) -> BillingAddress:
    return BillingAddress.objects.create(member=member, leitweg_id=leitweg)


def make_order(member: Member, vat: str = "standard") -> Order:
    offer = Offer.objects.create(
        request=make_request(
            member, make_service(member.cooperative, f"Leistung {Offer.objects.count() + 1}")
        ),
        number=f"A-2026-{Offer.objects.count() + 1:04d}",
        title="Externer Datenschutzbeauftragter 2027",
        vat_treatment=vat,
        valid_until=dt.date(2026, 12, 31),
        status=OfferStatus.ACCEPTED,
    )
    OfferLine.objects.create(
        offer=offer,
        position=1,
        text="Bestellung und Betreuung",
        quantity=Decimal("12"),
        unit="Monat",
        unit_price=Decimal("150.00"),
    )
    OfferLine.objects.create(
        offer=offer,
        position=2,
        text="Schulung",
        quantity=Decimal("1"),
        unit="Pauschale",
        unit_price=Decimal("480.00"),
    )
    return Order.objects.create(
        offer=offer,
        member=member,
        number=offer.number.replace("A-", "B-"),
        ordered_on=dt.date(2026, 11, 2),
        net=Decimal("2280.00"),
        gross=Decimal("2713.20"),
    )
