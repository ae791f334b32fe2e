"""Pages that belong to no single app: the start page by role and the accessibility statement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ikz.municipalities.sources import home_regions, own_municipalities

HOME_REGIONS = 12  # regions listed on the start page; the rest are on the region list


@login_required
def home(request: HttpRequest) -> HttpResponse:
    regions, count = home_regions(request.user, HOME_REGIONS)
    return render(
        request,
        "home.html",
        {
            "regions": regions,
            "region_count": count,
            "own_municipalities": own_municipalities(request.user).order_by("short_name"),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


def status(request: HttpRequest) -> HttpResponse:
    """Operating status for monitoring; also the "floor" page of the benchmark (base template only)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return render(request, "status.html")
