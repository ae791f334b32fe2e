"""Pages as the cooperative's office (platform-wide office) and as member contacts."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.accounts.models import Role
from ikz.membership.models import CommitteeSession, Member, Offer, Onboarding, Order, Step
from ikz.membership.tests.helpers import (
    coop_office,
    make_cooperative,
    make_member,
    make_onboarding,
    make_request,
    make_service,
)
from ikz.membership.views import REGISTER_COLUMNS
from ikz.municipalities.models import Kind, Level, Municipality
from ikz.test import World, make_unit, make_user

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def office() -> Client:
    client = Client()
    client.force_login(coop_office())
    return client


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pipeline_shows_step_next_date_and_blockers(world: World, office: Client) -> None:
    coop = make_cooperative()
    today = dt.date.today()
    make_onboarding(coop, world.kommune_a, kickoff_on=today + dt.timedelta(days=7))
    o2 = make_onboarding(coop, world.kommune_b, step=Step.COMMITTEES)
    CommitteeSession.objects.create(onboarding=o2, body="Kreisausschuss", date=today + dt.timedelta(days=10))
    text = _text(office.get(reverse("membership:pipeline")).content.decode())
    assert "Raunheim, Stadt Schritt 1: Beitrittsabsicht" in text
    assert f"{today + dt.timedelta(days=7):%d.%m.%Y} (Auftaktmeeting)" in text
    assert "Beschlussvorlage erstellt" in text  # what blocks step 1
    assert f"{today + dt.timedelta(days=10):%d.%m.%Y} (Sitzung Kreisausschuss)" in text
    assert "Alle Gremien haben entschieden" in text


def test_pipeline_queries_do_not_grow(world: World, office: Client) -> None:
    coop = make_cooperative()
    url = reverse("membership:pipeline")

    def add(n: int) -> None:
        for i in range(n):
            unit = make_unit(
                f"06433{100 + Onboarding.objects.count():03d}",
                f"Ort {i}",
                Level.GEMEINDE,
                Kind.GEMEINDE,
                world.kreis,
            )
            onboarding = make_onboarding(coop, unit, step=1 + i % 4, notice_sent_on=dt.date(2026, 11, 2))
            CommitteeSession.objects.create(
                onboarding=onboarding, body="Gemeindevertretung", date=dt.date(2026, 12, 3)
            )

    add(2)
    office.get(url)
    with CaptureQueriesContext(connection) as few:
        assert office.get(url).status_code == 200
    add(30)
    with CaptureQueriesContext(connection) as many:
        response = office.get(url)
    assert response.content.decode().count('scope="row"') == 32
    assert len(many.captured_queries) == len(few.captured_queries)


def test_onboarding_create_refuses_a_49_percent_company_with_the_reason(world: World, office: Client) -> None:
    make_cooperative()
    company = Municipality.objects.create(
        name="Stadtwerke Beispiel GmbH",
        short_name="Stadtwerke Beispiel",
        level=Level.ORGANISATION,
        kind=Kind.KOMMUNALES_UNTERNEHMEN,
        parent=world.kreis,
        municipal_share=Decimal("49"),
    )
    response = office.post(reverse("membership:onboarding_create"), {"municipality": company.pk})
    assert response.status_code == 200
    assert "nur 49 % und damit keine Mehrheit" in response.content.decode()
    assert not Onboarding.objects.exists()
    response = office.post(reverse("membership:onboarding_create"), {"municipality": world.kommune_a.pk})
    onboarding = Onboarding.objects.get()
    assert response.status_code == 302 and response["Location"] == onboarding.get_absolute_url()


def test_office_advances_a_candidate_and_sees_the_deadline(world: World, office: Client) -> None:
    coop = make_cooperative()
    sent = dt.date.today() - dt.timedelta(days=2)
    onboarding = make_onboarding(coop, world.kommune_a, step=Step.RESOLUTION, resolution_on=sent)
    detail = reverse("membership:onboarding_detail", args=[onboarding.pk])
    text = _text(office.get(detail).content.decode())
    assert "§ 127a Abs. 1 Nr. 3 HGO (Hessen): 6 Wochen" in text and "geprüft" in text
    url = reverse("membership:onboarding_step_edit", args=[onboarding.pk, 3])
    values = {
        "version": 1,
        "resolution_on": sent.isoformat(),
        "resolution_body": "Stadtverordnetenversammlung",
        "authority": onboarding.authority,
        "notice_sent_on": sent.isoformat(),
    }
    for name in ("declaration", "agreement"):
        for what in ("sent", "signed", "received"):
            values[f"{name}_{what}_on"] = sent.isoformat()
    assert office.post(url, values).status_code == 302
    earliest = sent + dt.timedelta(weeks=6)
    text = _text(office.get(detail).content.decode())
    assert f"Vollzug frühestens am {earliest:%d.%m.%Y}" in text and "noch 40 Tage" in text
    # a second save with the old version is a conflict showing both versions
    stale = office.post(url, values | {"resolution_body": "Magistrat"})
    assert stale.status_code == 409 and "Beide Fassungen im Vergleich" in stale.content.decode()
    response = office.post(reverse("membership:onboarding_advance", args=[onboarding.pk]), {"version": 2})
    assert response.status_code == 302
    onboarding.refresh_from_db()
    assert onboarding.step == Step.MEMBERSHIP
    # too early: the form says so at the field
    complete = office.post(
        reverse("membership:onboarding_complete", args=[onboarding.pk]),
        {"version": onboarding.version, "executed_on": dt.date.today().isoformat(), "number": "011"},
    )
    assert complete.status_code == 200
    assert f"frühestens am {earliest:%d.%m.%Y}" in complete.content.decode()
    assert 'id="id_executed_on_error"' in complete.content.decode()  # at the field
    assert not Member.objects.exists()
    # the page proposes the next free member number
    page = office.get(reverse("membership:onboarding_complete", args=[onboarding.pk])).content.decode()
    assert 'value="001"' in page


def test_member_sees_only_its_own_onboarding(world: World) -> None:
    coop = make_cooperative()
    own = make_onboarding(coop, world.kommune_a)
    other = make_onboarding(coop, world.kommune_b)
    client = world.client_for("member")
    assert client.get(reverse("membership:onboarding_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("membership:onboarding_detail", args=[other.pk])).status_code == 404
    other_member = make_user("member_b", Role.MEMBER, municipality=world.kommune_b)
    assert (
        _client(other_member).get(reverse("membership:onboarding_detail", args=[own.pk])).status_code == 404
    )


def test_register_export_holds_every_section_30_field(world: World, office: Client) -> None:
    from openpyxl import load_workbook

    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2019, 3, 1))
    Member.objects.filter(pk=member.pk).update(
        exit_notice_on=dt.date(2026, 9, 1), exit_on=dt.date(2026, 12, 31), exit_reason="Kündigung",
        retention_until=dt.date(2029, 12, 31),
    )  # fmt: skip
    member.payments.create(amount=Decimal("500.00"), paid_on=dt.date(2019, 3, 15))
    response = office.get(reverse("membership:member_list") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[2]
    assert header == REGISTER_COLUMNS
    row = dict(zip(header, rows[3], strict=False))
    assert row["Name / Firma"] == "Raunheim, Stadt" and row["Anschrift"] == "Rathausplatz 1, 65479 Raunheim"
    assert row["Geschäftsanteile"] == 1 and row["davon weitere Geschäftsanteile"] == 0
    assert row["Eintritt wirksam am"].date() == dt.date(2019, 3, 1)
    assert row["Änderungen der Anteile (wirksam am)"] == "01.03.2019: +1"
    assert row["Austritt wirksam am"].date() == dt.date(2026, 12, 31)
    assert row["Aufbewahrung bis"].date() == dt.date(2029, 12, 31)
    assert float(row["Eingezahlt (€)"]) == 500.0
    csv = office.get(reverse("membership:member_list") + "?format=csv").content.decode("utf-8-sig")
    assert "Raunheim, Stadt" in csv and "2026-12-31" in csv


def test_exit_page_records_the_notice_and_the_admin_cannot_delete(world: World, office: Client) -> None:
    from django.contrib import admin

    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2019, 3, 1))
    response = office.post(
        reverse("membership:member_exit", args=[member.pk]), {"version": 1, "notice_on": "2026-09-30"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.exit_on == dt.date(2026, 12, 31)
    assert "Austritt wirksam am 31.12.2026" in _text(office.get(member.get_absolute_url()).content.decode())
    assert not admin.site._registry[Member].has_delete_permission(None, member)


def test_template_error_is_a_clear_message_not_a_server_error(world: World, office: Client) -> None:
    coop = make_cooperative()
    onboarding = make_onboarding(coop, world.kommune_a)
    url = reverse("membership:template_edit", args=["kooperationsvereinbarung"])
    assert "{Mitglied}" in office.get(url).content.decode()
    response = office.post(url, {"title": "Vereinbarung", "body": "{Mitglied} und {Partner}"})
    assert response.status_code == 200 and "„{Partner}“ ist unbekannt" in response.content.decode()
    assert office.post(url, {"title": "Vereinbarung", "body": "{Mitglied} und wir"}).status_code == 302
    from ikz.membership.models import DocumentTemplate

    DocumentTemplate.objects.update(body="{Mitglied")
    response = office.post(
        reverse("membership:document_create", args=[onboarding.pk, "kooperationsvereinbarung"])
    )
    assert response.status_code == 302
    page = office.get(onboarding.get_absolute_url()).content.decode()
    assert "enthält einen Fehler" in page and "nicht geschlossen" in page


def test_generated_documents_are_stored_and_downloaded(world: World, office: Client) -> None:
    from docx import Document

    coop = make_cooperative()
    onboarding = make_onboarding(coop, world.kommune_a, resolution_on=dt.date(2026, 10, 20))
    office.post(reverse("membership:document_create", args=[onboarding.pk, "beschlussvorlage"]))
    document = onboarding.documents.get()
    response = office.get(reverse("membership:document_download", args=[document.pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert (
        "Die Stadt Raunheim tritt der K4K eG mit einem Genossenschaftsanteil in Höhe von 500,00\u00a0Euro bei."
        in text
    )
    assert (
        world.client_for("member")
        .get(reverse("membership:document_download", args=[document.pk, "pdf"]))
        .status_code
        == 200
    )


def test_member_commission_journey(world: World, office: Client) -> None:
    coop = make_cooperative()
    make_member(coop, world.kommune_a, "001", dt.date(2019, 3, 1))
    service = make_service(coop)
    member_client = world.client_for("member")
    assert "Datenschutzbeauftragter" in member_client.get(reverse("membership:service_list")).content.decode()
    response = member_client.post(
        reverse("membership:request_create"), {"service": service.pk, "description": "DSB ab Januar"}
    )
    request = Member.objects.get().requests.get()
    assert response["Location"] == request.get_absolute_url()
    offer_url = reverse("membership:offer_edit", args=[request.pk])
    data = {
        "version": 1,
        "title": "Datenschutzbeauftragter 2027",
        "vat_treatment": "standard",
        "valid_until": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        "pos-TOTAL_FORMS": 2,
        "pos-INITIAL_FORMS": 0,
        "pos-0-text": "Bereitstellung DSB",
        "pos-0-quantity": "12",
        "pos-0-unit": "Monat",
        "pos-0-unit_price": "450",
        "pos-1-text": "Erstaudit",
        "pos-1-quantity": "",
        "pos-1-unit": "",
        "pos-1-unit_price": "",
    }
    incomplete = office.post(offer_url, data)
    assert incomplete.status_code == 200 and "vollständig ausfüllen" in incomplete.content.decode()
    data["pos-1-text"] = ""
    assert office.post(offer_url, data).status_code == 302
    assert office.post(reverse("membership:offer_send", args=[request.pk]), {"version": 2}).status_code == 302
    page = _text(member_client.get(request.get_absolute_url()).content.decode())
    assert "Summe netto 5.400,00 €" in page and "Summe brutto 6.426,00 €" in page
    member_client.post(
        reverse("membership:offer_decide", args=[request.pk]), {"version": 3, "decision": "accept"}
    )
    order = Order.objects.get()
    assert order.net == Decimal("5400.00") and Offer.objects.get().status == "accepted"
    assert "Auftrag B-" in _text(member_client.get(request.get_absolute_url()).content.decode())
    # the office sees the turnover
    assert "5.400,00\u00a0€" in office.get(reverse("membership:turnover_report")).content.decode()


def test_a_non_member_contact_is_refused_with_the_inhouse_reason(world: World) -> None:
    coop = make_cooperative()
    service = make_service(coop)
    response = world.client_for("member").post(
        reverse("membership:request_create"), {"service": service.pk, "description": "Bitte"}
    )
    assert response.status_code == 200
    assert (
        "nicht Mitglied der Genossenschaft" in response.content.decode()
        and "§ 108 GWB" in response.content.decode()
    )


def test_other_members_get_404_on_requests(world: World) -> None:
    coop = make_cooperative()
    request = make_request(make_member(coop, world.kommune_a, "001", dt.date(2019, 3, 1)), make_service(coop))
    other = make_user("member_b", Role.MEMBER, municipality=world.kommune_b)
    assert _client(other).get(request.get_absolute_url()).status_code == 404
    assert (
        "Datenschutzbeauftragter"
        not in _client(other).get(reverse("membership:request_list")).content.decode()
    )
    assert world.client_for("member").get(request.get_absolute_url()).status_code == 200


def test_register_and_request_list_queries_do_not_grow(world: World, office: Client) -> None:
    coop = make_cooperative()
    service = make_service(coop)
    urls = [reverse("membership:member_list"), reverse("membership:request_list")]

    def add(n: int) -> None:
        for _ in range(n):
            i = Member.objects.count()
            unit = make_unit(
                f"06433{200 + i:03d}", f"Mitgliedsort {i}", Level.GEMEINDE, Kind.GEMEINDE, world.kreis
            )
            member = make_member(coop, unit, f"{i + 1:03d}", dt.date(2020, 1, 1))
            member.payments.create(amount=Decimal("500.00"), paid_on=dt.date(2020, 1, 15))
            make_request(member, service)

    add(2)
    few = []
    for url in urls:
        office.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert office.get(url).status_code == 200
        few.append(len(captured.captured_queries))
    add(25)
    for url, count in zip(urls, few, strict=True):
        with CaptureQueriesContext(connection) as captured:
            response = office.get(url)
        assert "Mitgliedsort 26" in response.content.decode()
        assert len(captured.captured_queries) == count, url


def test_member_finds_its_membership_and_onboarding_on_the_catalogue(world: World) -> None:
    coop = make_cooperative()
    make_member(coop, world.kommune_a, "007", dt.date(2019, 3, 1))
    make_onboarding(coop, world.kommune_b)
    text = _text(world.client_for("member").get(reverse("membership:service_list")).content.decode())
    assert "Ihre Mitgliedschaft: Nr. 007 seit 01.03.2019" in text and "Kelsterbach" not in text


def test_a_withdrawn_candidate_leaves_the_pipeline(world: World, office: Client) -> None:
    coop = make_cooperative()
    onboarding = make_onboarding(coop, world.kommune_a)
    response = office.post(reverse("membership:onboarding_withdraw", args=[onboarding.pk]), {"version": 1})
    assert response.status_code == 302
    onboarding.refresh_from_db()
    assert onboarding.status == "withdrawn"
    assert "Raunheim" not in office.get(reverse("membership:pipeline")).content.decode()
    again = office.post(
        reverse("membership:onboarding_withdraw", args=[onboarding.pk]), {"version": 1}, follow=True
    )
    assert "Gleichzeitige Änderung" not in again.content.decode()
    assert "geändert" in again.content.decode()  # stale version: the conflict message, nothing written
    assert Onboarding.objects.get().version == 2


def test_back_office_pages_of_the_membership_models_open(world: World) -> None:
    from django.contrib import admin

    from ikz.accounts.models import User

    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2019, 3, 1))
    admin_user = User.objects.create_superuser("root", "root@example.org", "x")
    client = _client(admin_user)
    models = [m for m in admin.site._registry if m._meta.app_label == "membership"]
    assert len(models) >= 7
    for model in models:
        url = reverse(f"admin:membership_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
    change = reverse("admin:membership_member_change", args=[member.pk])
    assert client.get(change).status_code == 200
    assert client.get(reverse("admin:membership_member_delete", args=[member.pk])).status_code == 403


def test_schleswig_holstein_warns_before_the_planned_council_session(world: World, office: Client) -> None:
    """GO SH § 108: the notice is due six weeks before the council decision, during the committee run."""
    coop = make_cooperative()
    sh = make_unit("01", "Schleswig-Holstein", Level.LAND, Kind.LAND)
    kreis = make_unit("01058", "Rendsburg-Eckernförde", Level.KREIS, Kind.KREIS, sh)
    town = make_unit("01058135", "Rendsburg, Stadt", Level.GEMEINDE, Kind.STADT, kreis, ars="010585805135")
    onboarding = make_onboarding(coop, town, step=Step.COMMITTEES)
    session_day = dt.date.today() + dt.timedelta(days=70)
    CommitteeSession.objects.create(onboarding=onboarding, body="Ratsversammlung", date=session_day)
    latest = session_day - dt.timedelta(weeks=6)
    while latest.weekday() >= 5:
        latest -= dt.timedelta(days=1)
    text = _text(office.get(reverse("membership:pipeline")).content.decode())
    assert f"{latest:%d.%m.%Y} (spätester Tag der Anzeige (vor dem Beschluss))" in text
    detail = _text(office.get(onboarding.get_absolute_url()).content.decode())
    assert (
        "§ 108 Abs. 1 Nr. 2 GO (Schleswig-Holstein)" in detail
        and f"Anzeige spätestens am {latest:%d.%m.%Y}" in detail
    )
