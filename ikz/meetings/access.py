"""Who may see and change the region's meetings (the only door to them).

* The office of the region (or the platform-wide office) prepares and records everything: bodies,
  members, meetings, agenda, invitation, attendance, results, minutes, papers.
* The region's steering group and the contacts of member municipalities read the bodies, meetings,
  papers and the open actions; non-public agenda items and unapproved minutes only the office and
  the steering group (the minutes are published once approved).
* A council's result on a paper: the office, or the contact person of that municipality.
* Everyone else: 404. Anonymous: the login page; the public part is the OParl export.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.meetings.models import AgendaItem, Consultation, Meeting, Membership, Organization, Paper
from ikz.municipalities.access import contact_regions
from ikz.municipalities.models import Region
from ikz.projects.models import SteeringDecision


def region_ids_for(user: Any) -> frozenset[int] | None:
    """The regions whose meetings the user reads; ``None``: every region (platform-wide office)."""
    roles = roles_of(user)
    if not roles.authenticated:
        return frozenset()
    if roles.office_global:
        return None
    return roles.office_regions | roles.steering_regions | contact_regions(user)


def _in_regions(user: Any, field: str) -> Q:
    ids = region_ids_for(user)
    return Q() if ids is None else Q(**{f"{field}__in": ids})


def organizations_for(user: Any) -> QuerySet[Organization]:
    return Organization.objects.filter(_in_regions(user, "region_id"))


def meetings_for(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(_in_regions(user, "organization__region_id"))


def papers_for(user: Any) -> QuerySet[Paper]:
    return Paper.objects.filter(_in_regions(user, "region_id"))


def regions_for(user: Any) -> QuerySet[Region]:
    return Region.objects.filter(_in_regions(user, "pk")).order_by("name")


def sees_region(user: Any, region: Region) -> bool:
    ids = region_ids_for(user)
    return ids is None or region.pk in ids


def sees_internal(user: Any, region_id: int) -> bool:
    """Non-public items and minutes before their approval: the office and the steering group."""
    return roles_of(user).sees_region_fully(region_id)


def can_manage(user: Any, region_id: int) -> bool:
    return roles_of(user).is_office_of(region_id)


def _refuse_unless_office(user: Any, region_id: int) -> None:
    if not can_manage(user, region_id):
        raise PermissionDenied(_("Sitzungen bereitet die Geschäftsstelle der Region vor und hält sie fest."))


def get_region_for(user: Any, slug: str, *, write: bool = False) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None or not sees_region(user, region):
        raise Http404
    if write:
        _refuse_unless_office(user, region.pk)
    return region


def get_organization_for(user: Any, pk: int, *, write: bool = False) -> Organization:
    organization = organizations_for(user).select_related("region").filter(pk=pk).first()
    if organization is None:
        raise Http404
    if write:
        _refuse_unless_office(user, organization.region_id)
    return organization


def get_membership_for(user: Any, organization: Organization, pk: int) -> Membership:
    """A membership of ``organization`` (already checked for writing)."""
    found = organization.memberships.select_related("person").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_meeting_for(user: Any, pk: int, *, write: bool = False) -> Meeting:
    meeting = meetings_for(user).select_related("organization__region").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if write:
        _refuse_unless_office(user, meeting.organization.region_id)
    return meeting


def get_item_for(user: Any, pk: int, *, write: bool = False) -> AgendaItem:
    item = (
        AgendaItem.objects.filter(_in_regions(user, "meeting__organization__region_id"), pk=pk)
        .select_related("meeting__organization__region", "project", "decision")
        .first()
    )
    if item is None or (not item.public and not sees_internal(user, item.meeting.organization.region_id)):
        raise Http404
    if write:
        _refuse_unless_office(user, item.meeting.organization.region_id)
    return item


def get_paper_for(user: Any, pk: int, *, write: bool = False) -> Paper:
    paper = papers_for(user).select_related("region").filter(pk=pk).first()
    if paper is None:
        raise Http404
    if write:
        _refuse_unless_office(user, paper.region_id)
    return paper


def can_record_council(user: Any, consultation: Consultation, region_id: int) -> bool:
    roles = roles_of(user)
    return roles.is_office_of(region_id) or consultation.municipality_id in roles.contact_municipalities


def get_council_consultation_for(user: Any, paper: Paper, pk: int) -> Consultation:
    consultation = (
        paper.consultations.filter(pk=pk, municipality__isnull=False)
        .select_related("municipality", "resolution")
        .first()
    )
    if consultation is None:
        raise Http404
    if not can_record_council(user, consultation, paper.region_id):
        raise PermissionDenied(
            _(
                "Das Ergebnis eines Rates hält die Geschäftsstelle oder die Ansprechperson "
                "dieser Kommune fest."
            )
        )
    return consultation


def get_action_for(user: Any, region: Region, kind: str, pk: int) -> Any:
    """An open action of the region to mark as done: a project decision or an agenda item."""
    _refuse_unless_office(user, region.pk)
    if kind == "beschluss":
        found: Any = SteeringDecision.objects.filter(pk=pk, project__region=region).first()
    else:
        found = AgendaItem.objects.filter(
            pk=pk, meeting__organization__region=region, decision__isnull=True
        ).first()
    if found is None:
        raise Http404
    return found
