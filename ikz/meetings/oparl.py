"""The public part of the meetings as OParl 1.1 (https://oparl.org/spezifikation/; decisions
233–235). Reads only; the views answer with the JSON. A region is a Body; its bodies are
Organizations; people, memberships, meetings (once invited), their public agenda items and the
papers with their consultations are published. Results and resolution texts appear once the
minutes are approved; non-public items and unapproved minutes never. Nothing is deleted in this
app, so lists never carry ``deleted`` objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Max, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from ikz.meetings import rules
from ikz.meetings.models import (
    AgendaItem,
    Consultation,
    Meeting,
    MeetingState,
    Membership,
    Organization,
    Paper,
    Person,
)
from ikz.municipalities.models import Region

SCHEMA = "https://schema.oparl.org/1.1/"
VENDOR = "ikz"  # prefix of our own properties (OParl 1.1, "Herstellerspezifische Erweiterungen")
MEETING_STATE = {  # OParl's recommended values
    MeetingState.INVITED: "eingeladen",
    MeetingState.HELD: "eingeladen",
    MeetingState.APPROVED: "durchgeführt",
}
PUBLISHED_STATES = list(MEETING_STATE)

Url = Callable[[str], str]  # path → absolute URL


def _stamp(value: dt.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _obj(kind: str, url: str, created: dt.datetime, modified: dt.datetime, **fields: Any) -> dict[str, Any]:
    found = {"id": url, "type": SCHEMA + kind}
    found.update({k: v for k, v in fields.items() if v is not None and v != ""})
    found["created"] = _stamp(created)
    found["modified"] = _stamp(modified)
    return found


def object_url(url: Url, kind: str, pk: int) -> str:
    return url(reverse("oparl:object", args=[kind, pk]))


def body_list_url(url: Url, region: Region, kind: str) -> str:
    return url(reverse("oparl:body_list", args=[region.pk, kind]))


def system(url: Url) -> dict[str, Any]:
    return {
        "id": url(reverse("oparl:system")),
        "type": SCHEMA + "System",
        "oparlVersion": "https://schema.oparl.org/1.1/",
        "name": "IKZ-Plattform",
        "body": url(reverse("oparl:bodies")),
        "web": url("/"),
    }


def bodies() -> QuerySet[Region]:
    return Region.objects.filter(meeting_bodies__isnull=False).distinct().order_by("pk")


def body(url: Url, region: Region) -> dict[str, Any]:
    lists = {k: body_list_url(url, region, k) for k in LISTS}
    first = (
        Organization.objects.filter(region=region).order_by("created_at").values_list("created_at", flat=True)
    )
    created = first.first() or timezone.now()
    return {
        **_obj(
            "Body",
            url(reverse("oparl:body", args=[region.pk])),
            created,
            max(created, region_modified(region)),
            name=region.name,
            shortName=region.office_name or None,
            system=url(reverse("oparl:system")),
            legislativeTerm=[],
            classification="Interkommunale Zusammenarbeit",
        ),
        **lists,
    }


def region_modified(region: Region) -> dt.datetime:
    found = Organization.objects.filter(region=region).aggregate(m=Max("updated_at"))["m"]
    return found or timezone.now()


# --- the objects ---------------------------------------------------------------------------------


def organization(url: Url, o: Organization) -> dict[str, Any]:
    memberships = [object_url(url, "membership", m.pk) for m in o.memberships.all()]
    return _obj(
        "Organization",
        object_url(url, "organization", o.pk),
        o.created_at,
        getattr(o, "modified", o.updated_at),
        body=url(reverse("oparl:body", args=[o.region_id])),
        name=o.name,
        shortName=o.short_name,
        membership=memberships,
        meeting=body_list_url(url, o.region, "meeting") + f"?organization={o.pk}",
        organizationType="Gremium",
        classification=o.get_kind_display(),
        startDate=_day(o.start_date),
        endDate=_day(o.end_date),
    )


def membership(url: Url, m: Membership, *, embedded: bool = False) -> dict[str, Any]:
    found = _obj(
        "Membership",
        object_url(url, "membership", m.pk),
        m.created_at,
        m.updated_at,
        organization=object_url(url, "organization", m.organization_id),
        role=m.role,
        votingRight=m.voting_right,
        startDate=_day(m.start_date),
        endDate=_day(m.end_date),
    )
    if not embedded:
        found["person"] = object_url(url, "person", m.person_id)
    return found


def person(url: Url, p: Person) -> dict[str, Any]:
    return _obj(
        "Person",
        object_url(url, "person", p.pk),
        p.created_at,
        getattr(p, "modified", p.updated_at),
        body=url(reverse("oparl:body", args=[p.region_id])),
        name=p.name,
        membership=[membership(url, m, embedded=True) for m in p.memberships.all()],
        **{f"{VENDOR}:municipality": p.municipality.name if p.municipality else None},
    )


def agenda_item(url: Url, i: AgendaItem, meeting: Meeting, *, embedded: bool = False) -> dict[str, Any]:
    approved = meeting.state == MeetingState.APPROVED
    consultations = list(i.consultations.all())
    found = _obj(
        "AgendaItem",
        object_url(url, "agendaitem", i.pk),
        i.created_at,
        i.updated_at,
        number=i.number,
        order=i.order,
        name=i.name,
        public=i.public,
        consultation=object_url(url, "consultation", consultations[0].pk) if consultations else None,
        result=i.get_result_display() if approved and i.result else None,
        resolutionText=i.resolution_text if approved else None,
    )
    if not embedded:
        found["meeting"] = object_url(url, "meeting", meeting.pk)
    return found


def meeting(url: Url, m: Meeting) -> dict[str, Any]:
    approved = m.state == MeetingState.APPROVED
    participants = [a.person_id for a in m.attendance.all() if a.status == "present"] if approved else []
    return _obj(
        "Meeting",
        object_url(url, "meeting", m.pk),
        m.created_at,
        getattr(m, "modified", m.updated_at),
        name=m.name or str(m.organization.name),
        meetingState=MEETING_STATE[m.state],  # type: ignore[index]
        cancelled=False,
        start=_stamp(m.start),
        end=_stamp(m.end) if m.end else None,
        organization=[object_url(url, "organization", m.organization_id)],
        participant=[object_url(url, "person", pk) for pk in participants],
        agendaItem=[agenda_item(url, i, m, embedded=True) for i in m.agenda_items.all() if i.public],
        **{f"{VENDOR}:location": m.location or None, f"{VENDOR}:minutesApprovedOn": _day(m.approved_on)},
    )


def consultation(url: Url, c: Consultation, *, embedded: bool = False) -> dict[str, Any]:
    item = c.agenda_item
    if item is not None and not (item.public and item.meeting.state in PUBLISHED_STATES):
        item = None  # consulted in a meeting that is not published (yet), or in a non-public item
    council = c.resolution
    found = _obj(
        "Consultation",
        object_url(url, "consultation", c.pk),
        c.created_at,
        c.updated_at,
        agendaItem=object_url(url, "agendaitem", item.pk) if item is not None and item.public else None,
        meeting=object_url(url, "meeting", item.meeting_id) if item is not None else None,
        organization=[object_url(url, "organization", item.meeting.organization_id)]
        if item is not None
        else None,
        authoritative=c.authoritative,
        role=c.role,
        **{
            f"{VENDOR}:municipality": c.municipality.name if c.municipality else None,
            f"{VENDOR}:councilResult": council.get_outcome_display() if council else None,
            f"{VENDOR}:councilBody": council.get_body_display() if council else None,
            f"{VENDOR}:councilDate": _day(council.date) if council else None,
        },
    )
    if not embedded:
        found["paper"] = object_url(url, "paper", c.paper_id)
    return found


def paper(url: Url, p: Paper) -> dict[str, Any]:
    return _obj(
        "Paper",
        object_url(url, "paper", p.pk),
        p.created_at,
        getattr(p, "modified", p.updated_at),
        body=url(reverse("oparl:body", args=[p.region_id])),
        name=p.name,
        reference=p.reference,
        date=_day(p.date),
        paperType=p.paper_type,
        consultation=[consultation(url, c, embedded=True) for c in p.consultations.all()],
        **{f"{VENDOR}:text": p.text},
    )


# --- lists and single objects ----------------------------------------------------------------------


def _latest(qs: QuerySet[Any], related: str) -> QuerySet[Any]:
    """``modified`` of an object that embeds others: the latest change of it or of what it embeds."""
    annotated: QuerySet[Any] = qs.annotate(
        modified=Greatest("updated_at", Coalesce(Max(f"{related}__updated_at"), "updated_at"))
    )
    return annotated


def _consultations() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("agenda_item__meeting", "municipality", "resolution")


@dataclass(frozen=True)
class Kind:
    queryset: Callable[[], QuerySet[Any]]
    render: Callable[[Url, Any], dict[str, Any]]
    region_field: str


KINDS: dict[str, Kind] = {
    "organization": Kind(
        lambda: _latest(Organization.objects.select_related("region"), "memberships").prefetch_related(
            "memberships"
        ),
        organization,
        "region",
    ),
    "person": Kind(
        lambda: _latest(Person.objects.select_related("municipality"), "memberships").prefetch_related(
            "memberships"
        ),
        person,
        "region",
    ),
    "membership": Kind(lambda: Membership.objects.all(), membership, "organization__region"),
    "meeting": Kind(
        lambda: _latest(
            Meeting.objects.filter(state__in=PUBLISHED_STATES).select_related("organization"), "agenda_items"
        ).prefetch_related("agenda_items__consultations", "attendance"),
        meeting,
        "organization__region",
    ),
    "agendaitem": Kind(
        lambda: (
            AgendaItem.objects.filter(public=True, meeting__state__in=PUBLISHED_STATES)
            .select_related("meeting")
            .prefetch_related("consultations")
        ),
        lambda url, i: agenda_item(url, i, i.meeting),
        "meeting__organization__region",
    ),
    "paper": Kind(
        lambda: _latest(Paper.objects.all(), "consultations").prefetch_related(
            "consultations__agenda_item__meeting", "consultations__municipality", "consultations__resolution"
        ),
        paper,
        "region",
    ),
    "consultation": Kind(_consultations, consultation, "paper__region"),
}
LISTS = {
    "organization": "organization",
    "person": "person",
    "meeting": "meeting",
    "paper": "paper",
    "agendaItem": "agendaitem",
    "consultation": "consultation",
    "membership": "membership",
}


def single(url: Url, kind: str, pk: int) -> dict[str, Any] | None:
    spec = KINDS.get(kind)
    found = spec.queryset().filter(pk=pk).first() if spec else None
    return spec.render(url, found) if spec and found is not None else None


def listing(url: Url, region: Region, name: str, params: dict[str, str], self_url: str) -> dict[str, Any]:
    """One page of an external list of ``region`` (stable order by id), filtered by
    ``created_since``/``created_until``/``modified_since``/``modified_until``. Raises ValueError
    (German) for an unreadable filter."""
    spec = KINDS[LISTS[name]]
    qs = spec.queryset().filter(**{spec.region_field: region})
    if name == "meeting" and params.get("organization", "").isdigit():
        qs = qs.filter(organization_id=int(params["organization"]))
    modified = "modified" if "modified" in qs.query.annotations else "updated_at"
    for param, lookup in (
        ("created_since", "created_at__gte"),
        ("created_until", "created_at__lte"),
        ("modified_since", f"{modified}__gte"),
        ("modified_until", f"{modified}__lte"),
    ):
        since = rules.parse_since(params.get(param))
        if since is not None:
            qs = qs.filter(**{lookup: since})
    page = rules.oparl_page(params.get("page"), params.get("limit"), qs.count())
    rows = list(qs.order_by("pk")[page.offset : page.offset + page.size])
    keep = {k: v for k, v in params.items() if k != "page"}

    def at(number: int) -> str:
        return self_url + "?" + urlencode({**keep, "page": number})

    links = {"first": at(1), "self": at(page.number), "last": at(page.pages)}
    if page.number > 1:
        links["prev"] = at(page.number - 1)
    if page.number < page.pages:
        links["next"] = at(page.number + 1)
    return {
        "data": [spec.render(url, row) for row in rows],
        "pagination": {
            "totalElements": page.total,
            "elementsPerPage": page.size,
            "currentPage": page.number,
            "totalPages": page.pages,
        },
        "links": links,
    }
