"""The health endpoint for monitors: 200 when everything is fresh, 503 when a part is stale."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ikz.health import access, queries


@require_safe
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    result = queries.report()
    details = access.sees_details(request.user, request.headers.get("Authorization", ""))
    return JsonResponse(
        result.as_json(details=details),
        status=200 if result.ok else 503,
        json_dumps_params={"ensure_ascii": False},
    )
