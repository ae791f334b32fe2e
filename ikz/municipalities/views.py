"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.audit.views import history_page
from ikz.forms import current_version_of
from ikz.lib.exports import FORMATS, download, requested_format
from ikz.municipalities import access, exports, queries, rules, services
from ikz.municipalities.forms import (
    ContactPersonForm,
    FoundingFormSet,
    MasterDataForm,
    MemberFormSet,
    MunicipalityFilterForm,
    NamedRows,
    NewRegionForm,
    OfficeMasterDataForm,
    OrganisationForm,
    PopulationForm,
    RegionForm,
    RegionVersionForm,
    RegisterChoiceForm,
    SizeClassFormSet,
    SteeringFormSet,
)
from ikz.municipalities.models import Municipality, Region
from ikz.web import AppRequest, Cleaned, edit_page, pick, post_button

PAGE_SIZE = 50


@login_required
def municipality_list(request: AppRequest) -> HttpResponse:
    laender, kreise = queries.filter_choices(request.GET.get("land", ""))
    form = MunicipalityFilterForm(request.GET or None, laender=laender, kreise=kreise)
    query = queries.filtered(
        access.municipalities_for(request.user), form.cleaned_data if form.is_valid() else None
    )
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
            "can_update_register": access.can_update_register(request.user),
        },
    )


@login_required
def municipality_detail(request: AppRequest, pk: int) -> HttpResponse:
    municipality = access.get_municipality_for(request.user, pk)
    children = queries.children_of(municipality)
    return render(
        request,
        "municipalities/municipality_detail.html",
        {
            "m": municipality,
            "figures": queries.figures_of(municipality),
            "children": children[:60],
            "child_count": children.count(),
            "contacts": municipality.contacts.all(),
            "memberships": queries.memberships_of(municipality),
            "can_edit": access.can_edit_municipality(request.user, municipality),
            "can_manage": access.can_manage_register(request.user),
            "can_history": access.can_view_municipality_history(request.user, municipality),
        },
    )


@login_required
def municipality_edit(request: AppRequest, pk: int) -> HttpResponse:
    municipality = access.get_municipality_for(request.user, pk, write=True)
    office = access.can_manage_register(request.user)
    form_class = OfficeMasterDataForm if office else MasterDataForm
    form = form_class(
        request.POST or None,
        instance=Municipality.objects.get(pk=pk),
        initial={"version": municipality.version},
    )

    def save(data: Cleaned) -> Municipality:
        return services.update_master_data(
            municipality,
            pick(data, list(form._meta.fields or [])),
            expected_version=data["version"],
            actor=request.user,
            office=office,
        )

    return edit_page(
        request,
        form,
        save,
        template="municipalities/municipality_form.html",
        success=_("Die Stammdaten wurden gespeichert."),
        context={"m": municipality},
        done=lambda _saved: municipality,
        fresh=current_version_of(form_class),
    )


@login_required
def population_add(request: AppRequest, pk: int) -> HttpResponse:
    municipality = access.get_municipality_for(request.user, pk)
    access.check_manage_register(request.user)

    def save(data: Cleaned) -> Any:
        return services.record_population(
            municipality,
            stichtag=data["stichtag"],
            total=data["total"],
            male=data["male"],
            source=data["source"],
            actor=request.user,
        )

    return edit_page(
        request,
        PopulationForm(request.POST or None),
        save,
        template="municipalities/population_form.html",
        success=_("Die Einwohnerzahl wurde erfasst."),
        context={"m": municipality},
        done=lambda _saved: municipality,
    )


@login_required
def organisation_create(request: AppRequest) -> HttpResponse:
    access.check_manage_register(request.user)

    def save(data: Cleaned) -> Municipality:
        return services.create_organisation(
            name=data["name"],
            kind=data["kind"],
            parent=data["parent_key"],
            municipal_share=data["municipal_share"],
            actor=request.user,
        )

    return edit_page(
        request,
        OrganisationForm(request.POST or None),
        save,
        template="municipalities/organisation_form.html",
        success=_("Die Organisation wurde angelegt."),
    )


@login_required
def municipality_history(request: AppRequest, pk: int) -> HttpResponse:
    municipality = access.get_municipality_for(request.user, pk)
    access.check_municipality_history(request.user, municipality)
    return history_page(
        request, municipality, back_url=municipality.get_absolute_url(), title=municipality.name
    )


@login_required
def contact_edit(request: AppRequest, pk: int, contact_pk: int | None = None) -> HttpResponse:
    municipality = access.get_municipality_for(request.user, pk, write=True)
    person = queries.contact_of(municipality, contact_pk) if contact_pk else None
    if request.method == "POST" and "delete" in request.POST and person:
        return post_button(
            request,
            lambda: services.remove_contact_person(person, actor=request.user),
            success=_("Die Ansprechperson wurde entfernt."),
            back=municipality,
        )
    initial = {"version": person.version} if person else {}
    form = ContactPersonForm(request.POST or None, instance=person, initial=initial)

    def save(data: Cleaned) -> Any:
        values = pick(data, ("name", "function", "email", "phone"))
        if person is None:
            return services.add_contact_person(municipality, values, actor=request.user)
        return services.update_contact_person(
            person, values, expected_version=data["version"] or 0, actor=request.user
        )

    return edit_page(
        request,
        form,
        save,
        template="municipalities/contact_form.html",
        success=_("Die Ansprechperson wurde gespeichert."),
        context={"m": municipality, "person": person},
        done=lambda _saved: municipality,
        fresh=current_version_of(ContactPersonForm),
    )


# --- regions -------------------------------------------------------------------------------------


@login_required
def region_list(request: AppRequest) -> HttpResponse:
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
def region_detail(request: AppRequest, slug: str) -> HttpResponse:
    region = access.get_region_for(request.user, slug)
    overview = queries.region_overview(region, _parse_date(request.GET.get("stichtag")))
    fmt = requested_format(request)
    if fmt:
        day = f"-stichtag-{overview.chosen.isoformat()}" if overview.chosen else ""
        return download(exports.size_class_table(overview), fmt, f"{region.slug}-groessenklassen{day}")
    return render(
        request,
        "municipalities/region_detail.html",
        {
            "region": region,
            "o": overview,
            "steering": queries.steering_of(region),
            "can_edit": access.can_edit_region(request.user, region),
            "can_see_projects": access.can_see_project_portfolio(request.user),
            "can_see_project_dashboard": access.can_see_project_dashboard(request.user),
            "can_history": access.can_view_region_history(request.user, region),
            "formats": list(FORMATS),
        },
    )


@login_required
def region_edit(request: AppRequest, slug: str | None = None) -> HttpResponse:
    region = access.get_region_for(request.user, slug, write=True) if slug else None
    if region is None:
        access.check_create_region(request.user)
    founder = request.user if access.founder_becomes_office(request.user) else None
    initial = {"version": region.version} if region else {}
    form = RegionForm(request.POST or None, instance=region, initial=initial)

    def save(data: Cleaned) -> Region:
        values = pick(data, RegionForm.Meta.fields)
        values["office_host"] = data["office_host_key"]
        if region is None:
            return services.create_region(values, actor=request.user, office=founder)
        return services.update_region(
            region, values, expected_version=data["version"] or 0, actor=request.user
        )

    return edit_page(
        request,
        form,
        save,
        template="municipalities/region_form.html",
        success=_("Die Region wurde gespeichert."),
        context={"region": region},
        fresh=current_version_of(RegionForm),
    )


@login_required
def region_from_register(request: AppRequest) -> HttpResponse:
    """A new region from the register: choose a Kreis or paste keys (GET), check the proposed
    members and abbreviations, save (POST) — members, default size classes and, for a region
    office, the office role of the new region in one step."""
    access.check_create_region(request.user)
    choice = RegisterChoiceForm(
        request.GET if ("kreis" in request.GET or "keys" in request.GET) else None,
        kreise=queries.kreis_choices(),
    )
    proposal = queries.proposal_from(choice.cleaned_data) if choice.is_valid() else None
    for error in proposal.errors if proposal else ():
        choice.add_error("keys" if choice.cleaned_data.get("keys") else "kreis", error)
    ready = proposal is not None and not proposal.errors
    initial = {"name": proposal.name, "slug": proposal.slug} if ready and proposal else {}
    form = NewRegionForm(request.POST or None, initial=initial)
    rows = cast(
        NamedRows,
        FoundingFormSet(
            request.POST or None, initial=proposal.rows() if ready and proposal else None, prefix="m"
        ),
    )
    rows.name_rows(queries.unit_names(rows.keys()))
    founder = request.user if access.founder_becomes_office(request.user) else None

    def save(data: Cleaned) -> Region:
        members = [
            services.MemberRow(f.cleaned_data["key"], f.cleaned_data["short_label"])
            for f in rows.forms
            if f.cleaned_data.get("include")
        ]
        new = services.NewRegion(data["name"], data["slug"], data["established_on"])
        return services.create_region_from_register(new, members, actor=request.user, office=founder)

    return edit_page(
        request,
        form,
        save,
        template="municipalities/region_register_form.html",
        success=_("Die Region wurde mit ihren Mitgliedern und den Standard-Größenklassen angelegt."),
        context={
            "choice": choice,
            "rows": rows,
            "show_rows": ready or request.method == "POST",
            "founder": founder,
            "default_classes": rules.DEFAULT_SIZE_CLASSES,
        },
        done=lambda saved: reverse("municipalities:region_members_edit", args=[saved.slug]),
        valid=request.method == "POST" and rows.is_valid(),
    )


def _with_one_more_row(data: Any, prefix: str = "form") -> Any:
    """The posted formset data with one more (empty) row: the "Zeile hinzufügen" button without
    JavaScript. Nothing is saved."""
    data = data.copy()
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", "0"))
    except ValueError:
        total = 0
    data[f"{prefix}-TOTAL_FORMS"] = str(min(total + 1, 1000))
    return data


def _region_rows_view(
    request: AppRequest,
    slug: str,
    *,
    formset_class: Any,
    initial: Any,
    build: Any,
    save: Any,
    title: str,
    template: str = "municipalities/region_rows_form.html",
    names: Any = None,
) -> HttpResponse:
    """A region's rows (members, steering group, size classes) as one formset, saved as a whole
    against the region's version; "Zeile hinzufügen" shows one more row without saving."""
    region = access.get_region_for(request.user, slug, write=True)
    adding = request.method == "POST" and "add_row" in request.POST
    data = _with_one_more_row(request.POST) if adding else request.POST or None
    formset = formset_class(data, initial=None if request.method == "POST" else initial(region))
    version = RegionVersionForm(request.POST or None, initial={"version": region.version})
    context = {"region": region, "formset": formset, "title": title}
    if names is not None:
        formset.name_rows(names(formset.keys()))
    if adding:
        return render(request, template, {**context, "form": version})

    def save_rows(data: Cleaned) -> Region:
        forms_in_order = formset.ordered_forms if getattr(formset, "can_order", False) else formset.forms
        rows = [
            build(f.cleaned_data)
            for f in forms_in_order
            if f.cleaned_data and not f.cleaned_data.get("DELETE", False)
        ]
        saved: Region = save(region, rows, expected_version=data["version"], actor=request.user)
        return saved

    def fresh_rows() -> dict[str, Any]:
        fresh = formset_class(initial=initial(region))
        if names is not None:
            fresh.name_rows(names(fresh.keys()))
        return {"formset": fresh}

    return edit_page(
        request,
        version,
        save_rows,
        template=template,
        success=_("Gespeichert."),
        context=context,
        done=lambda _saved: region,
        fresh=lambda current: RegionVersionForm(initial={"version": current.version}),
        fresh_context=fresh_rows,
        valid=request.method == "POST" and formset.is_valid(),
    )


@login_required
def region_members_edit(request: AppRequest, slug: str) -> HttpResponse:
    return _region_rows_view(
        request,
        slug,
        formset_class=MemberFormSet,
        initial=queries.member_rows,
        build=lambda d: services.MemberRow(d["key"], d["short_label"], d["joined_on"], d["left_on"]),
        save=services.set_region_members,
        title=_("Mitglieder und Kürzel"),
        template="municipalities/region_members_form.html",
        names=queries.unit_names,
    )


@login_required
def region_steering_edit(request: AppRequest, slug: str) -> HttpResponse:
    return _region_rows_view(
        request,
        slug,
        formset_class=SteeringFormSet,
        initial=queries.steering_rows,
        build=lambda d: services.SteeringRow(d["name"], d["function"], is_demo=d["is_demo"]),
        save=services.set_steering_group,
        title=_("Lenkungsgruppe"),
    )


@login_required
def region_classes_edit(request: AppRequest, slug: str) -> HttpResponse:
    return _region_rows_view(
        request,
        slug,
        formset_class=SizeClassFormSet,
        initial=queries.size_class_rows,
        build=lambda d: services.SizeClassRow(d["label"], d["lower"], d["upper"], d["stated_count"]),
        save=services.set_size_classes,
        title=_("Größenklassen"),
    )


@login_required
def region_history(request: AppRequest, slug: str) -> HttpResponse:
    region = access.get_region_for(request.user, slug)
    access.check_region_history(request.user, region)
    return history_page(request, region, back_url=region.get_absolute_url(), title=region.name)
