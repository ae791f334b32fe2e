"""The German 400 page (ikz/templates/400.html) for every SuspiciousOperation and BadRequest."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from ikz import urls as project

pytestmark = pytest.mark.django_db


def _suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("geheimes Detail: state=abc123 passt nicht")


def _bad(request: HttpRequest) -> HttpResponse:
    raise BadRequest("geheimes Detail: Feld x")


urlpatterns = [path("test/verdaechtig/", _suspicious), path("test/kaputt/", _bad), *project.urlpatterns]


@pytest.mark.parametrize("address", ["/test/verdaechtig/", "/test/kaputt/"])
def test_a_bad_request_gets_the_german_page_in_the_base_layout_without_details(
    world: Any, settings: Any, address: str
) -> None:
    settings.ROOT_URLCONF = __name__
    for client in [Client(), world.client_for("office")]:
        response = client.get(address)
        assert response.status_code == 400
        page = response.content.decode()
        assert '<h1 class="kern-heading-large">Ungültige Anfrage</h1>' in page
        assert 'href="/konto/anmelden/"' in page and "Impressum" in page  # base layout with footer
        assert "geheimes Detail" not in page and "Bad Request" not in page


def test_a_foreign_host_name_gets_the_german_page_too(world: Any) -> None:
    response = Client().get("/", headers={"host": "boese.example"})
    assert response.status_code == 400 and "Ungültige Anfrage" in response.content.decode()
