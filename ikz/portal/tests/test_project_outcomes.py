"""The portal tells every outcome of a published project (decision 93) and lists the projects of a
region as of a Stand by the effective dates of their steps (decision 108), not by their year."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.portal.models import PublishedCooperation
from ikz.projects import services
from ikz.projects.models import Project
from ikz.test import World

pytestmark = pytest.mark.django_db

H = services.HistoryStep
STUDY = [
    H("proposal", dt.date(2014, 1, 15)),
    H("prioritised", dt.date(2014, 2, 1)),
    H("commissioned", dt.date(2014, 3, 1)),
    H("feasibility", dt.date(2014, 3, 15)),
    H("verdict", dt.date(2015, 6, 30)),
]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _field() -> CooperationField:
    area = TaskArea.objects.get_or_create(name="Zentrale Angelegenheiten", defaults={"position": 1})[0]
    return CooperationField.objects.get_or_create(
        task_area=area, name="Beschaffungswesen", defaults={"position": 1}
    )[0]


def _cooperation(world: World, title: str, *, publish: bool = False) -> Cooperation:
    cooperation = Cooperation.objects.create(region=world.region, field=_field(), title=title, symbol="◇")
    if publish:
        PublishedCooperation.objects.create(cooperation=cooperation)
    return cooperation


def _publish(*projects: Project) -> None:
    for project in projects:
        project.refresh_from_db()
        services.set_published(project, True, actor=None, expected_version=project.version)


def _project(
    world: World,
    title: str,
    steps: list[services.HistoryStep],
    *,
    outcome: services.Outcome | None = None,
    verdict: str = "advantageous",
    year: int = 2014,
    publish: bool = True,
    participants: tuple[services.HistoryParticipant, ...] = (),
) -> Project:
    project = services.record_history(
        world.region,
        {"title": title, "field": _field(), "year": year},
        steps=steps,
        outcome=outcome,
        participants=list(participants),
        verdict=verdict if any(s.target == "verdict" for s in steps) else "",
        verdict_reasons="laut Abschlussbericht" if any(s.target == "verdict" for s in steps) else "",
        actor=world.office,
    )
    if publish:
        _publish(project)
    project.refresh_from_db()
    return project


def _page(world: World, project: Project) -> str:
    response = world.client_for("anonymous").get(
        reverse("portal:project_detail", args=[world.region.slug, project.slug])
    )
    assert response.status_code == 200
    return _text(response.content.decode())


def _region(world: World, stand: str = "") -> str:
    url = reverse("portal:region", args=[world.region.slug])
    response = world.client_for("anonymous").get(url, {"stand": stand} if stand else {})
    return _text(response.content.decode())


def test_operating_and_local_cooperations_are_named_published_ones_linked(world: World) -> None:
    operating = _project(
        world,
        "Prüfung elektrischer Anlagen",
        [*STUDY, H("implementation", dt.date(2015, 9, 1)), H("operating", dt.date(2016, 1, 1))],
        participants=(
            services.HistoryParticipant(world.kommune_a, "with_staff", ["PL"], STUDY[0].effective_on),
        ),
    )
    page = _page(world, operating)
    assert "Kooperation in Betrieb am 01.01.2016" in page
    assert "Kooperation in Betrieb Prüfung elektrischer Anlagen" in page  # the cooperation it produced
    assert "01.01.2016: Kooperation in Betrieb" in page and "15.01.2014: Vorschlag" in page

    nord = _cooperation(world, "Standesamt Nord", publish=True)
    sued = _cooperation(world, "Standesamt Süd")
    local = _project(
        world,
        "Standesamtswesen",
        [*STUDY, H("local", dt.date(2016, 3, 1))],
        outcome=services.Outcome(cooperations=[nord, sued]),
    )
    html = (
        world.client_for("anonymous")
        .get(reverse("portal:project_detail", args=[world.region.slug, local.slug]))
        .content.decode()
    )
    assert f'#kooperation-{nord.pk}">Standesamt Nord</a>' in html
    assert "Standesamt Süd" in html and f"#kooperation-{sued.pk}" not in html  # named, not linked
    assert "in lokalen Kooperationen umgesetzt am 01.03.2016" in _text(html)
    assert "Lokale Kooperationen" in _text(html)


def test_a_transfer_names_the_body_and_the_participants(world: World) -> None:
    project = _project(
        world,
        "Strom- und Gaseinkauf",
        [*STUDY, H("transferred", dt.date(2015, 12, 31))],
        outcome=services.Outcome(body="Zweckverband Riedwerke", participants=[world.kommune_a]),
    )
    page = _page(world, project)
    assert "Aufgabe auf bestehenden Träger übertragen am 31.12.2015" in page
    assert "Aufgabe übertragen auf Zweckverband Riedwerke" in page
    assert "durch die Beteiligten Raunheim, Stadt" in page
    region = _region(world)
    assert "Strom- und Gaseinkauf (2014–2015): Aufgabe auf bestehenden Träger übertragen" in region
    assert "seit 31.12.2015 – Zweckverband Riedwerke" in region


def test_a_follow_up_and_its_chain_are_shown_only_as_far_as_published(world: World) -> None:
    first = _project(
        world,
        "Prüfprojekt Beschaffungswesen",
        [*STUDY, H("followed_up", dt.date(2015, 12, 31))],
        outcome=services.Outcome(follow_up_title="Beschaffungsgemeinschaften Papier"),
    )
    follow_up = Project.objects.get(title="Beschaffungsgemeinschaften Papier")
    page = _page(world, first)
    assert "in Folgeprojekt überführt am 31.12.2015" in page
    assert "Folgeprojekt noch nicht veröffentlicht" in page
    assert "Beschaffungsgemeinschaften Papier" not in page and "Projektkette" not in page
    assert "Beschaffungsgemeinschaften Papier" not in _region(world)

    _publish(follow_up)
    follow_up.refresh_from_db()
    html = (
        world.client_for("anonymous")
        .get(reverse("portal:project_detail", args=[world.region.slug, first.slug]))
        .content.decode()
    )
    assert (
        f'href="/portal/{world.region.slug}/projekte/{follow_up.slug}/">Beschaffungsgemeinschaften Papier'
        in html
    )
    chain = _text(html).split("Projektkette", 1)[1]
    assert chain.index("Prüfprojekt Beschaffungswesen (2014–2015)") < chain.index(
        "Beschaffungsgemeinschaften Papier (seit 2015): Vorschlag"
    )
    assert "Folgeprojekt: Beschaffungsgemeinschaften Papier" in _region(world)
    assert "Projektkette" in _page(world, follow_up)


def test_closed_without_implementation_shows_the_reason_and_a_pause_its_day(world: World) -> None:
    closed = _project(
        world,
        "Gemeinsames Netz",
        [*STUDY, H("closed", dt.date(2015, 8, 1), "Kosten der Leitungen zu hoch")],
        verdict="not_advantageous",
    )
    page = _page(world, closed)
    assert "abgeschlossen ohne Umsetzung am 01.08.2015" in page
    assert "Abgeschlossen ohne Umsetzung Kosten der Leitungen zu hoch" in page
    assert "Prüfergebnis IKZ nicht vorteilhaft" in page

    paused = _project(
        world,
        "Bauhof",
        [*STUDY[:4], H("paused", dt.date(2014, 6, 1), "Personalwechsel in der Projektleitung")],
    )
    page = _page(world, paused)
    assert "pausiert seit 01.06.2014 (zuvor: Prüfung läuft)" in page
    assert "Personalwechsel" not in page  # the reason typed into the log stays internal
    assert "Bauhof (seit 2014): pausiert seit 01.06.2014" in _region(world)
    assert "Bauhof (seit 2014): Prüfung läuft seit 15.03.2014" in _region(world, "2014-05-31")


def test_the_region_page_as_of_a_stand_lists_projects_by_their_step_dates(world: World) -> None:
    # year 2015, but proposed in 2014: there on 30.06.2014 (a year filter would hide it)
    early = _project(world, "Vergabestelle", [H("proposal", dt.date(2014, 2, 1))], year=2015)
    # year 2014, but proposed only in September 2014: not yet there on 30.06.2014
    late = _project(world, "Bauhofkooperation", [H("proposal", dt.date(2014, 9, 1))], year=2014)
    done = _project(
        world,
        "Strom- und Gaseinkauf",
        [*STUDY, H("transferred", dt.date(2015, 12, 31))],
        outcome=services.Outcome(body="Zweckverband Riedwerke"),
    )
    then = _region(world, "2014-06-30")
    assert "Stand: 30.06.2014" in then
    assert "Vergabestelle (seit 2014): Vorschlag seit 01.02.2014" in then
    assert late.title not in then
    # the transfer had not happened yet: the study runs, no verdict, no body
    assert "Strom- und Gaseinkauf (seit 2014): Prüfung läuft seit 15.03.2014" in then
    assert "Riedwerke" not in then and "IKZ vorteilhaft" not in then
    assert then.index("Vergabestelle") < then.index("Strom- und Gaseinkauf")  # latest start first
    now = _region(world)
    assert late.title in now and "Riedwerke" in now and "Prüfergebnis: IKZ vorteilhaft" in now
    assert early.title in now and done.title in now


def test_the_region_page_reads_as_many_queries_for_a_past_day_and_for_more_projects(world: World) -> None:
    client = world.client_for("anonymous")
    url = reverse("portal:region", args=[world.region.slug])
    body = services.Outcome(body="Kreisverwaltung")
    _project(world, "Projekt 0", [*STUDY, H("transferred", dt.date(2015, 12, 31))], outcome=body)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(1, 12):
        _project(world, f"Projekt {i}", [*STUDY, H("transferred", dt.date(2015, 12, 31))], outcome=body)
    with CaptureQueriesContext(connection) as now:
        client.get(url)
    with CaptureQueriesContext(connection) as then:
        page = client.get(url, {"stand": "2014-06-30"}).content.decode()
    assert "Projekt 11" in page
    assert len(few) == len(now) == len(then)
