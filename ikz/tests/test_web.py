"""The two shapes of a writing page (``ikz.web``) and the roles on the request."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from ikz.audit.models import Action, AuditEntry
from ikz.audit.services import ConflictError
from ikz.forms import KernFormMixin, VersionField
from ikz.municipalities.models import Region
from ikz.web import edit_page, pick, post_action

TEMPLATE = "includes/conflict.html"  # any template: the tests read the context and status


class NameForm(KernFormMixin, forms.Form):
    name = forms.CharField(max_length=20)
    version = VersionField()


def _request(method: str, data: dict[str, Any] | None = None, user: Any = None) -> Any:
    factory = RequestFactory()
    request = factory.post("/x/", data or {}) if method == "POST" else factory.get("/x/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.user = user
    return request


def _texts(request: Any) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_pick_takes_the_named_values_only() -> None:
    assert pick({"a": 1, "b": 2, "c": 3}, ["a", "c"]) == {"a": 1, "c": 3}


@pytest.mark.django_db
def test_get_shows_the_form_and_calls_no_service() -> None:
    calls: list[Any] = []
    response = edit_page(_request("GET"), NameForm(), calls.append, template=TEMPLATE, success="gespeichert")
    assert response.status_code == 200
    assert calls == []


@pytest.mark.django_db
def test_a_saved_edit_redirects_with_the_success_message(world: Any) -> None:
    request = _request("POST", {"name": "Neu", "version": "1"}, world.office)
    response = edit_page(
        request,
        NameForm(request.POST),
        lambda data: world.region,
        template=TEMPLATE,
        success="Gespeichert.",
        done=lambda saved: f"/fertig/{saved.slug}/",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/fertig/{world.region.slug}/"
    assert _texts(request) == ["Gespeichert."]


@pytest.mark.django_db
def test_the_service_gets_the_cleaned_values() -> None:
    seen: list[dict[str, Any]] = []
    request = _request("POST", {"name": " Ried ", "version": "3"})

    def save(data: dict[str, Any]) -> None:
        seen.append(dict(data))
        raise ValidationError("nein")

    edit_page(request, NameForm(request.POST), save, template=TEMPLATE, success="ok")
    assert seen == [{"name": "Ried", "version": 3}]


@pytest.mark.django_db
def test_a_refusal_per_field_appears_at_that_field_and_nothing_is_redirected() -> None:
    request = _request("POST", {"name": "Doppelt", "version": "1"})
    form = NameForm(request.POST)

    def save(data: dict[str, Any]) -> None:
        raise ValidationError({"name": "Diesen Namen gibt es schon.", "slug": "Kurzname fehlt."})

    response = edit_page(request, form, save, template=TEMPLATE, success="ok", invalid_status=400)
    assert response.status_code == 400
    assert form.errors["name"] == ["Diesen Namen gibt es schon."]
    assert form.non_field_errors() == ["Kurzname fehlt."]  # no such field on the form: above it
    assert _texts(request) == []


@pytest.mark.django_db
def test_an_invalid_form_never_reaches_the_service() -> None:
    calls: list[Any] = []
    request = _request("POST", {"name": "x" * 21, "version": "1"})
    response = edit_page(
        request, NameForm(request.POST), calls.append, template=TEMPLATE, success="ok", invalid_status=400
    )
    assert response.status_code == 400
    assert calls == []


@pytest.mark.django_db
def test_a_stale_edit_answers_409_records_the_conflict_and_offers_the_current_version(world: Any) -> None:
    region = Region.objects.get(pk=world.region.pk)
    request = _request("POST", {"name": "Meine Fassung", "version": "1"}, world.office)

    def save(data: dict[str, Any]) -> None:
        raise ConflictError(region, {"name": data["name"]}, expected_version=data["version"])

    fresh_forms: list[Any] = []

    def fresh(current: Any) -> Any:
        fresh_forms.append(current)
        return NameForm(initial={"name": current.name, "version": current.version})

    response = edit_page(request, NameForm(request.POST), save, template=TEMPLATE, success="ok", fresh=fresh)
    assert response.status_code == 409
    assert fresh_forms == [region]
    entry = AuditEntry.objects.get(action=Action.CONFLICT)
    assert entry.actor == world.office
    assert entry.changes["name"] == [region.name, "Meine Fassung"]
    assert "geändert" in _texts(request)[0]


@pytest.mark.django_db
def test_a_button_runs_the_service_with_the_version_of_the_page(world: Any) -> None:
    request = _request("POST", {"version": "4"}, world.office)
    versions: list[int] = []
    response = post_action(
        request, lambda v: versions.append(v) or world.region, success="Erledigt.", back="/z/"
    )
    assert (response.status_code, response["Location"]) == (302, "/z/")
    assert versions == [4]
    assert _texts(request) == ["Erledigt."]


@pytest.mark.django_db
def test_a_refused_button_tells_why_and_a_tampered_version_is_named() -> None:
    request = _request("POST", {"version": "2"})

    def save(version: int) -> None:
        raise ValidationError("Der Schritt ist noch nicht erledigt.")

    post_action(request, save, success="Erledigt.", back="/z/")
    assert _texts(request) == ["Der Schritt ist noch nicht erledigt."]

    tampered = _request("POST", {"version": "abc"})
    post_action(tampered, save, success="Erledigt.", back="/z/")
    assert _texts(tampered) == ["Die Fassung des Formulars ist ungültig. Bitte laden Sie die Seite neu."]


@pytest.mark.django_db
def test_the_request_carries_roles_and_regions_without_querying_until_read(world: Any, client: Any) -> None:
    from ikz.middleware import RequestRolesMiddleware

    seen: dict[str, Any] = {}

    def view(request: Any) -> Any:
        with CaptureQueriesContext(connection) as before:
            seen["request"] = request
        seen["queries_before_reading"] = len(before)
        return None

    request = _request("GET", user=world.contact_a)
    RequestRolesMiddleware(view)(request)
    assert seen["queries_before_reading"] == 0
    assert request.roles.contact_municipalities == {world.kommune_a.pk}
    assert request.regions == {world.region.pk}
    office = _request("GET", user=world.office)
    RequestRolesMiddleware(view)(office)
    assert world.region.pk in office.regions
