from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ikz.audit.views import history_page
from ikz.cooperation import access, services
from ikz.cooperation.forms import CooperationFieldForm, TaskAreaForm
from ikz.cooperation.models import CooperationField
from ikz.forms import current_version_of, submit


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
