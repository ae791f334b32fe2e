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
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.cooperation import access as cooperation_access
from ikz.interests.models import Proposal
from ikz.municipalities.access import contact_regions
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.projects import rules
from ikz.projects.models import LessonLearned, Milestone, Participation, Project, TransitionLog


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


def can_create(user: Any, region: Region) -> bool:
    """Propose a project or take over a proposal of the interest procedure: office and steering group."""
    return roles_of(user).sees_region_fully(region.pk)


def can_back_capture(user: Any, region: Region) -> bool:
    """Entering a past project (Nacherfassung): the office of the region."""
    return roles_of(user).is_office_of(region.pk)


def get_region_for_import(user: Any, pk: int, *, write: bool = True) -> Region:
    """The region whose past projects are imported from a file (the back-capture of many): 404
    when the user sees nothing of it, 403 for all but its office (as :func:`can_back_capture`)."""
    region = Region.objects.filter(pk=pk).first()
    if region is None or not sees_region(user, region):
        raise Http404
    if write and not can_back_capture(user, region):
        raise PermissionDenied(_("Vergangene Projekte importiert nur die Geschäftsstelle der Region."))
    return region


def get_proposal_for(user: Any, region: Region, pk: int) -> Proposal:
    """A proposal of ``region``'s interest procedure to take over (404 otherwise; 403 for those who
    may not create projects there)."""
    if not can_create(user, region):
        raise PermissionDenied(
            _("Projekte legen die Geschäftsstelle und die Lenkungsgruppe der Region „%s“ an.") % region
        )
    try:
        return Proposal.objects.get(pk=pk, call__region=region)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc


def own_municipality_ids(user: Any) -> list[int]:
    """The municipalities whose participation page the user has (as their contact), in id order."""
    return sorted(roles_of(user).contact_municipalities)


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
        raise PermissionDenied(_("Das Projekt ändern die Geschäftsstelle der Region und die Projektleitung."))
    return project


def offered_steps(user: Any, project: Project) -> list[rules.Transition]:
    """The lifecycle steps the user may take now (the buttons on the project page)."""
    return rules.offered(project.status, project_roles(user, project), project.verdict)


def can_correct_steps(user: Any, project: Project) -> bool:
    """Correcting the effective date of a step: the office and the steering group of the region."""
    return bool(project_roles(user, project) & {rules.OFFICE, rules.STEERING})


def get_step_to_correct(user: Any, project: Project, pk: int) -> TransitionLog:
    """A step of ``project`` (404 otherwise) whose date the user may correct (403 otherwise)."""
    try:
        log = TransitionLog.objects.select_related("project").get(project=project, pk=pk)
    except TransitionLog.DoesNotExist as exc:
        raise Http404 from exc
    if not can_correct_steps(user, project):
        raise PermissionDenied(_("Daten von Schritten berichtigt nur die Geschäftsstelle der Region."))
    return log


def can_see_history(user: Any, project: Project) -> bool:
    """The project's Verlauf: office, steering group, the project's lead."""
    return bool(project_roles(user, project))


def can_edit_operation(user: Any, project: Project) -> bool:
    """The operating details (legal form, seat, term, notice, positions) live on the inventory entry."""
    return project.cooperation_id is not None and cooperation_access.can_edit_inventory(user, project.region)


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


def declarable_ids(user: Any, project: Project, municipality_ids: list[int]) -> set[int]:
    """Those of ``municipality_ids`` whose participation the user may declare (:func:`can_declare_for`)."""
    ids = set(municipality_ids)
    if can_confirm(user, project):
        return ids
    return ids & roles_of(user).contact_municipalities


def get_declarable_for(user: Any, project: Project, municipality_id: int) -> Municipality:
    """A member of the project's region (404 otherwise) whose participation the user may declare (403)."""
    try:
        member = RegionMember.objects.select_related("municipality").get(
            region_id=project.region_id, municipality_id=municipality_id
        )
    except RegionMember.DoesNotExist as exc:
        raise Http404 from exc
    if not can_declare_for(user, project, municipality_id):
        raise PermissionDenied(
            _("Die Beteiligung einer Kommune erklärt ihre Kontaktperson (oder die Geschäftsstelle).")
        )
    return member.municipality


def get_cell_to_confirm(user: Any, project: Project, municipality_id: int) -> Participation:
    """The declaration of ``municipality_id`` in ``project``, for those who confirm (403; none: 404)."""
    if not can_confirm(user, project):
        raise PermissionDenied(_("Beteiligungen bestätigen die Projektleitung und die Geschäftsstelle."))
    try:
        return Participation.objects.select_related("municipality").get(
            project=project, municipality_id=municipality_id
        )
    except Participation.DoesNotExist as exc:
        raise Http404 from exc


def get_member_of(region: Region, municipality_id: int) -> RegionMember:
    """A member of ``region`` with its municipality (404 otherwise)."""
    try:
        return RegionMember.objects.select_related("municipality").get(
            region=region, municipality_id=municipality_id
        )
    except RegionMember.DoesNotExist as exc:
        raise Http404 from exc


def sees_participation_of(user: Any, region: Region, municipality_id: int) -> bool:
    """A municipality's own participation page: the region's office and the municipality's contact."""
    roles = roles_of(user)
    return roles.is_office_of(region.pk) or municipality_id in roles.contact_municipalities


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


def get_milestone_of(project: Project, pk: int) -> Milestone:
    """A milestone of ``project`` (already checked by the caller), else 404."""
    try:
        return Milestone.objects.get(pk=pk, project=project)
    except Milestone.DoesNotExist as exc:
        raise Http404 from exc


def get_lesson_of(project: Project, pk: int) -> LessonLearned:
    """A lesson learned of ``project`` (already checked by the caller), else 404."""
    try:
        return LessonLearned.objects.get(pk=pk, project=project)
    except LessonLearned.DoesNotExist as exc:
        raise Http404 from exc


def get_milestone_for(user: Any, pk: int, *, write: bool = False) -> Milestone:
    """Invisible project → 404; writing needs :func:`can_edit` on the project (else 403)."""
    try:
        milestone = milestones_for(user).select_related("project").get(pk=pk)
    except Milestone.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit(user, milestone.project):
        raise PermissionDenied(
            _("Meilensteine ändern die Geschäftsstelle der Region und die Projektleitung.")
        )
    return milestone
