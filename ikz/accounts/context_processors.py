"""Navigation by role: every template gets ``nav`` (the menu) and ``roles``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.accounts.access import Roles, roles_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    roles = roles_of(request.user)
    items: list[tuple[str, str]] = []
    if roles.authenticated:
        items = [
            (_("Start"), reverse("home")),
            (_("Kommunen"), reverse("municipalities:municipality_list")),
            (_("Regionen"), reverse("municipalities:region_list")),
            (_("Aufgabengebiete"), reverse("cooperation:taskarea_list")),
            (_("Dokumente"), reverse("documents:document_list")),
            (_("Netzwerk"), reverse("network:overview")),
            (_("Suche"), reverse("search:search")),
            (_("Benachrichtigungen"), reverse("notifications:inbox")),
        ]
        if roles.office_global:
            items.append((_("Genossenschaft"), reverse("membership:pipeline")))
        elif roles.is_member:
            items.append((_("Genossenschaft"), reverse("membership:service_list")))
        own = sorted(roles.contact_municipalities)
        if own:
            own_url = reverse("municipalities:municipality_detail", args=[own[0]])
            items.insert(1, (_("Meine Kommune"), own_url))
        if roles.office_global:
            items.append((_("Übertragung"), reverse("transfer:transfer_create")))
        if roles.is_office and request.user.is_staff:
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


def header_region(roles: Roles) -> str:
    """The region shown in the header: the user's first region by role (one query, none for guests)."""
    if not roles.authenticated:
        return ""
    from ikz.municipalities.models import Region

    region_ids = roles.office_regions | roles.steering_regions
    if region_ids:
        query = Region.objects.filter(pk__in=region_ids)
    elif roles.contact_municipalities or roles.member_municipalities:
        query = Region.objects.filter(
            members__municipality__in=roles.contact_municipalities | roles.member_municipalities
        )
    else:
        return ""
    return query.order_by("name").values_list("name", flat=True).first() or ""
