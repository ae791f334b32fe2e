"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.audit.views import history_page
from ikz.lib.exports import FORMATS, attachment, download, requested_format
from ikz.municipalities.access import get_region_for
from ikz.resolutions import access, documents, exports, queries, rules, services
from ikz.resolutions.forms import AllDraftsForm, CouncilDraftForm, DateCorrectionForm, ResolutionForm
from ikz.resolutions.models import Outcome, Resolution, Subject
from ikz.web import AppRequest, edit_page, pick, post_action, stand_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- overview --------------------------------------------------------------------------------------


@login_required
def overview(request: AppRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    choice = stand_of(request)
    rows = queries.overview_rows(region, day=choice.stand.day)
    fmt = requested_format(request)
    if fmt:
        return download(
            exports.overview_table(region, rows, choice.stand),
            fmt,
            filename=f"{region.slug}-grundsatzbeschluesse{choice.stand.suffix}",
        )
    drawn = queries.overview_map(rows)
    municipalities = [r.municipality for r in rows]
    editable = access.editable_ids(request.user, municipalities)
    draftable = access.draftable_ids(request.user, region, municipalities)
    only_open = request.GET.get("offen") == "1"  # the start page's "resolutions to record"
    if only_open:
        rows = queries.open_rows(rows, editable)
    return render(
        request,
        "resolutions/overview.html",
        {
            "region": region,
            "rows": [
                (
                    r,
                    queries.outcome_label(r.outcome),
                    r.municipality.pk in editable,
                    r.municipality.pk in draftable,
                )
                for r in rows
            ],
            "layout": drawn.layout,
            "shapes": drawn.shapes,
            "kreis_shape": drawn.kreis_shape,
            "kreis": drawn.kreis,
            "legend": drawn.legend,
            "without": drawn.without,
            "sources": drawn.sources,
            "formats": list(FORMATS),
            "patterns": {o: s.pattern for o, s in rules.OUTCOME_STYLES.items()},
            "stand": choice,
            "only_open": only_open,
            "can_import": access.can_import_for(request.user, region),
            "can_draft_all": access.can_draft_all(request.user, region),
            "all_drafts_form": AllDraftsForm(),
        },
    )


# --- one resolution --------------------------------------------------------------------------------


@login_required
def resolution_detail(request: AppRequest, pk: int) -> HttpResponse:
    resolution = access.get_resolution_for(request.user, pk)
    return render(
        request,
        "resolutions/resolution_detail.html",
        {
            "resolution": resolution,
            "regions": queries.regions_of(resolution.municipality_id),
            "can_edit": access.can_edit_for(request.user, resolution.municipality_id),
            "can_see_history": access.can_view_history(request.user, resolution.municipality_id),
            "correction_form": DateCorrectionForm(initial={"version": resolution.version}),
        },
    )


@login_required
@require_POST
def resolution_correct(request: AppRequest, pk: int) -> HttpResponse:
    """Correct the date of a resolution with a reason (audited)."""
    resolution = access.get_resolution_for(request.user, pk, write=True)
    form = DateCorrectionForm(request.POST)
    return post_action(
        request,
        lambda version: services.correct_resolution_date(
            resolution,
            date=form.cleaned_data["date"],
            reason=form.cleaned_data["reason"],
            expected_version=version,
            actor=request.user,
        ),
        form=form,
        success=_("Das Sitzungsdatum wurde berichtigt."),
        back=resolution,
    )


@login_required
def resolution_create(request: AppRequest, slug: str, municipality_pk: int) -> HttpResponse:
    region = get_region_for(request.user, slug)
    member = access.get_member_for(request.user, region, municipality_pk, write=True)
    municipality = member.municipality
    bodies = rules.bodies_for(municipality.kind)
    initial: dict[str, Any] = {"subject": Subject.PRINCIPLE, "outcome": Outcome.PENDING}
    if bodies:
        initial["body"] = bodies[0]
    return edit_page(
        request,
        ResolutionForm(request.POST or None, initial=initial, municipality=municipality),
        lambda data: services.create_resolution(
            municipality, pick(data, ResolutionForm.Meta.fields), actor=request.user
        ),
        template="resolutions/resolution_form.html",
        success=_("Der Beschluss wurde gespeichert."),
        context={"region": region, "municipality": municipality, "resolution": None},
    )


def _resolution_form(data: Any, resolution: Resolution) -> ResolutionForm:
    return ResolutionForm(
        data,
        instance=resolution,
        initial={"version": resolution.version},
        municipality=resolution.municipality,
    )


@login_required
def resolution_edit(request: AppRequest, pk: int) -> HttpResponse:
    resolution = access.get_resolution_for(request.user, pk, write=True)
    return edit_page(
        request,
        _resolution_form(request.POST or None, resolution),
        lambda data: services.update_resolution(
            resolution,
            pick(data, ResolutionForm.Meta.fields),
            expected_version=data["version"] or 0,
            actor=request.user,
        ),
        template="resolutions/resolution_form.html",
        success=_("Der Beschluss wurde gespeichert."),
        context={"municipality": resolution.municipality, "resolution": resolution, "region": None},
        fresh=lambda current: _resolution_form(None, current),
    )


@login_required
def resolution_history(request: AppRequest, pk: int) -> HttpResponse:
    resolution = access.get_resolution_for(request.user, pk)
    if not access.can_view_history(request.user, resolution.municipality_id):
        raise PermissionDenied(
            _("Den Verlauf sehen die Kontaktperson der Kommune, Geschäftsstelle und Lenkungsgruppe.")
        )
    return history_page(request, resolution, back_url=resolution.get_absolute_url(), title=str(resolution))


# --- model council draft ---------------------------------------------------------------------------


@login_required
def council_draft(request: AppRequest, slug: str, municipality_pk: int) -> HttpResponse:
    region = get_region_for(request.user, slug)
    member = access.get_member_for(request.user, region, municipality_pk)
    if not access.can_draft_for(request.user, region, municipality_pk):
        raise PermissionDenied(
            _("Die Vorlage erstellen die Kontaktperson der Kommune, Geschäftsstelle und Lenkungsgruppe.")
        )
    municipality = member.municipality
    resolution = queries.principle_resolution(municipality)
    bodies = rules.bodies_for(municipality.kind)
    initial: dict[str, Any] = {}
    if resolution is not None:
        initial = {"body": resolution.body, "session_date": resolution.date}
    elif bodies:
        initial = {"body": bodies[0]}
    bound = "session_date" in request.GET
    form = CouncilDraftForm(request.GET if bound else None, initial=initial)
    if bound and form.is_valid():
        content = documents.council_draft(
            municipality, region, form.cleaned_data["body"], form.cleaned_data["session_date"]
        )
        response = HttpResponse(content, content_type=DOCX)
        response["Content-Disposition"] = attachment(
            f"Muster-Gremienvorlage {municipality.short_name}", "docx"
        )
        return response
    return render(
        request,
        "resolutions/council_draft.html",
        {"form": form, "region": region, "municipality": municipality, "resolution": resolution},
    )


@login_required
def council_drafts_all(request: AppRequest, slug: str) -> HttpResponse:
    """Council drafts for every member: queued as a background job (decision 168); the page of the
    job shows when they are in the document library."""
    region = get_region_for(request.user, slug)
    access.check_draft_all(request.user, region)
    return edit_page(
        request,
        AllDraftsForm(request.POST or None),
        lambda data: services.queue_council_drafts(region, data["session_date"], actor=request.user),
        template="resolutions/council_drafts_all.html",
        success=_("Die Gremienvorlagen werden im Hintergrund erzeugt."),
        done=lambda job: reverse("jobs:job_detail", args=[job.pk]),
        context={"region": region, "members": queries.member_count(region)},
    )
