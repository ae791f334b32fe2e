"""Single sign-on via OpenID Connect (e.g. the municipal Keycloak), on only with ``IKZ_OIDC_ENABLED``.

The identity provider says who the person is; the platform decides whether that person has an
account here. Nobody is created: accounts and their roles are assigned by the office, so a
colleague of the Kreis who merely has a Keycloak login gets a clear refusal, not an empty account.
Decision "Single sign-on via OpenID Connect: existing accounts only, the identity provider does MFA".

Logging out ends the provider's session too (RP-initiated logout, decision 185), a session is checked
again at the provider every ``IKZ_OIDC_REFRESH_MINUTES`` (decision 186), and a failed or tampered
answer gets a German page instead of Django's bare error (decision 188).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth import logout as auth_logout
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.middleware import SessionRefresh
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from ikz.accounts.models import User
from ikz.accounts.services import consume_sso_invitations
from ikz.accounts.services.sso import mark_sso_linked

logger = logging.getLogger(__name__)
SSO_BACKEND = "ikz.accounts.oidc.OidcBackend"
# Set on the request once the backend has told the person why the login failed.
_EXPLAINED = "_ikz_sso_explained"
# Set on the request when the answer could not be checked: "token" (forged, foreign, expired) or
# "unreachable" (the provider did not answer the server).
_FAILURE = "_ikz_sso_failure"


def _refuse(request: Any, text: str) -> None:
    if request is not None:
        messages.error(request, text)
        setattr(request, _EXPLAINED, True)


class OidcBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Matches the provider's claims to an existing, active account (``IKZ_OIDC_MATCH_BY``):
    by e-mail address — only one the provider has verified — or by user name (claim
    ``IKZ_OIDC_USERNAME_CLAIM``), both case-insensitive. Never creates or changes accounts."""

    def authenticate(self, request: Any, **kwargs: Any) -> User | None:
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:  # a forged or foreign token: refuse like any failure
            logger.warning("Single sign-on refused: %s", exc)
            setattr(request, _FAILURE, "token")
            return None
        except requests.RequestException as exc:  # token, key or user-info endpoint did not answer
            logger.warning("Single sign-on: the provider did not answer: %s", exc)
            setattr(request, _FAILURE, "unreachable")
            return None
        if user is not None:
            consume_sso_invitations(user)  # an invited address's first login spends its link
            mark_sso_linked(user)  # IKZ_PASSWORD_LOGIN=sso-accounts-off closes its password login
        return user

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks signature, expiry and nonce; we add issuer and audience (OIDC Core
        3.1.3.7), so a token the provider issued to another application is not accepted here."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != settings.IKZ_OIDC_ISSUER or self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("IKZ: ID token of another issuer or for another client")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The user-info answer completed by the checked ID token's claims: AD FS answers only
        ``sub`` there and Entra ID no ``preferred_username``; both put them into the ID token. The
        user-info ``sub`` must be the token's (OIDC Core 5.3.2)."""
        userinfo: dict[str, Any] = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub", payload.get("sub")) != payload.get("sub"):
            raise SuspiciousOperation("IKZ: user info of another subject than the ID token")
        return {**payload, **userinfo}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        if settings.IKZ_OIDC_MATCH_BY == "email":
            ok = bool(claims.get("email")) and claims.get("email_verified") is True
            reason = _(
                "Ihr zentrales Konto hat keine bestätigte E-Mail-Adresse. Bitte wenden Sie sich an "
                "die Verwaltung Ihres Anmeldedienstes oder melden Sie sich mit Benutzername und Passwort an."
            )
        else:
            ok = bool(claims.get(settings.IKZ_OIDC_USERNAME_CLAIM))
            reason = _(
                "Ihr zentrales Konto übermittelt keinen Benutzernamen. Bitte melden Sie sich mit Passwort an."
            )
        if not ok:
            _refuse(getattr(self, "request", None), reason)
        return ok

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        users = User.objects.filter(is_active=True)
        if settings.IKZ_OIDC_MATCH_BY == "email":
            users = users.filter(email__iexact=str(claims["email"]))
        else:
            users = users.filter(username__iexact=str(claims[settings.IKZ_OIDC_USERNAME_CLAIM]))
        found = users.count()
        if found == 0:
            _refuse(
                getattr(self, "request", None),
                _(
                    "Die Anmeldung über Ihre Verwaltung hat geklappt, aber auf der Plattform gibt es für "
                    "Sie noch kein Konto. Konten und Rollen vergibt die Geschäftsstelle – bitte wenden Sie "
                    "sich an sie."
                ),
            )
        elif found > 1:
            _refuse(
                getattr(self, "request", None),
                _(
                    "Zu Ihrer E-Mail-Adresse gibt es mehrere Konten. Bitte melden Sie sich mit Benutzername "
                    "und Passwort an und bitten Sie die Geschäftsstelle, die Konten zusammenzuführen."
                ),
            )
        return users

    def create_user(self, claims: dict[str, Any]) -> User:
        raise SuspiciousOperation("IKZ: accounts are created by the office, never by single sign-on")


def provider_logout_url(request: HttpRequest) -> str | None:
    """The provider's end_session_endpoint with ``id_token_hint``, ``client_id`` and
    ``post_logout_redirect_uri`` (OpenID Connect RP-Initiated Logout 1.0) — only for a session that
    came through single sign-on and only with ``IKZ_OIDC_END_SESSION_ENDPOINT`` set. Read it before
    the session ends: the ID token is stored in it."""
    endpoint = getattr(settings, "IKZ_OIDC_END_SESSION_ENDPOINT", "")
    id_token = request.session.get("oidc_id_token")
    if not endpoint or not id_token or request.session.get(BACKEND_SESSION_KEY) != SSO_BACKEND:
        return None
    params = {
        "id_token_hint": id_token,
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": settings.IKZ_BASE_URL + resolve_url(settings.LOGOUT_REDIRECT_URL),
    }
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"


def end_session_url(request: HttpRequest) -> str:
    """``OIDC_OP_LOGOUT_URL_METHOD`` of mozilla-django-oidc: the provider's logout, else our own page."""
    return provider_logout_url(request) or resolve_url(settings.LOGOUT_REDIRECT_URL)


class SsoSessionRefresh(SessionRefresh):  # type: ignore[misc]
    """Every ``IKZ_OIDC_REFRESH_MINUTES`` a page load of a single sign-on session goes to the provider
    once more (``prompt=none``, unseen while the provider's session lasts); an account disabled or
    logged out there ends the session here. Password sessions are left alone (the library checks the
    session's backend), and so are background requests (``X-Requested-With``: a poll cannot follow a
    redirect to the provider; the next page load refreshes)."""

    @cached_property
    def exempt_urls(self) -> set[str]:
        names = ["accounts:sso_login", "accounts:sso_callback", "accounts:logout", *self.OIDC_EXEMPT_URLS]
        return {url if url.startswith("/") else reverse(url) for url in names if isinstance(url, str)}

    def is_refreshable_url(self, request: HttpRequest) -> bool:
        if "x-requested-with" in request.headers:
            return False
        return bool(super().is_refreshable_url(request))


def failure_page(request: HttpRequest, reason: str) -> HttpResponse:
    """The German page for an answer of the provider that did not log anybody in."""
    texts = {
        "answer": (
            400,
            _(
                "Die Antwort des Anmeldedienstes passt zu keiner Anmeldung, die in diesem Browser "
                "begonnen wurde – etwa weil die Anmeldung zu lange gedauert hat, in einem anderen Fenster "
                "begonnen oder die Seite erneut geladen wurde. Sie wurden nicht angemeldet."
            ),
        ),
        "provider": (
            403,
            _(
                "Ihr Anmeldedienst hat die Anmeldung abgebrochen oder abgelehnt. Sie wurden nicht "
                "angemeldet. Haben Sie nicht selbst abgebrochen, wenden Sie sich an die IT Ihrer Verwaltung."
            ),
        ),
        "token": (
            403,
            _(
                "Die Antwort des Anmeldedienstes konnte nicht bestätigt werden (Signatur, Aussteller oder "
                "Empfänger stimmen nicht, oder sie ist abgelaufen). Sie wurden nicht angemeldet. Tritt der "
                "Fehler wieder auf, wenden Sie sich an die Geschäftsstelle."
            ),
        ),
        "unreachable": (
            503,
            _(
                "Der Anmeldedienst Ihrer Verwaltung hat der Plattform nicht geantwortet. Sie wurden nicht "
                "angemeldet. Bitte versuchen Sie es in einigen Minuten erneut."
            ),
        ),
    }
    status, text = texts[reason]
    return render(request, "accounts/login_failed.html", {"text": text}, status=status)


class SsoCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider's answer. A refusal with a reason (no account, unverified address) goes back to
    the login page with a German message; an answer that does not fit (unknown state), a provider
    error or a token that fails the checks gets a German error page (decision 188); a refresh that
    the provider refuses (session ended or account disabled there) ends the session here."""

    @property
    def failure_url(self) -> str:
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)

    def get(self, request: HttpRequest) -> HttpResponse:
        self.refreshing = request.user.is_authenticated
        self.next_url = request.session.get("oidc_login_next")
        self.provider_error = bool(request.GET.get("error"))
        state = request.GET.get("state")
        known = request.session.get("oidc_states") or {}
        if not self.provider_error and (not request.GET.get("code") or state not in known):
            logger.warning("Single sign-on: answer without a code or with an unknown state")
            return failure_page(request, "answer")
        response: HttpResponse = super().get(request)
        return response

    def login_failure(self) -> HttpResponse:
        request = self.request
        if request.user.is_authenticated:
            auth_logout(request)  # a refresh that failed must not leave the old session open
        if getattr(request, _EXPLAINED, False):
            return redirect(self.failure_url)
        if self.refreshing:
            messages.info(
                request,
                _(
                    "Ihre Anmeldung über Ihre Verwaltung ist abgelaufen oder wurde dort beendet. Bitte "
                    "melden Sie sich erneut an."
                ),
            )
            target = self.failure_url
            if self.next_url:
                target += "?" + urlencode({"next": self.next_url})
            return redirect(target)
        return failure_page(
            request, "provider" if self.provider_error else getattr(request, _FAILURE, "token")
        )
