"""Pages: what each role sees and may do, documents read back, constant query counts."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.municipalities.models import Kind, Level, RegionMember
from ikz.projects import services
from ikz.projects.models import Milestone, Participation, Project
from ikz.projects.tests.helpers import CHARTER, make_project
from ikz.test import World, make_unit

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_contact_b_does_not_see_kommune_as_draft_but_the_lead_does(world: World) -> None:
    project = make_project(world, effective_on=dt.date(2014, 1, 15))  # the matrix opens at 31.12.2014
    services.declare_participation(
        project, world.kommune_a, "with_staff", ["PG"], actor=world.contact_a, confirm=False
    )
    url = reverse("projects:project_detail", args=[project.pk])
    own = _text(world.client_for("contact_a").get(url).content.decode())
    other = _text(world.client_for("contact_b").get(url).content.decode())
    lead = _text(world.client_for("project_lead").get(url).content.decode())
    draft = "Projektbeteiligung mit personeller Vertretung: Projektgruppe – Erklärung der Kommune, noch nicht bestätigt"
    assert draft in own and draft in lead
    assert "Projektbeteiligung mit personeller Vertretung" not in other
    assert "Raunheim keine Angabe" in other
    matrix = reverse("projects:participation_matrix", args=[world.region.slug])
    assert "Erklärung der Kommune, noch nicht bestätigt" in _text(
        world.client_for("office").get(matrix).content.decode()
    )
    assert "Erklärung der Kommune, noch nicht bestätigt" not in _text(
        world.client_for("contact_b").get(matrix).content.decode()
    )


def test_contact_b_cannot_change_kommune_as_participation(world: World) -> None:
    project = make_project(world)
    url = reverse("projects:participation_edit", args=[project.pk, world.kommune_a.pk])
    response = world.client_for("contact_b").post(url, {"status": "none"})
    assert response.status_code == 403
    assert not Participation.objects.exists()
    response = world.client_for("contact_a").post(url, {"status": "with_staff", "role_pg": "on"})
    assert response.status_code == 302
    cell = Participation.objects.get()
    assert (cell.municipality, cell.cell, cell.confirmed) == (world.kommune_a, "X (PG)", False)
    confirm = reverse("projects:participation_confirm", args=[project.pk, world.kommune_a.pk])
    assert world.client_for("contact_a").post(confirm, {"version": cell.version}).status_code == 403
    assert world.client_for("project_lead").post(confirm, {"version": cell.version}).status_code == 302
    cell.refresh_from_db()
    assert cell.confirmed and cell.confirmed_by == world.project_lead


def test_roles_without_staff_are_refused_at_the_form(world: World) -> None:
    project = make_project(world)
    url = reverse("projects:participation_edit", args=[project.pk, world.kommune_a.pk])
    response = world.client_for("contact_a").post(url, {"status": "without_staff", "role_pg": "on"})
    assert response.status_code == 200
    assert "Rollen gibt es nur bei einer Beteiligung mit personeller Vertretung." in response.content.decode()
    assert not Participation.objects.exists()


def test_the_lead_edits_only_their_own_project(world: World) -> None:
    own = make_project(world)
    other = services.create_project(world.region, {"title": "Bezügeabrechnung"}, actor=world.office)
    client = world.client_for("project_lead")
    assert client.get(reverse("projects:project_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("projects:project_edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("projects:project_edit", args=[other.pk]), {"title": "X"}).status_code == 404
    listing = _text(client.get(reverse("projects:project_list", args=[world.region.slug])).content.decode())
    assert "Beschaffungswesen" in listing and "Bezügeabrechnung" not in listing


def test_charter_edit_refuses_end_before_start_at_the_field(world: World) -> None:
    project = make_project(world)
    response = world.client_for("project_lead").post(
        reverse("projects:project_edit", args=[project.pk]),
        {
            "title": "Beschaffungswesen",
            "start": "2015-01-01",
            "end": "2014-12-31",
            "version": project.version,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_end_error"' in html and "Das Projektende liegt vor dem Projektstart." in html
    project.refresh_from_db()
    assert project.start is None


def test_a_stale_charter_edit_is_a_409_with_both_versions(world: World) -> None:
    project = make_project(world)
    services.update_charter(
        project, {"goals": "von der Geschäftsstelle"}, expected_version=1, actor=world.office
    )
    response = world.client_for("project_lead").post(
        reverse("projects:project_edit", args=[project.pk]),
        {"title": "Beschaffungswesen", "goals": "von der Projektleitung", "version": 1},
    )
    assert response.status_code == 409
    assert "von der Geschäftsstelle" in response.content.decode()


def test_detail_offers_only_the_allowed_steps_and_refuses_others(world: World) -> None:
    project = make_project(world, **CHARTER)
    url = reverse("projects:project_detail", args=[project.pk])
    steering = _text(world.client_for("steering").get(url).content.decode())
    assert "Priorisieren" in steering and "Ohne Umsetzung abschließen" in steering
    assert "Projektauftrag erteilen" not in steering
    assert "Priorisieren" not in _text(world.client_for("project_lead").get(url).content.decode())
    transition = reverse("projects:project_transition", args=[project.pk])
    # an illegal jump posted by hand is refused with the reason, nothing changes
    response = world.client_for("steering").post(
        transition, {"target": "verdict", "version": project.version}
    )
    assert response.status_code == 400
    assert "Von „Vorschlag“ geht es nicht zu „Prüfergebnis liegt vor“" in response.content.decode()
    response = world.client_for("steering").post(
        transition, {"target": "prioritised", "version": project.version}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "prioritised"


def test_commissioning_an_incomplete_charter_shows_what_is_missing(world: World) -> None:
    project = make_project(world)
    services.transition(project, "prioritised", actor=None, roles={"office"}, expected_version=1)
    response = world.client_for("steering").post(
        reverse("projects:project_transition", args=[project.pk]), {"target": "commissioned", "version": 2}
    )
    assert response.status_code == 400
    assert (
        "Der Projektauftrag ist unvollständig; es fehlen: Projektziele, Zu erarbeitende Ergebnisse, "
        "Projektstart und -ende, Projektkosten, Projektgruppe, Informationsmanagement."
    ) in response.content.decode()


# --- documents ---------------------------------------------------------------------------------------


def _docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_charter_as_docx_and_pdf_holds_the_projects_data(world: World) -> None:
    project = make_project(world, lead_municipality=world.kommune_a, **CHARTER)
    client = world.client_for("contact_b")
    docx = _docx_text(
        client.get(reverse("projects:project_detail", args=[project.pk]) + "?dokument=docx").content
    )
    pdf = re.sub(
        r"\s+",
        " ",
        _pdf_text(
            client.get(reverse("projects:project_detail", args=[project.pk]) + "?dokument=pdf").content
        ),
    )
    for text in (docx, pdf):
        assert "Projektauftrag" in text and "Beschaffungswesen" in text
        assert "leistungsfähige und wirtschaftliche Organisation des Beschaffungswesens" in text
        assert "Variante B) Kompetenzzentrum für Vergabewesen" in text
        assert "01.03.2014 – 30.06.2015" in text
        assert "Raunheim, Stadt" in text
        assert "alle sieben Standards" in text


def test_the_annual_report_pdf_and_the_cover_docx(world: World) -> None:
    project = make_project(
        world, lead_municipality=world.kommune_a, year=2023, effective_on=dt.date(2023, 3, 1), **CHARTER
    )
    services.declare_participation(
        project, world.kommune_a, "with_staff", ["PL"], actor=world.office, confirm=True
    )
    services.declare_participation(
        project, world.kommune_b, "without_staff", [], actor=world.contact_b, confirm=False
    )
    pdf = re.sub(
        r"\s+",
        " ",
        _pdf_text(
            world.client_for("steering")
            .get(reverse("reports:report_detail", args=[world.region.slug, 2023]) + "?dokument=pdf")
            .content
        ),
    )
    assert "Zwischenbericht 2023 zur interkommunalen Zusammenarbeit – IKZ Testregion" in pdf
    assert "Beschaffungswesen" in pdf and "Vorschlag" in pdf
    assert "X (PL)" in pdf, "confirmed cell"
    summe = re.search(r"SUMME (\d+)", pdf)
    assert summe and summe.group(1) == "1", "the draft of Kommune B is not in the report"
    cover = _docx_text(
        world.client_for("contact_a")
        .get(
            reverse("reports:cover_draft", args=[world.region.slug, 2023, world.kommune_a.pk])
            + "?dokument=docx"
        )
        .content
    )
    assert "Stadtverordnetenversammlung" in cover
    assert "Die Stadtverordnetenversammlung von Raunheim, Stadt nimmt den Zwischenbericht 2023" in cover
    assert "Beschaffungswesen: X (PL)" in cover


# --- query counts ------------------------------------------------------------------------------------


def _grow(world: World, n_projects: int, n_members: int) -> None:
    """More projects (with participation, milestones) and more members."""
    start = RegionMember.objects.filter(region=world.region).count()
    for i in range(n_members):
        unit = make_unit(
            f"0643390{i:01d}"[:8], f"Testgemeinde {i}", Level.GEMEINDE, Kind.GEMEINDE, world.kreis
        )
        RegionMember.objects.create(
            region=world.region, municipality=unit, position=start + i + 1, short_label=f"T{i}"
        )
    units = [
        m.municipality
        for m in RegionMember.objects.filter(region=world.region).select_related("municipality")
    ]
    first = Project.objects.count()
    for i in range(first, first + n_projects):
        project = Project.objects.create(
            region=world.region,
            title=f"Projekt {i:03d}",
            year=2023,
            lead=world.project_lead,
            lead_municipality=units[0],
        )
        Milestone.objects.create(project=project, title="M", planned=dt.date(2020, 1, 1))
        for unit in units:
            Participation.objects.create(
                project=project,
                municipality=unit,
                status="with_staff",
                role_pg=True,
                confirmed_at=dt.datetime(2023, 1, 1, tzinfo=dt.UTC),
            )


@pytest.mark.parametrize(
    "name,persona",
    [
        ("projects:project_list", "contact_b"),
        ("projects:participation_matrix", "contact_a"),
        ("projects:participation_matrix", "office"),
        ("projects:dashboard", "steering"),
    ],
)
def test_page_queries_do_not_grow(world: World, name: str, persona: str) -> None:
    url = reverse(name, args=[world.region.slug])
    client = world.client_for(persona)
    _grow(world, 2, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _grow(world, 40, 8)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
        assert response.status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    if name == "projects:participation_matrix":
        assert "<strong>10</strong>" in response.content.decode(), "SUMME: 2 + 8 members take part"


def test_the_steering_group_takes_over_a_proposal_from_the_create_page(world: World) -> None:
    from ikz.cooperation.models import CooperationField, TaskArea
    from ikz.interests.models import InterestCall, Proposal, Topic

    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    field = CooperationField.objects.create(task_area=area, name="Beschaffungen", position=1)
    call = InterestCall.objects.create(
        region=world.region, title="Aufruf 2013", deadline=dt.date(2013, 9, 30)
    )
    topic = Topic.objects.create(call=call, label="Beschaffungswesen", task_area=area, field=field)
    proposal = Proposal.objects.create(call=call, topic=topic, title="IKZ-Projekt: Beschaffungswesen")
    create = reverse("projects:project_create", args=[world.region.slug])
    assert (
        "„IKZ-Projekt: Beschaffungswesen“ als Projekt übernehmen"
        in world.client_for("steering").get(create).content.decode()
    )
    url = reverse("projects:proposal_take_over", args=[world.region.slug, proposal.pk])
    assert world.client_for("contact_a").post(url).status_code == 403
    response = world.client_for("steering").post(url)
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.proposal == proposal and project.field == field
    again = world.client_for("steering").post(url, follow=True)
    assert "bereits als Projekt übernommen" in again.content.decode()


def test_a_verdict_without_reasons_is_refused_at_the_field(world: World) -> None:
    project = make_project(world, status="feasibility", **CHARTER)
    response = world.client_for("project_lead").post(
        reverse("projects:project_transition", args=[project.pk]),
        {"target": "verdict", "verdict": "advantageous", "verdict_reasons": " ", "version": project.version},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_verdict_reasons_error"' in html and "Bitte die Gründe für das Ergebnis angeben." in html
    project.refresh_from_db()
    assert (project.status, project.verdict) == ("feasibility", "")


def test_project_detail_queries_do_not_grow(world: World) -> None:
    project = make_project(world, **CHARTER)
    url = reverse("projects:project_detail", args=[project.pk])
    client = world.client_for("project_lead")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _grow(world, 0, 8)
    units = [
        m.municipality
        for m in RegionMember.objects.filter(region=world.region).select_related("municipality")
    ]
    for unit in units:
        services.declare_participation(project, unit, "with_staff", ["PG"], actor=None, confirm=True)
    for i in range(12):
        milestone = services.add_milestone(
            project, {"title": f"M{i}", "planned": dt.date(2020, 1, 1 + i)}, actor=None
        )
        services.record_decision(
            project, {"date": dt.date(2020, 2, 1 + i), "text": f"B{i}", "milestone": milestone}, actor=None
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
        assert response.status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert "Beteiligung (SUMME: 10)" in response.content.decode()


def test_dashboard_lists_the_notice_deadlines_of_the_next_twelve_months(world: World) -> None:
    """A five-year agreement with 6 months' notice: the deadline shows once it is less than a year
    ahead, with the day notice must have arrived and the end of the term it is for."""
    from decimal import Decimal

    from django.utils import timezone

    from ikz.cooperation import services as cooperation_services
    from ikz.cooperation.models import CooperationField, TaskArea
    from ikz.cooperation.services import ParticipantRow

    area = TaskArea.objects.create(name="Sicherheit und Ordnung", position=1)
    field = CooperationField.objects.create(task_area=area, name="Umsetzung ProstSchG", position=1)
    today = timezone.localdate()

    def agreement(title: str, start: dt.date) -> None:
        cooperation = cooperation_services.save_cooperation(
            world.region,
            {"field": field, "title": title, "legal_form": "public_agreement"},
            [ParticipantRow(world.kommune_a, "exists", is_lead=True)],
            actor=world.office,
        )
        cooperation_services.save_operation(
            cooperation,
            {
                "host": world.kommune_a,
                "start": start,
                "initial_months": 60,
                "auto_renewal": True,
                "renewal_months": 60,
                "notice_months": 6,
                "staff_positions": Decimal("1.00"),
            },
            actor=world.office,
        )

    # starting on the 1st of the month nine months ahead, five years ago: the term ends in about nine
    # months (last day of the month before), so notice is due in about three
    month = today.month + 9
    soon_start = dt.date(today.year - 5 + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    agreement("Kündigung bald", soon_start)
    agreement("Kündigung später", dt.date(today.year - 1, today.month, 1))
    page = world.client_for("steering").get(reverse("projects:dashboard", args=[world.region.slug]))
    html = page.content.decode()
    assert "Kündigungsfristen der laufenden Kooperationen" in html
    assert "Kündigung bald" in html and "Kündigung später" not in html
    term_end = dt.date(soon_start.year + 5, soon_start.month, 1) - dt.timedelta(days=1)
    six_months_before = dt.date(term_end.year - (term_end.month <= 6), (term_end.month - 7) % 12 + 1, 1)
    notice_by = (six_months_before.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(
        days=1
    )
    assert term_end.strftime("%d.%m.%Y") in html and notice_by.strftime("%d.%m.%Y") in html


def test_the_annual_report_counts_the_savings_of_its_year(world: World) -> None:
    """Savings over two years count half in each; another year's savings stay out."""
    from decimal import Decimal

    from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
    from ikz.costs.models import SavingsEntry

    area = TaskArea.objects.create(name="Ver- und Entsorgung, Energie", position=1)
    field = CooperationField.objects.create(task_area=area, name="Strom- und Gaseinkauf", position=1)
    energy = Cooperation.objects.create(
        region=world.region, field=field, title="Strom- und Gaseinkauf", symbol="■"
    )
    SavingsEntry.objects.create(
        cooperation=energy, year_from=2016, year_to=2017, amount=Decimal("4482000.01"), kind="prices"
    )
    SavingsEntry.objects.create(
        cooperation=energy, year_from=2018, year_to=2018, amount=Decimal("1234.56"), kind="prices"
    )
    client = world.client_for("steering")
    url = reverse("reports:report_detail", args=[world.region.slug, 2017])
    assert "Einsparungen 2017: 2.241.000,00 €" in client.get(url).content.decode()
    pdf = re.sub(r"\s+", " ", _pdf_text(client.get(url + "?dokument=pdf").content))
    assert "Einsparungen 2017" in pdf and "Strom- und Gaseinkauf" in pdf
    assert "2.241.000,00 €" in pdf and "1.234,56" not in pdf
    # the odd cent goes to one year: both years together give the whole amount
    page_2016 = client.get(reverse("reports:report_detail", args=[world.region.slug, 2016])).content.decode()
    assert "Einsparungen 2016: 2.241.000,01 €" in page_2016


def test_the_office_files_the_annual_report_in_the_library_and_refiling_adds_a_version(world: World) -> None:
    from ikz.documents.models import Document

    make_project(
        world, lead_municipality=world.kommune_a, year=2023, effective_on=dt.date(2023, 3, 1), **CHARTER
    )
    url = reverse("reports:report_store", args=[world.region.slug, 2023])
    assert world.client_for("steering").post(url).status_code == 403
    assert world.client_for("contact_a").post(url).status_code == 403
    assert not Document.objects.exists()
    office = world.client_for("office")
    response = office.post(url, follow=True)
    assert "liegt als Version 1 in der Dokumentbibliothek" in response.content.decode()
    office.post(url)
    document = Document.objects.get(title="Zwischenbericht 2023: IKZ Testregion")
    assert document.doc_type == "report" and document.visibility == "region"
    assert document.region == world.region
    assert list(document.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    latest = document.versions.order_by("-number").first()
    assert latest is not None and "Beschaffungswesen" in _pdf_text(latest.file.open("rb").read())
    page = world.client_for("steering").get(reverse("reports:report_detail", args=[world.region.slug, 2023]))
    assert "in der Dokumentbibliothek ablegen" not in page.content.decode()
