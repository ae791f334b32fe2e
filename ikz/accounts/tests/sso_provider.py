"""A simulated Keycloak for the single sign-on tests: the provider's token, key and user-info answers
are mocked (no network); the flow through our pages is real."""

from __future__ import annotations

import json
import time
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from django.urls import reverse

REALM = "https://sso.kreis.example/realms/verwaltung"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
JWK = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key())) | {
    "kid": "k1",
    "alg": "RS256",
    "use": "sig",
}


def configure(settings: Any) -> Any:
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
    settings.OIDC_STORE_ID_TOKEN = True
    settings.OIDC_OP_LOGOUT_URL_METHOD = "ikz.accounts.oidc.end_session_url"
    settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = 15 * 60
    settings.IKZ_OIDC_END_SESSION_ENDPOINT = f"{REALM}/protocol/openid-connect/logout"
    settings.IKZ_PASSWORD_LOGIN = "all"
    settings.LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "ikz.accounts.oidc.OidcBackend",
    ]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
        "ikz.accounts.oidc.SsoSessionRefresh",
    )
    settings.MIDDLEWARE = middleware
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


def query_of(location: str) -> dict[str, str]:
    """The parameters of a redirect to the provider, after checking where it goes."""
    target = urlsplit(location)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{REALM}/protocol/openid-connect/auth"
    return {k: v[0] for k, v in parse_qs(target.query).items()}


def id_token(nonce: str, token: dict[str, Any] | None = None, key: Any = KEY) -> str:
    now = int(time.time())
    claims = {"iss": REALM, "aud": "ikz-plattform", "sub": "f3a1", "iat": now, "exp": now + 300}
    return jwt.encode(
        claims | {"nonce": nonce} | (token or {}), key, algorithm="RS256", headers={"kid": "k1"}
    )


def come_back(
    client: Client, query: dict[str, str], claims: dict[str, Any], *, token: str, unreachable: bool = False
) -> Any:
    """'Log in at Keycloak' for the request ``query`` and come back with a code: our callback's answer."""

    def post(url: str, **kwargs: Any) -> Answer:
        if unreachable:
            import requests

            raise requests.ConnectionError("Keycloak antwortet nicht")
        assert url == f"{REALM}/protocol/openid-connect/token"
        assert kwargs["data"]["code"] == "code-von-keycloak" and "code_verifier" in kwargs["data"]
        return Answer({"id_token": token, "access_token": "zugriff", "token_type": "Bearer"})

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


def sign_in(
    client: Client,
    claims: dict[str, Any],
    *,
    next_url: str = "",
    token: dict[str, Any] | None = None,
    key: Any = KEY,
    unreachable: bool = False,
) -> Any:
    """Start at our SSO button, 'log in at Keycloak', come back with a code: our callback's answer."""
    start = client.get(reverse("accounts:sso_login") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    query = query_of(start["Location"])
    assert query["client_id"] == "ikz-plattform" and query["response_type"] == "code"
    assert query["scope"] == "openid email profile" and query["code_challenge_method"] == "S256"
    assert query["redirect_uri"] == "http://testserver" + reverse("accounts:sso_callback")
    return come_back(
        client, query, claims, token=id_token(query["nonce"], token, key), unreachable=unreachable
    )


def user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")
