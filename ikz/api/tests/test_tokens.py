"""Personal API tokens: created and shown once, stored hashed, listed, revoked, used."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from ikz.api.models import ApiToken
from ikz.api.services import create_token, revoke_token
from ikz.api.tests.helpers import ApiClient
from ikz.audit.models import AuditEntry
from ikz.test import World

pytestmark = pytest.mark.django_db

LIST = "/api/kommunen/"


def test_creating_a_token_shows_the_secret_once_and_stores_only_its_hash(world: World) -> None:
    client = world.client_for("contact_a")
    response = client.post(reverse("api:token_create"), {"name": "Fachverfahren Bauamt"})
    assert response.status_code == 200
    secret = response.context["secret"]
    token = ApiToken.objects.get(user=world.contact_a)
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.prefix, token.secret_hash}
    assert token.prefix == secret[:8]
    assert secret in response.content.decode()
    listing = client.get(reverse("api:token_list")).content.decode()
    assert "Fachverfahren Bauamt" in listing and token.prefix in listing
    assert secret not in listing
    assert AuditEntry.objects.filter(object_id=str(token.pk), action="create").exists()


def test_a_token_without_a_name_is_refused_with_a_german_message(world: World) -> None:
    response = world.client_for("contact_a").post(reverse("api:token_create"), {"name": ""})
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_token_authenticates_and_notes_its_last_use(world: World) -> None:
    token, secret = create_token(world.contact_a, "CLI", actor=world.contact_a)
    assert token.last_used_at is None
    assert ApiClient(secret).get(LIST).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_or_wrong_token_gets_401_in_german(world: World) -> None:
    token, secret = create_token(world.contact_a, "CLI", actor=world.contact_a)
    client = world.client_for("contact_a")
    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    for bad in [secret, "falsch", ""]:
        response = ApiClient(bad).get(LIST)
        assert response.status_code == 401, bad
        assert response.json()["detail"].startswith("Anmeldung erforderlich")
        assert response["Content-Type"] == "application/json; charset=utf-8"
    assert AuditEntry.objects.filter(object_id=str(token.pk), action="update").exists()


def test_nobody_revokes_someone_elses_token(world: World) -> None:
    token, _secret = create_token(world.contact_a, "CLI", actor=world.contact_a)
    response = world.client_for("contact_b").post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "CLI" not in world.client_for("contact_b").get(reverse("api:token_list")).content.decode()


def test_revoking_twice_keeps_the_first_date(world: World) -> None:
    token, _secret = create_token(world.office, "x", actor=world.office)
    first = revoke_token(token, actor=world.office).revoked_at
    assert revoke_token(token, actor=world.office).revoked_at == first


def test_the_profile_links_to_the_tokens(world: World) -> None:
    page = world.client_for("member").get(reverse("accounts:profile")).content.decode()
    assert reverse("api:token_list") in page


def test_the_session_reads_but_does_not_write(world: World) -> None:
    client = world.client_for("office")
    assert client.get(LIST).status_code == 200
    url = f"/api/kommunen/{world.kommune_a.pk}/"
    assert client.get(url).status_code == 200
    response = client.patch("/api/bedarfe/1/", "{}", content_type="application/json")
    assert response.status_code == 401
