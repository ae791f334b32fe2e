"""Technical accounts' keys (read only, expiry), the rate limit (counted in the database) and the
"changed since" filter, as a synchronising system sees them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from ikz.api import rules
from ikz.api.models import ApiToken, RateCount, Scope, TechnicalAccount
from ikz.api.registry import api
from ikz.api.services import count_request, create_technical_token
from ikz.api.tests.helpers import ApiClient, api_client
from ikz.audit.models import AuditEntry
from ikz.test import World
from ikz.tests.test_persona_matrix import _objects

pytestmark = pytest.mark.django_db

IN_A_YEAR = dt.date.today() + dt.timedelta(days=365)


def _technical(world: World, expires_on: dt.date = IN_A_YEAR) -> tuple[ApiToken, ApiClient]:
    token, secret = create_technical_token(
        "Fachverfahren Kreis", world.region, expires_on, actor=world.office
    )
    return token, ApiClient(secret)


# --- technical accounts -----------------------------------------------------------------------------


def test_the_office_creates_a_technical_key_shown_once_and_audited(world: World) -> None:
    client = world.client_for("office")
    page = client.get(reverse("api:token_list")).content.decode()
    assert "Schlüssel technischer Konten" in page
    data = {
        "technisch-name": "Fachverfahren Bauamt",
        "technisch-region": world.region.pk,
        "technisch-expires_on": IN_A_YEAR.isoformat(),
    }
    response = client.post(reverse("api:technical_create"), data)
    assert response.status_code == 200
    secret = response.context["secret"]
    token = ApiToken.objects.get(account__name="Fachverfahren Bauamt")
    assert token.user is None and token.scope == Scope.READ
    assert timezone.localtime(token.expires_at).date() == IN_A_YEAR
    assert token.account is not None and token.account.region == world.region
    assert AuditEntry.objects.filter(object_id=str(token.pk), action="create").exists()
    listing = client.get(reverse("api:token_list")).content.decode()
    assert "Fachverfahren Bauamt" in listing and token.prefix in listing and secret not in listing
    assert ApiClient(secret).get("/api/kommunen/").status_code == 200


def test_only_the_office_creates_technical_keys(world: World) -> None:
    client = world.client_for("contact_a")
    assert "Schlüssel technischer Konten" not in client.get(reverse("api:token_list")).content.decode()
    response = client.post(
        reverse("api:technical_create"),
        {"technisch-name": "x", "technisch-region": world.region.pk, "technisch-expires_on": IN_A_YEAR},
    )
    assert response.status_code == 403
    assert not TechnicalAccount.objects.exists()


@pytest.mark.parametrize(
    ("expires_on", "message"),
    [
        ("", "Dieses Feld ist zwingend erforderlich."),
        ((dt.date.today() - dt.timedelta(days=1)).isoformat(), "nicht in der Vergangenheit"),
        ((dt.date.today() + dt.timedelta(days=800)).isoformat(), "höchstens zwei Jahre"),
    ],
)
def test_a_technical_key_needs_an_expiry_date_within_two_years(
    world: World, expires_on: str, message: str
) -> None:
    data = {"technisch-name": "Sync", "technisch-region": world.region.pk, "technisch-expires_on": expires_on}
    response = world.client_for("office").post(reverse("api:technical_create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_technical_key_reads_like_the_office_of_its_region(world: World) -> None:
    objects = _objects(world)
    _token, client = _technical(world)
    office = api_client(world, "office")
    for url in ["/api/kommunen/", "/api/antworten/", "/api/projekte/", "/api/dokumente/"]:
        assert client.get(url).json()["count"] == office.get(url).json()["count"], url
    assert client.get(f"/api/antworten/{objects['response_a'].pk}/").status_code == 200  # a draft


def test_a_technical_key_may_not_write_403_in_german(world: World) -> None:
    objects = _objects(world)
    _token, client = _technical(world)
    need = objects["need"]
    response = client.patch(f"/api/bedarfe/{need.pk}/", {"version": need.version, "title": "Neu"})
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Dieser API-Schlüssel eines technischen Kontos darf nur lesen (GET), nicht ändern."
    }
    assert "insufficient_scope" in response["WWW-Authenticate"]
    need.refresh_from_db()
    assert need.title != "Neu"
    assert client.post("/api/interessenbekundungen/", {"call_id": 1}).status_code == 403


def test_an_expired_technical_key_gets_401_naming_the_day(world: World) -> None:
    token, client = _technical(world)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.make_aware(dt.datetime(2026, 3, 1, 23, 59))
    )
    response = client.get("/api/kommunen/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Der API-Schlüssel ist abgelaufen (am 01.03.2026 23:59)."}
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_a_revoked_technical_key_gets_401_and_the_office_revokes_it(world: World) -> None:
    token, client = _technical(world)
    assert client.get("/api/kommunen/").status_code == 200
    response = world.client_for("office").post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert client.get("/api/kommunen/").json()["detail"].startswith("Anmeldung erforderlich")
    assert AuditEntry.objects.filter(object_id=str(token.pk), action="update").exists()
    # nobody else revokes it
    other, _client = _technical(world)
    assert world.client_for("steering").post(reverse("api:token_revoke", args=[other.pk])).status_code == 404


def test_personal_keys_keep_working_and_writing(world: World) -> None:
    objects = _objects(world)
    client = api_client(world, "office")
    need = objects["need"]
    response = client.patch(f"/api/bedarfe/{need.pk}/", {"version": need.version, "title": "Neu"})
    assert response.status_code == 200


# --- rate limit -------------------------------------------------------------------------------------


def test_over_the_limit_a_key_gets_429_with_retry_after(world: World, settings: Any) -> None:
    settings.IKZ_API_RATE_PER_MINUTE = 3
    client = api_client(world, "office")
    assert [client.get("/api/kommunen/").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/api/kommunen/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Zu viele Anfragen: höchstens 3 je Minute.")
    # another key counts on its own
    assert api_client(world, "steering").get("/api/kommunen/").status_code == 200


def test_wrong_keys_are_counted_per_address(world: World, settings: Any) -> None:
    settings.IKZ_API_RATE_PER_MINUTE = 2
    codes = [ApiClient(f"falsch-{n}").get("/api/kommunen/").status_code for n in range(3)]
    assert codes == [401, 401, 429]


def test_the_count_is_one_row_per_caller_and_minute_in_the_database() -> None:
    now = timezone.now()
    assert [count_request("key:1", now=now) for _ in range(3)] == [1, 2, 3]
    assert count_request("key:2", now=now) == 1
    later = now + dt.timedelta(minutes=3)
    assert count_request("key:1", now=later) == 1  # a new minute starts at 1 …
    assert set(RateCount.objects.values_list("bucket", "hits")) == {("key:1", 1)}  # … and clears the old


@pytest.mark.parametrize(
    ("meta", "proxies", "address"),
    [
        ({"REMOTE_ADDR": "10.0.0.1"}, 0, "10.0.0.1"),
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, 0, "10.0.0.1"),
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "9.9.9.9, 1.2.3.4"}, 1, "1.2.3.4"),
        ({"REMOTE_ADDR": "10.0.0.1"}, 1, "10.0.0.1"),
    ],
)
def test_the_address_is_taken_from_the_trusted_proxy_only(
    meta: dict[str, str], proxies: int, address: str
) -> None:
    assert rules.client_address(meta, proxies) == address


# --- changed since ----------------------------------------------------------------------------------


def test_changed_since_lists_only_what_changed_at_or_after_the_moment(world: World) -> None:
    objects = _objects(world)
    client = api_client(world, "office")
    everything = client.get("/api/bedarfe/").json()["count"]
    assert everything >= 1
    moment = timezone.now()
    later = client.get("/api/bedarfe/", geaendert_seit=moment.isoformat()).json()
    assert later["count"] == 0
    need = objects["need"]
    response = client.patch(f"/api/bedarfe/{need.pk}/", {"version": need.version, "title": "Geändert"})
    assert response.status_code == 200
    for name in ("geaendert_seit", "changed_since"):
        items = client.get("/api/bedarfe/", **{name: moment.isoformat()}).json()["items"]
        assert [item["id"] for item in items] == [need.pk], name
    earlier = (moment - dt.timedelta(days=1)).isoformat()
    assert client.get("/api/bedarfe/", geaendert_seit=earlier).json()["count"] == everything


def test_changed_since_uses_updated_at_where_a_model_has_one(world: World) -> None:
    objects = _objects(world)
    client = api_client(world, "office")
    moment = timezone.now()
    project = objects["project"]
    type(project).objects.filter(pk=project.pk).update(updated_at=moment + dt.timedelta(seconds=1))
    items = client.get("/api/projekte/", changed_since=moment.isoformat()).json()["items"]
    assert [item["id"] for item in items] == [project.pk]


def test_changed_since_counts_a_changed_part_shown_inside(world: World) -> None:
    objects = _objects(world)
    client = api_client(world, "office")
    moment = timezone.now()
    declaration = objects["declaration_a"]
    answer = declaration.answers.first()
    assert answer is not None
    AuditEntry.objects.create(
        actor_label="Test",
        action="update",
        content_type=ContentType.objects.get_for_model(type(answer)),
        object_id=str(answer.pk),
        object_repr="Antwort",
    )
    items = client.get("/api/interessenbekundungen/", geaendert_seit=moment.isoformat()).json()["items"]
    assert declaration.pk in [item["id"] for item in items]


@pytest.mark.parametrize("value", ["gestern", "2026-13-01", "2026-02-30T10:00", "0001-01-01", "x" * 100, ""])
@pytest.mark.parametrize("name", ["geaendert_seit", "changed_since"])
def test_a_bad_changed_since_is_400_naming_the_parameter(world: World, name: str, value: str) -> None:
    response = api_client(world, "office").get("/api/projekte/", **{name: value})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Die Eingaben sind ungültig."
    assert body["errors"][0]["field"] == f"query.{name}"
    assert body["errors"][0]["message"].startswith(f"{name}: bitte einen Zeitpunkt nach ISO 8601 angeben")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-01T08:00:00+02:00", dt.datetime(2026, 5, 1, 6, 0, tzinfo=dt.UTC)),
        ("2026-05-01T06:00:00Z", dt.datetime(2026, 5, 1, 6, 0, tzinfo=dt.UTC)),
        ("2026-05-01T08:00", dt.datetime(2026, 5, 1, 6, 0, tzinfo=dt.UTC)),  # German summer time
        ("2026-01-01", dt.datetime(2025, 12, 31, 23, 0, tzinfo=dt.UTC)),
    ],
)
def test_moments_are_read_as_iso_8601_in_german_time_without_an_offset(
    text: str, expected: dt.datetime
) -> None:
    assert rules.parse_moment(text) == expected


def test_every_list_offers_changed_since_and_documents_400_and_429() -> None:
    document = api.get_openapi_schema(path_prefix="/api")
    lists = 0
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            names = {p["name"] for p in spec.get("parameters", [])}
            assert 429 in spec["responses"], (method, path)
            if "limit" in names:
                lists += 1
                assert {"geaendert_seit", "changed_since"} <= names, path
                assert 400 in spec["responses"], path
    assert lists == 18
