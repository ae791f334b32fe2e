"""Read side of the portal pages (lazy querysets; the templates evaluate them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from ikz.cooperation.models import Cooperation, ParticipantStatus
from ikz.cooperation.queries import participants_on, spans_by_cooperation
from ikz.lib.stand import Stand
from ikz.municipalities.models import Municipality, Region
from ikz.portal import access


def index() -> dict[str, Any]:
    return {
        "regions": Region.objects.order_by("name"),
        "news": access.published_news().select_related("region").order_by("-date", "title")[:5],
    }


@dataclass(frozen=True)
class PublicCooperation:
    """A published cooperation as the portal shows it on a day: who took part then."""

    cooperation: Cooperation
    participants: list[str]

    @property
    def since(self) -> str:
        c = self.cooperation
        if c.started_on is not None:
            return f"{c.started_on:%d.%m.%Y}"
        return str(c.since_year) if c.since_year else "–"


def public_cooperations(region: Region, day: dt.date) -> list[PublicCooperation]:
    """The region's published cooperations that existed on ``day``, with the municipalities taking
    part then — three queries (cooperations with their existing participants, spans, the names of
    municipalities that have left since)."""
    cooperations = access.published_cooperations().filter(region=region).order_by("title")
    spans = spans_by_cooperation(cooperations)
    shown = []
    for c in cooperations:
        ids = [
            m
            for m, status, _lead in participants_on(c, spans.get(c.pk, {}), day)
            if status == ParticipantStatus.EXISTS
        ]
        if ids:
            shown.append((c, ids))
    names = {p.municipality_id: p.municipality.name for c, _ids in shown for p in c.participants.all()}
    missing = {m for _c, ids in shown for m in ids} - set(names)
    names |= dict(Municipality.objects.filter(pk__in=missing).values_list("pk", "name")) if missing else {}
    return [PublicCooperation(c, sorted(names.get(m, "") for m in ids)) for c, ids in shown]


def region_page(region: Region, stand: Stand | None = None) -> dict[str, Any]:
    """The public page of ``region`` as of the Stand (default today): cooperations that existed
    then, news and documents dated up to that day, projects of the years up to it."""
    day = stand.day if stand is not None else dt.date.today()
    projects = access.published_projects().filter(region=region)
    if stand is not None and not stand.is_today:
        projects = projects.filter(Q(year__isnull=True) | Q(year__lte=day.year))
    return {
        "region": region,
        "cooperations": public_cooperations(region, day),
        "documents": access.documents().filter(region=region, date__lte=day).order_by("-date", "title"),
        "news": access.published_news().filter(region=region, date__lte=day).order_by("-date", "title")[:20],
        "projects": projects.order_by("-year", "title"),
    }
