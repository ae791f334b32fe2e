"""Lessons learned per project, projects in the search and on the public portal, and the index
kept fresh by the project and cooperation services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.audit.models import AuditEntry
from ikz.audit.services import ConflictError
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.cooperation.services import ParticipantRow, save_cooperation, save_operation
from ikz.cooperation.tests.test_operations import _values as operation_values
from ikz.municipalities.models import Region
from ikz.projects import services
from ikz.projects.models import LessonLearned, Project, Status
from ikz.projects.tests.helpers import make_project
from ikz.search.queries import search
from ikz.test import World, make_user

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)

# seed 003, "1. Beispiel: Strom- und Gaseinkauf"
STROM = {
    "title": "Zentraler Einkauf",
    "worked": "Reduzierung Personal- und Verwaltungsaufwand durch zentralen Know-how-Aufbau",
    "failed": "",
    "success_factors": "einheitliches Vertragsmanagement für alle Kommunen",
    "date": dt.date(2017, 12, 31),
}


def _titles(user: object, query: str, *, public: bool = False) -> list[str]:
    return [hit.title for hit in search(user, query, public=public).hits]


def _published(world: World, title: str = "Strom- und Gaseinkauf", **values: object) -> Project:
    project = make_project(
        world,
        title,
        status=Status.VERDICT,
        verdict="advantageous",
        verdict_reasons="finanzielle Einsparung 2016/17: 4,482 Mio. €",
        goals="Interner Zielentwurf der Projektgruppe",
        **values,
    )
    return services.set_published(project, True, actor=world.office, expected_version=project.version)


# --- lessons learned ----------------------------------------------------------------------------


def test_a_lesson_is_audited_and_checked_before_writing(world: World) -> None:
    project = make_project(world)
    lesson = services.add_lesson(project, STROM, actor=world.project_lead, today=TODAY)
    assert lesson.author_label and lesson.author == world.project_lead
    assert AuditEntry.objects.filter(object_id=str(lesson.pk), action="create").exists()
    with pytest.raises(ValidationError) as empty:
        services.add_lesson(
            project,
            {"title": "Leer", "worked": " ", "date": TODAY},
            actor=world.office,
            today=TODAY,
        )
    assert "Erfolgsfaktoren" in str(empty.value.message_dict["worked"])
    with pytest.raises(ValidationError, match="Zukunft"):
        services.add_lesson(project, STROM | {"date": TODAY + dt.timedelta(days=1)}, actor=None, today=TODAY)
    assert LessonLearned.objects.count() == 1
    services.update_lesson(lesson, {"failed": "nichts"}, expected_version=lesson.version, actor=world.office)
    with pytest.raises(ConflictError):
        services.update_lesson(lesson, {"failed": "alt"}, expected_version=lesson.version, actor=world.office)


def test_the_lead_records_a_lesson_and_contacts_read_it(world: World) -> None:
    project = make_project(world)
    client = world.client_for("project_lead")
    url = reverse("projects:lesson_create", args=[project.pk])
    response = client.post(url, {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in STROM.items()})
    assert response.status_code == 302
    page = world.client_for("contact_a").get(project.get_absolute_url()).content.decode()
    assert "einheitliches Vertragsmanagement" in page
    assert "Erfahrung festhalten" not in page  # a contact reads, does not write
    error = client.post(url, {"title": "Leer", "date": "2017-12-31"})
    assert error.status_code == 200 and "Bitte festhalten, was gelungen ist" in error.content.decode()
    assert LessonLearned.objects.count() == 1


def test_lessons_are_searchable_by_those_who_see_the_project(world: World) -> None:
    project = make_project(world)
    services.add_lesson(project, STROM, actor=world.office, today=TODAY)
    # "Vertragsmanagements" finds "Vertragsmanagement", "Know-how-Aufbaus" the singular
    assert _titles(world.contact_a, "Vertragsmanagements") == ["Zentraler Einkauf (Beschaffungswesen)"]
    assert _titles(world.project_lead, "Know-how-Aufbau") == ["Zentraler Einkauf (Beschaffungswesen)"]
    # the platform-wide office searches across regions
    assert _titles(make_user("alle", "office"), "Vertragsmanagement") == [
        "Zentraler Einkauf (Beschaffungswesen)"
    ]
    assert _titles(world.member, "Vertragsmanagement") == []
    assert _titles(None, "Vertragsmanagement", public=True) == []  # lessons are not public
    other = Region.objects.create(name="IKZ Wetteraukreis", slug="wetterau")
    outsider = make_user("wetterau", "office", region=other)
    assert _titles(outsider, "Vertragsmanagement") == []


def test_lesson_page_queries_do_not_grow(world: World) -> None:
    project = make_project(world)
    client = world.client_for("office")
    services.add_lesson(project, STROM, actor=world.office, today=TODAY)
    with CaptureQueriesContext(connection) as few:
        client.get(project.get_absolute_url())
    for i in range(20):
        services.add_lesson(project, STROM | {"title": f"Erfahrung {i}"}, actor=world.office, today=TODAY)
    with CaptureQueriesContext(connection) as many:
        page = client.get(project.get_absolute_url()).content.decode()
    assert "Erfahrung 19" in page
    assert len(many) == len(few)


# --- projects in the search and on the portal ---------------------------------------------------


def test_only_the_office_publishes_and_it_is_audited(world: World) -> None:
    project = make_project(world, "Strom- und Gaseinkauf")
    url = reverse("projects:project_publish", args=[project.pk])
    assert (
        world.client_for("project_lead")
        .post(url, {"version": project.version, "veroeffentlichen": "1"})
        .status_code
        == 403
    )
    assert (
        world.client_for("steering")
        .post(url, {"version": project.version, "veroeffentlichen": "1"})
        .status_code
        == 403
    )
    response = world.client_for("office").post(url, {"version": project.version, "veroeffentlichen": "1"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.published and project.slug == "strom-und-gaseinkauf"
    other = make_project(world, "Prüfung elektrischer Anlagen")
    other = services.set_published(other, True, actor=world.office, expected_version=other.version)
    assert other.slug == "pruefung-elektrischer-anlagen"
    assert AuditEntry.objects.filter(object_id=str(project.pk), message="im Portal veröffentlicht").exists()
    stale = world.client_for("office").post(url, {"version": project.version - 1, "veroeffentlichen": "0"})
    project.refresh_from_db()
    assert stale.status_code == 302 and project.published  # a stale form changes nothing


def test_the_portal_shows_results_of_published_projects_only(world: World) -> None:
    project = _published(world)
    services.add_lesson(project, STROM, actor=world.office, today=TODAY)
    hidden = make_project(world, "Geheimes Prüfprojekt", verdict_reasons="internes Zwischenergebnis")
    anonymous = world.client_for("anonymous")
    region_page = anonymous.get(reverse("portal:region", args=[world.region.slug])).content.decode()
    assert "Strom- und Gaseinkauf" in region_page and "IKZ vorteilhaft" in region_page
    assert "Geheimes Prüfprojekt" not in region_page
    detail = anonymous.get("/portal/ikz-test/projekte/strom-und-gaseinkauf/")
    text = detail.content.decode()
    assert detail.status_code == 200 and "4,482 Mio. €" in text
    for internal in ("Interner Zielentwurf", "Vertragsmanagement", "Zentraler Einkauf", "project_lead"):
        assert internal not in text, internal
    hidden.refresh_from_db()
    assert anonymous.get(f"/portal/ikz-test/projekte/{hidden.pk}/").status_code == 404
    services.set_published(project, False, actor=world.office, expected_version=project.version)
    assert anonymous.get("/portal/ikz-test/projekte/strom-und-gaseinkauf/").status_code == 404


def test_projects_are_searched_with_the_project_access_and_publicly_when_published(world: World) -> None:
    _published(world)
    make_project(world, "Geheimes Beschaffungsprojekt", verdict_reasons="Einsparung offen")
    assert set(_titles(world.contact_a, "Einsparungen")) == {
        "Strom- und Gaseinkauf",
        "Geheimes Beschaffungsprojekt",
    }
    assert _titles(world.member, "Einsparung") == []
    public = search(None, "Einsparung", public=True).hits
    assert [h.title for h in public] == ["Strom- und Gaseinkauf"]
    assert public[0].url.startswith("/portal/ikz-test/#projekt-")
    # the charter is internal: not even the public snippet may quote it
    assert _titles(None, "Zielentwurf", public=True) == []


def test_portal_region_page_queries_do_not_grow_with_projects(world: World) -> None:
    client = world.client_for("anonymous")
    url = reverse("portal:region", args=[world.region.slug])
    for i in range(3):
        _published(world, f"Projekt {i}")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(3, 30):
        _published(world, f"Projekt {i}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "Projekt 29" in page
    assert len(many) == len(few)


# --- the index follows the services -------------------------------------------------------------


def test_project_and_cooperation_services_refresh_the_index(world: World) -> None:
    project = make_project(world, "Bezügeabrechnung")
    assert _titles(world.office, "Bezügeabrechnung") == ["Bezügeabrechnung"]
    services.update_charter(
        project, {"title": "Versorgungskasse"}, expected_version=project.version, actor=world.office
    )
    assert _titles(world.office, "Bezügeabrechnung") == []
    assert _titles(world.office, "Versorgungskasse") == ["Versorgungskasse"]

    field = CooperationField.objects.create(task_area=TaskArea.objects.create(name="Finanzen"), name="Kasse")
    cooperation = save_cooperation(
        world.region,
        {"field": field, "title": "Kassengemeinschaft"},
        [ParticipantRow(world.kommune_a, "exists", is_lead=True)],
        actor=world.office,
    )
    assert _titles(world.office, "Kassengemeinschaften") == ["Kassengemeinschaft"]
    save_cooperation(
        world.region,
        {"field": field, "title": "Kassengemeinschaft", "description": "gemeinsame Vollstreckung"},
        [ParticipantRow(world.kommune_a, "exists", is_lead=True)],
        actor=world.office,
        cooperation=cooperation,
    )
    assert _titles(world.office, "Vollstreckung") == ["Kassengemeinschaft"]
    cooperation.refresh_from_db()
    from ikz.search.models import SearchEntry

    SearchEntry.objects.filter(source="cooperation").delete()  # e.g. lost; the next save brings it back
    save_operation(cooperation, operation_values(world), actor=world.office)
    assert _titles(world.office, "Vollstreckung") == ["Kassengemeinschaft"]


# --- the charter lands in the library -----------------------------------------------------------


def test_the_charter_is_stored_in_the_library_with_versions(world: World) -> None:
    from pypdf import PdfReader

    from ikz.documents.access import documents_for
    from ikz.documents.models import Document
    from ikz.projects.tests.helpers import CHARTER

    project = make_project(world, **CHARTER)
    url = reverse("projects:charter_store", args=[project.pk])
    assert world.client_for("contact_a").post(url).status_code == 403
    assert world.client_for("project_lead").post(url).status_code == 302
    assert world.client_for("office").post(url).status_code == 302
    document = Document.objects.get(title="Projektauftrag: Beschaffungswesen")
    assert document.visibility == "region" and document.region == world.region
    assert list(document.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    latest = document.versions.order_by("-number").first()
    assert latest is not None
    text = "".join(page.extract_text() for page in PdfReader(latest.file.open("rb")).pages)
    assert "Kompetenzzentrum für Vergabewesen" in text  # variant B of the charter
    assert documents_for(world.contact_a).filter(pk=document.pk).exists()  # the region sees it
    assert not documents_for(world.member).filter(pk=document.pk).exists()
