"""Pages of the Fördermitteldatenbank: programme list with filters, programme with its calls,
matches with their reasons, applications (create, partners, submit, notice, obligations)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ikz.funding import access, queries, services
from ikz.funding.forms import (
    ApplicationForm,
    CallForm,
    DoneForm,
    FilterForm,
    NoticeForm,
    PartnerForm,
    ProgrammeForm,
    SubmitForm,
)
from ikz.funding.models import Programme
from ikz.network import access as network_access
from ikz.projects import access as project_access
from ikz.web import AppRequest, VersionForm, edit_page, pick, post_action


@require_safe
@login_required
def programme_list(request: AppRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    chosen: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    rows = queries.programme_list(
        access.programmes_for(request.user),
        {k: chosen.get(k, "") for k in queries.FILTERS},
        timezone.localdate(),
        text=chosen.get("q", ""),
        open_only=bool(chosen.get("offen")),
    )
    return render(
        request,
        "funding/programme_list.html",
        {
            "form": form,
            "rows": rows,
            "can_add": access.can_add_programmes(request.user),
            "import_regions": access.writable_regions(request.user),
            "own_municipalities": access.own_municipalities(request.user),
        },
    )


def _programme_form(request: AppRequest, programme: Programme | None) -> ProgrammeForm:
    return ProgrammeForm(
        request.POST or None, instance=programme, regions=access.writable_regions(request.user)
    )


def _save_programme(request: AppRequest, programme: Programme | None) -> Any:
    return lambda data: services.save_programme(
        pick(data, services.PROGRAMME_FORM_FIELDS),
        data["cooperation_fields"],
        actor=request.user,
        programme=programme,
        expected_version=data.get("version"),
    )


@login_required
def programme_create(request: AppRequest) -> HttpResponse:
    access.check_add_programmes(request.user)
    return edit_page(
        request,
        _programme_form(request, None),
        _save_programme(request, None),
        success=_("Das Förderprogramm ist angelegt."),
        template="funding/form.html",
        context={"title": _("Förderprogramm anlegen"), "back": reverse("funding:programme_list")},
    )


@login_required
def programme_edit(request: AppRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for(request.user, pk, write=True)
    return edit_page(
        request,
        _programme_form(request, programme),
        _save_programme(request, programme),
        success=_("Das Förderprogramm ist gespeichert."),
        template="funding/form.html",
        context={"title": _("Förderprogramm bearbeiten"), "back": programme.get_absolute_url()},
        fresh=lambda current: ProgrammeForm(
            instance=current,
            regions=access.writable_regions(request.user),
            region_required=not access.keeps_platform_programmes(request.user),
        ),
    )


@require_safe
@login_required
def programme_detail(request: AppRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for(request.user, pk)
    row = queries.row_of(queries.with_calls(Programme.objects.filter(pk=pk)).get(), timezone.localdate())
    return render(
        request,
        "funding/programme_detail.html",
        {
            "row": row,
            "programme": programme,
            "applications": queries.applications_of(programme, access.applications_for(request.user)),
            "can_edit": access.can_edit_programme(request.user, programme),
            "can_apply": access.can_add_programmes(request.user),
        },
    )


@login_required
@require_POST
def programme_checked(request: AppRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for(request.user, pk, write=True)
    return post_action(
        request,
        lambda version: services.mark_checked(programme, expected_version=version, actor=request.user),
        success=_("Die Angaben sind als heute geprüft vermerkt."),
        back=programme,
    )


@login_required
def call_create(request: AppRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for(request.user, pk, write=True)
    return edit_page(
        request,
        CallForm(request.POST or None),
        lambda data: services.save_call(
            programme, pick(data, services.CALL_FIELDS), data["deadlines"], actor=request.user
        ),
        success=_("Der Aufruf ist angelegt; alle Geschäftsstellen und Kommunen werden benachrichtigt."),
        template="funding/form.html",
        context={
            "title": _("Aufruf anlegen: %(p)s") % {"p": programme.name},
            "back": programme.get_absolute_url(),
        },
    )


@login_required
def call_edit(request: AppRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, write=True)
    return edit_page(
        request,
        CallForm(request.POST or None, instance=call),
        lambda data: services.save_call(
            call.programme,
            pick(data, services.CALL_FIELDS),
            data["deadlines"],
            actor=request.user,
            call=call,
            expected_version=data.get("version"),
        ),
        success=_("Der Aufruf ist gespeichert."),
        template="funding/form.html",
        context={"title": _("Aufruf bearbeiten"), "back": call.get_absolute_url()},
        fresh=lambda current: CallForm(instance=current),
    )


MATCH_KINDS = {
    "projekt": _("Projekt"),
    "kooperation": _("Kooperation"),
    "bedarf": _("Bedarf"),
    "kommune": _("Kommune"),
}


def _target(request: AppRequest, kind: str, pk: int) -> tuple[Any, Any]:
    if kind == "projekt":
        project = project_access.get_project_for(request.user, pk)
        return project, queries.target_of_project(project)
    if kind == "bedarf":
        need = network_access.get_need_for(request.user, pk)
        return need, queries.target_of_need(need)
    if kind == "kooperation":
        cooperation = access.get_cooperation_for(request.user, pk)
        return cooperation, queries.target_of_cooperation(cooperation)
    if kind == "kommune":
        municipality = access.get_municipality_for(request.user, pk)
        return municipality, queries.target_of_municipality(municipality)
    raise Http404


@require_safe
@login_required
def matches(request: AppRequest, kind: str, pk: int) -> HttpResponse:
    obj, target = _target(request, kind, pk)
    rows = queries.matches(access.programmes_for(request.user), target, timezone.localdate())
    applications = (
        queries.funding_of_project(obj, access.applications_for(request.user)) if kind == "projekt" else []
    )
    return render(
        request,
        "funding/matches.html",
        {
            "obj": obj,
            "kind_label": MATCH_KINDS[kind],
            "target": target,
            "rows": rows,
            "applications": applications,
        },
    )


@require_safe
@login_required
def application_list(request: AppRequest) -> HttpResponse:
    due_only = request.GET.get("faellig") == "1"
    rows = queries.application_rows(
        access.applications_for(request.user), timezone.localdate(), due_only=due_only
    )
    return render(request, "funding/application_list.html", {"rows": rows, "due_only": due_only})


@login_required
def application_create(request: AppRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for(request.user, pk)
    access.check_create_application(request.user, programme)
    regions = access.writable_regions(request.user)
    return edit_page(
        request,
        ApplicationForm(
            request.POST or None, programme=programme, regions=regions, initial=request.GET.dict()
        ),
        lambda data: services.create_application(
            programme, pick(data, services.APPLICATION_FIELDS), list(data["partners"]), actor=request.user
        ),
        success=_("Der Förderantrag ist angelegt."),
        template="funding/form.html",
        context={
            "title": _("Förderantrag: %(p)s") % {"p": programme.name},
            "back": programme.get_absolute_url(),
        },
    )


@require_safe
@login_required
def application_detail(request: AppRequest, pk: int) -> HttpResponse:
    application = access.get_application_for(request.user, pk)
    page = queries.application_page(application)
    writes = access.can_write_application(request.user, application)
    return render(
        request,
        "funding/application_detail.html",
        {
            "page": page,
            "application": application,
            "can_write": writes,
            "partner_form": PartnerForm(
                initial={"version": application.version}, municipalities=access.partner_choices(application)
            )
            if writes
            else None,
            "submit_form": SubmitForm(
                initial={"version": application.version, "submitted_on": timezone.localdate()}
            ),
            "notice_form": NoticeForm(initial={"version": application.version, "binding_years": 5}),
            "version_form": VersionForm(initial={"version": application.version}),
        },
    )


@login_required
@require_POST
def partner_add(request: AppRequest, pk: int) -> HttpResponse:
    application = access.get_application_for(request.user, pk, write=True)
    form = PartnerForm(request.POST, municipalities=access.partner_choices(application))
    return post_action(
        request,
        lambda version: services.add_partner(
            application,
            form.cleaned_data["municipality"],
            share_percent=form.cleaned_data["share_percent"],
            resolution=form.cleaned_data["resolution"],
            expected_version=version,
            actor=request.user,
        ),
        success=_("Der Partner ist eingetragen."),
        back=application,
        form=form,
    )


@login_required
@require_POST
def shares_from_key(request: AppRequest, pk: int) -> HttpResponse:
    application = access.get_application_for(request.user, pk, write=True)
    return post_action(
        request,
        lambda version: services.shares_from_key(application, expected_version=version, actor=request.user),
        success=_("Die Anteile sind aus dem Kostenschlüssel der Kooperation übernommen."),
        back=application,
    )


@login_required
@require_POST
def application_submit(request: AppRequest, pk: int) -> HttpResponse:
    application = access.get_application_for(request.user, pk, write=True)
    form = SubmitForm(request.POST)
    return post_action(
        request,
        lambda version: services.submit_application(
            application,
            submitted_on=form.cleaned_data["submitted_on"],
            expected_version=version,
            actor=request.user,
        ),
        success=_("Der Antrag ist als eingereicht vermerkt."),
        back=application,
        form=form,
    )


@login_required
def notice_record(request: AppRequest, pk: int) -> HttpResponse:
    application = access.get_application_for(request.user, pk, write=True)
    return edit_page(
        request,
        NoticeForm(request.POST or None, initial={"version": application.version, "binding_years": 5}),
        lambda data: services.record_notice(
            application,
            pick(data, services.NOTICE_FIELDS),
            expected_version=data["version"],
            actor=request.user,
        ),
        success=_("Der Bescheid ist erfasst; die Pflichten daraus stehen mit ihren Fristen im Antrag."),
        template="funding/form.html",
        context={
            "title": _("Bescheid erfassen: %(t)s") % {"t": application.title},
            "back": application.get_absolute_url(),
        },
    )


@login_required
def obligation_done(request: AppRequest, pk: int) -> HttpResponse:
    obligation = access.get_obligation_for(request.user, pk, write=True)
    form = DoneForm(
        request.POST or None,
        request.FILES or None,
        initial={"version": obligation.version, "done_on": timezone.localdate()},
    )
    return edit_page(
        request,
        form,
        lambda data: services.complete_obligation(
            obligation,
            done_on=data["done_on"],
            evidence=form.evidence_file(),
            note=data["note"],
            expected_version=data["version"],
            actor=request.user,
        ),
        success=_("„%(t)s“ ist als erledigt vermerkt.") % {"t": obligation.title},
        template="funding/form.html",
        context={
            "title": _("Erledigt: %(t)s") % {"t": obligation.title},
            "back": obligation.get_absolute_url(),
            "multipart": True,
        },
        done=lambda saved: saved.get_absolute_url(),
    )
