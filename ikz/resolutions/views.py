"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.audit.views import history_page
from ikz.forms import submit
from ikz.lib.exports import FORMATS, Table, download, requested_format
from ikz.municipalities.access import get_region_for
from ikz.municipalities.models import Region, RegionMember
from ikz.resolutions import access, documents, rules, services
from ikz.resolutions.forms import CouncilDraftForm, ResolutionForm
from ikz.resolutions.models import Outcome, Resolution, Subject

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _user(request: HttpRequest) -> Any:
    return request.user


def _outcome_label(outcome: str) -> str:
    if outcome == rules.NO_ENTRY:
        return _("kein Eintrag")
    return str(Outcome(outcome).label)


# --- overview --------------------------------------------------------------------------------------


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    rows = services.overview_rows(region)
    fmt = requested_format(request)
    if fmt:
        return download(_overview_table(region, rows), fmt, filename=f"{region.slug}-grundsatzbeschluesse")
    boundaries = services.boundaries_of([r.municipality.pk for r in rows])
    kreis = services.outline_kreis(rows, boundaries)
    filled = [r for r in rows if r.municipality.pk in boundaries and r.municipality != kreis]
    geometries = {str(r.municipality.pk): boundaries[r.municipality.pk].geometry for r in filled}
    if kreis is not None and filled:
        geometries["kreis"] = boundaries[kreis.pk].geometry
    layout = rules.project(geometries) if filled else None
    shapes = []
    if layout is not None:
        for row in filled:
            shape = layout.shapes.get(str(row.municipality.pk))
            if shape is not None:
                shapes.append((row, shape))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.outcome] = counts.get(row.outcome, 0) + 1
    legend = [
        (outcome, _outcome_label(outcome), style, counts.get(outcome, 0))
        for outcome, style in rules.OUTCOME_STYLES.items()
        if outcome != rules.NO_ENTRY or counts.get(outcome)
    ]
    without = [r for r in rows if r.municipality.pk not in boundaries and r.municipality != kreis]
    sources = sorted({(b.source_file, b.source_date) for b in boundaries.values()})
    editable = access.editable_ids(request.user, [r.municipality for r in rows])
    return render(
        request,
        "resolutions/overview.html",
        {
            "region": region,
            "rows": [(r, _outcome_label(r.outcome), r.municipality.pk in editable) for r in rows],
            "layout": layout,
            "shapes": shapes,
            "kreis_shape": layout.shapes.get("kreis") if layout and kreis else None,
            "kreis": kreis,
            "legend": legend,
            "without": [r for r in without if layout is not None],
            "sources": sources,
            "formats": list(FORMATS),
            "sees_drafts": roles_of(request.user).sees_region_fully(region.pk),
            "contact_ids": roles_of(request.user).contact_municipalities,
            "patterns": {o: s.pattern for o, s in rules.OUTCOME_STYLES.items()},
        },
    )


def _overview_table(region: Region, rows: list[services.OverviewRow]) -> Table:
    table_rows: list[list[Any]] = []
    for row in rows:
        resolution = row.resolution
        table_rows.append(
            [
                row.member.short_label,
                row.municipality.name,
                row.municipality.key or "",
                resolution.get_body_display() if resolution else "",
                resolution.date if resolution else None,
                _outcome_label(row.outcome),
                resolution.note if resolution else "",
                resolution.source if resolution else "",
            ]
        )
    return Table(
        title=_("IKZ-Grundsatzbeschlüsse"),
        subtitle=region.name,
        columns=[
            _("Kürzel"),
            _("Mitglied"),
            _("AGS"),
            _("Gremium"),
            _("Sitzungsdatum"),
            _("Ergebnis"),
            _("Anmerkung"),
            _("Quelle"),
        ],
        rows=table_rows,
        notes=[_("Mitglieder in der Reihenfolge der Region; „kein Eintrag“: noch nichts erfasst.")],
    )


# --- one resolution --------------------------------------------------------------------------------


@login_required
def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = access.get_resolution_for(request.user, pk)
    regions = [
        m.region
        for m in RegionMember.objects.filter(municipality_id=resolution.municipality_id).select_related(
            "region"
        )
    ]
    return render(
        request,
        "resolutions/resolution_detail.html",
        {
            "resolution": resolution,
            "regions": regions,
            "can_edit": access.can_edit_for(request.user, resolution.municipality_id),
            "can_see_history": access.can_view_history(request.user, resolution.municipality_id),
        },
    )


@login_required
def resolution_create(request: HttpRequest, slug: str, municipality_pk: int) -> HttpResponse:
    region = get_region_for(request.user, slug)
    member = access.get_member_for(request.user, region, municipality_pk, write=True)
    municipality = member.municipality
    bodies = rules.bodies_for(municipality.kind)
    initial: dict[str, Any] = {"subject": Subject.PRINCIPLE, "outcome": Outcome.PENDING}
    if bodies:
        initial["body"] = bodies[0]
    form = ResolutionForm(request.POST or None, initial=initial, municipality=municipality)
    context: dict[str, Any] = {
        "form": form,
        "region": region,
        "municipality": municipality,
        "resolution": None,
    }
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ResolutionForm.Meta.fields}
        result = submit(
            request,
            form,
            lambda: services.create_resolution(municipality, values, actor=_user(request)),
            success=_("Der Beschluss wurde gespeichert."),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context["form"] = result.form
    return render(request, "resolutions/resolution_form.html", context)


@login_required
def resolution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = access.get_resolution_for(request.user, pk, write=True)
    form = ResolutionForm(
        request.POST or None,
        instance=resolution,
        initial={"version": resolution.version},
        municipality=resolution.municipality,
    )
    context: dict[str, Any] = {
        "form": form,
        "municipality": resolution.municipality,
        "resolution": resolution,
        "region": None,
    }
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ResolutionForm.Meta.fields}
        result = submit(
            request,
            form,
            lambda: services.update_resolution(
                resolution, values, expected_version=form.cleaned_data["version"] or 0, actor=_user(request)
            ),
            success=_("Der Beschluss wurde gespeichert."),
            fresh=lambda current: ResolutionForm(
                instance=current, initial={"version": current.version}, municipality=current.municipality
            ),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "resolutions/resolution_form.html", context, status=status)


@login_required
def resolution_history(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = access.get_resolution_for(request.user, pk)
    if not access.can_view_history(request.user, resolution.municipality_id):
        raise PermissionDenied
    return history_page(request, resolution, back_url=resolution.get_absolute_url(), title=str(resolution))


# --- model council draft ---------------------------------------------------------------------------


@login_required
def council_draft(request: HttpRequest, slug: str, municipality_pk: int) -> HttpResponse:
    region = get_region_for(request.user, slug)
    member = access.get_member_for(request.user, region, municipality_pk)
    if not access.can_draft_for(request.user, region, municipality_pk):
        raise PermissionDenied
    municipality = member.municipality
    resolution = Resolution.objects.filter(municipality=municipality, subject=Subject.PRINCIPLE).first()
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
        name = slugify(f"muster-gremienvorlage-{municipality.short_name}")
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response
    return render(
        request,
        "resolutions/council_draft.html",
        {"form": form, "region": region, "municipality": municipality, "resolution": resolution},
    )
