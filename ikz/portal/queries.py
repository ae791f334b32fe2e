"""Read side of the portal pages (lazy querysets; the templates evaluate them)."""

from __future__ import annotations

from typing import Any

from ikz.municipalities.models import Region
from ikz.portal import access


def index() -> dict[str, Any]:
    return {
        "regions": Region.objects.order_by("name"),
        "news": access.published_news().select_related("region").order_by("-date", "title")[:5],
    }


def region_page(region: Region) -> dict[str, Any]:
    return {
        "region": region,
        "cooperations": access.published_cooperations().filter(region=region),
        "documents": access.documents().filter(region=region).order_by("-date", "title"),
        "news": access.published_news().filter(region=region).order_by("-date", "title")[:20],
        "projects": access.published_projects().filter(region=region).order_by("-year", "title"),
    }
