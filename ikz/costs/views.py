"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.audit.views import history_page
from ikz.costs import access, exports, queries, services
from ikz.costs.forms import (
    AllocationForm,
    GrantApplicationForm,
    KeyForm,
    ProgrammeForm,
    ReleaseForm,
    RetireForm,
    SavingsForm,
    StaffingForm,
    TierFormSet,
    tier_rows,
)
from ikz.lib.exports import download, requested_format
from ikz.web import AppRequest, Cleaned, edit_page, pick, post_action

# --- the Kosten page ------------------------------------------------------------------------------


@login_required
def cooperation_costs(request: AppRequest, pk: int) -> HttpResponse:
    cooperation, view = access.get_cooperation_for(request.user, pk)
    return render(
        request,
        "costs/cooperation_costs.html",
        {
            "c": cooperation,
            "view": view,
            "key": queries.key_of(cooperation),
            "years": queries.allocation_years(
                access.allocations_for(view, cooperation), access.shares_in(view)
            ),
            "participants": queries.participants_of(cooperation),
        },
    )


@login_required
def key_edit(request: AppRequest, pk: int) -> HttpResponse:
    cooperation, _view = access.get_cooperation_for(request.user, pk, write=True)
    key = queries.key_of(cooperation)
    form = KeyForm(
        request.POST or None, initial=KeyForm.initial_for(key, cooperation), cooperation=cooperation
    )

    def save(data: Cleaned) -> Any:
        return services.save_key(
            cooperation,
            form.values(),
            expected_version=data.get("version"),
            actor=request.user,
        )

    return edit_page(
        request,
        form,
        save,
        template="costs/key_form.html",
        success=_("Der Umlageschlüssel wurde gespeichert."),
        context={"c": cooperation, "key": key, "case_counts": queries.case_counts(cooperation)},
        done=lambda _saved: reverse("costs:cooperation_costs", args=[cooperation.pk]),
        fresh=lambda current: KeyForm(
            initial=KeyForm.initial_for(current, cooperation), cooperation=cooperation
        ),
    )


@login_required
def key_history(request: AppRequest, pk: int) -> HttpResponse:
    cooperation, _view = access.get_cooperation_for(request.user, pk, full=True)
    key = queries.key_of(cooperation)
    if key is None:
        raise Http404
    back = reverse("costs:cooperation_costs", args=[cooperation.pk])
    return history_page(request, key, back_url=back, title=str(key))


# --- allocations ----------------------------------------------------------------------------------


@login_required
def allocation_create(request: AppRequest, pk: int) -> HttpResponse:
    cooperation, _view = access.get_cooperation_for(request.user, pk, write=True)
    form = AllocationForm(request.POST or None, cooperation=cooperation)
    return edit_page(
        request,
        form,
        lambda data: services.create_allocation(cooperation, data["year"], form.values(), actor=request.user),
        template="costs/allocation_form.html",
        success=_("Die Umlage wurde als Entwurf berechnet."),
        context={"c": cooperation, "key": queries.key_of(cooperation), "allocation": None},
    )


@login_required
def allocation_detail(request: AppRequest, pk: int) -> HttpResponse:
    allocation, view = access.get_allocation_for(request.user, pk)
    shares = list(access.shares_for(view, allocation))
    fmt = requested_format(request)
    if fmt:
        table = exports.allocation_table(allocation, shares, full=view.full)
        return download(table, fmt, filename=f"umlage-{allocation.year}-fassung-{allocation.number}")
    return render(
        request,
        "costs/allocation_detail.html",
        {
            "a": allocation,
            "c": allocation.cooperation,
            "view": view,
            "shares": shares,
            "share_sum": queries.share_sum(shares),
            "others": queries.other_versions(
                access.allocations_for(view, allocation.cooperation), allocation
            ),
        },
    )


@login_required
def allocation_recalculate(request: AppRequest, pk: int) -> HttpResponse:
    allocation, _view = access.get_allocation_for(request.user, pk, write=True)
    cooperation = allocation.cooperation
    initial = {name: getattr(allocation, name) for name in services.ALLOCATION_FIELDS}
    initial |= {"version": allocation.version, "year": allocation.year}
    form = AllocationForm(
        request.POST or None, initial=initial, cooperation=cooperation, fixed_year=allocation.year
    )
    return edit_page(
        request,
        form,
        lambda data: services.recalculate(
            allocation, form.values(), expected_version=data["version"] or 0, actor=request.user
        ),
        template="costs/allocation_form.html",
        success=_("Die Umlage wurde neu berechnet."),
        context={"c": cooperation, "key": queries.key_of(cooperation), "allocation": allocation},
    )


@login_required
def allocation_release(request: AppRequest, pk: int) -> HttpResponse:
    allocation, _view = access.get_allocation_for(request.user, pk, write=True)
    shares = queries.shares_by_ags(allocation)
    return edit_page(
        request,
        ReleaseForm(request.POST or None, initial={"version": allocation.version}),
        lambda data: services.release(allocation, expected_version=data["version"], actor=request.user),
        template="costs/allocation_release.html",
        success=_("Die Umlage wurde freigegeben; die Kommunen sehen jetzt ihren Anteil."),
        context={
            "a": allocation,
            "c": allocation.cooperation,
            "shares": shares,
            "share_sum": queries.share_sum(shares),
        },
        done=lambda _saved: allocation,
    )


@login_required
def allocation_history(request: AppRequest, pk: int) -> HttpResponse:
    allocation, view = access.get_allocation_for(request.user, pk)
    if not view.full:
        raise Http404
    return history_page(request, allocation, back_url=allocation.get_absolute_url(), title=str(allocation))


# --- grants ---------------------------------------------------------------------------------------


@login_required
def grant_check(request: AppRequest, pk: int) -> HttpResponse:
    cooperation, view = access.get_cooperation_for(request.user, pk, full=True)
    return render(
        request,
        "costs/grant_check.html",
        {"c": cooperation, "view": view, "checks": queries.grant_page(cooperation)},
    )


@login_required
def grant_create(request: AppRequest, pk: int) -> HttpResponse:
    cooperation, _view = access.get_cooperation_for(request.user, pk, write=True, full=True)
    return edit_page(
        request,
        GrantApplicationForm(request.POST or None),
        lambda data: services.create_grant_application(
            cooperation, pick(data, services.GRANT_FIELDS), actor=request.user
        ),
        template="costs/grant_form.html",
        success=_("Der Förderantrag wurde gespeichert."),
        context={"c": cooperation},
        done=lambda _saved: reverse("costs:grant_check", args=[cooperation.pk]),
    )


# --- savings --------------------------------------------------------------------------------------


@login_required
def savings_list(request: AppRequest, pk: int) -> HttpResponse:
    cooperation, view = access.get_cooperation_for(request.user, pk, full=True)
    summary = queries.savings_summary(queries.savings_of(cooperation))
    return render(request, "costs/savings_list.html", {"c": cooperation, "view": view, **summary})


@login_required
def savings_create(request: AppRequest, pk: int) -> HttpResponse:
    cooperation, _view = access.get_cooperation_for(request.user, pk, write=True, full=True)
    return edit_page(
        request,
        SavingsForm(request.POST or None),
        lambda data: services.add_savings(
            cooperation, pick(data, services.SAVINGS_FIELDS), actor=request.user
        ),
        template="costs/savings_form.html",
        success=_("Die Einsparung wurde gespeichert."),
        context={"c": cooperation},
        done=lambda _saved: reverse("costs:savings_list", args=[cooperation.pk]),
    )


@login_required
def region_savings(request: AppRequest, slug: str) -> HttpResponse:
    region = access.get_region_for(request.user, slug)
    entries = queries.region_savings(region)
    return render(
        request,
        "costs/region_savings.html",
        {
            "region": region,
            "per_cooperation": queries.savings_per_cooperation(entries),
            **queries.savings_summary(entries),
        },
    )


# --- staffing -------------------------------------------------------------------------------------


@login_required
def staffing_sheet(request: AppRequest, pk: int) -> HttpResponse:
    cooperation, view = access.get_cooperation_for(request.user, pk, full=True)
    study = queries.staffing_study_of(cooperation)
    result = queries.staffing_result(study) if study is not None else None
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
def staffing_edit(request: AppRequest, pk: int) -> HttpResponse:
    cooperation, _view = access.get_cooperation_for(request.user, pk, write=True, full=True)
    study = queries.staffing_study_of(cooperation)
    initial: dict[str, Any] = {"net_hours_per_fte": Decimal(1600), "fte_step": Decimal("0.25"), "overhead": 0}
    if study is not None:
        initial = {k: getattr(study, k) for k in services.STUDY_FIELDS} | {
            "version": study.version,
            "rows": exports.rows_text(study),
        }
    form = StaffingForm(request.POST or None, initial=initial, cooperation=cooperation)
    return edit_page(
        request,
        form,
        lambda data: services.save_staffing(
            cooperation, form.values(), data["rows"], expected_version=data.get("version"), actor=request.user
        ),
        template="costs/staffing_form.html",
        success=_("Die Personalbemessung wurde gespeichert."),
        context={"c": cooperation, "study": study},
        done=lambda _saved: reverse("costs:staffing_sheet", args=[cooperation.pk]),
    )


# --- grant programmes (decision 119) ---------------------------------------------------------------


@login_required
def programme_list(request: AppRequest) -> HttpResponse:
    return render(
        request,
        "costs/programme_list.html",
        {
            "programmes": queries.programme_rows(access.programmes_for(request.user)),
            "can_manage": access.can_manage_programmes(request.user),
        },
    )


def _programme_page(request: AppRequest, programme: Any) -> HttpResponse:
    """The form of a new (``programme`` None) or existing programme with its tiers."""
    initial = {"version": programme.version} if programme else None
    form = ProgrammeForm(request.POST or None, instance=programme, initial=initial, create=programme is None)
    tiers = TierFormSet(request.POST or None, initial=tier_rows(programme), prefix="stufe")
    valid = tiers.is_valid() if request.method == "POST" else True

    def save(data: Cleaned) -> Any:
        chosen = [t for t in (f.tier() for f in tiers.forms) if t is not None]
        return services.save_programme(
            pick(data, services.PROGRAMME_FIELDS),
            chosen,
            actor=request.user,
            programme=programme,
            expected_version=data.get("version"),
        )

    return edit_page(
        request,
        form,
        save,
        template="costs/programme_form.html",
        success=_("Das Förderprogramm wurde gespeichert."),
        context={"programme": programme, "tiers": tiers},
        done=lambda _saved: reverse("costs:programme_list"),
        valid=valid,
        fresh=lambda current: ProgrammeForm(instance=current, initial={"version": current.version}),
        fresh_context=lambda: {"tiers": TierFormSet(initial=tier_rows(programme), prefix="stufe")},
    )


@login_required
def programme_create(request: AppRequest) -> HttpResponse:
    access.require_programme_office(request.user)
    return _programme_page(request, None)


@login_required
def programme_edit(request: AppRequest, pk: int) -> HttpResponse:
    return _programme_page(request, access.get_programme_for(request.user, pk))


@login_required
@require_POST
def programme_retire(request: AppRequest, pk: int) -> HttpResponse:
    """``einstellen=1`` retires the programme from today, ``einstellen=0`` offers it again."""
    programme = access.get_programme_for(request.user, pk)
    retire = request.POST.get("einstellen") == "1"
    return post_action(
        request,
        lambda version: services.set_programme_retired(
            programme, timezone.localdate() if retire else None, expected_version=version, actor=request.user
        ),
        success=_("Das Förderprogramm ist eingestellt; bestehende Anträge behalten es.")
        if retire
        else _("Das Förderprogramm wird wieder angeboten."),
        back=reverse("costs:programme_list"),
        form=RetireForm(request.POST),
    )


@login_required
def programme_history(request: AppRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for(request.user, pk)
    return history_page(request, programme, back_url=reverse("costs:programme_list"), title=str(programme))
