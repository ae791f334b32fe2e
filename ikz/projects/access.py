"""Who may see and change which project (the only door to projects).

* The office of the region (or the platform-wide office) and the region's steering group see all
  projects of the region; the steering group takes the deciding steps (prioritise, commission,
  implement, operate, close) and records its decisions; the office may do everything.
* The project lead (a person with the role ``project_lead``, named as ``Project.lead``) sees and
  edits only their own projects: charter, milestones, the study's steps, confirming roles.
* A contact person sees the projects of the regions their municipality belongs to and changes
  only their own municipality's participation. Declarations of other municipalities that are not
  yet confirmed (drafts) stay hidden from them.
* Members, people of other regions: nothing (404). Anonymous: the login page (views).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from ikz.accounts.access import roles_of
from ikz.municipalities.access import contact_regions
from ikz.municipalities.models import Region
from ikz.projects import rules
from ikz.projects.models import Milestone, Participation, Project


def _contact_region_ids(user: Any) -> frozenset[int]:
    return contact_regions(user)


def projects_for(user: Any) -> QuerySet[Project]:
    roles = roles_of(user)
    if not roles.authenticated:
        return Project.objects.none()
    if roles.office_global:
        return Project.objects.all()
    condition = Q(region_id__in=roles.office_regions | roles.steering_regions) | Q(
        region_id__in=_contact_region_ids(user)
    )
    if roles.project_lead:
        condition |= Q(lead=user)
    return Project.objects.filter(condition)


def contact_sees_region(user: Any, region: Region) -> bool:
    return region.pk in _contact_region_ids(user)


def sees_region(user: Any, region: Region) -> bool:
    """Portfolio and matrix of ``region``: office, steering, contacts of members, leads of its projects."""
    roles = roles_of(user)
    if roles.sees_region_fully(region.pk) or region.pk in _contact_region_ids(user):
        return True
    return roles.project_lead and Project.objects.filter(region=region, lead=user).exists()


def get_region_projects_for(user: Any, region: Region) -> QuerySet[Project]:
    """The projects of ``region`` the user sees; 404 when the user sees nothing of the region."""
    if not sees_region(user, region):
        raise Http404
    return projects_for(user).filter(region=region)


def sees_dashboard(user: Any, region: Region) -> bool:
    return roles_of(user).sees_region_fully(region.pk)


def project_roles(user: Any, project: Project) -> frozenset[str]:
    """What the user is for this project: ``office``, ``steering``, ``lead`` (rules' role names)."""
    roles = roles_of(user)
    have: set[str] = set()
    if roles.is_office_of(project.region_id):
        have.add(rules.OFFICE)
    if project.region_id in roles.steering_regions:
        have.add(rules.STEERING)
    if roles.project_lead and user.pk is not None and project.lead_id == user.pk:
        have.add(rules.LEAD)
    return frozenset(have)


def get_project_for(user: Any, pk: int, *, write: bool = False) -> Project:
    """``write``: the charter and milestones (office, the project's lead); 403 for other viewers."""
    try:
        project = projects_for(user).select_related("region", "field", "lead", "lead_municipality").get(pk=pk)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit(user, project):
        raise PermissionDenied
    return project


def can_edit(user: Any, project: Project) -> bool:
    return bool(project_roles(user, project) & {rules.OFFICE, rules.LEAD})


def can_decide(user: Any, project: Project) -> bool:
    """Record steering decisions: the steering group and the office."""
    return bool(project_roles(user, project) & {rules.OFFICE, rules.STEERING})


def can_write_lessons(user: Any, project: Project) -> bool:
    """Lessons learned: the project's lead, the office and the steering group of the region."""
    return bool(project_roles(user, project) & {rules.OFFICE, rules.STEERING, rules.LEAD})


def can_publish(user: Any, project: Project) -> bool:
    """Show the project on the public portal: the office only."""
    return rules.OFFICE in project_roles(user, project)


def can_confirm(user: Any, project: Project) -> bool:
    """Confirm roles in the matrix: the project's lead and the office."""
    return can_edit(user, project)


def can_declare_for(user: Any, project: Project, municipality_id: int) -> bool:
    return can_confirm(user, project) or municipality_id in roles_of(user).contact_municipalities


def sees_drafts_of(user: Any, project: Project) -> bool:
    """Unconfirmed declarations of every municipality: office, steering, the project's lead."""
    return bool(project_roles(user, project))


def participations_for(user: Any) -> QuerySet[Participation]:
    """Cells of the matrix the user may see, across projects: in the projects the user sees, the
    confirmed ones, the own municipality's drafts, and every draft of the projects the user
    runs or steers (the rule of :func:`sees_drafts_of`)."""
    roles = roles_of(user)
    visible = Participation.objects.filter(project__in=projects_for(user))
    if roles.office_global:
        return visible
    condition = Q(confirmed_at__isnull=False) | Q(
        project__region_id__in=roles.office_regions | roles.steering_regions
    )
    if roles.project_lead and user.pk is not None:
        condition |= Q(project__lead_id=user.pk)
    if roles.contact_municipalities:
        condition |= Q(municipality_id__in=roles.contact_municipalities)
    return visible.filter(condition)


def get_participation_for(user: Any, pk: int) -> Participation:
    try:
        return participations_for(user).get(pk=pk)
    except Participation.DoesNotExist as exc:
        raise Http404 from exc


def visible_participations(user: Any, projects: list[Project]) -> QuerySet[Participation]:
    """Cells of ``projects`` the user may see (:func:`participations_for`; evaluated by the caller)."""
    return participations_for(user).filter(project_id__in=[p.pk for p in projects])


def milestones_for(user: Any) -> QuerySet[Milestone]:
    """Milestones of the projects the user sees."""
    return Milestone.objects.filter(project__in=projects_for(user))


def get_milestone_for(user: Any, pk: int, *, write: bool = False) -> Milestone:
    """Invisible project → 404; writing needs :func:`can_edit` on the project (else 403)."""
    try:
        milestone = milestones_for(user).select_related("project").get(pk=pk)
    except Milestone.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit(user, milestone.project):
        raise PermissionDenied
    return milestone
