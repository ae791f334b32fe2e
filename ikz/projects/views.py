"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.audit.views import history_page
from ikz.forms import current_version_of
from ikz.lib.exports import attachment, download, requested_format
from ikz.lib.stand import PARAM as STAND_PARAM
from ikz.lib.stand import year_end_stand
from ikz.municipalities.access import get_region_for
from ikz.projects import access, documents, queries, rules, services
from ikz.projects.forms import (
    BackCaptureForm,
    DecisionForm,
    LessonForm,
    MilestoneForm,
    ParticipationForm,
    PortfolioFilter,
    ProjectForm,
    PublishForm,
    StepCorrectionForm,
    TransitionForm,
)
from ikz.projects.models import Project
from ikz.related import links_for
from ikz.web import AppRequest, Cleaned, StandChoice, edit_page, pick, post_action, post_button, stand_of

PAGE_SIZE = 25
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- portfolio, matrix, dashboard ----------------------------------------------------------------


@login_required
def project_list(request: AppRequest, slug: str) -> HttpResponse:
    """The portfolio as of the Stand (``?stand=``): each project's state on that day."""
    region = get_region_for(request.user, slug)
    projects = access.get_region_projects_for(request.user, region)
    stand = stand_of(request)
    form = PortfolioFilter(request.GET or None, region=region, projects=projects)
    choice = form.cleaned_data if form.is_valid() else None
    rows = queries.portfolio(projects, choice, stand.stand.day)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
    params = request.GET.copy()
    params.pop("seite", None)
    return render(
        request,
        "projects/project_list.html",
        {
            "region": region,
            "form": form,
            "page": page,
            "stand": stand,
            "query_without_page": params.urlencode(),
            "can_create": access.can_create(request.user, region),
            "can_back_capture": access.can_back_capture(request.user, region),
            "can_see_dashboard": access.sees_dashboard(request.user, region),
            "contact_ids": access.own_municipality_ids(request.user),
        },
    )


def _matrix_stand(request: AppRequest, years: list[int]) -> StandChoice:
    """``?stand=`` wins; the old ``?jahr=YYYY`` means 31.12. of that year (today within it); without
    either, the latest year with a matrix, as the page always opened (decision 108). The link to
    today's Stand then carries today's date."""
    choice = stand_of(request)
    today = timezone.localdate()
    keep = tuple((k, v) for k, v in choice.keep if k != "jahr")
    if request.GET.get(STAND_PARAM):
        return replace(choice, keep=keep)
    jahr = request.GET.get("jahr") or (str(years[0]) if years else "")
    if not jahr:
        return replace(choice, keep=keep)
    try:
        stand = year_end_stand(int(jahr), today)
    except ValueError as exc:
        raise Http404 from exc
    if not stand.is_today:
        keep = ((STAND_PARAM, today.isoformat()), *keep)
    return StandChoice(stand, value="" if stand.is_today else stand.day.isoformat(), keep=keep)


@login_required
def participation_matrix(request: AppRequest, slug: str) -> HttpResponse:
    """The participation matrix as of the Stand: the projects running on that day, the
    participations held then; XLSX, CSV and PDF name the Stand."""
    region = get_region_for(request.user, slug)
    projects = access.get_region_projects_for(request.user, region)
    years = queries.matrix_years(projects)
    stand = _matrix_stand(request, years)
    day = stand.stand.day
    columns = queries.matrix_columns(projects, day)
    matrix = queries.matrix(request.user, region, columns, day=day)
    title = _("Beteiligung an IKZ-Projekten und -Umsetzungsmaßnahmen %(year)s") % {"year": day.year}
    if not stand.stand.is_today:
        title += f" – {stand.stand.label}"
    fmt = requested_format(request)
    if fmt:
        return download(
            queries.matrix_table(matrix, title),
            fmt,
            filename=f"{region.slug}-beteiligung-{day.year}{stand.stand.suffix}",
        )
    return render(
        request,
        "projects/participation_matrix.html",
        {
            "region": region,
            "matrix": matrix,
            "title": title,
            "year": day.year,
            "years": years,
            "stand": stand,
            "q": queries,
        },
    )


@login_required
def dashboard(request: AppRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    access.get_region_projects_for(request.user, region)  # 404 for those who see nothing
    if not access.sees_dashboard(request.user, region):
        raise PermissionDenied(
            _("Die Übersicht sehen die Geschäftsstelle und die Lenkungsgruppe der Region.")
        )
    stand = stand_of(request)
    day = stand.stand.day
    return render(
        request,
        "projects/project_dashboard.html",
        {
            "region": region,
            "d": queries.dashboard(region, day),
            "today": day,
            "stand": stand,
            "report_years": [day.year, day.year - 1],
        },
    )


# --- one project -------------------------------------------------------------------------------------


@login_required
def project_detail(request: AppRequest, pk: int) -> HttpResponse:
    """The project page; ``?dokument=docx|pdf`` downloads the charter (Projektauftrag);
    ``?meilensteine=offen`` lists only the milestones not reached yet (the lead's start page)."""
    project = access.get_project_for(request.user, pk)
    document = request.GET.get("dokument")
    if document is not None:
        return _charter_download(project, document)
    page = queries.project_page(request.user, project, timezone.localdate())
    open_only = request.GET.get("meilensteine") == "offen"
    participants = page.participants
    present = rules.charter_present(project.charter())
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "charter_elements": [(str(label), present[key]) for key, label in rules.CHARTER_ELEMENTS],
            "missing": project.charter_missing,
            "steps": access.offered_steps(request.user, project),
            "milestones": queries.open_milestones(page.milestones) if open_only else page.milestones,
            "open_milestones_only": open_only,
            "decisions": page.decisions,
            "lessons": page.lessons,
            "can_write_lessons": access.can_write_lessons(request.user, project),
            "can_publish": access.can_publish(request.user, project),
            "transitions": page.transitions,
            "outcome": page.outcome,
            "chain": page.chain,
            "is_finished": project.status in rules.FINAL_STATES,
            "participants": participants,
            "summe": rules.summe(c.status for _m, _label, c in participants),
            "can_edit": access.can_edit(request.user, project),
            "can_decide": access.can_decide(request.user, project),
            "can_confirm": access.can_confirm(request.user, project),
            "declare_ids": access.declarable_ids(
                request.user, project, [m.municipality_id for m, _label, _c in participants]
            ),
            "can_see_history": access.can_see_history(request.user, project),
            "can_edit_operation": access.can_edit_operation(request.user, project),
            "can_correct": access.can_correct_steps(request.user, project),
            "related": links_for(request.user, project),
        },
    )


@login_required
def project_create(request: AppRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    access.get_region_projects_for(request.user, region)
    if not access.can_create(request.user, region):
        raise PermissionDenied(_("Projekte legen die Geschäftsstelle und die Lenkungsgruppe der Region an."))
    return edit_page(
        request,
        ProjectForm(request.POST or None, region=region),
        lambda data: services.create_project(region, pick(data, ProjectForm.Meta.fields), actor=request.user),
        template="projects/project_form.html",
        success=_("Der Projektvorschlag wurde angelegt."),
        context={"region": region, "project": None, "proposals": queries.open_proposals(region)},
    )


@login_required
def project_back_capture(request: AppRequest, slug: str) -> HttpResponse:
    """Vergangenes Projekt nacherfassen: the office enters a past project in one form."""
    region = get_region_for(request.user, slug)
    access.get_region_projects_for(request.user, region)
    if not access.can_back_capture(request.user, region):
        raise PermissionDenied(_("Vergangene Projekte erfasst die Geschäftsstelle der Region nach."))
    form = BackCaptureForm(request.POST or None, region=region, members=queries.members(region))
    return edit_page(
        request,
        form,
        lambda _data: services.record_history(region, **form.history(), actor=request.user),
        template="projects/project_back_capture.html",
        success=_("Das vergangene Projekt wurde nacherfasst."),
        context={"region": region},
    )


@require_POST
@login_required
def proposal_take_over(request: AppRequest, slug: str, proposal_pk: int) -> HttpResponse:
    """Office and steering group turn a proposal of the interest procedure into a project."""
    region = get_region_for(request.user, slug)
    access.get_region_projects_for(request.user, region)
    proposal = access.get_proposal_for(request.user, region, proposal_pk)
    return post_button(
        request,
        lambda: services.take_over_proposal(proposal, actor=request.user),
        success=_("Der Projektvorschlag wurde als Projekt übernommen."),
        back=lambda project: project,
        refused=reverse("projects:project_create", args=[region.slug]),
    )


def _charter_form(data: object, project: Project) -> ProjectForm:
    return ProjectForm(data, instance=project, initial={"version": project.version}, region=project.region)


@login_required
def project_edit(request: AppRequest, pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk, write=True)
    return edit_page(
        request,
        _charter_form(request.POST or None, project),
        lambda data: services.update_charter(
            project,
            pick(data, ProjectForm.Meta.fields),
            expected_version=data["version"] or 0,
            actor=request.user,
        ),
        template="projects/project_form.html",
        success=_("Der Projektauftrag wurde gespeichert."),
        context={"region": project.region, "project": project},
        fresh=lambda current: _charter_form(None, current),
    )


@login_required
def project_transition(request: AppRequest, pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk)
    roles = access.project_roles(request.user, project)
    steps = access.offered_steps(request.user, project)
    if not steps:
        raise PermissionDenied(_("Für Sie steht in diesem Stand des Projekts kein Schritt an."))
    paused_from = queries.paused_from(project)
    target = request.POST.get("target") or request.GET.get("nach") or steps[0].target
    step = next((s for s in steps if s.target == target), None)
    if step is None:
        step = rules.find_transition(project.status, target, paused_from) or steps[0]
    form = TransitionForm(
        request.POST if request.method == "POST" else None,
        initial={"version": project.version, "target": step.target},
        step=step,
        project=project,
        roles=roles,
        paused_from=paused_from,
    )

    def save(data: Cleaned) -> Project:
        return services.transition(
            project,
            data["target"],
            actor=request.user,
            roles=roles,
            expected_version=data["version"],
            reason=data.get("reason", ""),
            verdict=data.get("verdict", ""),
            verdict_reasons=data.get("verdict_reasons", ""),
            legal_form=data.get("legal_form", ""),
            effective_on=data.get("effective_on"),
            outcome=form.outcome(),
        )

    return edit_page(
        request,
        form,
        save,
        template="projects/project_transition.html",
        success=_("Der Stand des Projekts wurde geändert."),
        context={
            "project": project,
            "step": step,
            "steps": steps,
            "missing": project.charter_missing if step.needs_charter else [],
            "resumes_to": rules.STATE_LABELS.get(paused_from, "") if paused_from else "",
        },
        invalid_status=400,
    )


@login_required
def step_correct(request: AppRequest, pk: int, log_pk: int) -> HttpResponse:
    """Office and steering group correct the effective date of one step, with a reason."""
    project = access.get_project_for(request.user, pk)
    log = access.get_step_to_correct(request.user, project, log_pk)
    form = StepCorrectionForm(
        request.POST or None, initial={"version": project.version, "effective_on": log.effective_on}
    )
    return edit_page(
        request,
        form,
        lambda data: services.correct_step_date(
            log,
            data["effective_on"],
            reason=data["reason"],
            actor=request.user,
            expected_version=data["version"],
        ),
        template="projects/step_correct.html",
        success=_("Das Datum des Schritts wurde berichtigt."),
        context={"project": project, "log": log},
        done=lambda _saved: project.get_absolute_url() + f"#schritt-{log.pk}",
    )


@login_required
def project_history(request: AppRequest, pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk)
    if not access.can_see_history(request.user, project):
        raise PermissionDenied(
            _("Den Verlauf sehen die Geschäftsstelle, die Lenkungsgruppe und die Projektleitung.")
        )
    return history_page(request, project, back_url=project.get_absolute_url(), title=project.title)


def _charter_download(project: Project, document: str) -> HttpResponse:
    if document == "docx":
        response = HttpResponse(documents.charter_docx(project), content_type=DOCX)
    elif document == "pdf":
        response = HttpResponse(documents.charter_pdf(project), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = attachment(f"Projektauftrag {project.title}", document)
    return response


# --- milestones and decisions ------------------------------------------------------------------------


@login_required
def milestone_create(request: AppRequest, pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk, write=True)
    return edit_page(
        request,
        MilestoneForm(request.POST or None),
        lambda data: services.add_milestone(
            project, pick(data, services.MILESTONE_FIELDS), actor=request.user
        ),
        template="projects/milestone_form.html",
        success=_("Der Meilenstein wurde gespeichert."),
        context={"project": project, "milestone": None},
        done=lambda _saved: project,
    )


@login_required
def milestone_edit(request: AppRequest, pk: int, milestone_pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk, write=True)
    milestone = access.get_milestone_of(project, milestone_pk)
    return edit_page(
        request,
        MilestoneForm(request.POST or None, instance=milestone, initial={"version": milestone.version}),
        lambda data: services.update_milestone(
            milestone,
            pick(data, services.MILESTONE_FIELDS),
            expected_version=data["version"] or 0,
            actor=request.user,
        ),
        template="projects/milestone_form.html",
        success=_("Der Meilenstein wurde gespeichert."),
        context={"project": project, "milestone": milestone},
        done=lambda _saved: project,
        fresh=current_version_of(MilestoneForm),
    )


@login_required
def decision_create(request: AppRequest, pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk)
    if not access.can_decide(request.user, project):
        raise PermissionDenied(
            _("Entscheidungen tragen die Lenkungsgruppe und die Geschäftsstelle der Region ein.")
        )
    return edit_page(
        request,
        DecisionForm(request.POST or None, project=project),
        lambda data: services.record_decision(project, dict(data), actor=request.user),
        template="projects/decision_form.html",
        success=_("Der Beschluss der Lenkungsgruppe wurde festgehalten."),
        context={"project": project},
        done=lambda _saved: project,
    )


# --- lessons learned and the portal ------------------------------------------------------------------


def _lesson_project(request: AppRequest, pk: int) -> Project:
    project = access.get_project_for(request.user, pk)
    if not access.can_write_lessons(request.user, project):
        raise PermissionDenied(
            _("Erfahrungen tragen die Projektleitung, die Geschäftsstelle und die Lenkungsgruppe ein.")
        )
    return project


@login_required
def lesson_create(request: AppRequest, pk: int) -> HttpResponse:
    project = _lesson_project(request, pk)
    return edit_page(
        request,
        LessonForm(request.POST or None, initial={"date": timezone.localdate()}),
        lambda data: services.add_lesson(project, pick(data, services.LESSON_FIELDS), actor=request.user),
        template="projects/lesson_form.html",
        success=_("Die Erfahrung wurde festgehalten."),
        context={"project": project, "lesson": None},
    )


@login_required
def lesson_edit(request: AppRequest, pk: int, lesson_pk: int) -> HttpResponse:
    project = _lesson_project(request, pk)
    lesson = access.get_lesson_of(project, lesson_pk)
    return edit_page(
        request,
        LessonForm(request.POST or None, instance=lesson, initial={"version": lesson.version}),
        lambda data: services.update_lesson(
            lesson,
            pick(data, services.LESSON_FIELDS),
            expected_version=data["version"] or 0,
            actor=request.user,
        ),
        template="projects/lesson_form.html",
        success=_("Die Erfahrung wurde gespeichert."),
        context={"project": project, "lesson": lesson},
        fresh=current_version_of(LessonForm),
    )


@require_POST
@login_required
def charter_store(request: AppRequest, pk: int) -> HttpResponse:
    """Office and the project's lead put the current charter as PDF into the document library."""
    project = access.get_project_for(request.user, pk, write=True)
    return post_button(
        request,
        lambda: services.store_charter(project, actor=request.user),
        success=lambda version: (
            _("Der Projektauftrag liegt als Version %(n)s in der Dokumentbibliothek.") % {"n": version.number}
        ),
        back=project,
    )


@require_POST
@login_required
def project_publish(request: AppRequest, pk: int) -> HttpResponse:
    """The office puts the project on the public portal (``veroeffentlichen=1``) or takes it off."""
    project = access.get_project_for(request.user, pk)
    if not access.can_publish(request.user, project):
        raise PermissionDenied(_("Im Portal veröffentlicht die Geschäftsstelle der Region."))
    form = PublishForm(request.POST)
    publish = request.POST.get("veroeffentlichen") == "1"
    return post_action(
        request,
        lambda version: services.set_published(
            project, publish, actor=request.user, expected_version=version
        ),
        success=_("Das Projekt steht jetzt im öffentlichen Portal.")
        if publish
        else _("Das Projekt wurde aus dem öffentlichen Portal genommen."),
        back=project,
        form=form,
    )


# --- participation -----------------------------------------------------------------------------------


@login_required
def participation_edit(request: AppRequest, pk: int, municipality_pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk)
    municipality = access.get_declarable_for(request.user, project, municipality_pk)
    cell = queries.participation_cell(project, municipality)
    confirm = access.can_confirm(request.user, project)
    form = ParticipationForm(request.POST or None, initial=ParticipationForm.initial_for(cell))
    back_to_own = request.GET.get("zurueck") == "kommune"
    return edit_page(
        request,
        form,
        lambda data: services.declare_participation(
            project,
            municipality,
            data["status"],
            form.roles(),
            actor=request.user,
            confirm=confirm,
            expected_version=data["version"] if cell is not None else None,
            joined_on=data.get("joined_on"),
            left_on=data.get("left_on"),
        ),
        template="projects/participation_form.html",
        success=_("Die Beteiligung wurde gespeichert.")
        if confirm
        else _("Die Beteiligung wurde erklärt; die Projektleitung bestätigt sie."),
        context={"project": project, "municipality": municipality, "cell": cell, "confirm": confirm},
        done=lambda _saved: (
            reverse("projects:participation_own", args=[project.region.slug, municipality.pk])
            if back_to_own
            else project
        ),
        fresh=lambda current: ParticipationForm(initial=ParticipationForm.initial_for(current)),
    )


@require_POST
@login_required
def participation_confirm(request: AppRequest, pk: int, municipality_pk: int) -> HttpResponse:
    project = access.get_project_for(request.user, pk)
    cell = access.get_cell_to_confirm(request.user, project, municipality_pk)
    return post_action(
        request,
        lambda version: services.confirm_participation(cell, actor=request.user, expected_version=version),
        success=_("Die Beteiligung von %(m)s wurde bestätigt.") % {"m": cell.municipality.short_name},
        back=project,
    )


@login_required
def participation_own(request: AppRequest, slug: str, municipality_pk: int) -> HttpResponse:
    """A contact's page: the region's projects and their own municipality's participation in each."""
    region = get_region_for(request.user, slug)
    projects = list(access.get_region_projects_for(request.user, region).order_by("-year", "title", "pk"))
    member = access.get_member_of(region, municipality_pk)
    if not access.sees_participation_of(request.user, region, municipality_pk):
        raise PermissionDenied(
            _("Die Beteiligung einer Kommune sehen ihre Kontaktperson und die Geschäftsstelle der Region.")
        )
    return render(
        request,
        "projects/participation_own.html",
        {
            "region": region,
            "municipality": member.municipality,
            "rows": queries.own_participation(
                request.user, projects, municipality_pk, undeclared=request.GET.get("offen") == "1"
            ),
            "only_open": request.GET.get("offen") == "1",
        },
    )
