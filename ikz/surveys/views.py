"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.forms import current_version_of
from ikz.lib.exports import download, requested_format
from ikz.municipalities.access import get_region_for
from ikz.municipalities.models import Municipality
from ikz.surveys import access, exports, queries, reminders, rules, services
from ikz.surveys.forms import (
    AnswerFormSet,
    CampaignForm,
    DraftVersionForm,
    ReopenForm,
    SubmissionCorrectionForm,
    SubmitForm,
    VariantForm,
)
from ikz.surveys.models import Campaign, Response, ResponseStatus, Variant
from ikz.web import STALE_FORM, AppRequest, Cleaned, edit_page, pick, post_action, post_button, stand_of


@login_required
def campaign_list(request: AppRequest, slug: str) -> HttpResponse:
    """The region's campaigns; ``?offen=1``: those the person's municipality still has to answer."""
    region = get_region_for(request.user, slug)
    campaigns: Any = access.campaigns_for(request.user).filter(region=region)
    only_open = request.GET.get("offen") == "1"
    if only_open:
        campaigns = [
            c for c, _missing in queries.awaiting_answer(campaigns, access.answering_ids(request.user))
        ]
    return render(
        request,
        "surveys/campaign_list.html",
        {
            "region": region,
            "campaigns": campaigns,
            "only_open": only_open,
            "can_create": access.can_create_campaign(request.user, region),
        },
    )


@login_required
def campaign_create(request: AppRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug, write=True)
    return _campaign_form(request, region, None)


@login_required
def campaign_edit(request: AppRequest, pk: int) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk, write=True)
    return _campaign_form(request, campaign.region, campaign)


def _campaign_form(request: AppRequest, region: Any, campaign: Campaign | None) -> HttpResponse:
    initial: dict[str, Any] = (
        {"version": campaign.version, "task_areas": campaign.task_areas.all()} if campaign else {}
    )
    form = CampaignForm(request.POST or None, instance=campaign, initial=initial)

    def save(data: Cleaned) -> Campaign:
        values = pick(data, CampaignForm.Meta.fields)
        areas = list(data["task_areas"])
        if campaign is None:
            return services.create_campaign(region, values, areas, actor=request.user)
        return services.update_campaign(
            campaign, values, areas, expected_version=data["version"] or 0, actor=request.user
        )

    return edit_page(
        request,
        form,
        save,
        template="surveys/campaign_form.html",
        success=_("Die Bestandsaufnahme wurde gespeichert."),
        context={"region": region, "campaign": campaign},
        fresh=current_version_of(CampaignForm),
    )


@login_required
def campaign_detail(request: AppRequest, pk: int) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk)
    own = access.answerable_municipalities(request.user, campaign)
    responses = queries.responses_of(campaign, own)
    return render(
        request,
        "surveys/campaign_detail.html",
        {
            "campaign": campaign,
            "own": [(m, responses.get(m.pk)) for m in own],
            "can_manage": access.can_manage_campaign(request.user, campaign),
            "areas": campaign.task_areas.order_by("position"),
            "variants": campaign.variants.prefetch_related("fields"),
            "submitted": (
                queries.submitted_responses(campaign)
                if access.can_see_submitted(request.user, campaign)
                else []
            ),
        },
    )


# --- the questionnaire of one municipality ---------------------------------------------------------


def _response_for(
    request: AppRequest, pk: int, municipality_pk: int
) -> tuple[Campaign, Municipality, Response | None]:
    campaign = access.get_campaign_for(request.user, pk)
    municipality = access.get_member(campaign, municipality_pk)
    response = queries.response_of(campaign, municipality)
    if not access.can_read_response(request.user, campaign, municipality, response):
        raise Http404
    return campaign, municipality, response


@login_required
def response_detail(request: AppRequest, pk: int, municipality_pk: int) -> HttpResponse:
    campaign, municipality, response = _response_for(request, pk, municipality_pk)
    answers = queries.answers_in_detail(response) if response else []
    return render(
        request,
        "surveys/response_detail.html",
        {
            "campaign": campaign,
            "m": municipality,
            "response": response,
            "answers": answers,
            "can_answer": access.can_answer(request.user, campaign, municipality),
            "can_manage": access.can_manage_campaign(request.user, campaign),
            "reopen_form": ReopenForm(),
            "correction_form": SubmissionCorrectionForm(
                initial={"version": response.version if response else None}
            ),
        },
    )


@login_required
def response_edit(request: AppRequest, pk: int, municipality_pk: int) -> HttpResponse:
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
    choices = queries.answer_choices(campaign, municipality)
    rows = queries.answer_rows(campaign, municipality, response)
    formset = AnswerFormSet(request.POST or None, initial=rows, prefix="a", choices=choices)  # type: ignore[call-arg]
    version_form = DraftVersionForm(request.POST or None)
    # a tampered hidden version: refused with a message and status 400, never a 500
    tampered = request.method == "POST" and not version_form.is_valid()
    if tampered:
        messages.error(request, STALE_FORM)
    answers: list[rules.AnswerInput] = []
    current: list[Response] = []

    def save(data: Cleaned) -> Response:
        kept = [
            f
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("remove") and not f.is_blank()
        ]
        answers.extend(_answer_input(f.cleaned_data) for f in kept)
        try:
            return services.save_draft(
                campaign, municipality, answers, expected_version=data["version"], actor=request.user
            )
        except services.AnswerErrors as exc:
            for index, errors in exc.per_answer.items():
                for name, text in errors.items():
                    kept[index].add_error(name, text)
            raise ValidationError([]) from exc
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
            raise ValidationError([]) from exc

    def fresh(now: Response) -> DraftVersionForm:
        current.append(now)
        return version_form

    def fresh_context() -> dict[str, Any]:
        return _stale_page(campaign, municipality, choices, answers, current[0])

    def done(_saved: Response) -> str:
        name = "surveys:response_submit" if "abgeben" in request.POST else "surveys:response_edit"
        return reverse(name, args=[campaign.pk, municipality.pk])

    return edit_page(
        request,
        version_form,
        save,
        template="surveys/response_form.html",
        success=_("Ihre Antworten wurden als Entwurf gespeichert."),
        context={
            "campaign": campaign,
            "m": municipality,
            "response": response,
            "formset": formset,
            "version": response.version if response else None,
            "late": rules.late(campaign.deadline, _today(), campaign.allow_late),
        },
        done=done,
        fresh=fresh,
        fresh_context=fresh_context,
        valid=not tampered and formset.is_valid(),
        invalid_status=400 if tampered else 200,
    )


def _stale_page(
    campaign: Campaign,
    municipality: Municipality,
    choices: dict[str, Any],
    answers: list[rules.AnswerInput],
    now: Response,
) -> dict[str, Any]:
    """A questionnaire saved by somebody else in between: both sets of answers side by side, the
    form filled with what is saved now."""
    mine = rules.summary(
        [(str(dict(choices["field_choices"]).get(a.field_id, "")), a.title, a.kind) for a in answers]
    )
    return {
        "conflict": [(_("Antworten"), mine, services.answers_text(now))],
        "formset": AnswerFormSet(  # type: ignore[call-arg]
            initial=queries.answer_rows(campaign, municipality, now), prefix="a", choices=choices
        ),
        "version": now.version,
    }


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
def response_submit(request: AppRequest, pk: int, municipality_pk: int) -> HttpResponse:
    campaign, municipality, response = _response_for(request, pk, municipality_pk)
    if not access.can_answer(request.user, campaign, municipality):
        raise Http404
    if request.method == "POST" and response is None:
        messages.error(request, _("Bitte speichern Sie zuerst Ihre Antworten."))
        return redirect("surveys:response_edit", campaign.pk, municipality.pk)
    on_behalf = access.can_manage_campaign(request.user, campaign)

    def save(data: Cleaned) -> Response:
        assert response is not None
        return services.submit_response(
            response, actor=request.user, submitted_on=data["submitted_on"], on_behalf=on_behalf
        )

    return edit_page(
        request,
        SubmitForm(request.POST if request.method == "POST" else None, initial={"submitted_on": _today()}),
        save,
        template="surveys/response_submit.html",
        success=_(
            "Vielen Dank – der Antwortbogen ist abgegeben. Die Angaben sind in den Bestand übernommen."
        ),
        context={
            "campaign": campaign,
            "m": municipality,
            "response": response,
            "answers": queries.answers_with_fields(response) if response else [],
            "late": rules.late(campaign.deadline, _today(), campaign.allow_late),
        },
        done=lambda _saved: reverse("surveys:response_detail", args=[campaign.pk, municipality.pk]),
    )


@login_required
@require_POST
def response_correct(request: AppRequest, pk: int, municipality_pk: int) -> HttpResponse:
    """The office corrects the day a sheet was submitted, with a reason (audited)."""
    campaign = access.get_campaign_for(request.user, pk, write=True)
    municipality = access.get_member(campaign, municipality_pk)
    response = queries.response_of(campaign, municipality)
    if response is None:
        raise Http404
    form = SubmissionCorrectionForm(request.POST)
    return post_action(
        request,
        lambda version: services.correct_submission_date(
            response,
            submitted_on=form.cleaned_data["submitted_on"],
            reason=form.cleaned_data["reason"],
            expected_version=version,
            actor=request.user,
        ),
        form=form,
        success=_("Das Abgabedatum wurde berichtigt."),
        back=reverse("surveys:response_detail", args=[campaign.pk, municipality.pk]),
    )


@login_required
@require_POST
def response_reopen(request: AppRequest, pk: int, municipality_pk: int) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk, write=True)
    municipality = access.get_member(campaign, municipality_pk)
    response = queries.response_of(campaign, municipality)
    if response is None:
        raise Http404
    return post_button(
        request,
        lambda: services.reopen_response(response, reason=request.POST.get("reason", ""), actor=request.user),
        success=_("Der Antwortbogen ist wieder geöffnet."),
        back=reverse("surveys:response_detail", args=[campaign.pk, municipality.pk]),
    )


# --- the office: response tracking and reminders ---------------------------------------------------


@login_required
def tracking(request: AppRequest, pk: int) -> HttpResponse:
    """The Rücklauf as of a day (``?stand=``): who had submitted by then."""
    campaign = access.get_campaign_for(request.user, pk, write=True)
    choice = stand_of(request)
    rows = queries.tracking_rows(campaign, choice.stand.day)
    only_open = request.GET.get("offen") == "1"  # the start page's "answers missing"
    if only_open:
        rows = queries.open_rows(rows)
    fmt = requested_format(request)
    if fmt:
        table = exports.tracking_table(campaign, rows, choice.stand)
        return download(table, fmt, f"ruecklauf-{campaign.pk}{choice.stand.suffix}")
    return render(
        request,
        "surveys/tracking.html",
        {
            "campaign": campaign,
            "rows": rows,
            "counts": queries.tracking_counts(rows),
            "stand": choice,
            "only_open": only_open,
            # today's addresses (the page as of a past day shows none; the same queries either way)
            "unreachable": reminders.unreachable(campaign),
        },
    )


@login_required
@require_POST
def remind(request: AppRequest, pk: int) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk, write=True)
    ids = [int(x) for x in request.POST.getlist("kommune") if x.isdigit()]
    members = queries.members_among(campaign, ids)
    if not members:
        messages.error(request, _("Bitte mindestens eine Kommune auswählen."))
    else:
        job, new = reminders.queue_reminders(campaign, members, actor=request.user)
        if new:
            messages.success(request, _("Die Erinnerungen werden versendet."))
        else:
            messages.info(request, _("Diese Erinnerungen wurden heute bereits beauftragt."))
        return redirect("jobs:job_detail", job.pk)
    return redirect("surveys:tracking", campaign.pk)


@login_required
def variant_edit(request: AppRequest, pk: int, variant_pk: int | None = None) -> HttpResponse:
    campaign = access.get_campaign_for(request.user, pk, write=True)
    variant = queries.variant_of(campaign, variant_pk) if variant_pk else None
    initial = (
        {"name": variant.name, "level": variant.level, "fields": variant.fields.all()} if variant else {}
    )

    def save(data: Cleaned) -> Variant:
        return services.save_variant(
            campaign,
            data["name"],
            data["level"],
            list(data["coop_fields"]),
            actor=request.user,
            variant=variant,
        )

    return edit_page(
        request,
        VariantForm(request.POST or None, initial=initial, campaign=campaign),
        save,
        template="surveys/variant_form.html",
        success=_("Die Fragebogen-Variante wurde gespeichert."),
        context={"campaign": campaign, "variant": variant},
        done=lambda _saved: campaign,
    )
