"""Single sign-on via OpenID Connect (e.g. the municipal Keycloak), on only with ``IKZ_OIDC_ENABLED``.

The identity provider says who the person is; the platform decides whether that person has an
account here. Nobody is created: accounts and their roles are assigned by the office, so a
colleague of the Kreis who merely has a Keycloak login gets a clear refusal, not an empty account.
Decision "Single sign-on via OpenID Connect: existing accounts only, the identity provider does MFA".
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from ikz.accounts.models import User
from ikz.accounts.services import consume_sso_invitations

logger = logging.getLogger(__name__)
# Set on the request once the backend has told the person why the login failed.
_EXPLAINED = "_ikz_sso_explained"


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
            return None
        if user is not None:
            consume_sso_invitations(user)  # an invited address's first login spends its link
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


class SsoCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider's answer; a failure without a specific reason still gets a German message."""

    @property
    def failure_url(self) -> str:
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)

    def login_failure(self) -> HttpResponse:
        if not getattr(self.request, _EXPLAINED, False):
            messages.error(
                self.request,
                _(
                    "Die Anmeldung über Ihre Verwaltung (Single Sign-on) ist nicht gelungen oder wurde "
                    "abgebrochen. Bitte versuchen Sie es erneut oder melden Sie sich mit Benutzername "
                    "und Passwort an."
                ),
            )
        response: HttpResponse = super().login_failure()
        return response
