from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ikz.audit.views import history_page
from ikz.cooperation import access, queries, services
from ikz.cooperation.forms import (
    CooperationFieldForm,
    CooperationForm,
    CorrectionForm,
    MeetingFormSet,
    OperationForm,
    ParticipantFormSet,
    ParticipationForm,
    PeriodFormSet,
    TaskAreaForm,
)
from ikz.cooperation.models import Cooperation, Operation, ParticipantStatus
from ikz.cooperation.services import ParticipantRow
from ikz.forms import current_version_of
from ikz.lib.exports import download, requested_format
from ikz.municipalities.access import get_region_for
from ikz.municipalities.models import Municipality, Region
from ikz.web import AppRequest, Cleaned, edit_page, pick, stand_of


@login_required
def taskarea_list(request: AppRequest) -> HttpResponse:
    areas = queries.with_fields(access.task_areas_for(request.user))
    return render(
        request,
        "cooperation/taskarea_list.html",
        {"areas": areas, "can_edit": access.can_edit_catalogue(request.user)},
    )


@login_required
def taskarea_detail(request: AppRequest, pk: int) -> HttpResponse:
    area = access.get_task_area_for(request.user, pk)
    return render(
        request,
        "cooperation/taskarea_detail.html",
        {
            "area": area,
            "fields": queries.fields_of(area),
            "can_edit": access.can_edit_catalogue(request.user),
        },
    )


@login_required
def taskarea_edit(request: AppRequest, pk: int | None = None) -> HttpResponse:
    area = access.get_task_area_for(request.user, pk, write=True) if pk else None
    if area is None and not access.can_edit_catalogue(request.user):
        raise PermissionDenied(_("Aufgabengebiete und Kooperationsfelder pflegt die Geschäftsstelle."))
    form = TaskAreaForm(
        request.POST or None, instance=area, initial={"version": area.version} if area else {}
    )

    def save(data: Cleaned) -> Any:
        values = pick(data, TaskAreaForm.Meta.fields)
        if area is None:
            return services.create_task_area(values, actor=request.user)
        return services.update_task_area(
            area, values, expected_version=data["version"] or 0, actor=request.user
        )

    return edit_page(
        request,
        form,
        save,
        template="cooperation/taskarea_form.html",
        success=_("Das Aufgabengebiet wurde gespeichert."),
        context={"area": area},
        fresh=current_version_of(TaskAreaForm),
    )


@login_required
def field_edit(request: AppRequest, pk: int, field_pk: int | None = None) -> HttpResponse:
    area = access.get_task_area_for(request.user, pk, write=True)
    field = access.get_field_for(request.user, field_pk, write=True) if field_pk else None
    if field is not None and field.task_area_id != area.pk:
        raise PermissionDenied(_("Das Kooperationsfeld gehört zu einem anderen Aufgabengebiet."))
    form = CooperationFieldForm(
        request.POST or None, instance=field, initial={"version": field.version} if field else {}
    )

    def save(data: Cleaned) -> Any:
        values = pick(data, CooperationFieldForm.Meta.fields)
        if field is None:
            return services.create_field(area, values, actor=request.user)
        return services.update_field(field, values, expected_version=data["version"] or 0, actor=request.user)

    return edit_page(
        request,
        form,
        save,
        template="cooperation/field_form.html",
        success=_("Das Kooperationsfeld wurde gespeichert."),
        context={"area": area, "field": field},
        done=lambda _saved: area,
        fresh=current_version_of(CooperationFieldForm),
    )


@login_required
def taskarea_history(request: AppRequest, pk: int) -> HttpResponse:
    area = access.get_task_area_for(request.user, pk)
    return history_page(request, area, back_url=area.get_absolute_url(), title=area.name)


# --- the inventory and its matrices ----------------------------------------------------------------


@login_required
def inventory_overview(request: AppRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    stand = stand_of(request)
    rows = queries.overview_for(region, stand.stand.day)
    fmt = requested_format(request)
    if fmt:
        return download(
            queries.overview_table(region, rows, stand.stand),
            fmt,
            f"bestand-{region.slug}{stand.stand.suffix}",
        )
    return render(
        request,
        "cooperation/inventory_overview.html",
        {
            "region": region,
            "stand": stand,
            "rows": rows,
            "statuses": ParticipantStatus.choices,
            "can_edit": access.can_edit_inventory(request.user, region),
        },
    )


@login_required
def matrix(request: AppRequest, slug: str, area_pk: int) -> HttpResponse:
    region = get_region_for(request.user, slug)
    area = access.get_task_area_for(request.user, area_pk)
    stand = stand_of(request)
    built = queries.matrix_for(region, area, stand.stand.day)
    fmt = requested_format(request)
    if fmt:
        return download(
            queries.matrix_table(region, area, built, stand.stand),
            fmt,
            f"matrix-{region.slug}-{area.pk}{stand.stand.suffix}",
        )
    return render(
        request,
        "cooperation/matrix.html",
        {
            "region": region,
            "stand": stand,
            "area": area,
            "matrix": built,
            "legend": queries.legend_lines(),
            "cooperations": [
                c
                for c in queries.cooperations_in(region, area)
                if (c.symbol, c.title) in {(f.symbol, f.title) for f in built.footnotes}
            ],
            "can_edit": access.can_edit_inventory(request.user, region),
        },
    )


@login_required
def cooperation_detail(request: AppRequest, pk: int) -> HttpResponse:
    cooperation = access.get_cooperation_for(request.user, pk)
    return render(
        request,
        "cooperation/cooperation_detail.html",
        {
            "c": cooperation,
            "o": queries.operation_detail(cooperation, dt.date.today()),
            "participants": queries.participants_of(cooperation),
            "can_edit": access.can_edit_inventory(request.user, cooperation.region),
        },
    )


@login_required
def cooperation_history(request: AppRequest, pk: int) -> HttpResponse:
    cooperation = access.get_cooperation_for(request.user, pk)
    return history_page(
        request, cooperation, back_url=cooperation.get_absolute_url(), title=cooperation.title
    )


@login_required
def cooperation_create(request: AppRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    if not access.can_edit_inventory(request.user, region):
        raise PermissionDenied(_("Kooperationen legt nur die Geschäftsstelle der Region „%s“ an.") % region)
    return _cooperation_form(request, region, None)


@login_required
def cooperation_edit(request: AppRequest, pk: int) -> HttpResponse:
    cooperation = access.get_cooperation_for(request.user, pk, write=True)
    return _cooperation_form(request, cooperation.region, cooperation)


def _participant_initial(region: Region, cooperation: Cooperation | None) -> list[dict[str, Any]]:
    existing = {p.municipality_id: p for p in cooperation.participants.all()} if cooperation else {}
    rows = []
    for _mid, _label, _name, _key in queries.columns_of(region):
        p = existing.get(_mid)
        rows.append(
            {
                "municipality_id": _mid,
                "status": p.status if p else "",
                "planned_by": p.planned_by if p else None,
                "reason": p.reason if p else "",
                "is_lead": p.is_lead if p else False,
                "joined_on": p.joined_on if p else None,
                "left_on": p.left_on if p else None,
            }
        )
    return rows


def _cooperation_form(request: AppRequest, region: Region, cooperation: Cooperation | None) -> HttpResponse:
    initial: dict[str, Any] = {"version": cooperation.version} if cooperation else {}
    if cooperation is None and request.GET.get("feld"):
        initial["field"] = request.GET["feld"]
    form = CooperationForm(request.POST or None, instance=cooperation, initial=initial)
    formset = ParticipantFormSet(
        request.POST or None, initial=_participant_initial(region, cooperation), prefix="p"
    )
    columns = queries.columns_of(region)
    members = {
        mid: Municipality(pk=mid, name=name, key=key, short_name=label) for mid, label, name, key in columns
    }

    def save(data: Cleaned) -> Cooperation:
        rows = [
            ParticipantRow(
                members.get(mid) or Municipality(pk=mid, short_name=_("Kommune Nr. %(id)s") % {"id": mid}),
                f.cleaned_data["status"],
                f.cleaned_data["planned_by"],
                f.cleaned_data["reason"],
                f.cleaned_data["is_lead"],
                f.cleaned_data["joined_on"],
                f.cleaned_data["left_on"],
            )
            for f in formset.forms
            if f.cleaned_data.get("status")
            for mid in [f.cleaned_data["municipality_id"]]
        ]
        return services.save_cooperation(
            region,
            pick(data, CooperationForm.Meta.fields),
            rows,
            actor=request.user,
            cooperation=cooperation,
            expected_version=data["version"],
        )

    participant_rows = [
        (label, name, key, f) for (_mid, label, name, key), f in zip(columns, formset.forms, strict=False)
    ]
    return edit_page(
        request,
        form,
        save,
        template="cooperation/cooperation_form.html",
        success=_("Die Kooperation wurde gespeichert."),
        context={
            "region": region,
            "c": cooperation,
            "participant_rows": participant_rows,
            "formset": formset,
        },
        fresh=current_version_of(CooperationForm),
        valid=request.method == "POST" and formset.is_valid(),
    )


# --- operating cooperations -----------------------------------------------------------------------


@login_required
def operation_list(request: AppRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    stand = stand_of(request)
    today = stand.stand.day
    rows = queries.operating_rows(region, today)
    fmt = requested_format(request)
    if fmt:
        return download(
            queries.operating_table(region, rows, today),
            fmt,
            f"laufende-kooperationen-{region.slug}{stand.stand.suffix}",
        )
    return render(
        request,
        "cooperation/operation_list.html",
        {
            "region": region,
            "stand": stand,
            "rows": rows,
            "today": today,
            "soon": sorted(
                (r for r in rows if r.days_left is not None and r.days_left <= 365),
                key=lambda r: r.days_left or 0,
            ),
            "can_edit": access.can_edit_inventory(request.user, region),
        },
    )


def _period_initial(operation: Operation | None) -> list[dict[str, Any]]:
    if operation is None:
        return []
    return [
        {"label": p.label, "starts_on": p.starts_on, "ends_on": p.ends_on, "lead_months": p.lead_months}
        for p in operation.periods.all()
    ]


@login_required
def operation_edit(request: AppRequest, pk: int) -> HttpResponse:
    cooperation = access.get_cooperation_for(request.user, pk, write=True)
    operation = queries.operation_of(cooperation)
    form = OperationForm(
        request.POST or None,
        instance=operation,
        cooperation=cooperation,
        initial={"version": operation.version} if operation else {},
    )
    periods = PeriodFormSet(request.POST or None, initial=_period_initial(operation), prefix="z")
    # a client posting without the meetings (an older form, a script) leaves them as they are
    with_meetings = request.method != "POST" or "b-TOTAL_FORMS" in request.POST
    meetings = MeetingFormSet(
        (request.POST or None) if with_meetings else None,
        initial=[{"date": m.date, "note": m.note} for m in operation.board_meetings.all()]
        if operation
        else [],
        prefix="b",
    )

    def save(data: Cleaned) -> Operation:
        rows = [
            services.PeriodRow(
                f.cleaned_data["label"],
                f.cleaned_data["starts_on"],
                f.cleaned_data["ends_on"],
                f.cleaned_data.get("lead_months"),
            )
            for f in periods.forms
            if f.cleaned_data.get("label")
        ]
        return services.save_operation(
            cooperation,
            pick(data, (*services.OPERATION_FIELDS, "legal_form")),
            actor=request.user,
            expected_version=data["version"],
            periods=rows,
            meetings=[
                services.MeetingRow(f.cleaned_data["date"], f.cleaned_data.get("note") or "")
                for f in meetings.forms
                if f.cleaned_data.get("date")
            ]
            if with_meetings
            else None,
        )

    def fresh(current: Any) -> OperationForm:
        return OperationForm(instance=current, cooperation=cooperation, initial={"version": current.version})

    return edit_page(
        request,
        form,
        save,
        template="cooperation/operation_form.html",
        success=_("Die Betriebsdaten wurden gespeichert."),
        context={"periods": periods, "meetings": meetings, "c": cooperation, "operation": operation},
        done=lambda _saved: cooperation,
        fresh=fresh,
        valid=request.method == "POST" and periods.is_valid() and (not with_meetings or meetings.is_valid()),
    )


@login_required
def participation_record(request: AppRequest, pk: int) -> HttpResponse:
    cooperation = access.get_cooperation_for(request.user, pk, write=True)
    form = ParticipationForm(request.POST or None, region=cooperation.region)

    def save(data: Cleaned) -> Any:
        verb = {
            ParticipationForm.JOIN: services.record_joining,
            ParticipationForm.LEAVE: services.record_leaving,
            ParticipationForm.NOTICE: services.record_notice,
        }[data["kind"]]
        return verb(cooperation, data["municipality"], data["date"], actor=request.user, note=data["note"])

    return edit_page(
        request,
        form,
        save,
        template="cooperation/participation_form.html",
        success=_("Der Beteiligungsverlauf wurde ergänzt."),
        context={"c": cooperation},
        done=lambda _saved: cooperation,
    )


def _correction_choices(cooperation: Cooperation) -> list[tuple[str, str]]:
    """The dates that are set and can be corrected: "started_on", "joined_on:<municipality id>"."""
    labels = services.date_labels()
    choices = [
        (name, f"{labels[name]} ({getattr(cooperation, name):%d.%m.%Y})")
        for name in services.DATE_FIELDS
        if getattr(cooperation, name) is not None
    ]
    for p in queries.participants_of(cooperation):
        joined = p.joined_on or cooperation.started_on
        if joined is not None:
            choices.append(
                (
                    f"joined_on:{p.municipality_id}",
                    f"{p.municipality.name}: {labels['joined_on']} ({joined:%d.%m.%Y})",
                )
            )
        if p.left_on is not None:
            choices.append(
                (
                    f"left_on:{p.municipality_id}",
                    f"{p.municipality.name}: {labels['left_on']} ({p.left_on:%d.%m.%Y})",
                )
            )
    return choices


@login_required
def cooperation_correct(request: AppRequest, pk: int) -> HttpResponse:
    """Correct a wrong effective date with a reason (audit: "berichtigt (mit Begründung)")."""
    cooperation = access.get_cooperation_for(request.user, pk, write=True)
    form = CorrectionForm(
        request.POST or None,
        choices=_correction_choices(cooperation),
        initial={"version": cooperation.version},
    )

    def save(data: Cleaned) -> Any:
        name, _sep, municipality_id = data["what"].partition(":")
        if municipality_id:
            return services.correct_participation_date(
                cooperation,
                Municipality.objects.get(pk=int(municipality_id)),
                name,
                data["effective_on"],
                data["reason"],
                actor=request.user,
                expected_version=data["version"],
            )
        return services.correct_cooperation_date(
            cooperation,
            name,
            data["effective_on"],
            data["reason"],
            actor=request.user,
            expected_version=data["version"],
        )

    return edit_page(
        request,
        form,
        save,
        template="cooperation/correction_form.html",
        success=_("Das Datum wurde berichtigt; die Begründung steht im Verlauf."),
        context={"c": cooperation},
        done=lambda _saved: cooperation,
    )
