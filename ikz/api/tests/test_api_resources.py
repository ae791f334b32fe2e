"""The API's resources of resolutions, participations, allocations, members and onboardings as
each persona sees them (the same rules as the pages), and a declaration of interest sent by a
contact person's system: saved through the service, recorded, refused in German, nothing written
on failure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.accounts.models import Role
from ikz.api.services import create_token
from ikz.api.tests.helpers import ApiClient, api_client
from ikz.audit.models import AuditEntry
from ikz.costs.tests import factories
from ikz.interests.models import Answer, CallStatus, Declaration, DeclarationStatus, InterestCall, Topic
from ikz.membership.models import Member
from ikz.municipalities.models import Region, RegionMember
from ikz.projects.models import Participation, Project
from ikz.resolutions.models import Body, Outcome, Resolution, Subject
from ikz.test import World, make_user
from ikz.tests.test_persona_matrix import _objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(world: World) -> dict[str, Any]:
    return _objects(world)


def _global_office() -> ApiClient:
    user = make_user("genossenschaft", Role.OFFICE)
    _token, secret = create_token(user, "Test", actor=user)
    return ApiClient(secret)


def _ids(answer: Any) -> set[int]:
    return {item["id"] for item in answer.json()["items"]}


# --- resolutions ----------------------------------------------------------------------------------


def test_resolutions_are_public_acts_for_everyone_logged_in(world: World, objects: dict[str, Any]) -> None:
    resolution = objects["resolution"]
    Resolution.objects.create(
        municipality=world.kommune_b, subject=Subject.PRINCIPLE, body=Body.MAGISTRAT, outcome=Outcome.PENDING
    )
    for persona in ["office", "contact_b", "member"]:
        client = api_client(world, persona)
        listed = client.get("/api/beschluesse/").json()
        assert listed["count"] == 2, persona
        detail = client.get(f"/api/beschluesse/{resolution.pk}/").json()
        assert detail["date"] == "2013-10-24" and detail["outcome"] == "adopted_council"
        assert detail["municipality_id"] == world.kommune_a.pk
    client = api_client(world, "contact_b")
    adopted = client.get("/api/beschluesse/", outcome="adopted_council").json()
    assert [r["id"] for r in adopted["items"]] == [resolution.pk]
    first = client.get("/api/beschluesse/", limit=1).json()
    second = client.get("/api/beschluesse/", limit=1, offset=1).json()
    assert first["count"] == 2 and len(first["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert client.get("/api/beschluesse/", region=world.region.slug).json()["count"] == 2
    assert client.get("/api/beschluesse/", region="gibt-es-nicht").json()["count"] == 0
    assert client.get("/api/beschluesse/999999/").json() == {"detail": "Nicht gefunden."}
    assert api_client(world, "anonymous").get("/api/beschluesse/").status_code == 401


# --- participations -------------------------------------------------------------------------------


def test_participations_hide_other_municipalities_drafts(world: World, objects: dict[str, Any]) -> None:
    project = objects["project"]
    confirmed_a = Participation.objects.get(project=project, municipality=world.kommune_a)
    draft_b = Participation.objects.get(project=project, municipality=world.kommune_b)
    other = Project.objects.create(region=world.region, title="Bauhof", year=2015, lead=world.project_lead)
    draft_a = Participation.objects.create(project=other, municipality=world.kommune_a, status="with_staff")

    office = api_client(world, "office")
    assert _ids(office.get("/api/beteiligungen/")) == {confirmed_a.pk, draft_b.pk, draft_a.pk}
    assert api_client(world, "project_lead").get("/api/beteiligungen/").json()["count"] == 3
    contact_b = api_client(world, "contact_b")
    assert _ids(contact_b.get("/api/beteiligungen/")) == {confirmed_a.pk, draft_b.pk}
    assert contact_b.get(f"/api/beteiligungen/{draft_a.pk}/").status_code == 404
    own = contact_b.get(f"/api/beteiligungen/{draft_b.pk}/").json()
    assert own["confirmed"] is False and own["status"] == "without_staff" and own["roles"] == []
    contact_a = api_client(world, "contact_a")
    assert contact_a.get(f"/api/beteiligungen/{draft_b.pk}/").status_code == 404
    seen_by_a = contact_a.get(f"/api/beteiligungen/{confirmed_a.pk}/").json()
    assert seen_by_a["roles"] == ["PL"] and seen_by_a["confirmed_at"].startswith("2014-03-01")

    confirmed = office.get("/api/beteiligungen/", confirmed="true").json()
    assert [p["id"] for p in confirmed["items"]] == [confirmed_a.pk]
    by_project = office.get("/api/beteiligungen/", project=project.pk, limit=1).json()
    assert by_project["count"] == 2 and len(by_project["items"]) == 1

    member = api_client(world, "member")
    assert member.get("/api/beteiligungen/").json()["count"] == 0
    assert member.get(f"/api/beteiligungen/{confirmed_a.pk}/").status_code == 404


def test_the_project_page_shows_the_same_cells_as_the_api(world: World, objects: dict[str, Any]) -> None:
    """The project page and the API take their cells from the same access function."""
    project = objects["project"]
    for persona in ["contact_a", "contact_b", "office"]:
        page = world.client_for(persona).get(reverse("projects:project_detail", args=[project.pk]))
        on_page = {
            m.municipality_id for m, _label, cell in page.context["participants"] if cell.participation
        }
        listed = api_client(world, persona).get("/api/beteiligungen/", project=project.pk).json()["items"]
        assert on_page == {p["municipality_id"] for p in listed}, persona
    page = world.client_for("contact_a").get(reverse("projects:project_detail", args=[project.pk]))
    assert {m.municipality_id for m, _l, c in page.context["participants"] if c.participation} == {
        world.kommune_a.pk
    }


# --- allocations ----------------------------------------------------------------------------------


def test_allocations_money_as_text_and_contacts_see_only_released_own_shares(
    world: World, objects: dict[str, Any]
) -> None:
    released, draft = objects["costs_released"], objects["costs_draft"]
    office = api_client(world, "office")
    assert _ids(office.get("/api/umlagen/")) == {released.pk, draft.pk}
    full = office.get(f"/api/umlagen/{released.pk}/").json()
    assert full["total"] == "80000.00" and full["status"] == "released"
    assert {s["municipality_id"] for s in full["shares"]} == {world.kommune_a.pk, world.kommune_b.pk}
    assert sum(Decimal(s["amount"]) for s in full["shares"]) == Decimal(full["net"])
    assert all(isinstance(s["percent"], str) for s in full["shares"])
    assert api_client(world, "steering").get(f"/api/umlagen/{draft.pk}/").status_code == 200

    contact_b = api_client(world, "contact_b")
    listed = contact_b.get("/api/umlagen/").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == released.pk
    assert [s["municipality_id"] for s in listed["items"][0]["shares"]] == [world.kommune_b.pk]
    detail = contact_b.get(f"/api/umlagen/{released.pk}/").json()
    assert [s["municipality_id"] for s in detail["shares"]] == [world.kommune_b.pk]
    share_b = released.shares.get(municipality=world.kommune_b)
    assert detail["shares"][0]["amount"] == f"{share_b.amount:.2f}"
    assert contact_b.get(f"/api/umlagen/{draft.pk}/").json() == {"detail": "Nicht gefunden."}

    assert office.get("/api/umlagen/", year=2025).json()["count"] == 1
    assert office.get("/api/umlagen/", status="released", limit=1).json()["count"] == 1
    for persona in ["member", "project_lead"]:
        client = api_client(world, persona)
        assert client.get("/api/umlagen/").json()["count"] == 0
        assert client.get(f"/api/umlagen/{released.pk}/").status_code == 404


# --- members and onboardings ----------------------------------------------------------------------


def test_members_and_onboardings_for_the_cooperative_office_and_the_own_member(
    world: World, objects: dict[str, Any]
) -> None:
    member, own, other = objects["m_member"], objects["m_onboarding"], objects["m_other"]
    office = _global_office()
    # the cooperative's office sees every member of the register (other apps' objects add some)
    everyone = set(Member.objects.values_list("pk", flat=True))
    assert member.pk in everyone and _ids(office.get("/api/mitglieder/")) == everyone
    entry = office.get(f"/api/mitglieder/{member.pk}/").json()
    assert entry["number"] == "001" and entry["admitted_on"] == "2025-01-01" and entry["exit_on"] is None
    assert office.get("/api/mitglieder/", exited="true").json()["count"] == 0
    assert _ids(office.get("/api/beitritte/")) == {own.pk, other.pk}
    assert _ids(office.get("/api/beitritte/", status="member")) == {own.pk}
    paged = office.get("/api/beitritte/", limit=1, offset=1).json()
    assert paged["count"] == 2 and len(paged["items"]) == 1

    mine = api_client(world, "member")
    assert _ids(mine.get("/api/mitglieder/")) == {member.pk}
    assert _ids(mine.get("/api/beitritte/")) == {own.pk}
    assert mine.get(f"/api/beitritte/{own.pk}/").json()["step"] == 4
    assert mine.get(f"/api/beitritte/{other.pk}/").status_code == 404
    assert all(mine.get(f"/api/mitglieder/{pk}/").status_code == 404 for pk in everyone - {member.pk})

    for persona in ["office", "steering", "contact_a", "contact_b", "project_lead"]:
        client = api_client(world, persona)  # a region's office is not the cooperative's office
        assert client.get("/api/mitglieder/").json()["count"] == 0, persona
        assert client.get("/api/beitritte/").json()["count"] == 0, persona
        assert client.get(f"/api/mitglieder/{member.pk}/").status_code == 404, persona
        assert client.get(f"/api/beitritte/{own.pk}/").status_code == 404, persona


# --- POST of a declaration of interest ------------------------------------------------------------

URL = "/api/interessenbekundungen/"


def _body(objects: dict[str, Any], world: World, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "call_id": objects["call"].pk,
        "municipality_id": world.kommune_b.pk,
        "answers": [{"topic_id": objects["topic"].pk, "interested": True, "joins_working_group": True}],
        "note": "Wir möchten mitmachen.",
    }
    return body | extra


def _written() -> tuple[int, int, int]:
    return Declaration.objects.count(), Answer.objects.count(), AuditEntry.objects.count()


def test_a_contact_declares_for_their_municipality_and_submits_it(
    world: World, objects: dict[str, Any]
) -> None:
    client = api_client(world, "contact_b")
    created = client.post(URL, _body(objects, world))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and body["version"] == 1 and body["note"] == "Wir möchten mitmachen."
    assert body["answers"] == [
        {"topic_id": objects["topic"].pk, "interested": True, "joins_working_group": True}
    ]
    declaration = Declaration.objects.get(pk=body["id"])
    assert declaration.municipality == world.kommune_b
    history = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Declaration), object_id=str(declaration.pk)
    )
    entry = history.get(action="create")
    assert entry.actor == world.contact_b

    submitted = client.post(URL, _body(objects, world, version=1, submit=True))
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted" and submitted.json()["version"] == 2
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.SUBMITTED and declaration.submitted_by == world.contact_b
    assert history.get(action="update").changes["status"] == ["draft", "submitted"]
    # the steering group sees it now, the other contact still not
    assert api_client(world, "steering").get(f"{URL}{declaration.pk}/").status_code == 200
    assert api_client(world, "contact_a").get(f"{URL}{declaration.pk}/").status_code == 404


def test_saving_again_needs_the_current_version(world: World, objects: dict[str, Any]) -> None:
    """Kommune A already has a draft (version 1): without or with a stale version → 409."""
    client = api_client(world, "contact_a")
    body = _body(objects, world, municipality_id=world.kommune_a.pk, note="neu")
    before = _written()
    duplicate = client.post(URL, body)
    assert duplicate.status_code == 409, duplicate.content
    assert duplicate.json()["current_version"] == 1 and duplicate.json()["current"] == {"note": ""}
    assert client.post(URL, body | {"version": 7}).status_code == 409
    assert Declaration.objects.get(call=objects["call"], municipality=world.kommune_a).note == ""
    assert _written()[:2] == before[:2]
    assert AuditEntry.objects.filter(action="conflict").count() == 2  # the refusals are recorded
    fine = client.post(URL, body | {"version": 1})
    assert fine.status_code == 200 and fine.json()["note"] == "neu" and fine.json()["version"] == 2


def test_foreign_municipality_and_invisible_calls_are_404(world: World, objects: dict[str, Any]) -> None:
    other_region = Region.objects.create(name="Andere Region", slug="andere")
    RegionMember.objects.create(
        region=other_region, municipality=world.kommune_a, position=1, short_label="R"
    )
    elsewhere = InterestCall.objects.create(
        region=other_region, title="Anderswo", deadline=dt.date(2099, 1, 1), status=CallStatus.OPEN
    )
    client = api_client(world, "contact_b")
    member, steering = api_client(world, "member"), api_client(world, "steering")
    before = _written()
    cases = [
        _body(objects, world, municipality_id=world.kommune_a.pk),  # Kommune A is not B's
        _body(objects, world, call_id=999999),  # no such call
        _body(objects, world, call_id=elsewhere.pk, answers=[]),  # B is no member of that region
        _body(objects, world, municipality_id=999999),
    ]
    for body in cases:
        answer = client.post(URL, body)
        assert answer.status_code == 404, (body, answer.content)
        assert answer.json() == {"detail": "Nicht gefunden."}
    assert member.post(URL, _body(objects, world)).status_code == 404
    assert (
        steering.post(URL, _body(objects, world)).status_code == 404
    )  # B has no submitted declaration the steering group could see
    assert _written() == before


def test_closed_call_and_service_refusals_are_422_in_german(world: World, objects: dict[str, Any]) -> None:
    call, topic = objects["call"], objects["topic"]
    client = api_client(world, "contact_b")
    before = _written()
    contradictory = client.post(
        URL,
        _body(
            objects, world, answers=[{"topic_id": topic.pk, "interested": False, "joins_working_group": True}]
        ),
    )
    assert contradictory.status_code == 422
    assert contradictory.json()["errors"][0]["field"] == f"working_group_{topic.pk}"
    assert "Arbeitsgruppe IKZ setzt voraus" in contradictory.json()["errors"][0]["message"]
    other = Topic.objects.create(call=InterestCall.objects.create(
        region=world.region, title="Zweiter Aufruf", deadline=dt.date(2099, 1, 1), status=CallStatus.OPEN
    ), label="Fremdes Thema", task_area=objects["area"])  # fmt: skip
    unknown = client.post(URL, _body(objects, world, answers=[{"topic_id": other.pk, "interested": True}]))
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {"field": "", "message": "Die Antworten nennen Themen, die dieser Aufruf nicht hat."}
    ]
    twice = [{"topic_id": topic.pk, "interested": True}, {"topic_id": topic.pk, "interested": False}]
    repeated = client.post(URL, _body(objects, world, answers=twice))
    assert repeated.status_code == 422 and repeated.json()["errors"][0]["field"] == "answers"

    InterestCall.objects.filter(pk=call.pk).update(status=CallStatus.CLOSED)
    closed = client.post(URL, _body(objects, world))
    assert closed.status_code == 422
    assert closed.json()["detail"] == "Die Eingaben sind ungültig."
    assert closed.json()["errors"] == [
        {
            "field": "",
            "message": "Das Interessenbekundungsverfahren ist abgeschlossen; Antworten sind nicht mehr möglich.",
        }
    ]
    assert _written() == before


def test_bad_input_is_422_in_german_and_nothing_is_written(world: World, objects: dict[str, Any]) -> None:
    client = api_client(world, "contact_b")
    topic = objects["topic"]
    before = _written()
    cases = [
        (_body(objects, world, note="x" * 4001), "body.note", "Höchstens 4000 Zeichen."),
        (_body(objects, world, call_id="eins"), "body.call_id", "Bitte eine ganze Zahl angeben."),
        (_body(objects, world, note=17), "body.note", "Bitte einen Text angeben."),
        (
            _body(objects, world, answers=[{"topic_id": topic.pk, "interested": "vielleicht"}]),
            "body.answers.0.interested",
            "Bitte true oder false angeben.",
        ),
        (_body(objects, world, answers={"x": 1}), "body.answers", "Ungültiger Wert."),
        ({"call_id": objects["call"].pk}, "body.municipality_id", "Dieses Feld ist erforderlich."),
        (_body(objects, world, call_id=2**31), "body.call_id", f"Höchstens {2**31 - 1}."),
        (_body(objects, world, version=-1), "body.version", "Mindestens 0."),
    ]
    for body, where, message in cases:
        answer = client.post(URL, body)
        assert answer.status_code == 422, (body, answer.content)
        assert answer.json()["detail"] == "Die Eingaben sind ungültig."
        assert {"field": where, "message": message} in answer.json()["errors"], answer.json()
    assert client.post(URL, "{kein json").status_code == 422
    assert client.post(URL, "[1, 2]").status_code == 422
    assert _written() == before


def test_a_script_payload_is_stored_verbatim_and_returned_json_escaped(
    world: World, objects: dict[str, Any]
) -> None:
    payload = '<script>alert("x")</script> & <b>fett</b>'
    answer = api_client(world, "contact_b").post(URL, _body(objects, world, note=payload))
    assert answer.status_code == 201
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json()["note"] == payload  # the same text for the client…
    raw = answer.content.decode()
    assert "<script" not in raw and "<b>" not in raw and "\\u003cscript\\u003e" in raw  # …never as markup
    declaration = Declaration.objects.get(pk=answer.json()["id"])
    assert declaration.note == payload
    page = world.client_for("contact_b").get(
        reverse("interests:declaration_detail", args=[objects["call"].pk, world.kommune_b.pk])
    )
    text = page.content.decode()
    assert page.status_code == 200 and payload not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text


def test_writes_need_a_token_the_session_only_reads(world: World, objects: dict[str, Any]) -> None:
    session = world.client_for("contact_b")
    answer = session.post(URL, _body(objects, world), content_type="application/json")
    assert answer.status_code == 401
    assert session.get(URL).status_code == 200
    assert not Declaration.objects.filter(municipality=world.kommune_b).exists()


# --- a list's queries do not grow with its length -------------------------------------------------


def _more_allocations(world: World, o: dict[str, Any], i: int) -> None:
    factories.released(world, o["costs_coop"], year=2010 + i)


def _more_participations(world: World, o: dict[str, Any], i: int) -> None:
    project = Project.objects.create(region=world.region, title=f"P{i}", lead=world.project_lead)
    Participation.objects.create(project=project, municipality=world.kommune_a, status="with_staff")


def _more_declarations(world: World, o: dict[str, Any], i: int) -> None:
    call = InterestCall.objects.create(region=world.region, title=f"A{i}", deadline=dt.date(2099, 1, 1))
    topic = Topic.objects.create(call=call, label="T", task_area=o["area"])
    declaration = Declaration.objects.create(call=call, municipality=world.kommune_a)
    Answer.objects.create(declaration=declaration, topic=topic, interested=True)


@pytest.mark.parametrize(
    "url,persona,make",
    [
        ("/api/umlagen/", "office", _more_allocations),
        ("/api/umlagen/", "contact_b", _more_allocations),
        ("/api/beteiligungen/", "contact_b", _more_participations),
        ("/api/aufrufe/", "contact_a", _more_declarations),
        ("/api/interessenbekundungen/", "contact_a", _more_declarations),
    ],
)
def test_new_lists_take_the_same_number_of_queries_at_two_sizes(
    world: World, objects: dict[str, Any], url: str, persona: str, make: Any
) -> None:
    client = api_client(world, persona)
    client.get(url)  # warm up (token's last use, content types)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    for i in range(4):
        make(world, objects, i)
    assert count() == small
