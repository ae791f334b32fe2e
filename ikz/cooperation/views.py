from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ikz.audit.views import history_page
from ikz.cooperation import access, queries, services
from ikz.cooperation.forms import (
    CooperationFieldForm,
    CooperationForm,
    OperationForm,
    ParticipantFormSet,
    ParticipationForm,
    PeriodFormSet,
    TaskAreaForm,
)
from ikz.cooperation.models import Cooperation, CooperationField, Operation, ParticipantStatus
from ikz.cooperation.services import ParticipantRow
from ikz.forms import current_version_of, submit
from ikz.lib.exports import download, requested_format
from ikz.municipalities.access import get_region_for
from ikz.municipalities.models import Municipality, Region


@login_required
def taskarea_list(request: HttpRequest) -> HttpResponse:
    areas = access.task_areas_for(request.user).prefetch_related(
        Prefetch("fields", queryset=CooperationField.objects.order_by("position", "name"))
    )
    return render(
        request,
        "cooperation/taskarea_list.html",
        {"areas": areas, "can_edit": access.can_edit_catalogue(request.user)},
    )


@login_required
def taskarea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = access.get_task_area_for(request.user, pk)
    return render(
        request,
        "cooperation/taskarea_detail.html",
        {
            "area": area,
            "fields": area.fields.order_by("position", "name"),
            "can_edit": access.can_edit_catalogue(request.user),
        },
    )


@login_required
def taskarea_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    area = access.get_task_area_for(request.user, pk, write=True) if pk else None
    if area is None and not access.can_edit_catalogue(request.user):
        raise PermissionDenied
    form = TaskAreaForm(
        request.POST or None, instance=area, initial={"version": area.version} if area else {}
    )
    context: dict[str, Any] = {"form": form, "area": area}
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in TaskAreaForm.Meta.fields}

        def save() -> Any:
            if area is None:
                return services.create_task_area(values, actor=request.user)  # type: ignore[arg-type]
            return services.update_task_area(
                area,
                values,
                expected_version=form.cleaned_data["version"] or 0,
                actor=request.user,  # type: ignore[arg-type]
            )

        result = submit(
            request,
            form,
            save,
            success=_("Das Aufgabengebiet wurde gespeichert."),
            fresh=current_version_of(TaskAreaForm),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "cooperation/taskarea_form.html", context, status=status)


@login_required
def field_edit(request: HttpRequest, pk: int, field_pk: int | None = None) -> HttpResponse:
    area = access.get_task_area_for(request.user, pk, write=True)
    field = access.get_field_for(request.user, field_pk, write=True) if field_pk else None
    if field is not None and field.task_area_id != area.pk:
        raise PermissionDenied
    form = CooperationFieldForm(
        request.POST or None, instance=field, initial={"version": field.version} if field else {}
    )
    context: dict[str, Any] = {"form": form, "area": area, "field": field}
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in CooperationFieldForm.Meta.fields}

        def save() -> Any:
            if field is None:
                return services.create_field(area, values, actor=request.user)  # type: ignore[arg-type]
            return services.update_field(
                field,
                values,
                expected_version=form.cleaned_data["version"] or 0,
                actor=request.user,  # type: ignore[arg-type]
            )

        result = submit(
            request,
            form,
            save,
            success=_("Das Kooperationsfeld wurde gespeichert."),
            fresh=current_version_of(CooperationFieldForm),
        )
        if result.saved is not None:
            return redirect(area)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "cooperation/field_form.html", context, status=status)


@login_required
def taskarea_history(request: HttpRequest, pk: int) -> HttpResponse:
    area = access.get_task_area_for(request.user, pk)
    return history_page(request, area, back_url=area.get_absolute_url(), title=area.name)


# --- the inventory and its matrices ----------------------------------------------------------------


@login_required
def inventory_overview(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    rows = queries.overview_for(region)
    fmt = requested_format(request)
    if fmt:
        return download(queries.overview_table(region, rows), fmt, f"bestand-{region.slug}")
    return render(
        request,
        "cooperation/inventory_overview.html",
        {
            "region": region,
            "rows": rows,
            "statuses": ParticipantStatus.choices,
            "can_edit": access.can_edit_inventory(request.user, region),
        },
    )


@login_required
def matrix(request: HttpRequest, slug: str, area_pk: int) -> HttpResponse:
    region = get_region_for(request.user, slug)
    area = access.get_task_area_for(request.user, area_pk)
    built = queries.matrix_for(region, area)
    fmt = requested_format(request)
    if fmt:
        return download(queries.matrix_table(region, area, built), fmt, f"matrix-{region.slug}-{area.pk}")
    return render(
        request,
        "cooperation/matrix.html",
        {
            "region": region,
            "area": area,
            "matrix": built,
            "legend": queries.legend_lines(),
            "cooperations": Cooperation.objects.filter(region=region, field__task_area=area).order_by(
                "field__position", "position", "title"
            ),
            "can_edit": access.can_edit_inventory(request.user, region),
        },
    )


@login_required
def cooperation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = access.get_cooperation_for(request.user, pk)
    return render(
        request,
        "cooperation/cooperation_detail.html",
        {
            "c": cooperation,
            "o": queries.operation_detail(cooperation, dt.date.today()),
            "participants": cooperation.participants.select_related("municipality").order_by(
                "municipality__key"
            ),
            "can_edit": access.can_edit_inventory(request.user, cooperation.region),
        },
    )


@login_required
def cooperation_history(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = access.get_cooperation_for(request.user, pk)
    return history_page(
        request, cooperation, back_url=cooperation.get_absolute_url(), title=cooperation.title
    )


@login_required
def cooperation_create(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    if not access.can_edit_inventory(request.user, region):
        raise PermissionDenied
    return _cooperation_form(request, region, None)


@login_required
def cooperation_edit(request: HttpRequest, pk: int) -> HttpResponse:
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
            }
        )
    return rows


def _cooperation_form(request: HttpRequest, region: Region, cooperation: Cooperation | None) -> HttpResponse:
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
    context: dict[str, Any] = {"form": form, "region": region, "c": cooperation}
    status = 200
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [
            ParticipantRow(
                members.get(mid) or Municipality(pk=mid, short_name=_("Kommune Nr. %(id)s") % {"id": mid}),
                f.cleaned_data["status"],
                f.cleaned_data["planned_by"],
                f.cleaned_data["reason"],
                f.cleaned_data["is_lead"],
            )
            for f in formset.forms
            if f.cleaned_data.get("status")
            for mid in [f.cleaned_data["municipality_id"]]
        ]
        values = {name: form.cleaned_data[name] for name in CooperationForm.Meta.fields}
        result = submit(
            request,
            form,
            lambda: services.save_cooperation(
                region,
                values,
                rows,
                actor=request.user,  # type: ignore[arg-type]
                cooperation=cooperation,
                expected_version=form.cleaned_data["version"],
            ),
            success=_("Die Kooperation wurde gespeichert."),
            fresh=current_version_of(CooperationForm),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    context["participant_rows"] = [
        (label, name, key, f) for (_mid, label, name, key), f in zip(columns, formset.forms, strict=False)
    ]
    context["formset"] = formset
    return render(request, "cooperation/cooperation_form.html", context, status=status)


# --- operating cooperations -----------------------------------------------------------------------


@login_required
def operation_list(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    today = dt.date.today()
    rows = queries.operating_rows(region, today)
    fmt = requested_format(request)
    if fmt:
        return download(
            queries.operating_table(region, rows, today), fmt, f"laufende-kooperationen-{region.slug}"
        )
    return render(
        request,
        "cooperation/operation_list.html",
        {
            "region": region,
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
        {"label": p.label, "starts_on": p.starts_on, "ends_on": p.ends_on} for p in operation.periods.all()
    ]


@login_required
def operation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = access.get_cooperation_for(request.user, pk, write=True)
    operation = Operation.objects.filter(cooperation=cooperation).first()
    form = OperationForm(
        request.POST or None,
        instance=operation,
        cooperation=cooperation,
        initial={"version": operation.version} if operation else {},
    )
    periods = PeriodFormSet(request.POST or None, initial=_period_initial(operation), prefix="z")
    context: dict[str, Any] = {"form": form, "periods": periods, "c": cooperation, "operation": operation}
    status = 200
    if request.method == "POST" and form.is_valid() and periods.is_valid():
        values = {name: form.cleaned_data[name] for name in (*services.OPERATION_FIELDS, "legal_form")}
        rows = [
            services.PeriodRow(
                f.cleaned_data["label"], f.cleaned_data["starts_on"], f.cleaned_data["ends_on"]
            )
            for f in periods.forms
            if f.cleaned_data.get("label")
        ]

        def fresh(current: Any) -> OperationForm:
            return OperationForm(
                instance=current, cooperation=cooperation, initial={"version": current.version}
            )

        result = submit(
            request,
            form,
            lambda: services.save_operation(
                cooperation,
                values,
                actor=request.user,  # type: ignore[arg-type]
                expected_version=form.cleaned_data["version"],
                periods=rows,
            ),
            success=_("Die Betriebsdaten wurden gespeichert."),
            fresh=fresh,
        )
        if result.saved is not None:
            return redirect(cooperation)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "cooperation/operation_form.html", context, status=status)


@login_required
def participation_record(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = access.get_cooperation_for(request.user, pk, write=True)
    form = ParticipationForm(request.POST or None, region=cooperation.region)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        verb = {
            ParticipationForm.JOIN: services.record_joining,
            ParticipationForm.LEAVE: services.record_leaving,
            ParticipationForm.NOTICE: services.record_notice,
        }[data["kind"]]
        try:
            verb(cooperation, data["municipality"], data["date"], actor=request.user, note=data["note"])  # type: ignore[arg-type]
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            for name, texts in errors.items():
                for text in texts:
                    form.add_error(name if name in form.fields else None, text)
        else:
            messages.success(request, _("Der Beteiligungsverlauf wurde ergänzt."))
            return redirect(cooperation)
    return render(request, "cooperation/participation_form.html", {"form": form, "c": cooperation})
