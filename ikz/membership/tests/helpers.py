"""Objects the membership tests share: the cooperative (values of seed 000), its office, members."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ikz.accounts.models import Role, User
from ikz.membership.models import Cooperative, Member, Onboarding, Service, ServiceRequest, ShareEvent
from ikz.municipalities.models import Municipality
from ikz.test import make_user


def make_cooperative() -> Cooperative:
    return Cooperative.objects.create(
        name="K4K Kompetenz für kommunale Innovation und Digitalisierung eG",
        short_name="K4K eG",
        street="Laufdorfer Weg 4",
        postal_code="35578",
        city="Wetzlar",
        share_amount=Decimal("500.00"),
        audit_association="PDG Genossenschaftlicher Prüfungsverband e.V.",
    )


def coop_office() -> User:
    """The cooperative's team: an office role without a region (platform-wide)."""
    return make_user("genossenschaft", Role.OFFICE)


def make_member(cooperative: Cooperative, unit: Municipality, number: str, admitted: dt.date) -> Member:
    member = Member.objects.create(
        cooperative=cooperative,
        municipality=unit,
        number=number,
        legal_name=unit.name,
        street="Rathausplatz 1",
        postal_code="65479",
        city=unit.short_name,
        official_key=unit.key or "",
        admitted_on=admitted,
    )
    ShareEvent.objects.create(member=member, delta=1, effective_on=admitted)
    return member


def make_service(cooperative: Cooperative, name: str = "Datenschutzbeauftragter") -> Service:
    return Service.objects.create(cooperative=cooperative, category="product", name=name)


def make_onboarding(cooperative: Cooperative, unit: Municipality, **values: object) -> Onboarding:
    values.setdefault("authority", "Landrat")
    return Onboarding.objects.create(cooperative=cooperative, municipality=unit, **values)


def make_request(member: Member, service: Service) -> ServiceRequest:
    return ServiceRequest.objects.create(
        cooperative=member.cooperative,
        member=member,
        service=service,
        description="Bedarf",
        requested_on=dt.date(2026, 11, 2),
    )
