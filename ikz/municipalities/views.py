"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ikz.audit.services import ConflictError
from ikz.audit.views import history_page
from ikz.forms import current_version_of, refuse_stale, submit
from ikz.municipalities import access, queries, services
from ikz.municipalities.forms import (
    SORTS,
    ContactPersonForm,
    MasterDataForm,
    MemberFormSet,
    MunicipalityFilterForm,
    OfficeMasterDataForm,
    OrganisationForm,
    PopulationForm,
    RegionForm,
    RegionVersionForm,
    SizeClassFormSet,
    SteeringFormSet,
)
from ikz.municipalities.models import ContactPerson, Level, Municipality

PAGE_SIZE = 50


@login_required
def municipality_list(request: HttpRequest) -> HttpResponse:
    laender = list(
        Municipality.objects.filter(level=Level.LAND).order_by("key").values_list("key", "short_name")
    )
    kreis_query = Municipality.objects.filter(level=Level.KREIS, is_historical=False)
    land_key = request.GET.get("land", "")
    if land_key:
        kreis_query = kreis_query.filter(key__startswith=land_key)
    kreise = [
        (k, f"{n} ({k})") for k, n in kreis_query.order_by("short_name").values_list("key", "short_name")
    ]
    form = MunicipalityFilterForm(request.GET or None, laender=laender, kreise=kreise)
    query = access.municipalities_for(request.user).select_related("kreis", "land", "current_population")
    sort = "name"
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            text = data["q"].strip()
            query = query.filter(
                Q(name__icontains=text) | Q(short_name__icontains=text) | Q(key__startswith=text)
            )
        if data["land"]:
            query = query.filter(_within(data["land"], "land"))
        if data["kreis"]:
            query = query.filter(_within(data["kreis"], "kreis"))
        if data["kind"]:
            query = query.filter(kind=data["kind"])
        if not data["historical"]:
            query = query.filter(is_historical=False)
        sort = data["sort"] or "name"
    else:
        query = query.filter(is_historical=False)
    query = query.order_by(*SORTS[sort])
    page = Paginator(query, PAGE_SIZE).get_page(request.GET.get("seite"))
    params = request.GET.copy()
    params.pop("seite", None)
    return render(
        request,
        "municipalities/municipality_list.html",
        {
            "form": form,
            "page": page,
            "query_without_page": params.urlencode(),
            "can_create_organisation": access.can_manage_register(request.user),
        },
    )


def _within(key: str, level: str) -> Q:
    """The unit ``key`` and everything in it: official keys are hierarchical (06 → 06433 → 06433012);
    organisations have no key and are found through their ``land``/``kreis``. No join, so it stays fast."""
    return Q(key__startswith=key) | Q(**{f"{level}__in": Municipality.objects.filter(key=key).values("pk")})


@login_required
def municipality_detail(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = access.get_municipality_for(request.user, pk)
    figures = municipality.population_figures.order_by("-stichtag", "-id")
    children = Municipality.objects.filter(parent=municipality).order_by("short_name")
    child_count = children.count()
    memberships = municipality.region_memberships.select_related("region").order_by("region__name")
    return render(
        request,
        "municipalities/municipality_detail.html",
        {
            "m": municipality,
            "figures": figures,
            "children": children[:60],
            "child_count": child_count,
            "contacts": municipality.contacts.all(),
            "memberships": memberships,
            "can_edit": access.can_edit_municipality(request.user, municipality),
            "can_manage": access.can_manage_register(request.user),
            "can_history": access.can_view_municipality_history(request.user, municipality),
        },
    )


@login_required
def municipality_edit(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = access.get_municipality_for(request.user, pk, write=True)
    office = access.can_manage_register(request.user)
    form_class = OfficeMasterDataForm if office else MasterDataForm
    form = form_class(
        request.POST or None,
        instance=Municipality.objects.get(pk=pk),
        initial={"version": municipality.version},
    )
    context: dict[str, Any] = {"form": form, "m": municipality}
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form._meta.fields or []}
        result = submit(
            request,
            form,
            lambda: services.update_master_data(
                municipality,
                values,
                expected_version=form.cleaned_data["version"],
                actor=request.user,  # type: ignore[arg-type]
                office=office,
            ),
            success=_("Die Stammdaten wurden gespeichert."),
            fresh=current_version_of(form_class),
        )
        if result.saved is not None:
            return redirect(municipality)
        context.update(form=result.form, conflict=result.conflict)
        return render(request, "municipalities/municipality_form.html", context, status=result.status)
    return render(request, "municipalities/municipality_form.html", context)


@login_required
def population_add(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = access.get_municipality_for(request.user, pk)
    if not access.can_manage_register(request.user):
        raise PermissionDenied
    form = PopulationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = submit(
            request,
            form,
            lambda: services.record_population(
                municipality,
                stichtag=data["stichtag"],
                total=data["total"],
                male=data["male"],
                source=data["source"],
                actor=request.user,  # type: ignore[arg-type]
            ),
            success=_("Die Einwohnerzahl wurde erfasst."),
        )
        if result.saved is not None:
            return redirect(municipality)
    return render(request, "municipalities/population_form.html", {"form": form, "m": municipality})


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_register(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = submit(
            request,
            form,
            lambda: services.create_organisation(
                name=data["name"],
                kind=data["kind"],
                parent=data["parent_key"],
                municipal_share=data["municipal_share"],
                actor=request.user,  # type: ignore[arg-type]
            ),
            success=_("Die Organisation wurde angelegt."),
        )
        if result.saved is not None:
            return redirect(result.saved)
    return render(request, "municipalities/organisation_form.html", {"form": form})


@login_required
def municipality_history(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = access.get_municipality_for(request.user, pk)
    if not access.can_view_municipality_history(request.user, municipality):
        raise PermissionDenied
    return history_page(
        request, municipality, back_url=municipality.get_absolute_url(), title=municipality.name
    )


@login_required
def contact_edit(request: HttpRequest, pk: int, contact_pk: int | None = None) -> HttpResponse:
    municipality = access.get_municipality_for(request.user, pk, write=True)
    person = (
        get_object_or_404(ContactPerson, pk=contact_pk, municipality=municipality) if contact_pk else None
    )
    template = "municipalities/contact_form.html"
    initial = {"version": person.version} if person else {}
    form = ContactPersonForm(request.POST or None, instance=person, initial=initial)
    if request.method == "POST":
        if "delete" in request.POST and person:
            services.remove_contact_person(person, actor=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Die Ansprechperson wurde entfernt."))
            return redirect(municipality)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in ("name", "function", "email", "phone")}

            def save() -> Any:
                if person is None:
                    return services.add_contact_person(municipality, values, actor=request.user)  # type: ignore[arg-type]
                return services.update_contact_person(
                    person,
                    values,
                    expected_version=form.cleaned_data["version"] or 0,
                    actor=request.user,  # type: ignore[arg-type]
                )

            result = submit(
                request,
                form,
                save,
                success=_("Die Ansprechperson wurde gespeichert."),
                fresh=current_version_of(ContactPersonForm),
            )
            if result.saved is not None:
                return redirect(municipality)
            context = {"form": result.form, "m": municipality, "person": person, "conflict": result.conflict}
            return render(request, template, context, status=result.status)
    return render(request, template, {"form": form, "m": municipality, "person": person})


# --- regions -------------------------------------------------------------------------------------


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    regions = access.regions_for(request.user).order_by("name")
    page = Paginator(regions, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "municipalities/region_list.html",
        {"regions": page, "page": page, "can_create": access.can_create_region(request.user)},
    )


def _parse_date(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


@login_required
def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = access.get_region_for(request.user, slug)
    overview = queries.region_overview(region, _parse_date(request.GET.get("stichtag")))
    return render(
        request,
        "municipalities/region_detail.html",
        {
            "region": region,
            "o": overview,
            "steering": region.steering_group.select_related("municipality").order_by("position"),
            "can_edit": access.can_edit_region(request.user, region),
            "can_history": access.can_view_region_history(request.user, region),
        },
    )


@login_required
def region_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    region = access.get_region_for(request.user, slug, write=True) if slug else None
    if region is None and not access.can_create_region(request.user):
        raise PermissionDenied
    initial = {"version": region.version} if region else {}
    form = RegionForm(request.POST or None, instance=region, initial=initial)
    context: dict[str, Any] = {"form": form, "region": region}
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in RegionForm.Meta.fields}
        values["office_host"] = form.cleaned_data["office_host_key"]

        def save() -> Any:
            if region is None:
                return services.create_region(values, actor=request.user)  # type: ignore[arg-type]
            return services.update_region(
                region,
                values,
                expected_version=form.cleaned_data["version"] or 0,
                actor=request.user,  # type: ignore[arg-type]
            )

        result = submit(
            request,
            form,
            save,
            success=_("Die Region wurde gespeichert."),
            fresh=current_version_of(RegionForm),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "municipalities/region_form.html", context, status=status)


def _region_rows_view(
    request: HttpRequest,
    slug: str,
    *,
    formset_class: Any,
    initial: Any,
    build: Any,
    save: Any,
    title: str,
) -> HttpResponse:
    region = access.get_region_for(request.user, slug, write=True)
    template = "municipalities/region_rows_form.html"
    version_form = RegionVersionForm(request.POST or None, initial={"version": region.version})
    formset = formset_class(
        request.POST or None, initial=None if request.method == "POST" else initial(region)
    )
    context = {"region": region, "formset": formset, "version_form": version_form, "title": title}
    if request.method == "POST" and formset.is_valid() and version_form.is_valid():
        forms_in_order = formset.ordered_forms if getattr(formset, "can_order", False) else formset.forms
        rows = [
            build(f.cleaned_data)
            for f in forms_in_order
            if f.cleaned_data and not f.cleaned_data.get("DELETE", False)
        ]
        try:
            save(region, rows, expected_version=version_form.cleaned_data["version"], actor=request.user)
        except ConflictError as exc:
            refuse_stale(request, exc)
            context["formset"] = formset_class(initial=initial(region))
            context["version_form"] = RegionVersionForm(initial={"version": exc.current.version})  # type: ignore[attr-defined]
            return render(request, template, context, status=409)
        except ValidationError as exc:
            context["errors"] = [str(m) for m in exc.messages]
        else:
            messages.success(request, _("Gespeichert."))
            return redirect(region)
    return render(request, template, context)


@login_required
def region_members_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _region_rows_view(
        request,
        slug,
        formset_class=MemberFormSet,
        initial=lambda r: [
            {"key": m.municipality.key, "short_label": m.short_label, "ORDER": m.position}
            for m in r.members.select_related("municipality").order_by("position")
        ],
        build=lambda d: services.MemberRow(d["key"], d["short_label"]),
        save=services.set_region_members,
        title=_("Mitglieder und Kürzel"),
    )


@login_required
def region_steering_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _region_rows_view(
        request,
        slug,
        formset_class=SteeringFormSet,
        initial=lambda r: [
            {"name": s.name, "function": s.function, "is_demo": s.is_demo} for s in r.steering_group.all()
        ],
        build=lambda d: services.SteeringRow(d["name"], d["function"], is_demo=d["is_demo"]),
        save=services.set_steering_group,
        title=_("Lenkungsgruppe"),
    )


@login_required
def region_classes_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _region_rows_view(
        request,
        slug,
        formset_class=SizeClassFormSet,
        initial=lambda r: [
            {"label": c.label, "lower": c.lower, "upper": c.upper, "stated_count": c.stated_count}
            for c in r.size_classes.order_by("position")
        ],
        build=lambda d: services.SizeClassRow(d["label"], d["lower"], d["upper"], d["stated_count"]),
        save=services.set_size_classes,
        title=_("Größenklassen"),
    )


@login_required
def region_history(request: HttpRequest, slug: str) -> HttpResponse:
    region = access.get_region_for(request.user, slug)
    if not access.can_view_region_history(request.user, region):
        raise PermissionDenied
    return history_page(request, region, back_url=region.get_absolute_url(), title=region.name)
