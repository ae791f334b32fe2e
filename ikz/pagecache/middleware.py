"""The page cache (decision 205): a read-only page of ``rules.CACHED_VIEWS`` is rendered once per
data generation, viewer, language, day and address, then answered from the cache until the next
recorded change. Runs last, so every gate (login, two-factor, host) has run before; the views'
own access checks ran for this very viewer when the page was stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from ikz.pagecache import queries, registry, rules

NOT_STORED = {"set-cookie", "x-page-cache"}


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, "_ikz_page_key", None)
        if key and _storable(response):
            stored = {h: v for h, v in response.items() if h.lower() not in NOT_STORED}
            caches["pages"].set(key, (response.content, stored))
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        key = page_key(request)
        if key is None:
            return None
        hit = caches["pages"].get(key)
        if hit is None:
            request._ikz_page_key = key  # type: ignore[attr-defined]
            return None
        gate = registry.GATES.get(request.resolver_match.namespace if request.resolver_match else "")
        refused = gate(request) if gate else None
        if refused is not None:
            return refused
        content, headers = hit
        if b"csrfmiddlewaretoken" in content:
            content = rules.with_fresh_tokens(content.decode(), lambda: get_token(request)).encode()
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


def page_key(request: HttpRequest) -> str | None:
    """The key of this request's page, or None if it is not to be cached."""
    match = request.resolver_match
    if (
        not settings.IKZ_PAGE_CACHE
        or request.method != "GET"
        or match is None
        or match.view_name not in rules.CACHED_VIEWS
        or "Authorization" in request.headers
        or len(get_messages(request))  # a message shows once, on the next page
    ):
        return None
    user = request.user
    return rules.key(
        generation=queries.generation(),
        viewer=str(user.pk) if user.is_authenticated else "anon",
        language=get_language() or "",
        today=timezone.localdate().isoformat(),
        host=request.get_host(),
        path=request.get_full_path(),
        accept=request.headers.get("Accept", ""),
    )


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
    )
