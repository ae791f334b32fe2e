"""The REST API as a client system sees it: access as on the pages, paging, conflicts, German
errors, bad input, security headers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.api.tests.helpers import api_client
from ikz.audit.models import AuditEntry
from ikz.municipalities.models import Kind, Level
from ikz.network.models import Need, Solution
from ikz.projects.models import Milestone
from ikz.test import World, make_unit
from ikz.tests.test_persona_matrix import _objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(world: World) -> dict[str, Any]:
    return _objects(world)


def test_contact_b_gets_404_for_kommune_as_draft_response(world: World, objects: dict[str, Any]) -> None:
    response = objects["response_a"]
    url = f"/api/antworten/{response.pk}/"
    assert api_client(world, "contact_a").get(url).status_code == 200
    answer = api_client(world, "contact_b").get(url)
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Nicht gefunden."}
    assert api_client(world, "contact_b").get("/api/antworten/").json()["count"] == 0
    assert api_client(world, "steering").get(url).status_code == 404  # a draft: not yet for steering


def test_documents_honour_visibility(world: World, objects: dict[str, Any]) -> None:
    internal = objects["doc_a"]
    titles_b = {d["title"] for d in api_client(world, "contact_b").get("/api/dokumente/").json()["items"]}
    assert internal.title not in titles_b and objects["doc_public"].title in titles_b
    assert api_client(world, "contact_a").get(f"/api/dokumente/{internal.pk}/").status_code == 200
    assert "file" not in api_client(world, "contact_a").get(f"/api/dokumente/{internal.pk}/").json()


def test_municipalities_page_filter_and_order(world: World) -> None:
    client = api_client(world, "member")
    everything = client.get("/api/kommunen/", limit=200).json()
    names = [m["name"] for m in everything["items"]]
    assert names == sorted(names) and everything["count"] == len(names) == 5
    first = client.get("/api/kommunen/", limit=2, offset=0).json()
    second = client.get("/api/kommunen/", limit=2, offset=2).json()
    assert first["count"] == 5 and [m["name"] for m in first["items"] + second["items"]] == names[:4]
    in_region = client.get("/api/kommunen/", region=world.region.slug, level="gemeinde").json()
    assert {m["name"] for m in in_region["items"]} == {"Raunheim, Stadt", "Kelsterbach, Stadt"}
    assert client.get("/api/kommunen/", q="Raun").json()["items"][0]["population"] == 15297
    too_many = client.get("/api/kommunen/", limit=201)
    assert too_many.status_code == 422
    assert too_many.json()["errors"] == [{"field": "query.limit", "message": "Höchstens 200."}]


@pytest.mark.parametrize(
    "url,make",
    [
        ("/api/kommunen/", lambda w, i: make_unit(f"0643399{i:02}", f"Ort {i}", Level.GEMEINDE, Kind.GEMEINDE, w.kreis)),
        ("/api/loesungen/", lambda w, i: Solution.objects.create(title=f"L{i}", description="d", owner=w.kommune_a, field=w._field, contact="c", last_confirmed=dt.date(2026, 1, 1))),
        ("/api/meilensteine/", lambda w, i: Milestone.objects.create(project=w._project, title=f"M{i}", planned=dt.date(2026, 1, i + 1))),
        ("/api/kooperationen/", None),
    ],
)  # fmt: skip
def test_lists_take_the_same_number_of_queries_at_two_sizes(
    world: World, objects: dict[str, Any], url: str, make: Any
) -> None:
    world._project = objects["project"]  # type: ignore[attr-defined]
    world._field = objects["field"]  # type: ignore[attr-defined]
    client = api_client(world, "office")
    client.get(url)  # warm up (token's last use, content types)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    for i in range(5):
        if make:
            make(world, i)
        else:
            from ikz.cooperation.models import Cooperation, Participant

            coop = Cooperation.objects.create(region=world.region, title=f"K{i}", field=objects["field"])
            Participant.objects.create(cooperation=coop, municipality=world.kommune_a, status="active")
    assert count() == small


def _milestone_url(objects: dict[str, Any]) -> str:
    return f"/api/meilensteine/{objects['milestone'].pk}/"


def test_the_lead_moves_a_milestone_forecast(world: World, objects: dict[str, Any]) -> None:
    milestone = objects["milestone"]
    client = api_client(world, "project_lead")
    answer = client.patch(_milestone_url(objects), {"version": milestone.version, "forecast": "2014-10-31"})
    assert answer.status_code == 200, answer.content
    assert answer.json()["forecast"] == "2014-10-31" and answer.json()["version"] == milestone.version + 1
    milestone.refresh_from_db()
    assert milestone.forecast == dt.date(2014, 10, 31)
    assert AuditEntry.objects.filter(object_id=str(milestone.pk), action="update").exists()


def test_a_stale_version_gets_409_with_the_current_values_and_is_recorded(
    world: World, objects: dict[str, Any]
) -> None:
    milestone = objects["milestone"]
    client = api_client(world, "office")
    first = client.patch(_milestone_url(objects), {"version": milestone.version, "note": "erste"})
    assert first.status_code == 200
    late = client.patch(_milestone_url(objects), {"version": milestone.version, "note": "zweite"})
    assert late.status_code == 409
    body = late.json()
    assert body["detail"].startswith("Dieser Datensatz wurde inzwischen von jemand anderem geändert.")
    assert body["current_version"] == milestone.version + 1
    assert body["current"] == {"note": "erste"}
    milestone.refresh_from_db()
    assert milestone.note == "erste"
    refused = AuditEntry.objects.get(object_id=str(milestone.pk), action="conflict")
    assert refused.changes == {"note": ["erste", "zweite"]}


def test_readers_get_403_and_invisible_objects_404_on_write(world: World, objects: dict[str, Any]) -> None:
    milestone = objects["milestone"]
    body = {"version": milestone.version, "note": "x"}
    assert api_client(world, "steering").patch(_milestone_url(objects), body).status_code == 403
    assert api_client(world, "contact_b").patch(_milestone_url(objects), body).status_code == 403
    assert api_client(world, "member").patch(_milestone_url(objects), body).status_code == 404
    assert api_client(world, "office").patch("/api/meilensteine/999999/", body).status_code == 404
    assert api_client(world, "anonymous").patch(_milestone_url(objects), body).status_code == 401
    need = objects["need"]
    forbidden = api_client(world, "contact_b").patch(f"/api/bedarfe/{need.pk}/", {"version": need.version})
    assert forbidden.status_code == 403
    assert forbidden.json() == {"detail": "Sie dürfen diesen Datensatz lesen, aber nicht ändern."}


WRITES = [
    ("/api/meilensteine/{milestone}/", "note", 20000, "project_lead"),
    ("/api/loesungen/{solution}/", "title", 300, "contact_a"),
    ("/api/bedarfe/{need}/", "title", 300, "contact_a"),
    ("/api/projekte/{project}/", "title", 200, "project_lead"),
]


def _url(template: str, objects: dict[str, Any]) -> tuple[str, Any]:
    key = template.split("{")[1].split("}")[0]
    return template.replace("{" + key + "}", str(objects[key].pk)), objects[key]


@pytest.mark.parametrize("template,field,max_length,persona", WRITES)
def test_bad_input_on_every_write_is_422_in_german(
    world: World, objects: dict[str, Any], template: str, field: str, max_length: int, persona: str
) -> None:
    url, obj = _url(template, objects)
    client = api_client(world, persona)
    cases = [
        ({"version": obj.version, field: "x" * (max_length + 1)}, f"body.{field}", f"Höchstens {max_length} Zeichen."),
        ({"version": "eins", field: "ok"}, "body.version", "Bitte eine ganze Zahl angeben."),
        ({field: "ok"}, "body.version", "Dieses Feld ist erforderlich."),
        ({"version": obj.version, field: 17}, f"body.{field}", "Bitte einen Text angeben."),
    ]  # fmt: skip
    for body, where, message in cases:
        answer = client.patch(url, body)
        assert answer.status_code == 422, (body, answer.content)
        assert {"field": where, "message": message} in answer.json()["errors"], answer.json()
        assert answer.json()["detail"] == "Die Eingaben sind ungültig."
    broken = client.patch(url, "{kein json")
    assert broken.status_code == 422
    obj.refresh_from_db()
    assert getattr(obj, field) != "ok"


def test_service_errors_are_422_in_german(world: World, objects: dict[str, Any]) -> None:
    milestone = objects["milestone"]
    answer = api_client(world, "office").patch(
        _milestone_url(objects), {"version": milestone.version, "reached": "2999-01-01"}
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "reached"
    assert answer.json()["errors"][0]["message"]


def test_a_script_payload_is_stored_as_text_and_shown_escaped(world: World, objects: dict[str, Any]) -> None:
    need: Need = objects["need"]
    payload = '<script>alert("x")</script>'
    answer = api_client(world, "contact_a").patch(
        f"/api/bedarfe/{need.pk}/", {"version": need.version, "title": payload}
    )
    assert answer.status_code == 200
    assert answer.json()["title"] == payload
    need.refresh_from_db()
    assert need.title == payload
    page = world.client_for("contact_a").get(reverse("network:need_detail", args=[need.pk])).content.decode()
    assert payload not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_ids_the_persona_may_not_see_are_404(world: World, objects: dict[str, Any]) -> None:
    client = api_client(world, "member")
    assert client.get(f"/api/projekte/{objects['project'].pk}/").status_code == 404
    milestone = objects["milestone"]
    assert client.patch(_milestone_url(objects), {"version": milestone.version}).status_code == 404
    assert client.get("/api/meilensteine/", project=objects["project"].pk).json()["count"] == 0


def test_security_headers_on_an_api_response(world: World, settings: Any) -> None:
    answer = api_client(world, "office").get("/api/kommunen/")
    assert answer.status_code == 200
    assert "default-src" in answer["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in answer["Content-Security-Policy"]
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Referrer-Policy"] == "same-origin"
    assert answer["X-Frame-Options"] == "DENY"
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    secure = api_client(world, "office").client.get(
        "/api/kommunen/", secure=True, **api_client(world, "office").headers
    )
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_openapi_document_and_the_reference_page(client: Any) -> None:
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] == "IKZ-Plattform API"
    assert "/api/meilensteine/{pk}/" in document["paths"]
    page = client.get(reverse("api:reference"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "PATCH /api/meilensteine/{pk}/" in text and "Authorization: Bearer" in text
    assert "<script" not in text
