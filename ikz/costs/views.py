"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.audit.services import ConflictError
from ikz.audit.views import history_page
from ikz.cooperation.models import Cooperation
from ikz.costs import access, exports, queries, services
from ikz.costs.forms import (
    AllocationForm,
    GrantApplicationForm,
    KeyForm,
    ReleaseForm,
    SavingsForm,
    StaffingForm,
)
from ikz.costs.models import Allocation, AllocationKey, GrantApplication, GrantProgramme
from ikz.costs.queries import bar_chart, grant_checks
from ikz.forms import refuse_stale, submit
from ikz.lib.exports import download, requested_format


def _user(request: HttpRequest) -> Any:
    return request.user


# --- the Kosten page ------------------------------------------------------------------------------


@login_required
def cooperation_costs(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation, view = access.get_cooperation_for(request.user, pk)
    key = AllocationKey.objects.filter(cooperation=cooperation).first()
    allocations = list(
        access.allocations_for(view, cooperation)
        .select_related("released_by")
        .prefetch_related(
            Prefetch(
                "shares",
                queryset=access.shares_in(view).order_by("ags"),
            )
        )
        .order_by("-year", "-number")
    )
    years: dict[int, list[Allocation]] = {}
    for allocation in allocations:
        years.setdefault(allocation.year, []).append(allocation)
    return render(
        request,
        "costs/cooperation_costs.html",
        {
            "c": cooperation,
            "view": view,
            "key": key,
            "years": sorted(years.items(), reverse=True),
            "participants": services.participants_of(cooperation),
        },
    )


@login_required
def key_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation, _view = access.get_cooperation_for(request.user, pk, write=True)
    key = AllocationKey.objects.filter(cooperation=cooperation).first()
    form = KeyForm(
        request.POST or None, initial=KeyForm.initial_for(key, cooperation), cooperation=cooperation
    )
    context: dict[str, Any] = {"form": form, "c": cooperation, "key": key}
    status = 200
    if request.method == "POST" and form.is_valid():
        result = submit(
            request,
            form,
            lambda: services.save_key(
                cooperation,
                form.values(),
                cases=form.cleaned_data["cases"],
                expected_version=form.cleaned_data.get("version"),
                actor=_user(request),
            ),
            success=_("Der Umlageschlüssel wurde gespeichert."),
            fresh=lambda current: KeyForm(
                initial=KeyForm.initial_for(current, cooperation), cooperation=cooperation
            ),
        )
        if result.saved is not None:
            return redirect("costs:cooperation_costs", cooperation.pk)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "costs/key_form.html", context, status=status)


@login_required
def key_history(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation, _view = access.get_cooperation_for(request.user, pk, full=True)
    key = AllocationKey.objects.filter(cooperation=cooperation).first()
    if key is None:
        raise Http404
    back = reverse("costs:cooperation_costs", args=[cooperation.pk])
    return history_page(request, key, back_url=back, title=str(key))


# --- allocations ----------------------------------------------------------------------------------


@login_required
def allocation_create(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation, _view = access.get_cooperation_for(request.user, pk, write=True)
    key = AllocationKey.objects.filter(cooperation=cooperation).first()
    form = AllocationForm(request.POST or None, cooperation=cooperation)
    if request.method == "POST" and form.is_valid():
        result = submit(
            request,
            form,
            lambda: services.create_allocation(
                cooperation, form.cleaned_data["year"], form.values(), actor=_user(request)
            ),
            success=_("Die Umlage wurde als Entwurf berechnet."),
        )
        if result.saved is not None:
            return redirect(result.saved)
        form = result.form
    return render(
        request,
        "costs/allocation_form.html",
        {"form": form, "c": cooperation, "key": key, "allocation": None},
    )


@login_required
def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    allocation, view = access.get_allocation_for(request.user, pk)
    shares = list(access.shares_for(view, allocation))
    fmt = requested_format(request)
    if fmt:
        table = exports.allocation_table(allocation, shares, full=view.full)
        return download(table, fmt, filename=f"umlage-{allocation.year}-fassung-{allocation.number}")
    others = (
        access.allocations_for(view, allocation.cooperation)
        .filter(year=allocation.year)
        .exclude(pk=allocation.pk)
    )
    return render(
        request,
        "costs/allocation_detail.html",
        {
            "a": allocation,
            "c": allocation.cooperation,
            "view": view,
            "shares": shares,
            "share_sum": sum((s.amount for s in shares), Decimal(0)),
            "others": others.order_by("-number"),
        },
    )


@login_required
def allocation_recalculate(request: HttpRequest, pk: int) -> HttpResponse:
    allocation, _view = access.get_allocation_for(request.user, pk, write=True)
    cooperation = allocation.cooperation
    initial = {name: getattr(allocation, name) for name in services.ALLOCATION_FIELDS}
    initial |= {"version": allocation.version, "year": allocation.year}
    form = AllocationForm(
        request.POST or None, initial=initial, cooperation=cooperation, fixed_year=allocation.year
    )
    context: dict[str, Any] = {
        "form": form,
        "c": cooperation,
        "key": AllocationKey.objects.filter(cooperation=cooperation).first(),
        "allocation": allocation,
    }
    status = 200
    if request.method == "POST" and form.is_valid():
        result = submit(
            request,
            form,
            lambda: services.recalculate(
                allocation,
                form.values(),
                expected_version=form.cleaned_data["version"] or 0,
                actor=_user(request),
            ),
            success=_("Die Umlage wurde neu berechnet."),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "costs/allocation_form.html", context, status=status)


@login_required
def allocation_release(request: HttpRequest, pk: int) -> HttpResponse:
    allocation, _view = access.get_allocation_for(request.user, pk, write=True)
    form = ReleaseForm(request.POST or None, initial={"version": allocation.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.release(allocation, expected_version=form.cleaned_data["version"], actor=_user(request))
        except ConflictError as exc:
            refuse_stale(request, exc)
            status = 409
        except ValidationError as exc:
            for text in exc.messages:
                form.add_error(None, text)
        else:
            messages.success(
                request, _("Die Umlage wurde freigegeben; die Kommunen sehen jetzt ihren Anteil.")
            )
            return redirect(allocation)
    shares = list(allocation.shares.order_by("ags"))
    return render(
        request,
        "costs/allocation_release.html",
        {
            "a": allocation,
            "c": allocation.cooperation,
            "form": form,
            "shares": shares,
            "share_sum": sum((s.amount for s in shares), Decimal(0)),
        },
        status=status,
    )


@login_required
def allocation_history(request: HttpRequest, pk: int) -> HttpResponse:
    allocation, view = access.get_allocation_for(request.user, pk)
    if not view.full:
        raise Http404
    return history_page(request, allocation, back_url=allocation.get_absolute_url(), title=str(allocation))


# --- grants ---------------------------------------------------------------------------------------


@login_required
def grant_check(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation, view = access.get_cooperation_for(request.user, pk, full=True)
    applications = list(
        GrantApplication.objects.filter(cooperation=cooperation)
        .select_related("programme")
        .order_by("programme__name")
    )
    programmes = list(GrantProgramme.objects.all())
    return render(
        request,
        "costs/grant_check.html",
        {
            "c": cooperation,
            "view": view,
            "checks": grant_checks(cooperation, programmes, applications),
        },
    )


def _add_entry(
    request: HttpRequest,
    pk: int,
    form_class: Any,
    fields: list[str],
    service: Any,
    *,
    success: str,
    back: str,
    template: str,
) -> HttpResponse:
    """A form that adds one entry to a cooperation (grant application, savings) through ``service``."""
    cooperation, _view = access.get_cooperation_for(request.user, pk, write=True, full=True)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in fields}
        result = submit(
            request, form, lambda: service(cooperation, values, actor=_user(request)), success=success
        )
        if result.saved is not None:
            return redirect(back, cooperation.pk)
        form = result.form
    return render(request, template, {"form": form, "c": cooperation})


@login_required
def grant_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_entry(
        request,
        pk,
        GrantApplicationForm,
        services.GRANT_FIELDS,
        services.create_grant_application,
        success=_("Der Förderantrag wurde gespeichert."),
        back="costs:grant_check",
        template="costs/grant_form.html",
    )


# --- savings --------------------------------------------------------------------------------------


def _savings_context(entries: list[Any]) -> dict[str, Any]:
    by_year = queries.savings_by_year(entries)
    return {
        "entries": entries,
        "by_year": list(by_year.items()),
        "total": sum((e.amount for e in entries), Decimal(0)),
        "chart": bar_chart(list(by_year.items())),
    }


@login_required
def savings_list(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation, view = access.get_cooperation_for(request.user, pk, full=True)
    entries = list(cooperation.savings.order_by("year_from", "kind"))
    return render(
        request, "costs/savings_list.html", {"c": cooperation, "view": view, **_savings_context(entries)}
    )


@login_required
def savings_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_entry(
        request,
        pk,
        SavingsForm,
        services.SAVINGS_FIELDS,
        services.add_savings,
        success=_("Die Einsparung wurde gespeichert."),
        back="costs:savings_list",
        template="costs/savings_form.html",
    )


@login_required
def region_savings(request: HttpRequest, slug: str) -> HttpResponse:
    region = access.get_region_for(request.user, slug)
    entries = queries.region_savings(region)
    per_cooperation: dict[Cooperation, Decimal] = {}
    for entry in entries:
        per_cooperation[entry.cooperation] = per_cooperation.get(entry.cooperation, Decimal(0)) + entry.amount
    return render(
        request,
        "costs/region_savings.html",
        {"region": region, "per_cooperation": list(per_cooperation.items()), **_savings_context(entries)},
    )


# --- staffing -------------------------------------------------------------------------------------


@login_required
def staffing_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation, view = access.get_cooperation_for(request.user, pk, full=True)
    study = cooperation.staffing_study if hasattr(cooperation, "staffing_study") else None
    result = services.staffing_result(study) if study is not None else None
    fmt = requested_format(request)
    if fmt and study is not None and result is not None:
        return download(
            exports.staffing_table(cooperation, study, result),
            fmt,
            filename=f"personalbemessung-{cooperation.pk}",
        )
    return render(
        request,
        "costs/staffing_sheet.html",
        {"c": cooperation, "view": view, "study": study, "result": result},
    )


@login_required
def staffing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation, _view = access.get_cooperation_for(request.user, pk, write=True, full=True)
    study = cooperation.staffing_study if hasattr(cooperation, "staffing_study") else None
    initial: dict[str, Any] = {"net_hours_per_fte": Decimal(1600), "fte_step": Decimal("0.25"), "overhead": 0}
    if study is not None:
        initial = {k: getattr(study, k) for k in services.STUDY_FIELDS} | {
            "version": study.version,
            "rows": exports.rows_text(study),
        }
    form = StaffingForm(request.POST or None, initial=initial, cooperation=cooperation)
    context: dict[str, Any] = {"form": form, "c": cooperation, "study": study}
    status = 200
    if request.method == "POST" and form.is_valid():
        result = submit(
            request,
            form,
            lambda: services.save_staffing(
                cooperation,
                form.values(),
                form.cleaned_data["rows"],
                expected_version=form.cleaned_data.get("version"),
                actor=_user(request),
            ),
            success=_("Die Personalbemessung wurde gespeichert."),
        )
        if result.saved is not None:
            return redirect("costs:staffing_sheet", cooperation.pk)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "costs/staffing_form.html", context, status=status)
