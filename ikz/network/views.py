"""Thin views of the reuse network."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.forms import submit
from ikz.network import access, rules, services
from ikz.network.forms import ConfirmForm, InterestForm, NeedForm, SolutionForm
from ikz.network.models import Match, Need, Solution


def _user(request: HttpRequest) -> Any:
    return request.user


def _stale(entry: Solution | Need) -> bool:
    return rules.is_stale(entry.last_confirmed, timezone.localdate(), settings.IKZ_NETWORK_CONFIRM_DAYS)


def _allowed(user: Any) -> list[int] | None:
    """Owners a person may publish for: ``None`` (any) for the office."""
    from ikz.accounts.access import roles_of

    return None if roles_of(user).is_office else sorted(access.own_municipality_ids(user))


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    solutions = list(
        access.solutions_for(request.user)
        .select_related("field", "owner")
        .annotate(n_users=Count("users", distinct=True), n_interests=Count("interests", distinct=True))
    )
    needs = list(
        access.needs_for(request.user).select_related("field", "owner").annotate(n_matches=Count("matches"))
    )
    entries: list[Any] = [*solutions, *needs]
    for entry in entries:
        entry.stale = _stale(entry)
    return render(
        request,
        "network/overview.html",
        {"solutions": solutions, "needs": needs, "can_publish": access.can_publish(request.user)},
    )


def _form_page(
    request: HttpRequest, form_class: Any, obj: Any, save: Any, heading: str, success: str
) -> HttpResponse:
    form = form_class(
        request.POST or None, instance=obj, initial={"version": obj.version} if obj else {}, user=request.user
    )
    context: dict[str, Any] = {"form": form, "object": obj, "heading": heading}
    status = 200
    if request.method == "POST" and form.is_valid():
        result = submit(
            request,
            form,
            lambda: save(form),
            success=success,
            fresh=lambda current: form_class(
                instance=current, initial={"version": current.version}, user=request.user
            ),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "network/entry_form.html", context, status=status)


def _values(form: Any, names: list[str]) -> dict[str, Any]:
    return {n: form.cleaned_data[n] for n in names}


@login_required
def solution_create(request: HttpRequest) -> HttpResponse:
    if not access.can_publish(request.user):
        raise PermissionDenied
    return _form_page(
        request,
        SolutionForm,
        None,
        lambda form: services.publish_solution(
            _values(form, services.SOLUTION_FIELDS),
            form.cleaned_data["users"],
            form.cleaned_data["material"],
            actor=_user(request),
            allowed_owners=_allowed(request.user),
        ),
        _("Lösung veröffentlichen"),
        _("Die Lösung wurde veröffentlicht."),
    )


@login_required
def solution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    solution = access.get_solution_for(request.user, pk, write=True)
    return _form_page(
        request,
        SolutionForm,
        solution,
        lambda form: services.update_solution(
            solution,
            _values(form, services.SOLUTION_FIELDS),
            form.cleaned_data["users"],
            form.cleaned_data["material"],
            expected_version=form.cleaned_data["version"] or 0,
            actor=_user(request),
            allowed_owners=_allowed(request.user),
        ),
        _("Lösung bearbeiten"),
        _("Die Lösung wurde gespeichert."),
    )


@login_required
def solution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    solution = access.get_solution_for(request.user, pk)
    return render(
        request,
        "network/solution_detail.html",
        {
            "solution": solution,
            "stale": _stale(solution),
            "users": solution.users.order_by("name"),
            "material": solution.material.filter(pk__in=_visible_documents(request.user)),
            "interests": solution.interests.select_related("municipality"),
            "matches": Match.objects.filter(solution=solution).select_related("need", "need__owner"),
            "can_edit": access.can_edit(request.user, solution),
            "can_declare": bool(access.owner_choices(request.user).exists()),
            "confirm_form": ConfirmForm(initial={"version": solution.version}),
        },
    )


def _visible_documents(user: Any) -> Any:
    from ikz.documents.access import documents_for

    return documents_for(user).values("pk")


@login_required
def interest_create(request: HttpRequest, pk: int) -> HttpResponse:
    solution = access.get_solution_for(request.user, pk)
    if not access.owner_choices(request.user).exists():
        raise PermissionDenied
    form = InterestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        result = submit(
            request,
            form,
            lambda: services.declare_interest(
                solution,
                form.cleaned_data["municipality"],
                form.cleaned_data["note"],
                actor=_user(request),
            ),
            success=_("Ihr Interesse wurde bekundet; der Anbieter wird benachrichtigt."),
        )
        if result.saved is not None:
            return redirect(solution)
        form = result.form
    return render(request, "network/interest_form.html", {"form": form, "solution": solution})


@login_required
def need_create(request: HttpRequest) -> HttpResponse:
    if not access.can_publish(request.user):
        raise PermissionDenied
    return _form_page(
        request,
        NeedForm,
        None,
        lambda form: services.publish_need(
            _values(form, services.NEED_FIELDS), actor=_user(request), allowed_owners=_allowed(request.user)
        ),
        _("Bedarf melden"),
        _("Der Bedarf wurde veröffentlicht."),
    )


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = access.get_need_for(request.user, pk, write=True)
    return _form_page(
        request,
        NeedForm,
        need,
        lambda form: services.update_need(
            need,
            _values(form, services.NEED_FIELDS),
            expected_version=form.cleaned_data["version"] or 0,
            actor=_user(request),
            allowed_owners=_allowed(request.user),
        ),
        _("Bedarf bearbeiten"),
        _("Der Bedarf wurde gespeichert."),
    )


@login_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = access.get_need_for(request.user, pk)
    candidates = services.candidates_for(need, include_stale=True)
    solutions = (
        Solution.objects.select_related("owner")
        .annotate(n_users=Count("users"))
        .in_bulk([c.solution_id for c in candidates])
    )
    return render(
        request,
        "network/need_detail.html",
        {
            "need": need,
            "stale": _stale(need),
            "candidates": [(solutions[c.solution_id], c) for c in candidates],
            "can_edit": access.can_edit(request.user, need),
            "confirm_form": ConfirmForm(initial={"version": need.version}),
        },
    )


@require_POST
@login_required
def solution_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(request, access.get_solution_for(request.user, pk, write=True))


@require_POST
@login_required
def need_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(request, access.get_need_for(request.user, pk, write=True))


def _confirm(request: HttpRequest, entry: Solution | Need) -> HttpResponse:
    from django.contrib import messages

    form = ConfirmForm(request.POST)
    if form.is_valid():
        result = submit(
            request,
            form,
            lambda: services.confirm(
                entry, expected_version=form.cleaned_data["version"], actor=_user(request)
            ),
            success=_("Danke – der Eintrag ist als aktuell bestätigt."),
        )
        if result.status == 409:
            return redirect(entry)
    else:
        messages.error(request, _("Die Bestätigung konnte nicht gelesen werden. Bitte erneut versuchen."))
    return redirect(entry)
