"""German unless the user chose otherwise with the language switch."""

from __future__ import annotations

from collections.abc import Callable

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
