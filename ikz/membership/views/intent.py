"""Letters of intent, the stage before step 1, and the growth goal of the cooperative."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ikz.membership import access, queries, services
from ikz.membership.forms import GrowthGoalForm, LetterOfIntentForm
from ikz.membership.models import LetterOfIntent
from ikz.web import AppRequest, edit_page, post_button


@require_safe
@login_required
def intent_list(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    today = timezone.localdate()
    return render(
        request,
        "membership/intent_list.html",
        {
            "cooperative": cooperative,
            "letters": queries.letters_of_intent(cooperative),
            "growth": queries.growth_of(cooperative, today),
        },
    )


@login_required
def intent_create(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    today = timezone.localdate()
    return edit_page(
        request,
        LetterOfIntentForm(
            request.POST or None,
            candidates=queries.onboarding_candidates(cooperative, today),
            initial={"signed_on": today},
        ),
        lambda data: services.record_letter(cooperative, data, actor=request.user),
        success=_("Die Absichtserklärung ist eingetragen."),
        template="membership/intent_form.html",
        context={"cooperative": cooperative},
        done=lambda _saved: reverse("membership:intent_list"),
    )


@login_required
@require_POST
def intent_start(request: AppRequest, pk: int) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    letter = get_object_or_404(LetterOfIntent, cooperative=cooperative, pk=pk)
    return post_button(
        request,
        lambda: services.start_from_letter(letter, actor=request.user),
        success=_("Der Beitritt ist begonnen (Schritt 1: Beitrittsabsicht)."),
        back=lambda onboarding: onboarding.get_absolute_url(),
        refused=reverse("membership:intent_list"),
    )


@login_required
@require_POST
def intent_withdraw(request: AppRequest, pk: int) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    letter = get_object_or_404(LetterOfIntent, cooperative=cooperative, pk=pk)
    return post_button(
        request,
        lambda: services.withdraw_letter(letter, actor=request.user),
        success=_("Die Absichtserklärung ist als zurückgezogen eingetragen."),
        back=reverse("membership:intent_list"),
    )


@login_required
def growth_edit(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    initial = {
        "version": cooperative.version,
        "growth_goal": cooperative.growth_goal,
        "growth_goal_by": cooperative.growth_goal_by,
    }
    return edit_page(
        request,
        GrowthGoalForm(request.POST or None, initial=initial),
        lambda data: services.set_growth_goal(
            cooperative, data, expected_version=data["version"], actor=request.user
        ),
        success=_("Das Wachstumsziel ist gespeichert."),
        template="membership/intent_form.html",
        context={"cooperative": cooperative, "title": _("Wachstumsziel")},
        done=lambda _saved: reverse("membership:intent_list"),
    )
