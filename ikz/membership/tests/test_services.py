"""Services: refusals before anything is written, the deadline gate, register, commissions,
documents read back."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ikz.audit.models import AuditEntry
from ikz.audit.services import ConflictError
from ikz.membership import services
from ikz.membership.models import (
    CommitteeSession,
    DocumentTemplate,
    GeneratedDocument,
    Member,
    Onboarding,
    Order,
    OtherTurnover,
    Step,
)
from ikz.membership.tests.helpers import (
    make_cooperative,
    make_member,
    make_onboarding,
    make_request,
    make_service,
)
from ikz.municipalities.models import Kind, Level, Municipality
from ikz.test import World

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


def _organisation(world: World, name: str, share: str) -> Municipality:
    return Municipality.objects.create(
        name=name,
        short_name=name,
        level=Level.ORGANISATION,
        kind=Kind.KOMMUNALES_UNTERNEHMEN,
        parent=world.kreis,
        municipal_share=Decimal(share),
    )


# --- eligibility and start -----------------------------------------------------------------------


def test_a_town_is_entered_with_the_proposed_authority(world: World) -> None:
    coop = make_cooperative()
    onboarding = services.start_onboarding(
        coop, world.kommune_a, {"contact_name": "Frau Beispiel"}, actor=None
    )
    assert onboarding.step == Step.INTENT
    assert "Gebietskörperschaft" in onboarding.eligibility_reason
    assert onboarding.authority == "Landrat des Landkreises Groß-Gerau als Behörde der Landesverwaltung"
    assert AuditEntry.objects.filter(content_type__model="onboarding", action="create").count() == 1


@pytest.mark.parametrize(
    ("name", "share", "shown"), [("Muster GmbH", "0", "0 %"), ("Stadtwerke GmbH", "49", "49 %")]
)
def test_a_private_or_minority_municipal_company_is_refused_with_the_reason(
    world: World, name: str, share: str, shown: str
) -> None:
    coop = make_cooperative()
    company = _organisation(world, name, share)
    with pytest.raises(ValidationError) as caught:
        services.start_onboarding(coop, company, {}, actor=None)
    message = caught.value.message_dict["municipality"][0]
    assert f"nur {shown}" in message and "keine Mehrheit" in message
    assert not Onboarding.objects.exists()


def test_a_majority_owned_company_may_join_and_reports_to_its_carriers_authority(world: World) -> None:
    coop = make_cooperative()
    company = _organisation(world, "Kreiswerke GmbH", "51")
    onboarding = services.start_onboarding(coop, company, {}, actor=None)
    assert "51 %" in onboarding.eligibility_reason
    assert onboarding.authority == "Regierungspräsidium Darmstadt"  # the Landkreis' authority


# --- steps ---------------------------------------------------------------------------------------


def test_the_next_step_is_refused_while_required_tasks_are_open(world: World) -> None:
    coop = make_cooperative()
    onboarding = make_onboarding(coop, world.kommune_a, kickoff_on=dt.date(2026, 10, 1))
    with pytest.raises(ValidationError) as caught:
        services.advance(onboarding, expected_version=1, actor=None)
    assert "Beschlussvorlage erstellt" in caught.value.messages[0]
    onboarding = services.update_onboarding(
        onboarding, {"draft_resolution_on": dt.date(2026, 10, 5)}, expected_version=1, actor=None, today=TODAY
    )
    onboarding = services.advance(onboarding, expected_version=onboarding.version, actor=world.office)
    assert onboarding.step == Step.COMMITTEES
    # step 2: a planned session blocks, the approval frees
    session = services.save_item(
        onboarding,
        "sitzung",
        None,
        {"body": "Kreisausschuss", "date": dt.date(2026, 11, 3), "outcome": "planned"},
        expected_version=onboarding.version,
        actor=None,
    )
    onboarding.refresh_from_db()
    with pytest.raises(ValidationError, match="Alle Gremien haben entschieden"):
        services.advance(onboarding, expected_version=onboarding.version, actor=None)
    services.save_item(
        onboarding,
        "sitzung",
        session,
        {"outcome": "approved"},
        expected_version=onboarding.version,
        actor=None,
    )
    onboarding.refresh_from_db()
    assert (
        services.advance(onboarding, expected_version=onboarding.version, actor=None).step == Step.RESOLUTION
    )


def test_a_stale_version_is_a_conflict_and_nothing_changes(world: World) -> None:
    coop = make_cooperative()
    onboarding = make_onboarding(coop, world.kommune_a)
    services.update_onboarding(
        onboarding, {"kickoff_on": dt.date(2026, 9, 1)}, expected_version=1, actor=None
    )
    with pytest.raises(ConflictError):
        services.update_onboarding(
            onboarding, {"kickoff_on": dt.date(2026, 9, 2)}, expected_version=1, actor=None
        )
    with pytest.raises(ConflictError):
        services.save_item(
            onboarding, "check-in", None, {"date": dt.date(2026, 9, 9)}, expected_version=1, actor=None
        )
    onboarding.refresh_from_db()
    assert onboarding.kickoff_on == dt.date(2026, 9, 1) and not onboarding.checkins.exists()


def test_reply_before_notice_is_refused_at_the_field(world: World) -> None:
    onboarding = make_onboarding(make_cooperative(), world.kommune_a)
    with pytest.raises(ValidationError) as caught:
        services.update_onboarding(
            onboarding,
            {"notice_sent_on": dt.date(2026, 11, 2), "reply_on": dt.date(2026, 11, 1)},
            expected_version=1,
            actor=None,
            today=TODAY,
        )
    assert "vor der Anzeige" in caught.value.message_dict["reply_on"][0]


def _ready_for_execution(world: World, **values: object) -> Onboarding:
    coop = make_cooperative()
    dates = {
        "resolution_on": dt.date(2026, 10, 20),
        "notice_sent_on": dt.date(2026, 11, 2),
        "declaration_sent_on": dt.date(2026, 11, 2),
        "declaration_signed_on": dt.date(2026, 11, 10),
        "declaration_received_on": dt.date(2026, 11, 12),
        "agreement_sent_on": dt.date(2026, 11, 2),
        "agreement_signed_on": dt.date(2026, 11, 10),
        "agreement_received_on": dt.date(2026, 11, 12),
    }
    return make_onboarding(coop, world.kommune_a, step=Step.MEMBERSHIP, **(dates | values))


def test_membership_before_the_six_weeks_is_refused(world: World) -> None:
    onboarding = _ready_for_execution(world)
    with pytest.raises(ValidationError) as caught:
        services.complete_membership(
            onboarding,
            executed_on=dt.date(2026, 12, 1),
            number="011",
            expected_version=1,
            actor=None,
            today=TODAY,
        )
    message = caught.value.message_dict["executed_on"][0]
    assert "frühestens am 14.12.2026" in message and "§ 127a Abs. 1 Nr. 3 HGO" in message
    assert not Member.objects.exists()


def test_an_early_reply_allows_the_membership_and_enters_the_register(world: World) -> None:
    onboarding = _ready_for_execution(world, reply_on=dt.date(2026, 11, 20))
    member = services.complete_membership(
        onboarding,
        executed_on=dt.date(2026, 11, 25),
        number="011",
        expected_version=1,
        actor=world.office,
        today=TODAY,
    )
    assert (member.number, member.legal_name, member.admitted_on, member.shares) == (
        "011",
        "Raunheim, Stadt",
        dt.date(2026, 11, 25),
        1,
    )
    assert member.share_events.get().effective_on == dt.date(2026, 11, 25)
    onboarding.refresh_from_db()
    assert onboarding.status == "member" and onboarding.executed_on == dt.date(2026, 11, 25)


def test_after_the_six_weeks_no_reply_is_needed(world: World) -> None:
    onboarding = _ready_for_execution(world)
    member = services.complete_membership(
        onboarding,
        executed_on=dt.date(2026, 12, 14),
        number="011",
        expected_version=1,
        actor=None,
        today=dt.date(2026, 12, 14),
    )
    assert member.admitted_on == dt.date(2026, 12, 14)


def test_without_a_number_the_next_free_one_is_allocated_with_the_entry(world: World) -> None:
    onboarding = _ready_for_execution(world, reply_on=dt.date(2026, 11, 20))
    make_member(onboarding.cooperative, world.kommune_b, "007", dt.date(2019, 3, 1))
    member = services.complete_membership(
        onboarding, executed_on=dt.date(2026, 11, 25), expected_version=1, actor=None, today=TODAY
    )
    assert member.number == "008"
    founder = services.enter_member(
        onboarding.cooperative,
        world.kommune_b.parent or world.kommune_b,
        admitted_on=dt.date(2018, 1, 1),
        source="Gründung",
        actor=None,
    )
    assert founder.number == "009"


# --- register ------------------------------------------------------------------------------------


def test_exit_notice_gives_the_exit_date_and_members_cannot_be_deleted(world: World) -> None:
    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2020, 1, 1))
    member = services.record_exit_notice(
        member, notice_on=dt.date(2026, 10, 1), reason="", expected_version=1, actor=None, today=TODAY
    )
    assert member.exit_on == dt.date(2027, 12, 31) and member.retention_until == dt.date(2030, 12, 31)
    assert "§ 65 GenG" in member.exit_reason
    with pytest.raises(ValidationError, match="nicht gelöscht"):
        member.delete()
    with pytest.raises(ValidationError):
        Member.objects.all().delete()
    assert Member.objects.count() == 1


def test_a_longer_notice_period_from_the_statutes(world: World) -> None:
    coop = make_cooperative()
    coop.notice_months = 24
    coop.save()
    member = make_member(coop, world.kommune_a, "001", dt.date(2020, 1, 1))
    member = services.record_exit_notice(
        member, notice_on=dt.date(2026, 1, 15), reason="", expected_version=1, actor=None, today=TODAY
    )
    assert member.exit_on == dt.date(2028, 12, 31)


# --- commissions ---------------------------------------------------------------------------------


def test_a_non_member_cannot_commission_anything(world: World) -> None:
    coop = make_cooperative()
    service = make_service(coop)
    with pytest.raises(ValidationError) as caught:
        services.request_service(
            coop, world.kommune_b, {"service": service, "description": "Bitte"}, actor=world.member
        )
    assert "nicht Mitglied" in caught.value.messages[0] and "§ 108 GWB" in caught.value.messages[0]


def test_request_offer_accept_becomes_an_order(world: World) -> None:
    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2020, 1, 1))
    request = services.request_service(
        coop,
        world.kommune_a,
        {"service": make_service(coop), "description": "DSB ab 2027"},
        actor=world.member,
    )
    lines = [
        services.LineInput("Bereitstellung DSB", Decimal("12"), "Monat", Decimal("450.00")),
        services.LineInput("Einführungsworkshop", Decimal("1"), "Tag", Decimal("1200.00")),
    ]
    offer = services.save_offer(
        request,
        {"title": "DSB", "vat_treatment": "standard", "valid_until": dt.date(2026, 12, 31)},
        lines,
        expected_version=request.version,
        actor=None,
        today=TODAY,
    )
    request.refresh_from_db()
    with pytest.raises(ValidationError, match="kein versandtes Angebot"):
        services.decide_offer(request, accept=True, expected_version=request.version, actor=None, today=TODAY)
    services.send_offer(request, expected_version=request.version, actor=None, today=TODAY)
    request.refresh_from_db()
    offer = services.decide_offer(
        request, accept=True, expected_version=request.version, actor=world.member, today=TODAY
    )
    order = Order.objects.get(offer=offer)
    # 12 × 450 + 1 200 = 6 600 net, 19 % = 1 254, gross 7 854
    assert (order.net, order.gross, order.member) == (Decimal("6600.00"), Decimal("7854.00"), member)
    request.refresh_from_db()
    assert request.status == "ordered"
    assert [r.members for r in services.turnover_report(coop)] == [Decimal("6600.00")]


def test_an_expired_offer_cannot_be_accepted_and_decline_writes_no_order(world: World) -> None:
    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2020, 1, 1))
    request = make_request(member, make_service(coop))
    services.save_offer(
        request,
        {"title": "X", "vat_treatment": "exempt", "valid_until": dt.date(2026, 12, 5)},
        [services.LineInput("Beratung", Decimal("2"), "Tag", Decimal("900"))],
        expected_version=1,
        actor=None,
        today=TODAY,
    )
    services.send_offer(request, expected_version=2, actor=None, today=TODAY)
    with pytest.raises(ValidationError, match=r"nur bis 05\.12\.2026"):
        services.decide_offer(
            request, accept=True, expected_version=3, actor=None, today=dt.date(2026, 12, 6)
        )
    services.decide_offer(request, accept=False, expected_version=3, actor=None, today=dt.date(2026, 12, 6))
    assert not Order.objects.exists()


def test_an_offer_without_positions_is_refused(world: World) -> None:
    coop = make_cooperative()
    request = make_request(make_member(coop, world.kommune_a, "001", dt.date(2020, 1, 1)), make_service(coop))
    with pytest.raises(ValidationError) as caught:
        services.save_offer(
            request, {"title": "X", "vat_treatment": "standard", "valid_until": TODAY}, [], expected_version=1,
            actor=None, today=TODAY,
        )  # fmt: skip
    assert "mindestens eine Position" in caught.value.message_dict["lines"][0]


def test_turnover_report_with_third_parties(world: World) -> None:
    coop = make_cooperative()
    OtherTurnover.objects.create(cooperative=coop, year=2026, amount=Decimal("3000"), description="Vortrag")
    rows = services.turnover_report(coop)
    assert rows[0].year == 2026 and rows[0].share == Decimal("0.0") and rows[0].status == "failed"


# --- documents -----------------------------------------------------------------------------------


def _docx_text(content: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_letter_to_the_authority_reads_back_with_name_dates_and_amount(world: World) -> None:
    authority = services.proposed_authority(world.kommune_a).name
    onboarding = _ready_for_execution(
        world, resolution_body="Stadtverordnetenversammlung", authority=authority
    )
    document = services.generate_document(onboarding, "anzeige", actor=None, today=TODAY)
    for text in (_docx_text(bytes(document.docx)), _pdf_text(bytes(document.pdf))):
        assert text.startswith("Stadt Raunheim")  # the municipality's letterhead, not the cooperative's
        assert "Die Stadtverordnetenversammlung hat den Beitritt am 20.10.2026 beschlossen" in text
        assert "02.11.2026" in text
        assert "14.12.2026" in text  # the earliest execution date, six weeks after the notice
        assert "500,00 Euro" in text.replace("\u00a0", " ")  # the amount keeps its no-break space in the DOCX
        assert "Landrat des Landkreises Groß-Gerau" in text
    assert GeneratedDocument.objects.filter(onboarding=onboarding).count() == 1


def test_generated_documents_land_in_the_library_for_the_office_and_the_own_municipality(
    world: World,
) -> None:
    from ikz.documents.access import documents_for

    onboarding = _ready_for_execution(world)
    services.generate_document(onboarding, "anzeige", actor=None, today=TODAY)
    services.generate_document(onboarding, "anzeige", actor=None, today=TODAY)  # again: a new version
    filed = documents_for(world.office).get(title__startswith="Anschreiben an die Aufsichtsbehörde: Raunheim")
    assert filed.visibility == "internal" and filed.owner == world.kommune_a
    assert list(filed.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    latest = filed.versions.order_by("-number").first()
    assert latest is not None and "14.12.2026" in _pdf_text(latest.file.open("rb").read())
    assert documents_for(world.contact_a).filter(pk=filed.pk).exists()
    assert not documents_for(world.contact_b).filter(pk=filed.pk).exists()


def test_payment_receipt_reads_back(world: World) -> None:
    onboarding = _ready_for_execution(world, reply_on=dt.date(2026, 11, 20))
    member = services.complete_membership(
        onboarding,
        executed_on=dt.date(2026, 11, 25),
        number="011",
        expected_version=1,
        actor=None,
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="Einzahlung"):
        services.generate_document(onboarding, "zahlungsbeleg", actor=None, today=TODAY)
    services.record_payment(
        member, {"amount": Decimal("500.00"), "paid_on": dt.date(2026, 11, 28)}, actor=None, today=TODAY
    )
    document = services.generate_document(onboarding, "zahlungsbeleg", actor=None, today=TODAY)
    text = _pdf_text(bytes(document.pdf))
    assert "500,00 Euro" in text.replace("\u00a0", " ") and "28.11.2026" in text and "011" in text
    assert "Raunheim, Stadt" in text
    assert "25.11.2026" in _docx_text(bytes(document.docx))


def test_template_with_an_unknown_placeholder_is_refused_and_a_broken_one_gives_a_clear_message(
    world: World,
) -> None:
    onboarding = _ready_for_execution(world)
    coop = onboarding.cooperative
    with pytest.raises(ValidationError) as caught:
        services.save_template(coop, "beitrittserklaerung", {"title": "B", "body": "{Mitgleid}"}, expected_version=None,
                               actor=None)  # fmt: skip
    assert "„{Mitgleid}“ ist unbekannt" in caught.value.message_dict["body"][0]
    saved = services.save_template(
        coop, "beitrittserklaerung", {"title": "Erklärung", "body": "{Mitglied} tritt bei."},
        expected_version=None, actor=None,
    )  # fmt: skip
    document = services.generate_document(onboarding, "beitrittserklaerung", actor=None, today=TODAY)
    assert "Raunheim, Stadt tritt bei." in _docx_text(bytes(document.docx)) and document.template_version == 1
    DocumentTemplate.objects.filter(pk=saved.pk).update(body="{Mitglied")  # broken behind the form's back
    with pytest.raises(ValidationError) as caught:
        services.generate_document(onboarding, "beitrittserklaerung", actor=None, today=TODAY)
    assert (
        "enthält einen Fehler" in caught.value.messages[0] and "nicht geschlossen" in caught.value.messages[0]
    )


def test_committee_sessions_are_audited(world: World) -> None:
    onboarding = make_onboarding(make_cooperative(), world.kommune_a, step=Step.COMMITTEES)
    services.save_item(
        onboarding,
        "sitzung",
        None,
        {"body": "Kreistag", "date": dt.date(2026, 12, 10)},
        expected_version=1,
        actor=world.office,
    )
    session = CommitteeSession.objects.get()
    assert AuditEntry.objects.filter(
        content_type__model="committeesession", object_id=str(session.pk)
    ).exists()


def test_declaration_highlights_the_payment_duty(world: World) -> None:
    from docx import Document

    onboarding = _ready_for_execution(world)
    document = services.generate_document(onboarding, "beitrittserklaerung", actor=None, today=TODAY)
    paragraphs = Document(io.BytesIO(bytes(document.docx))).paragraphs
    duty = next(p for p in paragraphs if "Einzahlungen auf den Geschäftsanteil" in p.text)
    assert all(run.bold for run in duty.runs) and "500,00\u00a0Euro" in duty.text
    plain = next(p for p in paragraphs if "Nachschusspflicht" in p.text)
    assert not any(run.bold for run in plain.runs)
    assert "Raunheim, Stadt" in _pdf_text(bytes(document.pdf))
