"""Single sign-on via OpenID Connect against a simulated Keycloak: the provider's token, key and
user-info answers are mocked (no network); the flow through our pages is real."""

from __future__ import annotations

import json
import time
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import BACKEND_SESSION_KEY
from django.test import Client
from django.urls import NoReverseMatch, reverse

from ikz import urls as _project_urls  # noqa: F401 - loaded with SSO off, before a test switches it on
from ikz.test import PASSWORD, PERSONAS, World
from ikz.tests.test_persona_matrix import _all_url_names

pytestmark = pytest.mark.django_db

REALM = "https://sso.kreis.example/realms/verwaltung"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
JWK = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key())) | {
    "kid": "k1",
    "alg": "RS256",
    "use": "sig",
}


@pytest.fixture
def sso(settings: Any) -> Any:
    """Settings as ``IKZ_OIDC_ENABLED=1`` with a Keycloak realm produces them."""
    settings.IKZ_OIDC_ENABLED = True
    settings.IKZ_OIDC_MATCH_BY = "email"
    settings.IKZ_OIDC_ISSUER = REALM
    settings.OIDC_RP_CLIENT_ID = "ikz-plattform"
    settings.OIDC_RP_CLIENT_SECRET = "client-geheimnis"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{REALM}/protocol/openid-connect/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{REALM}/protocol/openid-connect/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{REALM}/protocol/openid-connect/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{REALM}/protocol/openid-connect/certs"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_USE_PKCE = True
    settings.OIDC_CREATE_USER = False
    settings.OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
    settings.LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "ikz.accounts.oidc.OidcBackend",
    ]
    settings.ROOT_URLCONF = "ikz.accounts.tests.sso_urls"
    return settings


class Answer:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.status_code = 200
        self.headers = {"content-type": "application/json"}

    def json(self) -> dict[str, Any]:
        return self.data

    def raise_for_status(self) -> None:
        return None


def sign_in(
    client: Client, claims: dict[str, Any], *, next_url: str = "", token: dict[str, Any] | None = None
) -> Any:
    """Start at our SSO button, 'log in at Keycloak', come back with a code: our callback's answer."""
    start = client.get(reverse("accounts:sso_login") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    target = urlsplit(start["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{REALM}/protocol/openid-connect/auth"
    query = {k: v[0] for k, v in parse_qs(target.query).items()}
    assert query["client_id"] == "ikz-plattform" and query["response_type"] == "code"
    assert query["scope"] == "openid email profile" and query["code_challenge_method"] == "S256"
    assert query["redirect_uri"] == "http://testserver" + reverse("accounts:sso_callback")
    now = int(time.time())
    id_token = jwt.encode(
        {
            "iss": REALM,
            "aud": "ikz-plattform",
            "sub": "f3a1",
            "iat": now,
            "exp": now + 300,
            "nonce": query["nonce"],
            **(token or {}),
        },
        KEY,
        algorithm="RS256",
        headers={"kid": "k1"},
    )

    def post(url: str, **kwargs: Any) -> Answer:
        assert url == f"{REALM}/protocol/openid-connect/token"
        assert kwargs["data"]["code"] == "code-von-keycloak" and "code_verifier" in kwargs["data"]
        return Answer({"id_token": id_token, "access_token": "zugriff", "token_type": "Bearer"})

    def get(url: str, **kwargs: Any) -> Answer:
        if url.endswith("/certs"):
            return Answer({"keys": [JWK]})
        assert url == f"{REALM}/protocol/openid-connect/userinfo"
        assert kwargs["headers"]["Authorization"] == "Bearer zugriff"
        return Answer({"sub": "f3a1", **claims})

    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", side_effect=post),
        mock.patch("mozilla_django_oidc.auth.requests.get", side_effect=get),
    ):
        return client.get(
            reverse("accounts:sso_callback"), {"code": "code-von-keycloak", "state": query["state"]}
        )


def user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def test_the_login_page_offers_single_sign_on_only_when_switched_on(
    world: World, client: Client, sso: Any
) -> None:
    page = client.get(reverse("accounts:login") + "?next=/kommunen/").content.decode()
    assert "Mit Single Sign-on anmelden" in page
    assert f'href="{reverse("accounts:sso_login")}?next=/kommunen/"' in page
    sso.IKZ_OIDC_ENABLED = False
    assert "Single Sign-on" not in client.get(reverse("accounts:login")).content.decode()


def test_a_known_person_logs_in_by_verified_e_mail(world: World, client: Client, sso: Any) -> None:
    world.contact_a.email = "Anna.Beispiel@Raunheim.example"
    world.contact_a.save()
    response = sign_in(
        client, {"email": "anna.beispiel@raunheim.example", "email_verified": True}, next_url="/kommunen/"
    )
    assert response.status_code == 302 and response["Location"] == "/kommunen/"
    assert user_id(client) == str(world.contact_a.pk)
    assert client.session[BACKEND_SESSION_KEY] == "ikz.accounts.oidc.OidcBackend"
    assert client.get("/kommunen/").status_code == 200


def test_an_unknown_person_is_refused_in_german_and_no_account_is_created(
    world: World, client: Client, sso: Any
) -> None:
    from ikz.accounts.models import User

    before = User.objects.count()
    response = sign_in(
        client, {"email": "neu@kreis.example", "email_verified": True, "preferred_username": "neu"}
    )
    assert response["Location"] == reverse("accounts:login") and user_id(client) is None
    page = client.get(response["Location"]).content.decode()
    assert "auf der Plattform gibt es für Sie noch kein Konto" in page and "Geschäftsstelle" in page
    assert User.objects.count() == before


def test_an_unverified_e_mail_address_does_not_open_an_account(
    world: World, client: Client, sso: Any
) -> None:
    world.contact_a.email = "anna@raunheim.example"
    world.contact_a.save()
    response = sign_in(client, {"email": "anna@raunheim.example", "email_verified": False})
    assert user_id(client) is None
    assert "keine bestätigte E-Mail-Adresse" in client.get(response["Location"]).content.decode()


def test_a_deactivated_account_is_refused(world: World, client: Client, sso: Any) -> None:
    world.contact_a.email = "anna@raunheim.example"
    world.contact_a.is_active = False
    world.contact_a.save()
    sign_in(client, {"email": "anna@raunheim.example", "email_verified": True})
    assert user_id(client) is None


@pytest.mark.parametrize("forged", [{"aud": "andere-anwendung"}, {"iss": "https://fremd.example/realms/x"}])
def test_a_token_for_another_client_or_from_another_issuer_is_refused(
    world: World, client: Client, sso: Any, forged: dict[str, str]
) -> None:
    world.contact_a.email = "anna@raunheim.example"
    world.contact_a.save()
    response = sign_in(client, {"email": "anna@raunheim.example", "email_verified": True}, token=forged)
    assert user_id(client) is None and response["Location"] == reverse("accounts:login")


def test_matching_by_user_name(world: World, client: Client, sso: Any) -> None:
    sso.IKZ_OIDC_MATCH_BY = "username"
    sign_in(client, {"preferred_username": "Contact_A"})
    assert user_id(client) == str(world.contact_a.pk)


def test_a_provider_error_or_a_cancelled_login_gets_a_german_message(
    world: World, client: Client, sso: Any
) -> None:
    response = client.get(reverse("accounts:sso_callback"), {"error": "access_denied"})
    assert response["Location"] == reverse("accounts:login")
    assert "Single Sign-on) ist nicht gelungen" in client.get(response["Location"]).content.decode()


def test_single_sign_on_skips_the_local_second_factor_and_the_office_requirement(
    world: World, client: Client, sso: Any
) -> None:
    """The identity provider is responsible for MFA (documented for Keycloak)."""
    from ikz.accounts import services

    sso.IKZ_2FA_REQUIRED_FOR_OFFICE = True
    services.start_totp_setup(world.steering, actor=world.steering)
    world.office.email = "gs@kreis.example"
    world.office.save()
    response = sign_in(client, {"email": "gs@kreis.example", "email_verified": True})
    assert response["Location"] == "/" and user_id(client) == str(world.office.pk)
    assert client.get(reverse("municipalities:region_list")).status_code == 200
    # the same office account with its password is sent to the set-up
    other = Client()
    other.post(reverse("accounts:login"), {"username": "office", "password": PASSWORD})
    assert other.get(reverse("municipalities:region_list"))["Location"] == reverse("accounts:two_factor")


def test_with_sso_on_its_two_urls_are_the_only_additions_and_behave_for_every_persona(
    world: World, sso: Any
) -> None:
    from django.urls import get_resolver

    added = _all_url_names(get_resolver("ikz.accounts.tests.sso_urls")) - _all_url_names(
        get_resolver("ikz.urls")
    )
    assert added == {"accounts:sso_login", "accounts:sso_callback"}
    for persona in PERSONAS:
        client = world.client_for(persona)
        start = client.get(reverse("accounts:sso_login"))
        assert start.status_code == 302 and start["Location"].startswith(REALM), persona
        answer = client.get(reverse("accounts:sso_callback"))
        assert answer.status_code == 302 and answer["Location"] == reverse("accounts:login"), persona


def test_with_sso_off_no_sso_url_exists(world: World) -> None:
    for name in ["accounts:sso_login", "accounts:sso_callback"]:
        with pytest.raises(NoReverseMatch):
            reverse(name)
    assert world.client_for("anonymous").get("/konto/sso/").status_code == 404
