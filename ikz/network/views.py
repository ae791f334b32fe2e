"""Thin views of the reuse network."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.network import access, queries, services
from ikz.network.forms import ConfirmForm, InterestForm, NeedForm, SolutionForm
from ikz.network.models import Need, Solution
from ikz.web import AppRequest, Cleaned, edit_page, pick, post_action


@login_required
def overview(request: AppRequest) -> HttpResponse:
    solutions, needs = queries.overview(request.user)
    return render(
        request,
        "network/overview.html",
        {"solutions": solutions, "needs": needs, "can_publish": access.can_publish(request.user)},
    )


def _entry_page(
    request: AppRequest, form_class: Any, obj: Any, save: Any, heading: str, success: str
) -> HttpResponse:
    form = form_class(
        request.POST or None, instance=obj, initial={"version": obj.version} if obj else {}, user=request.user
    )
    return edit_page(
        request,
        form,
        save,
        template="network/entry_form.html",
        success=success,
        context={"object": obj, "heading": heading},
        fresh=lambda current: form_class(
            instance=current, initial={"version": current.version}, user=request.user
        ),
    )


@login_required
def solution_create(request: AppRequest) -> HttpResponse:
    if not access.can_publish(request.user):
        raise PermissionDenied(_("Einträge machen die Kontaktpersonen der Kommunen und die Geschäftsstelle."))

    def save(data: Cleaned) -> Solution:
        return services.publish_solution(
            pick(data, services.SOLUTION_FIELDS),
            data["users"],
            data["material"],
            actor=request.user,
            allowed_owners=access.allowed_owners(request.user),
        )

    return _entry_page(
        request, SolutionForm, None, save, _("Lösung veröffentlichen"), _("Die Lösung wurde veröffentlicht.")
    )


@login_required
def solution_edit(request: AppRequest, pk: int) -> HttpResponse:
    solution = access.get_solution_for(request.user, pk, write=True)

    def save(data: Cleaned) -> Solution:
        return services.update_solution(
            solution,
            pick(data, services.SOLUTION_FIELDS),
            data["users"],
            data["material"],
            expected_version=data["version"] or 0,
            actor=request.user,
            allowed_owners=access.allowed_owners(request.user),
        )

    return _entry_page(
        request, SolutionForm, solution, save, _("Lösung bearbeiten"), _("Die Lösung wurde gespeichert.")
    )


@login_required
def solution_detail(request: AppRequest, pk: int) -> HttpResponse:
    solution = access.get_solution_for(request.user, pk)
    return render(
        request,
        "network/solution_detail.html",
        {
            "solution": solution,
            "stale": queries.is_stale(solution),
            "users": solution.users.order_by("name"),
            "material": access.visible_material(request.user, solution),
            "interests": solution.interests.select_related("municipality"),
            "matches": queries.matches_of(solution),
            "can_edit": access.can_edit(request.user, solution),
            "can_declare": access.can_declare_interest(request.user),
            "confirm_form": ConfirmForm(initial={"version": solution.version}),
        },
    )


@login_required
def interest_create(request: AppRequest, pk: int) -> HttpResponse:
    solution = access.get_solution_for(request.user, pk)
    if not access.can_declare_interest(request.user):
        raise PermissionDenied(
            _("Interesse bekundet, wer für eine Kommune sprechen darf (ihre Kontaktperson).")
        )
    return edit_page(
        request,
        InterestForm(request.POST or None, user=request.user),
        lambda data: services.declare_interest(
            solution, data["municipality"], data["note"], actor=request.user
        ),
        template="network/interest_form.html",
        success=_("Ihr Interesse wurde bekundet; der Anbieter wird benachrichtigt."),
        context={"solution": solution},
        done=lambda _interest: solution,
    )


@login_required
def need_create(request: AppRequest) -> HttpResponse:
    if not access.can_publish(request.user):
        raise PermissionDenied(_("Einträge machen die Kontaktpersonen der Kommunen und die Geschäftsstelle."))

    def save(data: Cleaned) -> Need:
        return services.publish_need(
            pick(data, services.NEED_FIELDS),
            actor=request.user,
            allowed_owners=access.allowed_owners(request.user),
        )

    return _entry_page(
        request, NeedForm, None, save, _("Bedarf melden"), _("Der Bedarf wurde veröffentlicht.")
    )


@login_required
def need_edit(request: AppRequest, pk: int) -> HttpResponse:
    need = access.get_need_for(request.user, pk, write=True)

    def save(data: Cleaned) -> Need:
        return services.update_need(
            need,
            pick(data, services.NEED_FIELDS),
            expected_version=data["version"] or 0,
            actor=request.user,
            allowed_owners=access.allowed_owners(request.user),
        )

    return _entry_page(
        request, NeedForm, need, save, _("Bedarf bearbeiten"), _("Der Bedarf wurde gespeichert.")
    )


@login_required
def need_detail(request: AppRequest, pk: int) -> HttpResponse:
    need = access.get_need_for(request.user, pk)
    return render(
        request,
        "network/need_detail.html",
        {
            "need": need,
            "stale": queries.is_stale(need),
            "candidates": queries.candidate_solutions(need),
            "can_edit": access.can_edit(request.user, need),
            "confirm_form": ConfirmForm(initial={"version": need.version}),
        },
    )


@require_POST
@login_required
def solution_confirm(request: AppRequest, pk: int) -> HttpResponse:
    return _confirm(request, access.get_solution_for(request.user, pk, write=True))


@require_POST
@login_required
def need_confirm(request: AppRequest, pk: int) -> HttpResponse:
    return _confirm(request, access.get_need_for(request.user, pk, write=True))


def _confirm(request: AppRequest, entry: Solution | Need) -> HttpResponse:
    return post_action(
        request,
        lambda version: services.confirm(entry, expected_version=version, actor=request.user),
        success=_("Danke – der Eintrag ist als aktuell bestätigt."),
        back=entry,
        form=ConfirmForm(request.POST),
        unreadable=_("Die Bestätigung konnte nicht gelesen werden. Bitte erneut versuchen."),
    )
