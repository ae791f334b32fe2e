"""Back-capture of a past project (decision 106): one form, one service, the same checks, audit and
log rows as live work, all or nothing; back-dated participation."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ikz.audit.models import AuditEntry
from ikz.cooperation.models import Cooperation, CooperationField, Participant, TaskArea
from ikz.projects import services
from ikz.projects.models import Participation, Project, TransitionLog
from ikz.projects.tests.helpers import make_project
from ikz.test import World

pytestmark = pytest.mark.django_db

H = services.HistoryStep


def _field() -> CooperationField:
    area = TaskArea.objects.create(name="Sicherheit und Ordnung", position=1)
    return CooperationField.objects.create(task_area=area, name="Prüfung elektrischer Anlagen", position=1)


STEPS = [
    H("proposal", dt.date(2014, 1, 15)),
    H("prioritised", dt.date(2014, 2, 1)),
    H("commissioned", dt.date(2014, 3, 1)),
    H("feasibility", dt.date(2014, 3, 15)),
    H("verdict", dt.date(2015, 6, 30)),
    H("implementation", dt.date(2015, 9, 1)),
    H("operating", dt.date(2016, 1, 1)),
]


def _participants(world: World) -> list[services.HistoryParticipant]:
    return [
        services.HistoryParticipant(world.kommune_a, "with_staff", ["PL", "PG"], dt.date(2014, 1, 15)),
        services.HistoryParticipant(world.kommune_b, "without_staff", [], dt.date(2014, 6, 1)),
    ]


def test_a_past_project_is_entered_with_its_dates_participants_and_cooperation(world: World) -> None:
    project = services.record_history(
        world.region,
        {"title": "Prüfung elektrischer Anlagen", "field": _field(), "year": 2014},
        steps=STEPS,
        participants=_participants(world),
        verdict="advantageous",
        verdict_reasons="Mengeneffekte",
        actor=world.office,
    )
    assert (project.status, project.verdict, project.finished_on) == (
        "operating",
        "advantageous",
        dt.date(2016, 1, 1),
    )
    logs = list(
        TransitionLog.objects.filter(project=project).values_list("to_status", "effective_on", "actor_label")
    )
    assert logs == [(s.target, s.effective_on, "Office") for s in STEPS]
    cells = {
        p.municipality_id: (p.cell, p.joined_on, p.confirmed)
        for p in Participation.objects.filter(project=project)
    }
    assert cells == {
        world.kommune_a.pk: ("X (PL, PG)", dt.date(2014, 1, 15), True),
        world.kommune_b.pk: ("X", dt.date(2014, 6, 1), True),
    }
    cooperation = Cooperation.objects.get(title="Prüfung elektrischer Anlagen")
    assert cooperation.since_year == 2016 and project.cooperation == cooperation
    assert Participant.objects.filter(cooperation=cooperation).count() == 2
    # the same audit as live work: the project's creation and each of its six steps
    assert AuditEntry.objects.filter(object_id=str(project.pk), content_type__model="project").count() >= 7


def test_one_bad_date_writes_nothing_and_names_the_stage(world: World) -> None:
    steps = [*STEPS[:4], H("verdict", dt.date(2014, 3, 1)), *STEPS[5:]]
    with pytest.raises(ValidationError) as exc:
        services.record_history(
            world.region,
            {"title": "Prüfung elektrischer Anlagen", "field": _field(), "year": 2014},
            steps=steps,
            participants=_participants(world),
            verdict="advantageous",
            verdict_reasons="Mengeneffekte",
            actor=world.office,
        )
    assert exc.value.message_dict == {
        "date_verdict": [
            "Wirksam am: Der 01.03.2014 liegt vor dem vorigen Schritt „Prüfung läuft“ am 15.03.2014."
        ]
    }
    assert not Project.objects.exists() and not Participation.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model__in=["project", "participation"]).exists()


def test_a_participation_cannot_begin_before_the_project_nor_after_today(world: World) -> None:
    early = services.HistoryParticipant(world.kommune_a, "without_staff", [], dt.date(2013, 12, 1))
    with pytest.raises(ValidationError) as exc:
        services.record_history(
            world.region,
            {"title": "Standesamtswesen"},
            steps=STEPS[:1],
            participants=[early],
            actor=world.office,
        )
    assert exc.value.message_dict == {
        f"p{world.kommune_a.pk}_joined_on": [
            "beteiligt seit: Der 01.12.2013 liegt vor dem ersten Schritt des Projekts am 15.01.2014."
        ]
    }
    project = make_project(world, effective_on=dt.date(2014, 1, 15))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.declare_participation(
            project,
            world.kommune_b,
            "without_staff",
            [],
            actor=world.office,
            confirm=True,
            joined_on=tomorrow,
        )
    assert list(exc.value.message_dict) == ["joined_on"]


def test_the_back_capture_page_enters_a_closed_project(world: World) -> None:
    url = reverse("projects:project_back_capture", args=[world.region.slug])
    client = world.client_for("office")
    html = client.get(url).content.decode()
    for label in ("Vorschlag am", "Prüfergebnis am", "Ergebnis des Projekts", "beteiligt seit"):
        assert re.search(rf"<label[^>]*>\s*{label}", html), label
    assert (
        "Raunheim" in html
        and "Vergangenes Projekt nacherfassen"
        in client.get(reverse("projects:project_list", args=[world.region.slug])).content.decode()
    )
    a = world.kommune_a.pk
    response = client.post(
        url,
        {
            "title": "Bezügeabrechnung",
            "year": "2014",
            "date_proposal": "2014-01-15",
            "date_prioritised": "2014-02-01",
            "date_commissioned": "2014-03-01",
            "date_feasibility": "2014-03-15",
            "date_verdict": "2015-06-30",
            "verdict": "advantageous",
            "verdict_reasons": "Zusammenarbeit vorteilhaft",
            "final_state": "transferred",
            "date_final": "2015-12-31",
            "body": "Versorgungskasse Darmstadt",
            f"p{a}_status": "with_staff",
            f"p{a}_pg": "on",
            f"p{a}_joined_on": "2014-01-15",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(title="Bezügeabrechnung")
    assert (project.status, project.finished_on) == ("transferred", dt.date(2015, 12, 31))
    assert Participation.objects.get(project=project).cell == "X (PG)"
    refused = client.post(
        url, {"title": "Standesamtswesen", "date_proposal": "2014-01-15", "date_verdict": "2014-05-01"}
    )
    assert refused.status_code == 200
    assert "Von „Vorschlag“ geht es nicht zu „Prüfergebnis liegt vor“" in refused.content.decode()
    assert not Project.objects.filter(title="Standesamtswesen").exists()


def test_a_participation_is_back_dated_on_its_page(world: World) -> None:
    project = make_project(world, effective_on=dt.date(2014, 1, 15))
    url = reverse("projects:participation_edit", args=[project.pk, world.kommune_a.pk])
    client = world.client_for("office")
    refused = client.post(url, {"status": "without_staff", "joined_on": "2013-01-01"})
    assert (
        "beteiligt seit: Der 01.01.2013 liegt vor dem ersten Schritt des Projekts am 15.01.2014."
        in refused.content.decode()
    )
    assert client.post(url, {"status": "without_staff", "joined_on": "2014-06-01"}).status_code == 302
    assert Participation.objects.get(project=project).joined_on == dt.date(2014, 6, 1)


def test_an_existing_cooperation_with_other_participants_is_linked_and_keeps_its_symbol(world: World) -> None:
    """Back-capture into an inventory entry whose participants differ from the project's (a 500
    before: the relink passed no field and no symbol to the inventory service)."""
    from ikz.cooperation.services import ParticipantRow, save_cooperation

    field = _field()
    existing = save_cooperation(
        world.region,
        {"field": field, "title": "Gemeinsame Prüfung", "symbol": "◇", "started_on": dt.date(2015, 1, 1)},
        [ParticipantRow(world.kommune_a, "exists")],
        actor=world.office,
    )
    project = services.record_history(
        world.region,
        {"title": "Prüfung elektrischer Anlagen", "field": field, "year": 2014},
        steps=STEPS,
        participants=_participants(world),
        outcome=services.Outcome(cooperations=[existing]),
        verdict="advantageous",
        verdict_reasons="Mengeneffekte",
        actor=world.office,
    )
    existing.refresh_from_db()
    assert project.cooperation == existing and existing.symbol == "◇"
    assert set(existing.participants.values_list("municipality_id", flat=True)) == {
        world.kommune_a.pk,
        world.kommune_b.pk,
    }
