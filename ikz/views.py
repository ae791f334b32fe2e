"""Pages that belong to no single app: the start page by role and the accessibility statement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ikz.accounts.access import roles_of
from ikz.municipalities.access import regions_for
from ikz.municipalities.models import Municipality


@login_required
def home(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    own = Municipality.objects.filter(pk__in=roles.contact_municipalities | roles.member_municipalities)
    return render(
        request,
        "home.html",
        {"regions": regions_for(request.user), "own_municipalities": own.order_by("short_name")},
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


def status(request: HttpRequest) -> HttpResponse:
    """Operating status for monitoring; also the "floor" page of the benchmark (base template only)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return render(request, "status.html")
