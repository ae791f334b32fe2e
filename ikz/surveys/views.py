"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.accounts.access import roles_of
from ikz.audit.services import ConflictError
from ikz.cooperation.models import ParticipantStatus
from ikz.forms import current_version_of, refuse_stale, submit
from ikz.lib.exports import Table, download, requested_format
from ikz.municipalities.access import get_region_for
from ikz.municipalities.models import Municipality, RegionMember
from ikz.surveys import access, rules, services
from ikz.surveys.forms import AnswerFormSet, CampaignForm, ReopenForm, VariantForm
from ikz.surveys.models import Campaign, Reminder, Response, ResponseStatus, Variant


def _user(request: HttpRequest) -> Any:
    return request.user


@login_required
def campaign_list(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    campaigns = access.campaigns_for(request.user).filter(region=region)
    return render(
        request,
        "surveys/campaign_list.html",
        {
            "region": region,
            "campaigns": campaigns,
            "can_create": roles_of(request.user).is_office_of(region.pk),
        },
    )


@login_required
def campaign_create(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug, write=True)
    return _campaign_form(request, region, None)


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk, write=True)
    return _campaign_form(request, campaign.region, campaign)


def _campaign_form(request: HttpRequest, region: Any, campaign: Campaign | None) -> HttpResponse:
    initial: dict[str, Any] = (
        {"version": campaign.version, "task_areas": campaign.task_areas.all()} if campaign else {}
    )
    form = CampaignForm(request.POST or None, instance=campaign, initial=initial)
    context: dict[str, Any] = {"form": form, "region": region, "campaign": campaign}
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in CampaignForm.Meta.fields}
        areas = list(form.cleaned_data["task_areas"])

        def save() -> Campaign:
            if campaign is None:
                return services.create_campaign(region, values, areas, actor=_user(request))
            return services.update_campaign(
                campaign,
                values,
                areas,
                expected_version=form.cleaned_data["version"] or 0,
                actor=_user(request),
            )

        result = submit(
            request,
            form,
            save,
            success=_("Die Bestandsaufnahme wurde gespeichert."),
            fresh=current_version_of(CampaignForm),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "surveys/campaign_form.html", context, status=status)


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk)
    own = access.answerable_municipalities(request.user, campaign)
    responses = {
        r.municipality_id: r for r in Response.objects.filter(campaign=campaign, municipality__in=own)
    }
    return render(
        request,
        "surveys/campaign_detail.html",
        {
            "campaign": campaign,
            "own": [(m, responses.get(m.pk)) for m in own],
            "is_office": access.is_office(request.user, campaign),
            "areas": campaign.task_areas.order_by("position"),
            "variants": campaign.variants.prefetch_related("fields"),
            "submitted": (
                Response.objects.filter(campaign=campaign, status=ResponseStatus.SUBMITTED)
                .select_related("municipality")
                .order_by("municipality__key")
                if roles_of(request.user).sees_region_fully(campaign.region_id)
                else []
            ),
        },
    )


# --- the questionnaire of one municipality ---------------------------------------------------------


def _response_for(
    request: HttpRequest, pk: int, municipality_pk: int
) -> tuple[Campaign, Municipality, Response | None]:
    campaign = access.get_campaign_for(request.user, pk)
    municipality = access.get_member(campaign, municipality_pk)
    response = Response.objects.filter(campaign=campaign, municipality=municipality).first()
    if not access.can_read_response(request.user, campaign, municipality, response):
        raise Http404
    return campaign, municipality, response


@login_required
def response_detail(request: HttpRequest, pk: int, municipality_pk: int) -> HttpResponse:
    campaign, municipality, response = _response_for(request, pk, municipality_pk)
    answers = (
        response.answers.select_related("field", "lead").prefetch_related("partners") if response else []
    )
    return render(
        request,
        "surveys/response_detail.html",
        {
            "campaign": campaign,
            "m": municipality,
            "response": response,
            "answers": answers,
            "can_answer": access.can_answer(request.user, campaign, municipality),
            "is_office": access.is_office(request.user, campaign),
            "reopen_form": ReopenForm(),
        },
    )


def _choices(campaign: Campaign, municipality: Municipality) -> dict[str, Any]:
    fields = services.fields_for(campaign, municipality)
    members = [
        (m.municipality_id, f"{m.short_label} – {m.municipality.name}")
        for m in RegionMember.objects.filter(region=campaign.region)
        .select_related("municipality")
        .order_by("position")
    ]
    return {
        "field_choices": [(f.pk, f"{f.task_area.name} – {f.name}") for f in fields],
        "partner_choices": [m for m in members if m[0] != municipality.pk],
        "lead_choices": members,
    }


def _initial(
    campaign: Campaign, municipality: Municipality, response: Response | None
) -> list[dict[str, Any]]:
    if response is not None:
        return [
            {
                "cooperation_id": a.cooperation_id,
                "field": a.field_id,
                "kind": a.kind,
                "title": a.title,
                "partners": [p.pk for p in a.partners.all()],
                "external_partners": a.external_partners,
                "since_year": a.since_year,
                "legal_form": a.legal_form,
                "lead": a.lead_id,
                "planned_by": a.planned_by,
                "reason": a.reason,
            }
            for a in response.answers.prefetch_related("partners")
        ]
    rows = []
    for cooperation in services.known_cooperations(campaign, municipality):
        mine = cooperation.participants.filter(municipality=municipality).first()
        partners = [p.municipality_id for p in cooperation.participants.exclude(municipality=municipality)]
        lead = next((p.municipality_id for p in cooperation.participants.all() if p.is_lead), None)
        rows.append(
            {
                "cooperation_id": cooperation.pk,
                "field": cooperation.field_id,
                "kind": mine.status if mine else ParticipantStatus.EXISTS,
                "title": cooperation.title,
                "partners": partners,
                "external_partners": cooperation.external_partners,
                "since_year": cooperation.since_year,
                "legal_form": cooperation.legal_form,
                "lead": lead,
                "planned_by": mine.planned_by if mine else None,
                "reason": mine.reason if mine else "",
            }
        )
    return rows


@login_required
def response_edit(request: HttpRequest, pk: int, municipality_pk: int) -> HttpResponse:
    campaign, municipality, response = _response_for(request, pk, municipality_pk)
    if not access.can_answer(request.user, campaign, municipality):
        raise Http404
    if response is not None and response.status == ResponseStatus.SUBMITTED:
        messages.info(
            request,
            _(
                "Der Antwortbogen ist abgegeben. Änderungen sind erst nach Wiederöffnung "
                "durch die Geschäftsstelle möglich."
            ),
        )
        return redirect(response)
    choices = _choices(campaign, municipality)
    formset = AnswerFormSet(  # type: ignore[call-arg]
        request.POST or None, initial=_initial(campaign, municipality, response), prefix="a", choices=choices
    )
    context: dict[str, Any] = {
        "campaign": campaign,
        "m": municipality,
        "response": response,
        "formset": formset,
    }
    status = 200
    version = response.version if response else None
    if request.method == "POST":
        posted_version = request.POST.get("version") or None
        if posted_version is not None and not posted_version.isdigit():
            # a tampered hidden field: refused with a message, never a 500
            messages.error(
                request, _("Die Fassung des Formulars ist ungültig. Bitte laden Sie die Seite neu.")
            )
            status = 400
        elif formset.is_valid():
            kept = [
                f
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("remove") and not f.is_blank()
            ]
            answers = [_answer_input(f.cleaned_data) for f in kept]
            try:
                services.save_draft(
                    campaign,
                    municipality,
                    answers,
                    expected_version=int(posted_version) if posted_version else None,
                    actor=_user(request),
                )
            except ConflictError as exc:
                current: Response = exc.current  # type: ignore[assignment]
                refuse_stale(request, exc)
                mine = rules.summary(
                    [
                        (str(dict(choices["field_choices"]).get(a.field_id, "")), a.title, a.kind)
                        for a in answers
                    ]
                )
                context["conflict"] = [(_("Antworten"), mine, services.answers_text(current))]
                context["formset"] = AnswerFormSet(  # type: ignore[call-arg]
                    initial=_initial(campaign, municipality, current), prefix="a", choices=choices
                )
                version = current.version
                status = 409
            except services.AnswerErrors as exc:
                for index, errors in exc.per_answer.items():
                    for name, text in errors.items():
                        kept[index].add_error(name, text)
            except ValidationError as exc:
                for text in exc.messages:
                    messages.error(request, text)
            else:
                messages.success(request, _("Ihre Antworten wurden als Entwurf gespeichert."))
                if "abgeben" in request.POST:
                    return redirect("surveys:response_submit", campaign.pk, municipality.pk)
                return redirect("surveys:response_edit", campaign.pk, municipality.pk)
    context["version"] = version
    context["late"] = rules.late(campaign.deadline, _today(), campaign.allow_late)
    return render(request, "surveys/response_form.html", context, status=status)


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


def _answer_input(data: dict[str, Any]) -> rules.AnswerInput:
    return rules.AnswerInput(
        field_id=data["field"] or 0,
        kind=data["kind"],
        title=data["title"] or "",
        partner_ids=frozenset(data["partners"] or []),
        external_partners=data["external_partners"] or "",
        since_year=data["since_year"],
        legal_form=data["legal_form"] or "",
        lead_id=data["lead"],
        planned_by=data["planned_by"],
        reason=data["reason"] or "",
        cooperation_id=data["cooperation_id"],
    )


@login_required
def response_submit(request: HttpRequest, pk: int, municipality_pk: int) -> HttpResponse:
    campaign, municipality, response = _response_for(request, pk, municipality_pk)
    if not access.can_answer(request.user, campaign, municipality):
        raise Http404
    if request.method == "POST":
        if response is None:
            messages.error(request, _("Bitte speichern Sie zuerst Ihre Antworten."))
            return redirect("surveys:response_edit", campaign.pk, municipality.pk)
        try:
            services.submit_response(response, actor=_user(request))
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _(
                    "Vielen Dank – der Antwortbogen ist abgegeben. "
                    "Die Angaben sind in den Bestand übernommen."
                ),
            )
            return redirect("surveys:response_detail", campaign.pk, municipality.pk)
    answers = response.answers.select_related("field") if response else []
    return render(
        request,
        "surveys/response_submit.html",
        {
            "campaign": campaign,
            "m": municipality,
            "response": response,
            "answers": answers,
            "late": rules.late(campaign.deadline, _today(), campaign.allow_late),
        },
    )


@login_required
@require_POST
def response_reopen(request: HttpRequest, pk: int, municipality_pk: int) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk, write=True)
    municipality = access.get_member(campaign, municipality_pk)
    response = Response.objects.filter(campaign=campaign, municipality=municipality).first()
    if response is None:
        raise Http404
    form = ReopenForm(request.POST)
    try:
        services.reopen_response(response, reason=request.POST.get("reason", ""), actor=_user(request))
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Der Antwortbogen ist wieder geöffnet."))
    del form
    return redirect("surveys:response_detail", campaign.pk, municipality.pk)


# --- the office: response tracking and reminders ---------------------------------------------------


def _tracking_rows(campaign: Campaign) -> list[dict[str, Any]]:
    responses = {r.municipality_id: r for r in campaign.responses.all()}
    reminders: dict[int, list[Reminder]] = {}
    for reminder in campaign.reminders.all():
        reminders.setdefault(reminder.municipality_id, []).append(reminder)
    rows = []
    for member in (
        RegionMember.objects.filter(region=campaign.region)
        .select_related("municipality")
        .order_by("position")
    ):
        response = responses.get(member.municipality_id)
        rows.append(
            {
                "member": member,
                "response": response,
                "status": response.get_status_display() if response else _("nicht begonnen"),
                "reminders": reminders.get(member.municipality_id, []),
            }
        )
    return rows


@login_required
def tracking(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk, write=True)
    rows = _tracking_rows(campaign)
    fmt = requested_format(request)
    if fmt:
        table = Table(
            title=_("Rücklauf: %(title)s") % {"title": campaign.title},
            subtitle=_("%(region)s – Frist %(date)s")
            % {"region": campaign.region.name, "date": campaign.deadline.strftime("%d.%m.%Y")},
            columns=[
                _("Kürzel"),
                _("Kommune"),
                "AGS",
                _("Stand"),
                _("begonnen am"),
                _("abgegeben am"),
                _("Erinnerungen"),
            ],
            rows=[
                [
                    r["member"].short_label,
                    r["member"].municipality.name,
                    r["member"].municipality.key,
                    str(r["status"]),
                    r["response"].started_at.date() if r["response"] else None,
                    r["response"].submitted_at.date()
                    if r["response"] and r["response"].submitted_at
                    else None,
                    len(r["reminders"]),
                ]
                for r in rows
            ],
        )
        return download(table, fmt, f"ruecklauf-{campaign.pk}")
    counts = {
        "submitted": sum(
            1 for r in rows if r["response"] and r["response"].status == ResponseStatus.SUBMITTED
        ),
        "draft": sum(1 for r in rows if r["response"] and r["response"].status == ResponseStatus.DRAFT),
        "none": sum(1 for r in rows if r["response"] is None),
    }
    return render(request, "surveys/tracking.html", {"campaign": campaign, "rows": rows, "counts": counts})


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk, write=True)
    ids = [int(x) for x in request.POST.getlist("kommune") if x.isdigit()]
    members = [
        m.municipality
        for m in RegionMember.objects.filter(region=campaign.region, municipality_id__in=ids).select_related(
            "municipality"
        )
    ]
    if not members:
        messages.error(request, _("Bitte mindestens eine Kommune auswählen."))
    else:
        sent = services.send_reminders(campaign, members, actor=_user(request))
        messages.success(request, _("Erinnerungen verschickt: %(n)s") % {"n": len(sent)})
    return redirect("surveys:tracking", campaign.pk)


@login_required
def variant_edit(request: HttpRequest, pk: int, variant_pk: int | None = None) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk, write=True)
    variant = get_object_or_404(Variant, pk=variant_pk, campaign=campaign) if variant_pk else None
    initial = (
        {"name": variant.name, "level": variant.level, "fields": variant.fields.all()} if variant else {}
    )
    form = VariantForm(request.POST or None, initial=initial, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = submit(
            request,
            form,
            lambda: services.save_variant(
                campaign,
                data["name"],
                data["level"],
                list(data["coop_fields"]),
                actor=_user(request),
                variant=variant,
            ),
            success=_("Die Fragebogen-Variante wurde gespeichert."),
        )
        if result.saved is not None:
            return redirect(campaign)
    return render(
        request, "surveys/variant_form.html", {"form": form, "campaign": campaign, "variant": variant}
    )
