"""The public OParl 1.1 endpoints (no login): JSON only, CORS open as OParl asks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from ikz.meetings import oparl
from ikz.municipalities.models import Region


def _url(path: str) -> str:
    return settings.IKZ_BASE_URL + path


def _answer(data: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Type"] = "application/json; charset=utf-8"
    return response


@require_GET
def system(request: HttpRequest) -> JsonResponse:
    return _answer(oparl.system(_url))


@require_GET
def bodies(request: HttpRequest) -> JsonResponse:
    rows = [oparl.body(_url, region) for region in oparl.bodies()]
    return _answer(
        {
            "data": rows,
            "pagination": {
                "totalElements": len(rows),
                "elementsPerPage": max(1, len(rows)),
                "currentPage": 1,
                "totalPages": 1,
            },
            "links": {"self": _url(request.path)},
        }
    )


def _region(pk: int) -> Region:
    return get_object_or_404(oparl.bodies(), pk=pk)


@require_GET
def body(request: HttpRequest, pk: int) -> JsonResponse:
    return _answer(oparl.body(_url, _region(pk)))


@require_GET
def body_list(request: HttpRequest, pk: int, kind: str) -> JsonResponse:
    region = _region(pk)
    if kind not in oparl.LISTS:
        raise Http404
    try:
        data = oparl.listing(
            _url, region, kind, {k: str(v) for k, v in request.GET.items()}, _url(request.path)
        )
    except ValueError as exc:
        return _answer({"type": "Fehler", "message": str(exc)}, status=400)
    return _answer(data)


@require_GET
def single(request: HttpRequest, kind: str, pk: int) -> JsonResponse:
    found = oparl.single(_url, kind, pk)
    if found is None:
        raise Http404
    return _answer(found)
