"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.audit.views import history_page
from ikz.forms import current_version_of, submit
from ikz.interests import access, rules, services
from ikz.interests.forms import CallForm, CallStatusForm, DeclarationForm, TopicForm
from ikz.interests.models import Declaration, DeclarationStatus, InterestCall, Proposal, Topic
from ikz.lib.exports import FORMATS, Table, download, requested_format
from ikz.municipalities.access import get_region_for
from ikz.municipalities.models import RegionMember

CHART_WIDTH = 400  # units of the bar area in the SVG chart


def _user(request: HttpRequest) -> Any:
    return request.user


# --- calls ---------------------------------------------------------------------------------------


@login_required
def call_list(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    calls = access.calls_for(request.user).filter(region=region).order_by("-deadline", "title")
    return render(
        request,
        "interests/call_list.html",
        {
            "region": region,
            "calls": calls,
            "can_create": roles_of(request.user).is_office_of(region.pk),
        },
    )


@login_required
def call_create(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_region_for(request.user, slug)
    if not roles_of(request.user).is_office_of(region.pk):
        raise PermissionDenied
    return _call_form(request, region=region, call=None)


@login_required
def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, write=True)
    return _call_form(request, region=call.region, call=call)


def _call_form(request: HttpRequest, *, region: Any, call: InterestCall | None) -> HttpResponse:
    form = CallForm(request.POST or None, instance=call, initial={"version": call.version} if call else {})
    context: dict[str, Any] = {"form": form, "call": call, "region": region}
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in CallForm.Meta.fields}

        def save() -> InterestCall:
            if call is None:
                return services.create_call(region, values, actor=_user(request))
            return services.update_call(
                call, values, expected_version=form.cleaned_data["version"] or 0, actor=_user(request)
            )

        result = submit(
            request,
            form,
            save,
            success=_("Der Aufruf wurde gespeichert."),
            fresh=current_version_of(CallForm),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "interests/call_form.html", context, status=status)


@login_required
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk)
    roles = roles_of(request.user)
    sees_all = roles.sees_region_fully(call.region_id)
    is_office = roles.is_office_of(call.region_id)
    declarations = {d.municipality_id: d for d in Declaration.objects.filter(call=call)}
    responses = []
    if sees_all:
        for member in RegionMember.objects.filter(region=call.region).select_related("municipality"):
            declaration = declarations.get(member.municipality_id)
            if (
                declaration is not None
                and not is_office
                and declaration.status != DeclarationStatus.SUBMITTED
            ):
                declaration = None  # the steering group sees submitted declarations only
            responses.append((member, declaration))
    own = [(m, declarations.get(m.pk)) for m in access.answerable_municipalities(request.user, call)]
    return render(
        request,
        "interests/call_detail.html",
        {
            "call": call,
            "topics": call.topics.select_related("task_area", "field").order_by("position", "id"),
            "responses": responses,
            "own": own,
            "refusal": rules.answer_refusal(call.status, call.deadline, call.allow_late, _today()),
            "proposals": call.proposals.select_related("topic", "created_by"),
            "is_office": is_office,
            "sees_results": sees_all,
            "submitted_count": sum(
                1 for d in declarations.values() if d.status == DeclarationStatus.SUBMITTED
            ),
        },
    )


def _today() -> dt.date:
    return timezone.localdate()


@login_required
def call_status(request: HttpRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, write=True)
    form = CallStatusForm(request.POST or None, call=call, initial={"version": call.version})
    context: dict[str, Any] = {"form": form, "call": call}
    status = 200
    if request.method == "POST" and form.is_valid():
        result = submit(
            request,
            form,
            lambda: services.change_call_status(
                call,
                form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
                actor=_user(request),
            ),
            success=_("Der Stand des Aufrufs wurde geändert."),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "interests/call_status.html", context, status=status)


@login_required
def call_history(request: HttpRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, results=True)
    return history_page(request, call, back_url=call.get_absolute_url(), title=call.title)


@login_required
def topic_edit(request: HttpRequest, pk: int, topic_pk: int | None = None) -> HttpResponse:
    call = access.get_call_for(request.user, pk, write=True)
    topic = access.get_topic_for(request.user, call, topic_pk) if topic_pk else None
    initial: dict[str, Any] = {"version": topic.version} if topic else {"position": call.topics.count() + 1}
    form = TopicForm(request.POST or None, instance=topic, initial=initial)
    context: dict[str, Any] = {"form": form, "call": call, "topic": topic}
    status = 200
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in TopicForm.Meta.fields}

        def save() -> Topic:
            if topic is None:
                return services.create_topic(call, values, actor=_user(request))
            return services.update_topic(
                topic, values, expected_version=form.cleaned_data["version"] or 0, actor=_user(request)
            )

        result = submit(
            request,
            form,
            save,
            success=_("Das Thema wurde gespeichert."),
            fresh=current_version_of(TopicForm),
        )
        if result.saved is not None:
            return redirect(call)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "interests/topic_form.html", context, status=status)


# --- declarations --------------------------------------------------------------------------------


def _topics(call: InterestCall) -> list[Topic]:
    return list(call.topics.select_related("task_area").order_by("position", "id"))


@login_required
def declaration_detail(request: HttpRequest, pk: int, municipality_pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk)
    municipality, declaration = access.get_declaration_for(request.user, call, municipality_pk)
    answers = {a.topic_id: a for a in declaration.answers.all()} if declaration else {}
    return render(
        request,
        "interests/declaration_detail.html",
        {
            "call": call,
            "municipality": municipality,
            "declaration": declaration,
            "rows": [(t, answers.get(t.pk)) for t in _topics(call)],
            "can_edit": access.can_answer_for(request.user, call, municipality.pk),
        },
    )


@login_required
def declaration_edit(request: HttpRequest, pk: int, municipality_pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk)
    municipality, declaration = access.get_declaration_for(request.user, call, municipality_pk, write=True)
    topics = _topics(call)
    form = DeclarationForm(request.POST or None, topics=topics, declaration=declaration)
    refusal = rules.answer_refusal(call.status, call.deadline, call.allow_late, _today())
    context: dict[str, Any] = {
        "form": form,
        "call": call,
        "municipality": municipality,
        "declaration": declaration,
        "refusal": refusal,
    }
    status = 200
    if request.method == "POST" and form.is_valid():
        sending = request.POST.get("action") == "submit"
        result = submit(
            request,
            form,
            lambda: services.save_declaration(
                call,
                municipality,
                form.answers(),
                note=form.cleaned_data["note"],
                submit=sending,
                expected_version=form.cleaned_data["version"],
                actor=_user(request),
            ),
            success=_("Ihre Interessenbekundung wurde abgesendet.")
            if sending
            else _("Ihre Angaben wurden gespeichert."),
            fresh=lambda current: DeclarationForm(topics=topics, declaration=current),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "interests/declaration_form.html", context, status=status)


# --- results -------------------------------------------------------------------------------------


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, results=True)
    fmt = requested_format(request)
    ranked = rules.rank_topics(services.topic_counts(call))
    if fmt:
        return download(_ranking_table(call, ranked), fmt, filename=f"{call.title}-rangfolge")
    proposals = {p.topic_id: p for p in call.proposals.all()}
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
            "is_office": access.can_manage_call(request.user, call),
            "formats": list(FORMATS),
        },
    )


def _ranking_table(call: InterestCall, ranked: list[rules.RankedTopic]) -> Table:
    return Table(
        title=_("Rangfolge: %s") % call.title,
        subtitle=call.region.name,
        columns=[_("Rang"), _("Thema"), _("Interessierte Kommunen"), _("davon Arbeitsgruppe IKZ")],
        rows=[[r.rank, r.topic.label, r.topic.interested, r.topic.joining] for r in ranked],
        notes=[
            _(
                "Gezählt werden abgesendete Interessenbekundungen. Gleiche Anzahl: gleicher Rang, "
                "Reihenfolge wie im Aufruf."
            )
        ],
    )


@login_required
def topic_result(request: HttpRequest, pk: int, topic_pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, results=True)
    topic = access.get_topic_for(request.user, call, topic_pk)
    rows = services.interested_municipalities(topic)
    fmt = requested_format(request)
    if fmt:
        table = Table(
            title=topic.label,
            subtitle=call.title,
            columns=[_("Kürzel"), _("Kommune"), _("AGS"), _("Arbeitsgruppe IKZ")],
            rows=[[label, m.name, m.key, _("ja") if joins else _("nein")] for label, m, joins in rows],
            notes=[
                _("Kommunen mit abgesendeter Interessenbekundung, die bei diesem Thema kooperieren möchten.")
            ],
        )
        return download(table, fmt, filename=f"{call.title}-{topic.label}")
    proposal = Proposal.objects.filter(topic=topic).first()
    return render(
        request,
        "interests/topic_result.html",
        {
            "call": call,
            "topic": topic,
            "rows": rows,
            "joining": sum(1 for r in rows if r[2]),
            "proposal": proposal,
            "is_office": access.can_manage_call(request.user, call),
            "formats": list(FORMATS),
        },
    )


@login_required
def proposal_create(request: HttpRequest, pk: int, topic_pk: int) -> HttpResponse:
    call = access.get_call_for(request.user, pk, write=True)
    topic = access.get_topic_for(request.user, call, topic_pk)
    existing = Proposal.objects.filter(topic=topic).first()
    errors: list[str] = []
    if request.method == "POST":
        try:
            proposal, created = services.propose_project(topic, actor=_user(request))
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            if created:
                messages.success(request, _("Der Projektvorschlag „%s“ wurde angelegt.") % proposal.title)
            else:
                messages.info(
                    request, _("Für dieses Thema gibt es bereits den Projektvorschlag „%s“.") % proposal.title
                )
            return redirect(f"{call.get_absolute_url()}#vorschlaege")
    return render(
        request,
        "interests/proposal_form.html",
        {"call": call, "topic": topic, "existing": existing, "errors": errors},
    )
