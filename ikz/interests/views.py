"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.audit.views import history_page
from ikz.forms import current_version_of
from ikz.interests import access, exports, queries, rules, services
from ikz.interests.forms import CallForm, CallStatusForm, DateCorrectionForm, DeclarationForm, TopicForm
from ikz.lib.exports import FORMATS, download, requested_format
from ikz.municipalities.access import get_region_for
from ikz.web import AppRequest, edit_page, pick, post_action, stand_of

CHART_WIDTH = 400  # units of the bar area in the SVG chart


# --- calls ---------------------------------------------------------------------------------------


@login_required
def call_list(request: AppRequest, slug: str) -> HttpResponse:
    """The region's calls; ``?offen=1``: those the person's municipality still has to answer."""
    region = get_region_for(request.user, slug)
    calls: Any = access.calls_for(request.user).filter(region=region).order_by("-deadline", "title")
    only_open = request.GET.get("offen") == "1"
    if only_open:
        calls = [c for c, _missing in queries.awaiting_declaration(calls, access.answering_ids(request.user))]
    return render(
        request,
        "interests/call_list.html",
        {
            "region": region,
            "calls": calls,
            "only_open": only_open,
            "can_create": access.can_create_call(request.user, region),
        },
    )


@login_required
def call_create(request: AppRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    if not access.can_create_call(request.user, region):
        raise PermissionDenied(_("Aufrufe legt die Geschäftsstelle der Region „%s“ an.") % region)
    return edit_page(
        request,
        CallForm(request.POST or None),
        lambda data: services.create_call(region, pick(data, CallForm.Meta.fields), actor=request.user),
        template="interests/call_form.html",
        success=_("Der Aufruf wurde gespeichert."),
        context={"call": None, "region": region},
        fresh=current_version_of(CallForm),
    )


@login_required
def call_edit(request: AppRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, write=True)
    return edit_page(
        request,
        CallForm(request.POST or None, instance=call, initial={"version": call.version}),
        lambda data: services.update_call(
            call, pick(data, CallForm.Meta.fields), expected_version=data["version"] or 0, actor=request.user
        ),
        template="interests/call_form.html",
        success=_("Der Aufruf wurde gespeichert."),
        context={"call": call, "region": call.region},
        fresh=current_version_of(CallForm),
    )


@login_required
def call_detail(request: AppRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk)
    only_open = request.GET.get("offen") == "1"  # the start page's "declarations missing"
    answers = queries.call_responses(request.user, call, open_only=only_open)
    return render(
        request,
        "interests/call_detail.html",
        {
            "call": call,
            "topics": queries.call_topics(call),
            "responses": answers.responses,
            "own": answers.own,
            "refusal": rules.answer_refusal(call.status, call.deadline, call.allow_late, _today()),
            "proposals": queries.proposals(call),
            "can_manage": access.can_manage_call(request.user, call),
            "can_see_results": access.can_see_results(request.user, call),
            "submitted_count": answers.submitted_count,
            "only_open": only_open,
        },
    )


def _today() -> dt.date:
    return timezone.localdate()


@login_required
def call_status(request: AppRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, write=True)
    return edit_page(
        request,
        CallStatusForm(request.POST or None, call=call, initial={"version": call.version}),
        lambda data: services.change_call_status(
            call, data["status"], expected_version=data["version"], actor=request.user
        ),
        template="interests/call_status.html",
        success=_("Der Stand des Aufrufs wurde geändert."),
        context={"call": call},
    )


@login_required
def call_history(request: AppRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, results=True)
    return history_page(request, call, back_url=call.get_absolute_url(), title=call.title)


@login_required
def topic_edit(request: AppRequest, pk: int, topic_pk: int | None = None) -> HttpResponse:
    call = access.get_call_for(request.user, pk, write=True)
    topic = access.get_topic_for(request.user, call, topic_pk) if topic_pk else None
    initial: dict[str, Any] = (
        {"version": topic.version} if topic else {"position": queries.next_topic_position(call)}
    )

    def save(data: dict[str, Any]) -> Any:
        values = pick(data, TopicForm.Meta.fields)
        if topic is None:
            return services.create_topic(call, values, actor=request.user)
        return services.update_topic(topic, values, expected_version=data["version"] or 0, actor=request.user)

    return edit_page(
        request,
        TopicForm(request.POST or None, instance=topic, initial=initial),
        save,
        template="interests/topic_form.html",
        success=_("Das Thema wurde gespeichert."),
        context={"call": call, "topic": topic},
        done=lambda _saved: call,
        fresh=current_version_of(TopicForm),
    )


# --- declarations --------------------------------------------------------------------------------


@login_required
def declaration_detail(request: AppRequest, pk: int, municipality_pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk)
    municipality, declaration = access.get_declaration_for(request.user, call, municipality_pk)
    answers = queries.answers_by_topic(declaration)
    return render(
        request,
        "interests/declaration_detail.html",
        {
            "call": call,
            "municipality": municipality,
            "declaration": declaration,
            "rows": [(t, answers.get(t.pk)) for t in queries.topics(call)],
            "can_edit": access.can_answer_for(request.user, call, municipality.pk),
            "can_correct": declaration is not None
            and declaration.status == "submitted"
            and access.can_manage_call(request.user, call),
            "correction_form": DateCorrectionForm(
                initial={"version": declaration.version if declaration else None}
            ),
        },
    )


@login_required
@require_POST
def declaration_correct(request: AppRequest, pk: int, municipality_pk: int) -> HttpResponse:
    """The office corrects the day a declaration was sent, with a reason (audited)."""
    call = access.get_call_for(request.user, pk, write=True)
    _municipality, declaration = access.get_declaration_for(request.user, call, municipality_pk, write=True)
    if declaration is None:
        raise Http404
    form = DateCorrectionForm(request.POST)
    return post_action(
        request,
        lambda version: services.correct_submission_date(
            declaration,
            submitted_on=form.cleaned_data["submitted_on"],
            reason=form.cleaned_data["reason"],
            expected_version=version,
            actor=request.user,
        ),
        form=form,
        success=_("Das Absendedatum wurde berichtigt."),
        back=declaration.get_absolute_url(),
    )


@login_required
def declaration_edit(request: AppRequest, pk: int, municipality_pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk)
    municipality, declaration = access.get_declaration_for(request.user, call, municipality_pk, write=True)
    topics = queries.topics(call)
    form = DeclarationForm(request.POST or None, topics=topics, declaration=declaration)
    sending = request.POST.get("action") == "submit"
    return edit_page(
        request,
        form,
        lambda data: services.save_declaration(
            call,
            municipality,
            form.answers(),
            note=data["note"],
            submit=sending,
            expected_version=data["version"],
            actor=request.user,
            submitted_on=data.get("submitted_on"),
            on_behalf=access.can_manage_call(request.user, call),
        ),
        template="interests/declaration_form.html",
        success=_("Ihre Interessenbekundung wurde abgesendet.")
        if sending
        else _("Ihre Angaben wurden gespeichert."),
        context={
            "call": call,
            "municipality": municipality,
            "declaration": declaration,
            "refusal": rules.answer_refusal(call.status, call.deadline, call.allow_late, _today()),
        },
        fresh=lambda current: DeclarationForm(topics=topics, declaration=current),
    )


# --- results -------------------------------------------------------------------------------------


@login_required
def ranking(request: AppRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, results=True)
    choice = stand_of(request)
    fmt = requested_format(request)
    ranked = rules.rank_topics(
        queries.topic_counts(call, None if choice.stand.is_today else choice.stand.day)
    )
    if fmt:
        return download(
            exports.ranking_table(call, ranked, choice.stand),
            fmt,
            filename=f"{call.title}-rangfolge{choice.stand.suffix}",
        )
    proposals = queries.proposals_by_topic(call)
    maximum = max((r.topic.interested for r in ranked), default=0)
    bars = [
        (r, rules.bar_width(r.topic.interested, maximum, CHART_WIDTH), 14 + i * 46)
        for i, r in enumerate(ranked)
    ]
    return render(
        request,
        "interests/ranking.html",
        {
            "call": call,
            "ranked": ranked,
            "bars": bars,
            "chart_height": 20 + len(ranked) * 46,
            "chart_width": CHART_WIDTH,
            "rows": [(r, proposals.get(r.topic.topic_id)) for r in ranked],
            "can_manage": access.can_manage_call(request.user, call),
            "formats": list(FORMATS),
            "stand": choice,
        },
    )


@login_required
def topic_result(request: AppRequest, pk: int, topic_pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, results=True)
    topic = access.get_topic_for(request.user, call, topic_pk)
    rows = queries.interested_municipalities(topic)
    fmt = requested_format(request)
    if fmt:
        return download(exports.topic_table(call, topic, rows), fmt, filename=f"{call.title}-{topic.label}")
    return render(
        request,
        "interests/topic_result.html",
        {
            "call": call,
            "topic": topic,
            "rows": rows,
            "joining": sum(1 for r in rows if r[2]),
            "proposal": queries.proposal_of(topic),
            "can_manage": access.can_manage_call(request.user, call),
            "formats": list(FORMATS),
        },
    )


@login_required
def proposal_create(request: AppRequest, pk: int, topic_pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, write=True)
    topic = access.get_topic_for(request.user, call, topic_pk)
    existing = queries.proposal_of(topic)
    errors: list[str] = []
    if request.method == "POST":
        try:
            proposal, created = services.propose_project(topic, actor=request.user)
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            project = queries.project_of(proposal)
            if created and project is not None:
                text = _(
                    "Der Projektvorschlag „%s“ steht in der Projektliste; die interessierten Kommunen "
                    "sind als Beteiligte eingetragen (zu bestätigen)."
                )
                messages.success(request, text % proposal.title)
            elif created:
                messages.success(request, _("Der Projektvorschlag „%s“ wurde angelegt.") % proposal.title)
            else:
                messages.info(
                    request, _("Für dieses Thema gibt es bereits den Projektvorschlag „%s“.") % proposal.title
                )
            return redirect(project if project is not None else f"{call.get_absolute_url()}#vorschlaege")
    return render(
        request,
        "interests/proposal_form.html",
        {"call": call, "topic": topic, "existing": existing, "errors": errors},
    )
