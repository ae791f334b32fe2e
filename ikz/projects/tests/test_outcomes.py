"""Outcomes, follow-ups and pauses in the one transition table (decision 93), with seed 003's
examples: Standesamtswesen (local cooperations), Bezügeabrechnung (transfer to the Versorgungskasse),
the chain Beschaffungswesen → Beschaffungsgemeinschaften → Kompetenzzentrum → Vergabezentrum."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.projects import services
from ikz.projects.models import Project, ProjectOutcome, TransitionLog
from ikz.projects.tests.helpers import make_project
from ikz.test import World

pytestmark = pytest.mark.django_db

OFFICE = frozenset({"office"})


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _step(project: Project, target: str, **kw: object) -> Project:
    project.refresh_from_db()
    return services.transition(
        project, target, actor=None, roles=OFFICE, expected_version=project.version, **kw
    )


def _decided(world: World, title: str, day: dt.date, verdict: str = "advantageous") -> Project:
    """A project back-captured with its verdict on ``day``."""
    return make_project(
        world,
        title,
        status="verdict",
        effective_on=day,
        year=day.year,
        verdict=verdict,
        verdict_reasons="IKZ-Prüfprojekt: Zusammenarbeit vorteilhaft",
    )


def _cooperation(world: World, title: str) -> Cooperation:
    area = TaskArea.objects.get_or_create(name="Zentrale Angelegenheiten", defaults={"position": 1})[0]
    field = CooperationField.objects.get_or_create(
        task_area=area, name="Personenstandswesen", defaults={"position": 1}
    )[0]
    return Cooperation.objects.create(region=world.region, field=field, title=title, symbol="◇")


def test_an_advantageous_verdict_can_end_in_a_transfer_to_an_existing_body(world: World) -> None:
    project = _decided(world, "Bezügeabrechnung", dt.date(2015, 6, 30))
    with pytest.raises(ValidationError) as exc:
        _step(project, "transferred", effective_on=dt.date(2015, 12, 31))
    assert exc.value.message_dict == {
        "body": [
            "Bitte angeben, auf welchen Träger die Aufgabe übertragen wurde (Name oder Eintrag im Register)."
        ]
    }
    done = _step(
        project,
        "transferred",
        effective_on=dt.date(2015, 12, 31),
        outcome=services.Outcome(body="Versorgungskasse Darmstadt", participants=[world.kommune_a]),
    )
    assert (done.status, done.verdict, done.finished_on) == (
        "transferred",
        "advantageous",
        dt.date(2015, 12, 31),
    )
    outcome = ProjectOutcome.objects.get(project=project)
    assert outcome.body_label == "Versorgungskasse Darmstadt" and list(outcome.participants.all()) == [
        world.kommune_a
    ]
    page = _text(
        world.client_for("steering")
        .get(reverse("projects:project_detail", args=[project.pk]))
        .content.decode()
    )
    assert "Aufgabe auf bestehenden Träger übertragen" in page
    assert "Aufgabe übertragen auf Versorgungskasse Darmstadt" in page
    assert "abgeschlossen ohne Umsetzung" not in page and "Das Projekt ist beendet." in page


def test_local_cooperations_are_linked_and_need_a_positive_verdict(world: World) -> None:
    refused = _decided(
        world, "Standesamtswesen (nicht vorteilhaft)", dt.date(2015, 6, 30), "not_advantageous"
    )
    with pytest.raises(ValidationError) as exc:
        _step(refused, "local", effective_on=dt.date(2016, 1, 1))
    assert exc.value.messages == [
        "„in lokalen Kooperationen umgesetzt“ setzt das Prüfergebnis „IKZ vorteilhaft“ oder "
        "„teilweise vorteilhaft“ voraus."
    ]
    project = _decided(world, "Standesamtswesen", dt.date(2015, 6, 30))
    north, south = _cooperation(world, "Standesamt Nord"), _cooperation(world, "Standesamt Süd")
    done = _step(
        project,
        "local",
        effective_on=dt.date(2016, 1, 1),
        outcome=services.Outcome(cooperations=[north, south]),
    )
    assert done.status == "local" and done.cooperation is None
    assert set(north.project_outcomes.values_list("project__title", flat=True)) == {"Standesamtswesen"}
    page = _text(
        world.client_for("office").get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    )
    assert "in lokalen Kooperationen umgesetzt" in page
    assert "Entstandene Kooperationen Standesamt Nord Standesamt Süd" in page


def test_the_chain_of_follow_up_projects_shows_on_every_project_oldest_first(world: World) -> None:
    first = _decided(world, "Prüfprojekt Beschaffungswesen", dt.date(2014, 3, 1))
    second = _decided(world, "Beschaffungsgemeinschaften Papier und Büromaterial", dt.date(2015, 9, 1))
    _step(first, "followed_up", effective_on=dt.date(2015, 6, 30), outcome=services.Outcome(follow_up=second))
    _step(
        second,
        "followed_up",
        effective_on=dt.date(2016, 3, 1),
        outcome=services.Outcome(follow_up_title="Kompetenzzentrum Beschaffungswesen"),
    )
    third = Project.objects.get(title="Kompetenzzentrum Beschaffungswesen")
    assert third.status == "proposal"
    assert TransitionLog.objects.get(project=third).effective_on == dt.date(2016, 3, 1)
    for project in (first, second, third):
        page = _text(
            world.client_for("steering")
            .get(reverse("projects:project_detail", args=[project.pk]))
            .content.decode()
        )
        assert (
            "Projektkette Prüfprojekt Beschaffungswesen (2014–2015): in Folgeprojekt überführt "
            "Beschaffungsgemeinschaften Papier und Büromaterial (2015–2016): in Folgeprojekt überführt "
            "Kompetenzzentrum Beschaffungswesen (seit 2016): Vorschlag"
        ) in page
    _step(third, "closed", reason="Test", effective_on=dt.date(2016, 6, 1))
    Project.objects.filter(pk=third.pk).update(status="verdict")  # pretend, to try a circle
    third.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        _step(
            third, "followed_up", effective_on=dt.date(2016, 7, 1), outcome=services.Outcome(follow_up=first)
        )
    assert "follow_up" in exc.value.message_dict


def test_a_paused_project_resumes_into_the_state_it_had(world: World) -> None:
    project = make_project(world, status="feasibility", effective_on=dt.date(2014, 3, 15))
    with pytest.raises(ValidationError) as exc:
        _step(project, "paused", effective_on=dt.date(2014, 6, 1))
    assert exc.value.message_dict == {"reason": ["Bitte angeben, warum das Projekt pausiert."]}
    paused = _step(project, "paused", reason="Personalwechsel", effective_on=dt.date(2014, 6, 1))
    assert paused.status == "paused"
    client = world.client_for("office")
    detail = _text(client.get(reverse("projects:project_detail", args=[project.pk])).content.decode())
    assert "Projekt fortsetzen" in detail and "Ohne Umsetzung abschließen" in detail
    form = client.get(
        reverse("projects:project_transition", args=[project.pk]) + "?nach=resumed"
    ).content.decode()
    assert "Das Projekt wird im Stand „Prüfung läuft“ fortgesetzt" in form
    resumed = _step(project, "resumed", effective_on=dt.date(2014, 9, 1))
    assert resumed.status == "feasibility"
    assert list(TransitionLog.objects.filter(project=project).values_list("to_status", flat=True)) == [
        "feasibility",
        "paused",
        "feasibility",
    ]


def test_the_transition_page_records_a_transfer_with_its_body(world: World) -> None:
    project = _decided(world, "Bezügeabrechnung", dt.date(2015, 6, 30))
    url = reverse("projects:project_transition", args=[project.pk]) + "?nach=transferred"
    client = world.client_for("steering")
    html = client.get(url).content.decode()
    assert 'for="id_body"' in html and 'for="id_participants"' in html and 'for="id_follow_up"' not in html
    response = client.post(
        url,
        {
            "version": project.version,
            "target": "transferred",
            "effective_on": "2015-12-31",
            "body": "Versorgungskasse Darmstadt",
            "participants": [world.kommune_b.pk],
        },
    )
    assert response.status_code == 302
    outcome = ProjectOutcome.objects.get(project=project)
    assert (outcome.kind, outcome.body) == ("transferred", "Versorgungskasse Darmstadt")
    assert list(outcome.participants.all()) == [world.kommune_b]
