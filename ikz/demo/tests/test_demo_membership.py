"""The demo's cooperative (seed 000): ten members with one share of 500 €, the catalogue, a
commission with an offer for Stadt Wetzlar, three candidates; illustrative data marked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.demo import data
from ikz.invoicing import rules
from ikz.invoicing.models import Invoice
from ikz.invoicing.tests.xsd import schema_errors
from ikz.membership import services
from ikz.membership.models import Cooperative, Member, Onboarding, Payment, Service, ServiceRequest

pytestmark = pytest.mark.django_db


def test_demo_cooperative_follows_seed_000() -> None:
    coop = Cooperative.objects.get()
    assert coop.short_name == "K4K eG" and coop.city == "Wetzlar" and coop.share_amount == Decimal("500.00")
    members = list(Member.objects.select_related("municipality"))
    expected = set(data.K4K_MEMBER_KEYS) | {name for name, *_rest in data.ORGANISATIONS}
    assert {m.municipality.key or m.municipality.name for m in members} == expected and len(members) == 10
    assert all(m.shares == 1 and "illustrativ" in m.source for m in members)
    assert all(p.amount == Decimal("500.00") for p in Payment.objects.all()) and Payment.objects.count() == 10
    # e-invoices for the ten shares (decisions 250-255): 500 € each, not taxable, with a demo
    # Leitweg-ID that passes the check digit, numbered per year of entry, valid against the schema
    invoices = list(Invoice.objects.order_by("issued_on", "number"))
    assert len(invoices) == 10 and all(i.gross == Decimal("500.00") and i.tax == 0 for i in invoices)
    assert all(i.is_illustrative and rules.leitweg_errors(i.buyer_reference) == [] for i in invoices)
    assert [i.number for i in invoices[:2]] == ["2016-0001", "2016-0002"]
    assert schema_errors(bytes(invoices[0].xml)) == []
    names = set(Service.objects.values_list("name", flat=True))
    assert {"Datenschutz", "Hinweisgeberschutz", "SpitzabrechnungPro", "Chat- und Voicebot"} <= names
    assert {"Interkommunale Kooperationsberatung", "Projektmanagement", "Managed Services"} <= names


def test_demo_candidates_and_the_future_deadline() -> None:
    by_step = {o.step: o for o in Onboarding.objects.select_related("municipality")}
    assert sorted(by_step) == [1, 2, 3]
    assert all(o.is_illustrative for o in by_step.values())
    assert by_step[2].sessions.count() == 3
    deadline = services.deadline_of(by_step[3])
    assert by_step[3].notice_sent_on is not None
    assert deadline is not None and deadline.earliest_execution is not None
    assert deadline.earliest_execution > dt.date.today()
    # seed 000's Beschlussvorlage for the candidates past step 1, the body with its article
    vorlage = by_step[3].documents.get(kind="beschlussvorlage")
    assert "Handelsrechtliche Vorgaben" in _docx_text(bytes(vorlage.docx))
    assert "Vorlage der Stadt Kelsterbach an die Stadtverordnetenversammlung" in _docx_text(
        bytes(vorlage.docx)
    )
    assert by_step[2].documents.filter(kind="beschlussvorlage").count() == 1
    assert not by_step[1].documents.exists()


def _docx_text(content: bytes) -> str:
    import io

    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_demo_member_sees_and_accepts_the_wetzlar_offer() -> None:
    request = ServiceRequest.objects.get(member__municipality__key="06532023")
    assert request.offer.status == "sent"
    client = Client()
    client.force_login(User.objects.get(username="mitglied"))
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Interne Meldestelle" in page and "Angebot annehmen" in page
    client.post(
        reverse("membership:offer_decide", args=[request.pk]),
        {"version": request.version, "decision": "accept"},
    )
    request.refresh_from_db()
    assert request.status == "ordered"
    office = Client()
    office.force_login(User.objects.get(username="genossenschaft"))
    assert office.get(reverse("membership:pipeline")).status_code == 200
