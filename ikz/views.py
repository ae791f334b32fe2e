"""Pages that belong to no single app: the start page "Meine Aufgaben" by role and the status page
(the accessibility statement is in ikz/legal)."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ikz.municipalities.sources import home_regions, own_municipalities
from ikz.tasks import blocks_for

HOME_REGIONS = 12  # regions listed on the start page; the rest are on the region list


def home(request: HttpRequest) -> HttpResponse:
    """Logged in: the tasks of each role the person holds (decision 124), then their municipality
    and regions. Anonymous: a welcome with the way to log in and to the public portal."""
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    regions, count = home_regions(request.user, HOME_REGIONS)
    today = timezone.localdate()
    return render(
        request,
        "home.html",
        {
            "blocks": blocks_for(request.user, today),
            "today": today,
            "regions": regions,
            "region_count": count,
            "own_municipalities": own_municipalities(request.user).order_by("short_name"),
        },
    )


def status(request: HttpRequest) -> HttpResponse:
    """Operating status for monitoring; also the "floor" page of the benchmark (base template only)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return render(request, "status.html")
