"""The cooperative's team keeps its service catalogue and enters members that joined before the
platform (decisions 118 and 121): thin views over ``services.save_service``,
``set_service_orderable``, ``enter_existing_member`` and ``add_shares``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.audit.views import history_page
from ikz.membership import access, queries, services
from ikz.membership.forms import ExistingMemberForm, OrderableForm, ServiceForm, SharesForm
from ikz.membership.models import Member, Service
from ikz.web import AppRequest, edit_page, pick, post_action


def _catalogue() -> str:
    return reverse("membership:service_list")


@login_required
def service_create(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    return edit_page(
        request,
        ServiceForm(request.POST or None, create=True),
        lambda data: services.save_service(
            cooperative, pick(data, services.SERVICE_FIELDS), actor=request.user
        ),
        success=_("Die Leistung steht jetzt im Katalog."),
        template="membership/service_form.html",
        context={"cooperative": cooperative, "service": None},
        done=lambda _saved: _catalogue(),
    )


@login_required
def service_edit(request: AppRequest, pk: int) -> HttpResponse:
    service = access.get_service_for(request.user, pk)
    return edit_page(
        request,
        ServiceForm(request.POST or None, instance=service, initial={"version": service.version}),
        lambda data: services.save_service(
            service.cooperative,
            pick(data, services.SERVICE_FIELDS),
            actor=request.user,
            service=service,
            expected_version=data["version"],
        ),
        success=_("Die Leistung wurde gespeichert."),
        template="membership/service_form.html",
        context={"cooperative": service.cooperative, "service": service},
        done=lambda _saved: _catalogue(),
        fresh=lambda current: ServiceForm(instance=current, initial={"version": current.version}),
    )


@login_required
@require_POST
def service_retire(request: AppRequest, pk: int) -> HttpResponse:
    """``bestellbar=0`` retires the service, ``bestellbar=1`` makes it orderable again."""
    service: Service = access.get_service_for(request.user, pk)
    orderable = request.POST.get("bestellbar") == "1"
    return post_action(
        request,
        lambda version: services.set_service_orderable(
            service, orderable, expected_version=version, actor=request.user
        ),
        success=_("Die Leistung ist wieder bestellbar.")
        if orderable
        else _("Die Leistung ist nicht mehr bestellbar; bestehende Anfragen und Aufträge behalten sie."),
        back=_catalogue(),
        form=OrderableForm(request.POST),
    )


@login_required
def member_enter(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    form = ExistingMemberForm(
        request.POST or None,
        units=queries.member_candidates(cooperative),
        initial={"shares": cooperative.min_shares, "amount": cooperative.share_amount},
    )

    def save(data: dict[str, Any]) -> Member:
        return services.enter_existing_member(cooperative, data, actor=request.user)

    return edit_page(
        request,
        form,
        save,
        success=_("Das Mitglied ist mit seinem Eintrittsdatum in der Mitgliederliste eingetragen."),
        template="membership/member_enter.html",
        context={"cooperative": cooperative},
    )


@login_required
def share_create(request: AppRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk, write=True)
    form = SharesForm(
        request.POST or None, initial={"version": member.version, "effective_on": timezone.localdate()}
    )
    return edit_page(
        request,
        form,
        lambda data: services.add_shares(member, data, expected_version=data["version"], actor=request.user),
        success=_("Die weiteren Geschäftsanteile sind eingetragen."),
        template="membership/share_form.html",
        context={"member": member},
        fresh=lambda current: SharesForm(
            initial={"version": current.version, "effective_on": timezone.localdate()}
        ),
    )


@login_required
def service_history(request: AppRequest, pk: int) -> HttpResponse:
    service = access.get_service_for(request.user, pk)
    return history_page(request, service, back_url=_catalogue(), title=str(service))
