"""The catalogue, requests of members, offers and orders (in-house, § 108 GWB) and the turnover
report (80 % criterion)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.lib.exports import FORMATS, download, requested_format
from ikz.membership import access, exports, queries, services
from ikz.membership.forms import LineFormSet, OfferForm, RequestForm
from ikz.membership.models import Offer, OfferStatus, RequestStatus, ServiceRequest
from ikz.web import AppRequest, VersionForm, edit_page, post_action


@login_required
def service_list(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user, members=True)
    can_manage = access.can_manage(request.user)
    return render(
        request,
        "membership/service_list.html",
        {
            "cooperative": cooperative,
            "can_manage": can_manage,
            "categories": queries.catalogue_for_team(cooperative)
            if can_manage
            else queries.catalogue(cooperative),
            "own_members": access.own_members_for(request.user, cooperative),
            "own_onboardings": access.own_onboardings_for(request.user, cooperative),
        },
    )


@login_required
def request_list(request: AppRequest) -> HttpResponse:
    """The requests; ``?status=open|offered``: only those waiting for an offer or for an answer."""
    requests = access.member_requests_for(request.user)
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        requests = requests.filter(status=status)
    return render(
        request,
        "membership/request_list.html",
        {
            "requests": queries.request_rows(requests),
            "can_manage": access.can_manage(request.user),
            "status_label": RequestStatus(status).label if status in RequestStatus.values else "",
        },
    )


@login_required
def request_create(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user, members=True)
    form = RequestForm(
        request.POST or None,
        services=queries.orderable_services(cooperative),
        members=access.requesting_members_for(request.user, cooperative),
        initial=request.GET or None,
    )

    def save(data: dict[str, Any]) -> ServiceRequest:
        unit = data["member"].municipality if "member" in data else access.own_unit_for(request.user)
        return services.request_service(cooperative, unit, data, actor=request.user)

    return edit_page(
        request,
        form,
        save,
        success=_("Ihre Anfrage ist eingegangen; die Genossenschaft erstellt ein Angebot."),
        template="membership/request_form.html",
        context={},
    )


def _lines_initial(offer: Offer | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if offer is not None:
        rows = [
            {"text": x.text, "quantity": x.quantity, "unit": x.unit, "unit_price": x.unit_price}
            for x in offer.lines.all()
        ]
    return rows + [{}] * max(3 - len(rows), 1)


@login_required
def request_detail(request: AppRequest, pk: int) -> HttpResponse:
    service_request = access.get_request_for(request.user, pk)
    view = queries.offer_view(service_request)
    offer = view.offer
    return render(
        request,
        "membership/request_detail.html",
        {
            "req": service_request,
            "offer": offer,
            "lines": view.lines,
            "totals": view.totals,
            "order": view.order,
            "can_manage": access.can_manage(request.user),
            "can_decide": access.can_decide(request.user, service_request)
            and offer is not None
            and offer.status == OfferStatus.SENT,
            "version_form": VersionForm(initial={"version": service_request.version}),
        },
    )


@login_required
def offer_edit(request: AppRequest, pk: int) -> HttpResponse:
    service_request = access.get_request_for(request.user, pk, write=True)
    offer = queries.offer_of(service_request)
    if offer is not None and offer.status != OfferStatus.DRAFT:
        messages.error(request, _("Das Angebot ist schon versandt und kann nicht mehr geändert werden."))
        return redirect(service_request)
    initial = {
        "version": service_request.version,
        "title": offer.title if offer else service_request.service.name,
        "vat_treatment": offer.vat_treatment if offer else "standard",
        "valid_until": offer.valid_until if offer else timezone.localdate() + dt.timedelta(days=30),
        "note": offer.note if offer else "",
    }
    lines = LineFormSet(request.POST or None, initial=_lines_initial(offer), prefix="pos")
    return edit_page(
        request,
        OfferForm(request.POST or None, initial=initial),
        lambda data: services.save_offer(
            service_request,
            data,
            [
                services.LineInput(d["text"], d["quantity"], d["unit"], d["unit_price"])
                for d in lines.cleaned_data
                if d.get("text")
            ],
            expected_version=data["version"],
            actor=request.user,
        ),
        success=_("Das Angebot wurde gespeichert."),
        template="membership/offer_form.html",
        context={"req": service_request, "lines": lines},
        done=lambda _saved: service_request.get_absolute_url(),
        valid=lines.is_valid() if request.method == "POST" else True,
    )


@login_required
@require_POST
def offer_send(request: AppRequest, pk: int) -> HttpResponse:
    service_request = access.get_request_for(request.user, pk, write=True)
    return post_action(
        request,
        lambda version: services.send_offer(service_request, expected_version=version, actor=request.user),
        success=_("Das Angebot wurde an das Mitglied versandt."),
        back=service_request.get_absolute_url(),
    )


@login_required
@require_POST
def offer_decide(request: AppRequest, pk: int) -> HttpResponse:
    service_request = access.get_request_for(request.user, pk)
    if not access.can_decide(request.user, service_request):
        raise PermissionDenied(_("Über ein Angebot entscheidet das Mitglied, an das es gerichtet ist."))
    accept = request.POST.get("decision") == "accept"
    return post_action(
        request,
        lambda version: services.decide_offer(
            service_request, accept=accept, expected_version=version, actor=request.user
        ),
        success=_("Angebot angenommen – der Auftrag ist erteilt.") if accept else _("Angebot abgelehnt."),
        back=service_request.get_absolute_url(),
    )


@login_required
def turnover_report(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    rows = queries.turnover_report(cooperative)
    fmt = requested_format(request)
    if fmt:
        return download(exports.turnover_table(cooperative, rows), fmt, filename="inhouse-umsatzanteil")
    labels = exports.criterion_labels()
    return render(
        request,
        "membership/turnover_report.html",
        {"rows": [(r, labels[r.status]) for r in rows], "formats": list(FORMATS), "cooperative": cooperative},
    )
