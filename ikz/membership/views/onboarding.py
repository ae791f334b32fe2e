"""The pipeline and the onboarding of a candidate: its steps, committee sessions, check-ins and
open questions, advancing, withdrawing and the execution of the membership."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from ikz.audit.views import history_page
from ikz.membership import access, queries, rules, services
from ikz.membership.forms import (
    ITEM_FORMS,
    AdvanceForm,
    CompleteForm,
    OnboardingCreateForm,
    StepCorrectionForm,
    step_form,
)
from ikz.membership.models import DocumentKind, Step
from ikz.web import AppRequest, edit_page, pick, post_action


@login_required
def pipeline(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    today = timezone.localdate()
    rows = queries.pipeline(cooperative, today)
    return render(
        request,
        "membership/pipeline.html",
        {
            "cooperative": cooperative,
            "rows": [(r, queries.deadline_summary(r.progress.deadline, today)) for r in rows],
            "steps": Step.choices,
            "growth": queries.growth_of(cooperative, today),
        },
    )


@login_required
def onboarding_create(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    return edit_page(
        request,
        OnboardingCreateForm(
            request.POST or None, candidates=queries.onboarding_candidates(cooperative, timezone.localdate())
        ),
        lambda data: services.start_onboarding(cooperative, data["municipality"], data, actor=request.user),
        success=_("Der Interessent wurde aufgenommen."),
        template="membership/onboarding_form.html",
        context={"cooperative": cooperative},
    )


@login_required
def onboarding_detail(request: AppRequest, pk: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk)
    progress = queries.progress_of(onboarding)
    today = timezone.localdate()
    can_manage = access.can_manage(request.user)
    return render(
        request,
        "membership/onboarding_detail.html",
        {
            "onboarding": onboarding,
            "progress": progress,
            "steps": queries.step_rows(onboarding, progress),
            "blockers": progress.blockers(onboarding.step, today) if onboarding.status == "active" else [],
            "deadline": progress.deadline,
            "deadline_text": progress.deadline_text(),
            "days_left": queries.deadline_summary(progress.deadline, today),
            "rule": progress.rule,
            "authority": queries.proposed_authority(onboarding.municipality) if can_manage else None,
            "sessions": onboarding.sessions.all(),
            "checkins": onboarding.checkins.all(),
            "questions": onboarding.questions.all(),
            "documents": onboarding.documents.defer("docx", "pdf"),
            "document_kinds": DocumentKind.choices,
            "member": queries.member_of(onboarding),
            "can_manage": can_manage,
            "advance_form": AdvanceForm(initial={"version": onboarding.version, "completed_on": today}),
            "status_label": rules.status_label(progress.rule.status) if progress.rule else "",
            "anchor_label": rules.anchor_label(progress.rule.anchor) if progress.rule else "",
        },
    )


@login_required
def onboarding_step_edit(request: AppRequest, pk: int, step: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    if step not in services.STEP_FIELDS:
        raise Http404
    form_class = step_form(step)
    context: dict[str, Any] = {"onboarding": onboarding, "step": step, "title": rules.step_title(step)}
    if step == 3:
        context["authority"] = queries.proposed_authority(onboarding.municipality)
    return edit_page(
        request,
        form_class(request.POST or None, instance=onboarding, initial={"version": onboarding.version}),
        lambda data: services.update_onboarding(
            onboarding,
            pick(data, services.STEP_FIELDS[step]),
            expected_version=data["version"],
            actor=request.user,
        ),
        success=_("Gespeichert."),
        template="membership/onboarding_step_form.html",
        context=context,
        fresh=lambda current: form_class(instance=current, initial={"version": current.version}),
    )


ITEM_TITLES = {
    "sitzung": _lazy("Gremiensitzung"),
    "check-in": _lazy("Check-in-Meeting"),
    "frage": _lazy("Offene Frage"),
}


@login_required
def onboarding_item_edit(request: AppRequest, pk: int, kind: str, item_pk: int | None = None) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    if kind not in ITEM_FORMS:
        raise Http404
    item = None
    if item_pk is not None:
        item = queries.item_of(onboarding, kind, item_pk)
        if item is None:
            raise Http404
    return edit_page(
        request,
        ITEM_FORMS[kind](request.POST or None, instance=item, initial={"version": onboarding.version}),
        lambda data: services.save_item(
            onboarding,
            kind,
            item,
            pick(data, services.ITEM_FIELDS[kind]),
            expected_version=data["version"],
            actor=request.user,
        ),
        success=_("Gespeichert."),
        template="membership/onboarding_item_form.html",
        context={"onboarding": onboarding, "title": ITEM_TITLES[kind], "item": item},
        done=lambda _saved: onboarding.get_absolute_url(),
    )


@login_required
@require_POST
def onboarding_advance(request: AppRequest, pk: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    form = AdvanceForm(request.POST)
    return post_action(
        request,
        lambda version: services.advance(
            onboarding,
            expected_version=version,
            actor=request.user,
            completed_on=form.cleaned_data["completed_on"],
        ),
        form=form,
        success=_("Weiter zum nächsten Schritt."),
        back=onboarding.get_absolute_url(),
    )


@login_required
def onboarding_step_correct(request: AppRequest, pk: int, step: int) -> HttpResponse:
    """The office corrects the day a completed step was completed, with a reason."""
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    if step not in rules.COMPLETED_FIELDS:
        raise Http404
    current = getattr(onboarding, rules.COMPLETED_FIELDS[step])
    return edit_page(
        request,
        StepCorrectionForm(
            request.POST or None, initial={"version": onboarding.version, "completed_on": current}
        ),
        lambda data: services.correct_step_date(
            onboarding,
            step,
            completed_on=data["completed_on"],
            reason=data["reason"],
            expected_version=data["version"],
            actor=request.user,
        ),
        template="membership/onboarding_step_correct.html",
        success=_("Das Datum wurde berichtigt."),
        context={"onboarding": onboarding, "step": step, "title": rules.step_title(step), "current": current},
        done=lambda saved: saved.get_absolute_url(),
    )


@login_required
@require_POST
def onboarding_withdraw(request: AppRequest, pk: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    return post_action(
        request,
        lambda version: services.withdraw_onboarding(
            onboarding, expected_version=version, actor=request.user
        ),
        success=_("Der Beitritt wurde zurückgezogen; er erscheint nicht mehr in der Übersicht."),
        back=onboarding.get_absolute_url(),
    )


@login_required
def onboarding_complete(request: AppRequest, pk: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    form = CompleteForm(
        request.POST or None,
        initial={
            "version": onboarding.version,
            "executed_on": timezone.localdate(),
            "number": queries.next_member_number(onboarding.cooperative),
        },
    )
    return edit_page(
        request,
        form,
        lambda data: services.complete_membership(
            onboarding,
            executed_on=data["executed_on"],
            number=data["number"],
            expected_version=data["version"],
            actor=request.user,
        ),
        success=_("Die Mitgliedschaft ist vollzogen und in der Mitgliederliste eingetragen."),
        template="membership/onboarding_complete.html",
        context={"onboarding": onboarding, "deadline_text": queries.progress_of(onboarding).deadline_text()},
    )


@login_required
def onboarding_history(request: AppRequest, pk: int) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    return history_page(request, onboarding, back_url=onboarding.get_absolute_url(), title=str(onboarding))
