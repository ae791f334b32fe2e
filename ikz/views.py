"""Pages that belong to no single app: the start page by role and the accessibility statement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ikz.accounts.access import roles_of
from ikz.municipalities.access import regions_for
from ikz.municipalities.models import Municipality

HOME_REGIONS = 12  # regions listed on the start page; the rest are on the region list


@login_required
def home(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    towns = roles.contact_municipalities | roles.member_municipalities
    own = Municipality.objects.filter(pk__in=towns)
    regions = regions_for(request.user).order_by("name")
    # The user's own regions (by role or by their municipality's membership) first; a platform-wide
    # role has none and sees the first regions. Bounded, so the page does not grow with 400 regions.
    mine = list(
        regions.filter(
            Q(pk__in=roles.office_regions | roles.steering_regions) | Q(members__municipality__in=towns)
        ).distinct()[:HOME_REGIONS]
    )
    return render(
        request,
        "home.html",
        {
            "regions": mine or list(regions[:HOME_REGIONS]),
            "region_count": regions.count(),
            "own_municipalities": own.order_by("short_name"),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


def status(request: HttpRequest) -> HttpResponse:
    """Operating status for monitoring; also the "floor" page of the benchmark (base template only)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return render(request, "status.html")
