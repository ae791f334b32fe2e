"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.accounts.access import roles_of
from ikz.audit.services import ConflictError
from ikz.audit.views import history_page
from ikz.cooperation import access as cooperation_access
from ikz.forms import refuse_stale, submit
from ikz.interests.models import Proposal, ProposalStatus
from ikz.lib.exports import download, requested_format
from ikz.municipalities.access import get_region_for
from ikz.municipalities.models import Municipality, RegionMember
from ikz.projects import access, documents, queries, rules, services
from ikz.projects.forms import (
    DecisionForm,
    LessonForm,
    MilestoneForm,
    ParticipationForm,
    PortfolioFilter,
    ProjectForm,
    TransitionForm,
)
from ikz.projects.models import LessonLearned, Milestone, Participation, Project, Status

PAGE_SIZE = 25
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _user(request: HttpRequest) -> Any:
    return request.user


# --- portfolio, matrix, dashboard ----------------------------------------------------------------


@login_required
def project_list(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    projects = access.get_region_projects_for(request.user, region)
    form = PortfolioFilter(request.GET or None, region=region, projects=projects)
    if form.is_valid():
        data = form.cleaned_data
        if data["field"]:
            projects = projects.filter(field=data["field"])
        if data["status"]:
            projects = projects.filter(status=data["status"])
        if data["lead"]:
            projects = projects.filter(lead_municipality=data["lead"])
        if data["year"]:
            projects = projects.filter(year=data["year"])
    projects = projects.select_related("field", "lead", "lead_municipality").order_by("-year", "title", "pk")
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("seite"))
    params = request.GET.copy()
    params.pop("seite", None)
    roles = roles_of(request.user)
    return render(
        request,
        "projects/project_list.html",
        {
            "region": region,
            "form": form,
            "page": page,
            "query_without_page": params.urlencode(),
            "can_create": roles.sees_region_fully(region.pk),
            "sees_dashboard": access.sees_dashboard(request.user, region),
            "contact_ids": sorted(roles.contact_municipalities),
        },
    )


@login_required
def participation_matrix(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    projects = access.get_region_projects_for(request.user, region)
    years = queries.matrix_years(projects)
    try:
        year = int(request.GET["jahr"]) if request.GET.get("jahr") else (years[0] if years else None)
    except ValueError as exc:
        raise Http404 from exc
    columns = queries.matrix_projects(projects, year)
    matrix = queries.matrix(request.user, region, columns)
    title = _("Beteiligung an IKZ-Projekten und -Umsetzungsmaßnahmen %(year)s") % {"year": year or ""}
    fmt = requested_format(request)
    if fmt:
        return download(
            queries.matrix_table(matrix, title), fmt, filename=f"{region.slug}-beteiligung-{year}"
        )
    return render(
        request,
        "projects/participation_matrix.html",
        {
            "region": region,
            "matrix": matrix,
            "title": title,
            "year": year,
            "years": years,
            "q": queries,
        },
    )


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    access.get_region_projects_for(request.user, region)  # 404 for those who see nothing
    if not access.sees_dashboard(request.user, region):
        raise PermissionDenied
    today = timezone.localdate()
    return render(
        request,
        "projects/project_dashboard.html",
        {
            "region": region,
            "d": queries.dashboard(region, today),
            "today": today,
            "report_years": [today.year, today.year - 1],
        },
    )


# --- one project -------------------------------------------------------------------------------------


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The project page; ``?dokument=docx|pdf`` downloads the charter (Projektauftrag)."""
    project = access.get_project_for(request.user, pk)
    document = request.GET.get("dokument")
    if document is not None:
        return _charter_download(project, document)
    roles = access.project_roles(request.user, project)
    today = timezone.localdate()
    milestones = list(project.milestones.all())
    cells = {p.municipality_id: p for p in access.visible_participations(request.user, [project])}
    members = list(
        RegionMember.objects.filter(region_id=project.region_id)
        .select_related("municipality")
        .order_by("position")
    )
    participants = [
        (m, queries.unit_label(m.municipality), queries.Cell(cells.get(m.municipality_id))) for m in members
    ]
    present = rules.charter_present(project.charter())
    own = roles_of(request.user).contact_municipalities
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "charter_elements": [(str(label), present[key]) for key, label in rules.CHARTER_ELEMENTS],
            "missing": project.charter_missing,
            "steps": rules.offered(project.status, roles, project.verdict),
            "milestones": [(m, m.is_overdue(today)) for m in milestones],
            "decisions": list(project.decisions.select_related("milestone")),
            "lessons": list(project.lessons.all()),
            "can_write_lessons": access.can_write_lessons(request.user, project),
            "can_publish": access.can_publish(request.user, project),
            "transitions": list(project.transitions.all()),
            "participants": participants,
            "summe": rules.summe(c.status for _m, _label, c in participants),
            "can_edit": access.can_edit(request.user, project),
            "can_decide": access.can_decide(request.user, project),
            "can_confirm": access.can_confirm(request.user, project),
            "declare_ids": {m.municipality_id for m in members if m.municipality_id in own}
            | ({m.municipality_id for m in members} if access.can_confirm(request.user, project) else set()),
            "sees_history": bool(roles),
            # the operating details (legal form, seat, term, notice, positions) live on the inventory entry
            "can_edit_operation": project.cooperation_id is not None
            and cooperation_access.can_edit_inventory(request.user, project.region),
        },
    )


@login_required
def project_create(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    access.get_region_projects_for(request.user, region)
    if not roles_of(request.user).sees_region_fully(region.pk):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ProjectForm.Meta.fields}
        result = submit(
            request,
            form,
            lambda: services.create_project(region, values, actor=_user(request)),
            success=_("Der Projektvorschlag wurde angelegt."),
        )
        if result.saved is not None:
            return redirect(result.saved)
        form = result.form
    proposals = list(
        Proposal.objects.filter(call__region=region, status=ProposalStatus.OPEN).select_related("call")
    )
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "region": region, "project": None, "proposals": proposals},
    )


@require_POST
@login_required
def proposal_take_over(request: HttpRequest, slug: str, proposal_pk: int) -> HttpResponse:
    """Office and steering group turn a proposal of the interest procedure into a project."""
    region = get_region_for(request.user, slug)
    access.get_region_projects_for(request.user, region)
    if not roles_of(request.user).sees_region_fully(region.pk):
        raise PermissionDenied
    proposal = get_object_or_404(Proposal, pk=proposal_pk, call__region=region)
    try:
        project = services.take_over_proposal(proposal, actor=_user(request))
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
        return redirect("projects:project_create", region.slug)
    messages.success(request, _("Der Projektvorschlag wurde als Projekt übernommen."))
    return redirect(project)


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk, write=True)
    form = ProjectForm(
        request.POST or None, instance=project, initial={"version": project.version}, region=project.region
    )
    context: dict[str, Any] = {"form": form, "region": project.region, "project": project}
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ProjectForm.Meta.fields}
        result = submit(
            request,
            form,
            lambda: services.update_charter(
                project, values, expected_version=form.cleaned_data["version"] or 0, actor=_user(request)
            ),
            success=_("Der Projektauftrag wurde gespeichert."),
            fresh=lambda current: ProjectForm(
                instance=current, initial={"version": current.version}, region=current.region
            ),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "projects/project_form.html", context, status=status)


@login_required
def project_transition(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk)
    roles = access.project_roles(request.user, project)
    steps = rules.offered(project.status, roles, project.verdict)
    if not steps:
        raise PermissionDenied
    target = request.POST.get("target") or request.GET.get("nach") or steps[0].target
    step = next((s for s in steps if s.target == target), None)
    if step is None:
        step = rules.find_transition(project.status, target) or steps[0]
    form = TransitionForm(
        request.POST if request.method == "POST" else None,
        initial={"version": project.version, "target": step.target},
        step=step,
        project=project,
        roles=roles,
    )
    status = 200
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save() -> Project:
            return (
                services.transition(
                    project,
                    data["target"],
                    actor=_user(request),
                    roles=roles,
                    expected_version=data["version"],
                    reason=data.get("reason", ""),
                    verdict=data.get("verdict", ""),
                    verdict_reasons=data.get("verdict_reasons", ""),
                )
                if data["target"] != Status.OPERATING
                else services.start_operation(
                    project,
                    actor=_user(request),
                    roles=roles,
                    expected_version=data["version"],
                    reason=data.get("reason", ""),
                    legal_form=data.get("legal_form", ""),
                )
            )

        result = submit(request, form, save, success=_("Der Stand des Projekts wurde geändert."))
        if result.saved is not None:
            return redirect(result.saved)
        form, conflict, status = result.form, result.conflict, result.status
        if result.conflict is None and form.errors:
            status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "projects/project_transition.html",
        {
            "project": project,
            "form": form,
            "step": step,
            "steps": steps,
            "conflict": conflict,
            "missing": project.charter_missing if step.needs_charter else [],
        },
        status=status,
    )


@login_required
def project_history(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk)
    if not access.project_roles(request.user, project):
        raise PermissionDenied
    return history_page(request, project, back_url=project.get_absolute_url(), title=project.title)


def _charter_download(project: Project, document: str) -> HttpResponse:
    name = f"projektauftrag-{slugify(project.title)}"
    if document == "docx":
        response = HttpResponse(documents.charter_docx(project), content_type=DOCX)
    elif document == "pdf":
        response = HttpResponse(documents.charter_pdf(project), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{document}"'
    return response


# --- milestones and decisions ------------------------------------------------------------------------


@login_required
def milestone_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk, write=True)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.MILESTONE_FIELDS}
        result = submit(
            request,
            form,
            lambda: services.add_milestone(project, values, actor=_user(request)),
            success=_("Der Meilenstein wurde gespeichert."),
        )
        if result.saved is not None:
            return redirect(project)
        form = result.form
    return render(
        request, "projects/milestone_form.html", {"form": form, "project": project, "milestone": None}
    )


@login_required
def milestone_edit(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk, write=True)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, project=project)
    form = MilestoneForm(request.POST or None, instance=milestone, initial={"version": milestone.version})
    context: dict[str, Any] = {"form": form, "project": project, "milestone": milestone}
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.MILESTONE_FIELDS}
        result = submit(
            request,
            form,
            lambda: services.update_milestone(
                milestone, values, expected_version=form.cleaned_data["version"] or 0, actor=_user(request)
            ),
            success=_("Der Meilenstein wurde gespeichert."),
            fresh=lambda current: MilestoneForm(instance=current, initial={"version": current.version}),
        )
        if result.saved is not None:
            return redirect(project)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "projects/milestone_form.html", context, status=status)


@login_required
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk)
    if not access.can_decide(request.user, project):
        raise PermissionDenied
    form = DecisionForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        result = submit(
            request,
            form,
            lambda: services.record_decision(project, values, actor=_user(request)),
            success=_("Der Beschluss der Lenkungsgruppe wurde festgehalten."),
        )
        if result.saved is not None:
            return redirect(project)
        form = result.form
    return render(request, "projects/decision_form.html", {"form": form, "project": project})


# --- lessons learned and the portal ------------------------------------------------------------------


def _lesson_project(request: HttpRequest, pk: int) -> Project:
    project = access.get_project_for(request.user, pk)
    if not access.can_write_lessons(request.user, project):
        raise PermissionDenied
    return project


@login_required
def lesson_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _lesson_project(request, pk)
    form = LessonForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.LESSON_FIELDS}
        result = submit(
            request,
            form,
            lambda: services.add_lesson(project, values, actor=_user(request)),
            success=_("Die Erfahrung wurde festgehalten."),
        )
        if result.saved is not None:
            return redirect(result.saved)
        form = result.form
    return render(request, "projects/lesson_form.html", {"form": form, "project": project, "lesson": None})


@login_required
def lesson_edit(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    project = _lesson_project(request, pk)
    lesson = get_object_or_404(LessonLearned, pk=lesson_pk, project=project)
    form = LessonForm(request.POST or None, instance=lesson, initial={"version": lesson.version})
    context: dict[str, Any] = {"form": form, "project": project, "lesson": lesson}
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.LESSON_FIELDS}
        result = submit(
            request,
            form,
            lambda: services.update_lesson(
                lesson, values, expected_version=form.cleaned_data["version"] or 0, actor=_user(request)
            ),
            success=_("Die Erfahrung wurde gespeichert."),
            fresh=lambda current: LessonForm(instance=current, initial={"version": current.version}),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "projects/lesson_form.html", context, status=status)


@require_POST
@login_required
def charter_store(request: HttpRequest, pk: int) -> HttpResponse:
    """Office and the project's lead put the current charter as PDF into the document library."""
    project = access.get_project_for(request.user, pk, write=True)
    try:
        version = services.store_charter(project, actor=_user(request))
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
        return redirect(project)
    messages.success(
        request,
        _("Der Projektauftrag liegt als Version %(n)s in der Dokumentbibliothek.") % {"n": version.number},
    )
    return redirect(project)


@require_POST
@login_required
def project_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The office puts the project on the public portal (``veroeffentlichen=1``) or takes it off."""
    project = access.get_project_for(request.user, pk)
    if not access.can_publish(request.user, project):
        raise PermissionDenied
    choice = request.POST.get("veroeffentlichen")
    if choice not in ("0", "1"):
        messages.error(request, _("Die Angabe zur Veröffentlichung fehlt oder ist ungültig."))
        return redirect(project)
    publish = choice == "1"
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.set_published(project, publish, actor=_user(request), expected_version=version)
    except ConflictError as exc:
        refuse_stale(request, exc)
        return redirect(project)
    messages.success(
        request,
        _("Das Projekt steht jetzt im öffentlichen Portal.")
        if publish
        else _("Das Projekt wurde aus dem öffentlichen Portal genommen."),
    )
    return redirect(project)


# --- participation -----------------------------------------------------------------------------------


def _declarable(request: HttpRequest, pk: int, municipality_pk: int) -> tuple[Project, Municipality]:
    project = access.get_project_for(request.user, pk)
    member = get_object_or_404(
        RegionMember.objects.select_related("municipality"),
        region_id=project.region_id,
        municipality_id=municipality_pk,
    )
    if not access.can_declare_for(request.user, project, municipality_pk):
        raise PermissionDenied
    return project, member.municipality


@login_required
def participation_edit(request: HttpRequest, pk: int, municipality_pk: int) -> HttpResponse:
    project, municipality = _declarable(request, pk, municipality_pk)
    cell = Participation.objects.filter(project=project, municipality=municipality).first()
    confirm = access.can_confirm(request.user, project)
    form = ParticipationForm(request.POST or None, initial=ParticipationForm.initial_for(cell))
    status = 200
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = submit(
            request,
            form,
            lambda: services.declare_participation(
                project,
                municipality,
                data["status"],
                form.roles(),
                actor=_user(request),
                confirm=confirm,
                expected_version=data["version"] if cell is not None else None,
            ),
            success=_("Die Beteiligung wurde gespeichert.")
            if confirm
            else _("Die Beteiligung wurde erklärt; die Projektleitung bestätigt sie."),
            fresh=lambda current: ParticipationForm(initial=ParticipationForm.initial_for(current)),
        )
        if result.saved is not None:
            if request.GET.get("zurueck") == "kommune":
                return redirect("projects:participation_own", project.region.slug, municipality.pk)
            return redirect(project)
        form, conflict, status = result.form, result.conflict, result.status
    return render(
        request,
        "projects/participation_form.html",
        {
            "form": form,
            "project": project,
            "municipality": municipality,
            "cell": cell,
            "confirm": confirm,
            "conflict": conflict,
        },
        status=status,
    )


@require_POST
@login_required
def participation_confirm(request: HttpRequest, pk: int, municipality_pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk)
    if not access.can_confirm(request.user, project):
        raise PermissionDenied
    cell = get_object_or_404(Participation, project=project, municipality_id=municipality_pk)
    try:
        version = int(request.POST.get("version", "0"))
    except ValueError:
        version = 0
    try:
        services.confirm_participation(cell, actor=_user(request), expected_version=version)
    except ConflictError as exc:
        refuse_stale(request, exc)
    else:
        messages.success(
            request, _("Die Beteiligung von %(m)s wurde bestätigt.") % {"m": cell.municipality.short_name}
        )
    return redirect(project)


@login_required
def participation_own(request: HttpRequest, slug: str, municipality_pk: int) -> HttpResponse:
    """A contact's page: the region's projects and their own municipality's participation in each."""
    region = get_region_for(request.user, slug)
    projects = list(access.get_region_projects_for(request.user, region).order_by("-year", "title", "pk"))
    member = get_object_or_404(
        RegionMember.objects.select_related("municipality"), region=region, municipality_id=municipality_pk
    )
    roles = roles_of(request.user)
    if not (roles.is_office_of(region.pk) or municipality_pk in roles.contact_municipalities):
        raise PermissionDenied
    cells = {
        p.project_id: p
        for p in access.participations_for(request.user).filter(
            project__in=projects, municipality_id=municipality_pk
        )
    }
    rows = [
        (p, queries.Cell(cells.get(p.pk)))
        for p in projects
        if p.status not in rules.FINAL_STATES or p.pk in cells
    ]
    return render(
        request,
        "projects/participation_own.html",
        {"region": region, "municipality": member.municipality, "rows": rows},
    )
