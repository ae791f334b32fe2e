"""German unless the user chose otherwise with the language switch."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from ikz.accounts.access import roles_of
from ikz.municipalities.access import regions_of


class GermanByDefaultMiddleware:
    """Ignore the browser's Accept-Language header: the platform speaks German (the users' and the
    authorities' language) until someone picks English with the switch (a cookie). Runs before
    Django's LocaleMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy on every response: everything from the platform itself,
    nothing inline, no frames, no plugins (settings ``IKZ_CSP``). The back office (Django admin)
    gets ``style-src 'unsafe-inline'`` for the few inline styles Django's own templates carry;
    scripts stay same-origin there too. A response that set its own policy keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = settings.IKZ_CSP
            if request.path.startswith(settings.IKZ_ADMIN_PATH):
                policy = policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
            response["Content-Security-Policy"] = policy
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        return response


class RequestRolesMiddleware:
    """Puts ``request.roles`` and ``request.regions`` on every request (see ``ikz.web.AppRequest``),
    lazily: nothing is queried until a view or template reads them. Runs after authentication."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.roles = SimpleLazyObject(lambda: roles_of(request.user))  # type: ignore[attr-defined]
        request.regions = SimpleLazyObject(lambda: regions_of(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)
