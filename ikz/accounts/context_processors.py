"""Navigation by role: every template gets ``nav`` (the menu) and ``roles``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.accounts.access import Roles, menu_rights_for, roles_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    # No user yet when a request is refused before the authentication middleware (a foreign host
    # name): its 400 page is rendered as for a guest.
    roles = roles_of(getattr(request, "user", None))
    items: list[tuple[str, str]] = []
    if roles.authenticated:
        rights = menu_rights_for(request.user)
        items = [
            (_("Start"), reverse("home")),
            (_("Kommunen"), reverse("municipalities:municipality_list")),
            (_("Regionen"), reverse("municipalities:region_list")),
            (_("Aufgabengebiete"), reverse("cooperation:taskarea_list")),
            (_("Dokumente"), reverse("documents:document_list")),
            (_("Netzwerk"), reverse("network:overview")),
            (_("Fördermittel"), reverse("funding:programme_list")),
            (_("Suche"), reverse("search:search")),
            (_("Benachrichtigungen"), reverse("notifications:inbox")),
        ]
        works_in_a_region = roles.office_regions or roles.steering_regions or roles.contact_municipalities
        if roles.office_global or works_in_a_region:  # the meetings of their regions
            items.append((_("Sitzungen"), reverse("meetings:index")))
        if rights.cooperative_pipeline:
            items.append((_("Genossenschaft"), reverse("membership:pipeline")))
        elif rights.cooperative_services:
            items.append((_("Genossenschaft"), reverse("membership:service_list")))
        if rights.cooperative_pipeline or rights.cooperative_services:
            items.append((_("Rechnungen"), reverse("invoicing:invoice_list")))
        if rights.own_municipality_id is not None:
            own_url = reverse("municipalities:municipality_detail", args=[rights.own_municipality_id])
            items.insert(1, (_("Meine Kommune"), own_url))
        if rights.transfer:
            items.append((_("Übertragung"), reverse("transfer:transfer_create")))
        if rights.people:
            items.append((_("Personen"), reverse("accounts:people_list")))
        if rights.admin:
            items.append((_("Verwaltung"), reverse("admin:index")))
    else:
        items = [(_("Portal"), reverse("portal:index")), (_("Suche im Portal"), reverse("portal:search"))]
    path = request.path
    matches = [url for _label, url in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len) if matches else None  # /kommunen/regionen/ is "Regionen", not "Kommunen"
    nav = [{"label": label, "url": url, "current": url == current} for label, url in items]
    return {
        "nav": nav,
        "roles": roles,
        "platform_name": settings.IKZ_PLATFORM_NAME,
        "header_region": header_region(roles),
    }


# How the region in the header is found: the municipalities app registers it (its sources.py).
HEADER_REGION: list[Callable[[Roles], str]] = []


def header_region(roles: Roles) -> str:
    """The region shown in the header: the user's first region by role (none for guests)."""
    if not roles.authenticated or not HEADER_REGION:
        return ""
    return HEADER_REGION[0](roles)
