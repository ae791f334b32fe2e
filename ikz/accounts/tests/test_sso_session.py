"""Single sign-on after the login: logging out ends the provider's session (RP-initiated logout),
sessions are refreshed at the provider, and IKZ_PASSWORD_LOGIN closes the password login
(decisions 185–187). The provider is the simulated Keycloak of ``sso_provider``."""

from __future__ import annotations

import runpy
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from ikz import urls as _project_urls  # noqa: F401 - loaded with SSO off, before a test switches it on
from ikz.accounts.models import User
from ikz.accounts.tests.sso_provider import REALM, come_back, id_token, query_of, sign_in, user_id
from ikz.audit.models import AuditEntry
from ikz.test import PASSWORD, World

pytestmark = pytest.mark.django_db
LOGOUT = f"{REALM}/protocol/openid-connect/logout"


def _sso_login(world: World, client: Client, person: User | None = None) -> User:
    person = person or world.contact_a
    person.email = f"{person.username}@kreis.example"
    person.save()
    sign_in(client, {"email": person.email, "email_verified": True})
    assert user_id(client) == str(person.pk)
    return person


# --- RP-initiated logout ------------------------------------------------------------------------


def test_logging_out_after_single_sign_on_ends_the_session_at_the_provider(
    world: World, client: Client, sso: Any
) -> None:
    _sso_login(world, client)
    token = client.session["oidc_id_token"]
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and user_id(client) is None
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == LOGOUT
    query = {k: v[0] for k, v in parse_qs(target.query).items()}
    assert query == {
        "id_token_hint": token,
        "client_id": "ikz-plattform",
        "post_logout_redirect_uri": django_settings.IKZ_BASE_URL + reverse("accounts:login"),
    }
    assert "oidc_id_token" not in client.session  # the token left with the session


def test_a_password_session_logs_out_locally_even_with_single_sign_on(
    world: World, client: Client, sso: Any
) -> None:
    client.post(reverse("accounts:login"), {"username": "contact_a", "password": PASSWORD})
    assert user_id(client) == str(world.contact_a.pk)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login") and user_id(client) is None


def test_without_an_end_session_endpoint_the_logout_stays_local(
    world: World, client: Client, sso: Any
) -> None:
    sso.IKZ_OIDC_END_SESSION_ENDPOINT = ""
    _sso_login(world, client)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login") and user_id(client) is None


def test_the_library_logout_method_answers_the_same(world: World, client: Client, sso: Any) -> None:
    """``OIDC_OP_LOGOUT_URL_METHOD`` (mozilla-django-oidc's own logout view) gives the same address."""
    from ikz.accounts.oidc import end_session_url

    _sso_login(world, client)
    request = type("R", (), {"session": client.session})()
    assert end_session_url(request).startswith(LOGOUT + "?id_token_hint=")
    request.session = {}
    assert end_session_url(request) == reverse("accounts:login")


# --- Refresh at the provider ---------------------------------------------------------------------


def _expire(client: Client) -> None:
    session = client.session
    session["oidc_id_token_expiration"] = time.time() - 1
    session.save()


def test_an_expired_sso_session_is_checked_again_at_the_provider_without_a_prompt(
    world: World, client: Client, sso: Any
) -> None:
    person = _sso_login(world, client)
    assert client.get("/kommunen/").status_code == 200  # within the 15 minutes: nothing happens
    _expire(client)
    assert client.get("/kommunen/", headers={"x-requested-with": "fetch"}).status_code == 200  # a poll
    refresh = client.get("/kommunen/")
    assert refresh.status_code == 302
    query = query_of(refresh["Location"])
    assert query["prompt"] == "none" and query["client_id"] == "ikz-plattform"
    back = come_back(
        client, query, {"email": person.email, "email_verified": True}, token=id_token(query["nonce"])
    )
    assert back["Location"] == "/kommunen/" and user_id(client) == str(person.pk)
    assert client.session["oidc_id_token_expiration"] > time.time() + 14 * 60


def test_a_session_ended_or_disabled_at_the_provider_ends_here_at_the_next_refresh(
    world: World, client: Client, sso: Any
) -> None:
    _sso_login(world, client)
    _expire(client)
    query = query_of(client.get("/kommunen/")["Location"])
    response = client.get(
        reverse("accounts:sso_callback"), {"error": "login_required", "state": query["state"]}
    )
    assert user_id(client) is None
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fkommunen%2F"
    assert "abgelaufen oder wurde dort beendet" in client.get(response["Location"]).content.decode()
    assert client.get("/kommunen/")["Location"].startswith(reverse("accounts:login"))


def test_a_refresh_answered_for_an_account_no_longer_known_ends_the_session(
    world: World, client: Client, sso: Any
) -> None:
    person = _sso_login(world, client)
    _expire(client)
    query = query_of(client.get("/kommunen/")["Location"])
    response = come_back(
        client,
        query,
        {"email": "andere@kreis.example", "email_verified": True},
        token=id_token(query["nonce"]),
    )
    assert user_id(client) is None and response["Location"] == reverse("accounts:login")
    assert "noch kein Konto" in client.get(response["Location"]).content.decode()
    assert not User.objects.filter(email="andere@kreis.example").exists() and person.is_active


def test_password_sessions_are_not_sent_to_the_provider(world: World, client: Client, sso: Any) -> None:
    client.post(reverse("accounts:login"), {"username": "contact_a", "password": PASSWORD})
    _expire(client)
    assert client.get("/kommunen/").status_code == 200


def _settings_with(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = Path(django_settings.BASE_DIR) / "ikz" / "settings.py"
    return runpy.run_path(str(path))


def test_the_refresh_middleware_is_there_only_with_single_sign_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IKZ_OIDC_ENABLED", raising=False)
    assert "ikz.accounts.oidc.SsoSessionRefresh" not in _settings_with(monkeypatch)["MIDDLEWARE"]
    on = _settings_with(
        monkeypatch,
        IKZ_OIDC_ENABLED="1",
        IKZ_OIDC_ISSUER="https://sso.example/realms/r",
        IKZ_OIDC_CLIENT_ID="ikz",
        IKZ_OIDC_CLIENT_SECRET="s",
    )
    middleware = on["MIDDLEWARE"]
    assert middleware.index("ikz.accounts.oidc.SsoSessionRefresh") > middleware.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
    assert on["OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS"] == 900 and on["OIDC_STORE_ID_TOKEN"] is True
    assert (
        on["IKZ_OIDC_END_SESSION_ENDPOINT"] == "https://sso.example/realms/r/protocol/openid-connect/logout"
    )
    off = _settings_with(monkeypatch, IKZ_OIDC_REFRESH_MINUTES="0", IKZ_OIDC_END_SESSION_ENDPOINT="")
    assert "ikz.accounts.oidc.SsoSessionRefresh" not in off["MIDDLEWARE"]
    assert off["IKZ_OIDC_END_SESSION_ENDPOINT"] == ""


def test_password_login_setting_is_checked_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IKZ_OIDC_ENABLED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="all, office oder sso-accounts-off"):
        _settings_with(monkeypatch, IKZ_PASSWORD_LOGIN="keine")
    with pytest.raises(ImproperlyConfigured, match="nur zusammen mit IKZ_OIDC_ENABLED=1"):
        _settings_with(monkeypatch, IKZ_PASSWORD_LOGIN="office")


# --- IKZ_PASSWORD_LOGIN --------------------------------------------------------------------------


def _password_login(username: str) -> Any:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    return client, response


def test_the_first_single_sign_on_links_the_account_once(world: World, client: Client, sso: Any) -> None:
    person = _sso_login(world, client)
    person.refresh_from_db()
    first = person.sso_linked_at
    assert first is not None
    _sso_login(world, Client(), person)
    person.refresh_from_db()
    assert person.sso_linked_at == first
    entries = AuditEntry.objects.filter(object_id=person.pk, message__contains="Single Sign-on: Konto")
    assert entries.count() == 1


def test_linked_accounts_lose_the_password_login_with_sso_accounts_off(
    world: World, client: Client, sso: Any
) -> None:
    sso.IKZ_PASSWORD_LOGIN = "sso-accounts-off"
    _sso_login(world, client)
    other, response = _password_login("contact_a")
    assert response.status_code == 200 and user_id(other) is None
    page = response.content.decode()
    assert (
        "die Anmeldung mit Passwort ist dafür abgeschaltet" in page and "Mit Single Sign-on anmelden" in page
    )
    # a wrong password says only that (nothing about the account's way in)
    wrong = Client().post(reverse("accounts:login"), {"username": "contact_a", "password": "falsch"})
    assert "abgeschaltet" not in wrong.content.decode() and "Passwort ist falsch" in wrong.content.decode()
    # an account that never came through single sign-on keeps its password
    steering, _ = _password_login("steering")
    assert user_id(steering) == str(world.steering.pk)


def test_only_the_office_keeps_the_password_login_with_office(world: World, sso: Any) -> None:
    sso.IKZ_PASSWORD_LOGIN = "office"
    client, response = _password_login("contact_a")
    assert user_id(client) is None
    assert "nur für die Geschäftsstelle geöffnet (Notfallzugang)" in response.content.decode()
    office, _ = _password_login("office")
    assert user_id(office) == str(world.office.pk)


def test_the_login_page_puts_single_sign_on_first_when_the_password_is_restricted(
    world: World, client: Client, sso: Any
) -> None:
    box = '<details class="ikz-password-login"'
    page = client.get(reverse("accounts:login")).content.decode()
    assert box not in page
    assert page.index('name="password"') < page.index("Mit Single Sign-on anmelden")
    sso.IKZ_PASSWORD_LOGIN = "office"
    page = client.get(reverse("accounts:login")).content.decode()
    assert page.index("Mit Single Sign-on anmelden") < page.index(box) < page.index('name="password"')
    assert "Notfallzugang" in page and f"{box} open" not in page
    refused = client.post(reverse("accounts:login"), {"username": "contact_a", "password": PASSWORD})
    assert f"{box} open" in refused.content.decode()  # the message is not hidden in a closed box
    sso.IKZ_PASSWORD_LOGIN = "sso-accounts-off"
    assert "nur noch darüber an" in client.get(reverse("accounts:login")).content.decode()


def test_without_single_sign_on_the_password_is_always_open(world: World, settings: Any) -> None:
    settings.IKZ_OIDC_ENABLED = False
    settings.IKZ_PASSWORD_LOGIN = "office"  # refused at start; the rule stays safe anyway
    client, _ = _password_login("contact_a")
    assert user_id(client) == str(world.contact_a.pk)
