"""The start page "Meine Aufgaben" (issue 19, point 4; decision 124): a block per role, each count
linking to a list filtered to exactly those items, a constant number of queries whatever the data
size, a friendly sentence when there is nothing to do, a welcome for anonymous visitors."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ikz import tasks
from ikz.accounts.models import User
from ikz.cooperation import services as cooperation_services
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.cooperation.services import ParticipantRow
from ikz.interests.models import CallStatus, InterestCall
from ikz.membership.models import Cooperative, RequestStatus
from ikz.membership.tests.helpers import (
    coop_office,
    make_cooperative,
    make_member,
    make_onboarding,
    make_request,
    make_service,
)
from ikz.municipalities.models import Region, RegionMember
from ikz.projects import services as project_services
from ikz.projects.models import Milestone, Project, Status
from ikz.resolutions.models import Outcome, Resolution
from ikz.surveys.models import Campaign, CampaignStatus, Response, ResponseStatus
from ikz.test import World

PERSONAS = ["office", "steering", "contact_a", "contact_b", "project_lead", "member", "cooperative"]


def today() -> dt.date:
    return timezone.localdate()


def campaign(region: Region, title: str, deadline: dt.date) -> Campaign:
    return Campaign.objects.create(
        region=region,
        title=title,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        deadline=deadline,
        status=CampaignStatus.OPEN,
    )


def project(world: World, region: Region, title: str, status: str) -> Project:
    values = {"title": title, "year": 2026, "lead": world.project_lead}
    return project_services.create_project(region, values, actor=world.office, status=status)


def fill(world: World, region: Region, n: int) -> None:
    """One round of work in ``region``: a survey past its deadline answered by Kelsterbach only, an
    open interest call, a proposal and a prioritised project with an overdue milestone, an operating
    cooperation whose notice deadline falls within twelve months."""
    day = today()
    survey = campaign(region, f"Bestandsaufnahme {n}", day - dt.timedelta(days=5))
    Response.objects.create(
        campaign=survey,
        municipality=world.kommune_b,
        status=ResponseStatus.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_on=day - dt.timedelta(days=6),
    )
    InterestCall.objects.create(
        region=region, title=f"Aufruf {n}", deadline=day + dt.timedelta(days=30), status=CallStatus.OPEN
    )
    proposal = project(world, region, f"Vorschlag {n}", Status.PROPOSAL)
    project(world, region, f"Priorisiert {n}", Status.PRIORITISED)
    Milestone.objects.create(project=proposal, title=f"Ist-Analyse {n}", planned=day - dt.timedelta(days=10))
    Milestone.objects.create(project=proposal, title=f"Bericht {n}", planned=day + dt.timedelta(days=40))
    area, _ = TaskArea.objects.get_or_create(name="Ver- und Entsorgung")
    field, _ = CooperationField.objects.get_or_create(task_area=area, name="Energieeinkauf")
    cooperation = cooperation_services.save_cooperation(
        region,
        {"field": field, "title": f"Strom- und Gaseinkauf {n}", "started_on": dt.date(2015, 6, 1)},
        [ParticipantRow(world.kommune_a, "exists"), ParticipantRow(world.kommune_b, "exists")],
        actor=world.office,
    )
    cooperation_services.save_operation(
        cooperation,
        {"start": dt.date(2015, 6, 1), "notice_months": 3, "notice_to": "year_end", "host": world.kommune_a},
        actor=world.office,
    )


@pytest.fixture
def busy(world: World) -> dict[str, User]:
    """The test world with work for every role, and the cooperative's team."""
    fill(world, world.region, 1)
    cooperative = make_cooperative()
    team = coop_office()
    make_onboarding(cooperative, world.kreis)
    member = make_member(cooperative, world.kommune_a, "1", dt.date(2020, 1, 1))
    service = make_service(cooperative)
    make_request(member, service)
    offered = make_request(member, make_service(cooperative, "Informationssicherheit"))
    offered.status = RequestStatus.OFFERED
    offered.save()
    return {**{k: v for k, v in world.users().items() if v is not None}, "cooperative": team}


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows_on(html: str, url: str) -> int:
    """The rows of the list a start page's link leads to: the table after the link's #anchor
    (or the page's first table with a body), counted by their row headers."""
    fragment = url.partition("#")[2]
    start = html.index(f'id="{fragment}"') if fragment else html.index('<tbody class="kern-table__body">')
    table = html[start : html.index("</table>", start)]
    return len(re.findall(r'scope="row"', table))


def blocks_of(client: Client) -> list[tasks.Block]:
    response = client.get("/")
    assert response.status_code == 200
    return list(response.context["blocks"])


@pytest.mark.django_db
def test_every_count_equals_the_rows_of_the_list_it_links_to(busy: dict[str, User]) -> None:
    checked = 0
    for persona in PERSONAS:
        client = client_of(busy[persona])
        for block in blocks_of(client):
            for task in block.tasks:
                page = client.get(task.url)
                assert page.status_code == 200, (persona, task.label, task.url)
                shown = rows_on(page.content.decode(), task.url)
                assert shown == task.count, (persona, task.label, task.url, shown, task.count)
                checked += 1
    assert checked >= 20


@pytest.mark.django_db
def test_each_role_sees_its_own_tasks_with_the_expected_counts(busy: dict[str, User], world: World) -> None:
    def tasks_of(persona: str) -> dict[str, dict[str, tasks.Task]]:
        return {b.key: {t.label: t for t in b.tasks} for b in blocks_of(client_of(busy[persona]))}

    office = tasks_of("office")
    assert list(office) == [tasks.OFFICE]
    own = office[tasks.OFFICE]
    survey = own["Bestandsaufnahme „Bestandsaufnahme 1“ (IKZ Testregion)"]
    assert (survey.done, survey.total, survey.percent) == (1, 2, 50)
    assert own["überfällige Antworten: „Bestandsaufnahme 1“ (IKZ Testregion)"].count == 1
    assert own["überfällige Meilensteine (IKZ Testregion)"].count == 1
    assert own["Kündigungsfristen in den nächsten zwölf Monaten (IKZ Testregion)"].count == 1
    assert own["Vorschläge zu priorisieren (IKZ Testregion)"].count == 1
    assert own["Projektaufträge zu erteilen (IKZ Testregion)"].count == 1

    steering = tasks_of("steering")[tasks.STEERING]
    stages = steering["Projekte nach Stand (IKZ Testregion)"]
    assert stages.count == 2
    assert [i.text for i in stages.items] == ["Vorschlag: 1", "priorisiert: 1"]

    lead = tasks_of("project_lead")[tasks.PROJECT_LEAD]["offene Meilensteine: Vorschlag 1"]
    assert [(i.text, i.overdue) for i in lead.items] == [("Ist-Analyse 1", True), ("Bericht 1", False)]

    contact_a = tasks_of("contact_a")[tasks.CONTACT]
    questionnaires = contact_a["offene Fragebögen (IKZ Testregion)"]
    assert [(i.text, i.overdue) for i in questionnaires.items] == [("Bestandsaufnahme 1", True)]
    assert contact_a["offene Interessenbekundungen (IKZ Testregion)"].count == 1
    assert contact_a["Projektbeteiligungen zu erklären (IKZ Testregion)"].count == 2
    assert contact_a["Grundsatzbeschluss zu erfassen (IKZ Testregion)"].count == 1
    # Kelsterbach has answered the survey and recorded its principle resolution
    Resolution.objects.create(
        municipality=world.kommune_b, body="stvv", date=dt.date(2014, 3, 1), outcome=Outcome.ADOPTED_COUNCIL
    )
    contact_b = tasks_of("contact_b")[tasks.CONTACT]
    assert "offene Fragebögen (IKZ Testregion)" not in contact_b
    assert "Grundsatzbeschluss zu erfassen (IKZ Testregion)" not in contact_b

    member = tasks_of("member")[tasks.MEMBER]
    assert member["Angebote warten auf Ihre Antwort"].count == 1
    assert member["Ihre Anfragen, zu denen das Angebot noch aussteht"].count == 1

    team = tasks_of("cooperative")
    assert list(team) == [tasks.OFFICE, tasks.COOPERATIVE]  # the platform-wide office is both
    onboardings = team[tasks.COOPERATIVE]["Beitritte im Gang"]
    assert onboardings.count == 1 and onboardings.items[0].text.startswith("Groß-Gerau")


@pytest.mark.django_db
def test_a_person_with_several_roles_gets_a_block_for_each(busy: dict[str, User], world: World) -> None:
    from ikz.accounts.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=world.contact_a, role=Role.MEMBER, municipality=world.kommune_a)
    RoleAssignment.objects.create(user=world.contact_a, role=Role.PROJECT_LEAD)
    keys = [b.key for b in blocks_of(client_of(world.contact_a))]
    assert keys == [tasks.PROJECT_LEAD, tasks.CONTACT, tasks.MEMBER]


@pytest.mark.django_db
def test_nothing_to_do_is_a_friendly_sentence(world: World) -> None:
    Resolution.objects.create(
        municipality=world.kommune_a, body="stvv", date=dt.date(2014, 3, 1), outcome=Outcome.ADOPTED_COUNCIL
    )
    page = client_of(world.contact_a).get("/").content.decode()
    assert "Für Ihre Kommune ist gerade nichts zu tun – schön!" in page
    assert "ikz-task" not in page.replace("ikz-task-block", "")
    office = client_of(world.office).get("/").content.decode()
    assert "Alles erledigt: keine laufenden Erhebungen, Fristen oder offenen Entscheidungen." in office


@pytest.mark.django_db
def test_the_response_rate_is_a_progress_bar_with_its_text(busy: dict[str, User]) -> None:
    page = client_of(busy["office"]).get("/").content.decode()
    assert '<progress max="2" value="1" aria-hidden="true">50 %</progress>' in page
    assert "1 von 2 geantwortet (50 %)" in page


@pytest.mark.django_db
def test_anonymous_visitors_are_welcomed_with_the_login_link(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Willkommen auf der IKZ-Plattform" in page
    assert 'href="/konto/anmelden/"' in page or "/konto/" in page
    assert 'href="/portal/"' in page


def _queries_of(user: User) -> int:
    client = client_of(user)
    client.get("/")  # warm: session, caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_start_page_of_every_role_has_constant_queries(busy: dict[str, User], world: World) -> None:
    before = {p: _queries_of(busy[p]) for p in PERSONAS}
    # three times the work: two more rounds in the region, a second region with the same members
    fill(world, world.region, 2)
    second = Region.objects.create(name="IKZ Zweitregion", slug="ikz-zwei", office_name="Zweite Stelle")
    RegionMember.objects.create(region=second, municipality=world.kommune_a, position=1, short_label="Raun")
    RegionMember.objects.create(region=second, municipality=world.kommune_b, position=2, short_label="Kelst")
    fill(world, second, 3)
    make_onboarding(Cooperative.objects.get(), world.kommune_b)
    after = {p: _queries_of(busy[p]) for p in PERSONAS}
    assert after == before


def test_the_states_awaiting_the_steering_group_are_those_whose_next_step_is_its_decision() -> None:
    from ikz.projects import rules

    for state in rules.AWAITING_STEERING:
        forward = [t for t in rules.transitions_from(state) if t.target not in {rules.PAUSED, rules.CLOSED}]
        assert forward and all(t.roles == {rules.STEERING, rules.OFFICE} for t in forward), state
    # a running study or an implementation is in the hands of the lead, not waiting for a decision
    assert rules.FEASIBILITY not in rules.AWAITING_STEERING
    assert rules.IMPLEMENTATION not in rules.AWAITING_STEERING


@pytest.mark.django_db
def test_the_filtered_lists_show_only_the_persons_own_open_items(busy: dict[str, User], world: World) -> None:
    slug = world.region.slug
    kelsterbach = client_of(world.contact_b)
    page = kelsterbach.get(f"/bestandsaufnahmen/region/{slug}/?offen=1").content.decode()
    assert "Kein Fragebogen wartet auf Ihre Antwort." in page  # Kelsterbach has answered
    everything = kelsterbach.get(f"/bestandsaufnahmen/region/{slug}/").content.decode()
    assert "Bestandsaufnahme 1" in everything and "Gefiltert" not in everything
    office = client_of(world.office)
    survey = Campaign.objects.get(title="Bestandsaufnahme 1")
    missing = office.get(f"/bestandsaufnahmen/{survey.pk}/ruecklauf/?offen=1").content.decode()
    assert "Raunheim" in missing and "Kelsterbach" not in missing
    requests = client_of(world.member).get("/genossenschaft/auftraege/?status=offered").content.decode()
    assert "Informationssicherheit" in requests and "Datenschutzbeauftragter" not in requests


@pytest.mark.django_db
def test_the_overdue_count_per_region_is_the_rule_of_the_overview_list(world: World) -> None:
    from ikz.projects import queries

    day = today()
    p = project(world, world.region, "Meilensteinplan", Status.PROPOSAL)
    d = dt.timedelta
    for planned, forecast, reached in [
        (day - d(days=3), None, None),  # overdue
        (day - d(days=3), day + d(days=3), None),  # postponed: not overdue
        (day + d(days=3), day - d(days=1), None),  # brought forward and missed: overdue
        (day - d(days=9), None, day - d(days=2)),  # reached
        (day, None, None),  # due today: not yet overdue
    ]:
        Milestone.objects.create(project=p, title="M", planned=planned, forecast=forecast, reached=reached)
    listed = queries.overdue_milestones(Milestone.objects.all(), day)
    [counted] = queries.overdue_by_region(Milestone.objects.all(), day)
    assert (
        (counted.count, counted.oldest) == (len(listed), min(m.due for m in listed)) == (2, day - d(days=3))
    )
