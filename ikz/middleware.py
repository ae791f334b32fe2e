"""German unless the user chose otherwise with the language switch."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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
