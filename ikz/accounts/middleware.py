"""Office accounts without two-factor authentication are sent to its set-up page
(setting ``IKZ_2FA_REQUIRED_FOR_OFFICE``; decision "Two-factor authentication with an authenticator app")."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from ikz.accounts.access import roles_of

SSO_BACKEND = "ikz.accounts.oidc.OidcBackend"
# The pages an office account may still open before the set-up is done.
ALLOWED = [
    "accounts:two_factor",
    "accounts:two_factor_start",
    "accounts:two_factor_confirm",
    "accounts:logout",
    "set_language",
]


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.IKZ_2FA_REQUIRED_FOR_OFFICE and self._must_set_up(request):
            return redirect("accounts:two_factor")  # the page itself explains why
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or request.path in {reverse(name) for name in ALLOWED}:
            return False
        if request.session.get(BACKEND_SESSION_KEY) == SSO_BACKEND:
            return False  # the identity provider is responsible for the second factor
        if not roles_of(user).is_office:
            return False
        from ikz.accounts.queries import has_confirmed_device

        return not has_confirmed_device(user)
