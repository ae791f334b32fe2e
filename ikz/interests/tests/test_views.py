"""Pages: the contact's declaration, who sees what, the ranking with chart, drill-down, exports, proposals."""

import csv
import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ikz.cooperation.models import TaskArea
from ikz.interests import services
from ikz.interests.models import Answer, Declaration, DeclarationStatus, InterestCall, Proposal, Topic
from ikz.interests.tests.factories import open_call
from ikz.municipalities.models import Kind, Level, RegionMember
from ikz.test import World, make_unit

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _edit_url(call: InterestCall, world: World) -> str:
    return reverse("interests:declaration_edit", args=[call.pk, world.kommune_a.pk])


def test_contact_saves_a_draft_and_submits_it_once(world: World) -> None:
    call, (personal, bauhof, _sport) = open_call(world)
    client = world.client_for("contact_a")
    page = client.get(reverse("interests:call_detail", args=[call.pk])).content.decode()
    assert _edit_url(call, world) in page, "Link zur eigenen Interessenbekundung fehlt"
    response = client.post(
        _edit_url(call, world), {f"interested_{personal.pk}": "on", "note": "", "action": "save"}
    )
    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert declaration.status == DeclarationStatus.DRAFT
    data = {
        f"interested_{personal.pk}": "on",
        f"working_group_{personal.pk}": "on",
        f"interested_{bauhof.pk}": "on",
        "note": "Raunheim",
        "version": "1",
        "action": "submit",
    }
    assert client.post(_edit_url(call, world), data).status_code == 302
    data["version"] = "2"
    assert client.post(_edit_url(call, world), data).status_code == 302, "erneutes Absenden"
    declaration = Declaration.objects.get()
    assert (declaration.status, declaration.version, Answer.objects.count()) == ("submitted", 2, 3)
    detail = _text(client.get(declaration.get_absolute_url()).content.decode())
    assert "Personalmanagement ja ja" in detail and "Bauhof ja nein" in detail


def test_working_group_without_interest_gets_german_error_at_the_field(world: World) -> None:
    call, (personal, *_rest) = open_call(world)
    response = world.client_for("contact_a").post(
        _edit_url(call, world), {f"working_group_{personal.pk}": "on", "action": "submit"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_working_group_{personal.pk}_error"' in page
    assert "Personalmanagement: Die Mitarbeit in der Arbeitsgruppe IKZ setzt voraus" in page
    assert not Declaration.objects.exists()


def test_contact_b_never_sees_kommune_a_and_steering_sees_submitted_only(world: World) -> None:
    call, (personal, *_rest) = open_call(world)
    services.save_declaration(
        call, world.kommune_a, {personal.pk: (True, False)}, expected_version=None, actor=world.contact_a
    )
    detail = reverse("interests:declaration_detail", args=[call.pk, world.kommune_a.pk])
    contact_b, steering = world.client_for("contact_b"), world.client_for("steering")
    for url in (detail, _edit_url(call, world)):
        assert contact_b.get(url).status_code == 404
        assert steering.get(url).status_code == 404
    assert contact_b.post(_edit_url(call, world), {"action": "submit"}).status_code == 404
    overview = steering.get(reverse("interests:call_detail", args=[call.pk])).content.decode()
    assert detail not in overview and "Raunheim, Stadt</th>" in overview, (
        "Entwurf für die Lenkungsgruppe unsichtbar"
    )
    assert (
        detail
        in world.client_for("office").get(reverse("interests:call_detail", args=[call.pk])).content.decode()
    )
    services.save_declaration(
        call,
        world.kommune_a,
        {personal.pk: (True, False)},
        submit=True,
        expected_version=1,
        actor=world.contact_a,
    )
    assert contact_b.get(detail).status_code == 404, "auch nach dem Absenden"
    assert steering.get(detail).status_code == 200
    assert steering.get(_edit_url(call, world)).status_code == 403
    assert steering.post(_edit_url(call, world), {"action": "submit"}).status_code == 403


def test_after_the_deadline_the_contact_is_refused_with_a_clear_message(world: World) -> None:
    call, (personal, *_rest) = open_call(world, deadline=dt.date(2020, 1, 31))
    response = world.client_for("contact_a").post(
        _edit_url(call, world), {f"interested_{personal.pk}": "on", "action": "submit"}
    )
    assert response.status_code == 200
    assert "Die Frist ist am 31.01.2020 abgelaufen" in response.content.decode()
    assert not Declaration.objects.exists()
    InterestCall.objects.filter(pk=call.pk).update(allow_late=True)
    response = world.client_for("contact_a").post(
        _edit_url(call, world), {f"interested_{personal.pk}": "on", "action": "submit"}
    )
    assert response.status_code == 302 and Declaration.objects.get().status == "submitted"


def test_concurrent_edit_gets_409_with_both_versions(world: World) -> None:
    call, (personal, bauhof, _sport) = open_call(world)
    client = world.client_for("contact_a")
    client.post(_edit_url(call, world), {"action": "save"})
    office = world.client_for("office")
    assert (
        office.post(
            _edit_url(call, world), {f"interested_{personal.pk}": "on", "version": "1", "action": "save"}
        ).status_code
        == 302
    )
    response = client.post(
        _edit_url(call, world), {f"interested_{bauhof.pk}": "on", "version": "1", "action": "save"}
    )
    page = _text(response.content.decode())
    assert response.status_code == 409
    assert "Beide Fassungen im Vergleich" in page
    assert "Bauhof: Kooperation gewünscht ja nein" in page
    assert "Personalmanagement: Kooperation gewünscht nein ja" in page
    assert Answer.objects.get(topic=bauhof).interested is False


def test_office_creates_call_adds_topics_opens_and_closes(world: World) -> None:
    client = world.client_for("office")
    area = TaskArea.objects.create(name="Bauhof")
    response = client.post(
        reverse("interests:call_create", args=[world.region.slug]),
        {"title": "Aufruf 2027", "deadline": "2027-03-31"},
    )
    call = InterestCall.objects.get(title="Aufruf 2027")
    assert response.status_code == 302 and call.status == "draft"
    assert (
        client.post(
            reverse("interests:topic_create", args=[call.pk]),
            {"label": "Bauhof", "task_area": area.pk, "position": 1},
        ).status_code
        == 302
    )
    status_url = reverse("interests:call_status", args=[call.pk])
    assert client.post(status_url, {"status": "open", "version": "2"}).status_code == 409
    call.refresh_from_db()
    assert client.post(status_url, {"status": "open", "version": call.version}).status_code == 302
    call.refresh_from_db()
    assert call.status == "open" and call.opened_on is not None
    assert client.post(status_url, {"status": "closed", "version": call.version}).status_code == 302
    call.refresh_from_db()
    assert call.status == "closed"
    page = world.client_for("contact_a").get(call.get_absolute_url()).content.decode()
    assert "abgeschlossen" in page and _edit_url(call, world) not in page
    assert (
        world.client_for("contact_a")
        .post(status_url, {"status": "open", "version": call.version})
        .status_code
        == 403
    )


def _submit(call: InterestCall, unit: object, answers: dict[int, tuple[bool, bool]], actor: object) -> None:
    services.save_declaration(call, unit, answers, submit=True, expected_version=None, actor=actor)  # type: ignore[arg-type]


def test_ranking_page_chart_drilldown_and_exports(world: World) -> None:
    call, (personal, bauhof, _sport) = open_call(world, labels=("=Personal", "Bauhof", "Sport"))
    _submit(call, world.kommune_a, {personal.pk: (True, True), bauhof.pk: (True, False)}, world.contact_a)
    _submit(call, world.kommune_b, {bauhof.pk: (True, True)}, world.contact_b)
    client = world.client_for("steering")
    url = reverse("interests:ranking", args=[call.pk])
    page = client.get(url).content.decode()
    text = _text(page)
    assert re.search(r"1 Bauhof 2 1 .*2 =Personal 1 1 .*3 Sport 0 0", text), text
    assert 'role="img"' in page and '<title id="rangfolge-diagramm">' in page
    assert "Bauhof 2; =Personal 1; Sport 0" in page
    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    rows = [r for r in workbook.active.iter_rows(values_only=True) if r and isinstance(r[0], int)]
    assert rows == [(1, "Bauhof", 2, 1), (2, "'=Personal", 1, 1), (3, "Sport", 0, 0)]
    lines = list(
        csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode("utf-8-sig")), delimiter=";")
    )
    assert lines[0] == ["Rang", "Thema", "Interessierte Kommunen", "davon Arbeitsgruppe IKZ"]
    assert lines[1] == ["1", "Bauhof", "2", "1"]
    assert client.get(url, {"format": "pdf"}).content.startswith(b"%PDF")
    assert client.get(url, {"format": "exe"}).status_code == 404
    drill = reverse("interests:topic_result", args=[call.pk, bauhof.pk])
    text = _text(client.get(drill).content.decode())
    assert "Raun Raunheim, Stadt 06433010 nein" in text and "Kelst Kelsterbach, Stadt 06433007 ja" in text
    assert text.index("Raun Raunheim") < text.index("Kelst Kelsterbach"), "Reihenfolge der Region"
    sheet = load_workbook(io.BytesIO(client.get(drill, {"format": "xlsx"}).content)).active
    values = [r for r in sheet.iter_rows(values_only=True)]
    assert ("Kürzel", "Kommune", "AGS", "Arbeitsgruppe IKZ") in values
    assert ("Kelst", "Kelsterbach, Stadt", "06433007", "ja") in values
    assert world.client_for("contact_a").get(url).status_code == 403
    assert world.client_for("contact_a").get(url, {"format": "csv"}).status_code == 403


def test_office_turns_a_topic_into_one_proposal(world: World) -> None:
    call, (personal, bauhof, _sport) = open_call(world)
    _submit(call, world.kommune_a, {personal.pk: (True, True)}, world.contact_a)
    client = world.client_for("office")
    url = reverse("interests:proposal_create", args=[call.pk, personal.pk])
    assert world.client_for("steering").post(url).status_code == 403
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.topic, proposal.status, proposal.created_by) == (personal, "taken_over", world.office)
    page = _text(client.get(call.get_absolute_url()).content.decode())
    assert "IKZ-Projekt: Personalmanagement (als Projekt übernommen" in page
    assert "Raun: Raunheim, Stadt (06433010)" in page
    assert "bereits den Projektvorschlag" in client.get(url).content.decode()
    history = _text(client.get(reverse("interests:call_history", args=[call.pk])).content.decode())
    assert "Projektvorschlag „IKZ-Projekt: Personalmanagement“ angelegt" in history
    response = client.post(reverse("interests:proposal_create", args=[call.pk, bauhof.pk]))
    assert "noch keine Kommune" in response.content.decode() and Proposal.objects.count() == 1


def _grow_region(world: World, call: InterestCall, topics: list[Topic], n: int) -> None:
    start = RegionMember.objects.filter(region=world.region).count()
    for i in range(start, start + n):
        unit = make_unit(f"06433{100 + i:03d}", f"Testgemeinde {i:03d}", Level.GEMEINDE, Kind.GEMEINDE,
                         world.kreis, ars=f"06433{100 + i:04d}{100 + i:03d}")  # fmt: skip
        RegionMember.objects.create(
            region=world.region, municipality=unit, position=i + 1, short_label=f"T{i}"
        )
        declaration = Declaration.objects.create(
            call=call, municipality=unit, status=DeclarationStatus.SUBMITTED
        )
        Answer.objects.bulk_create(
            Answer(
                declaration=declaration,
                topic=t,
                interested=(i + k) % 2 == 0,
                joins_working_group=(i + k) % 4 == 0,
            )
            for k, t in enumerate(topics)
        )


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_ranking_and_drilldown_queries_are_the_same_for_15_and_150_municipalities(world: World) -> None:
    call, topics = open_call(world)
    client = world.client_for("steering")
    ranking = reverse("interests:ranking", args=[call.pk])
    drill = reverse("interests:topic_result", args=[call.pk, topics[0].pk])
    _grow_region(world, call, topics, 13)
    small = (_queries(client, ranking), _queries(client, drill))
    text = _text(client.get(ranking).content.decode())
    assert (
        "1 Personalmanagement 7 " in text
        and "1 Sport, Freizeit, Erholung 7 " in text
        and "3 Bauhof 6 " in text
    )
    _grow_region(world, call, topics, 135)
    large = (_queries(client, ranking), _queries(client, drill))
    assert small == large, f"15 Kommunen: {small}, 150 Kommunen: {large}"
    text = _text(client.get(ranking).content.decode())
    assert re.search(r"1 Personalmanagement 74 \d+ 1 Bauhof 74 \d+ 1 Sport, Freizeit, Erholung 74 ", text), (
        text
    )


def test_topic_field_must_belong_to_area_and_closed_calls_keep_their_topics(world: World) -> None:
    from ikz.cooperation.models import CooperationField

    call, (personal, *_rest) = open_call(world)
    other = TaskArea.objects.create(name="Bauhof")
    foreign_field = CooperationField.objects.create(task_area=other, name="Streusalzmanagement")
    client = world.client_for("office")
    url = reverse("interests:topic_edit", args=[call.pk, personal.pk])
    data = {"label": "Personal", "task_area": personal.task_area_id, "field": foreign_field.pk, "position": 1,
            "version": 1}  # fmt: skip
    page = client.post(url, data).content.decode()
    assert 'id="id_field_error"' in page and "gehört nicht zum gewählten Aufgabengebiet" in page
    InterestCall.objects.filter(pk=call.pk).update(status="closed")
    data["field"] = ""
    page = client.post(url, data).content.decode()
    assert "Der Aufruf ist abgeschlossen" in page
    personal.refresh_from_db()
    assert (personal.label, personal.version) == ("Personalmanagement", 1)
