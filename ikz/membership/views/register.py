"""The member register (§ 30 GenG): the list and its export, an entry, its payments and the exit."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.audit.views import history_page
from ikz.lib.exports import FORMATS, download, requested_format
from ikz.membership import access, exports, queries, services
from ikz.membership.forms import ExitForm, PaymentForm
from ikz.web import AppRequest, edit_page

MEMBERS_PER_PAGE = 100


@login_required
def member_list(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    today = timezone.localdate()
    fmt = requested_format(request)
    if fmt:  # the export is the whole register; the page shows it in pages
        table = exports.register_table(cooperative, queries.register_export(cooperative), today)
        return download(table, fmt, filename="mitgliederliste")
    page = Paginator(queries.register(cooperative), MEMBERS_PER_PAGE).get_page(request.GET.get("seite"))
    return render(
        request,
        "membership/member_list.html",
        {
            "cooperative": cooperative,
            "members": page,
            "page": page,
            "active": queries.active_count(cooperative, today),
            "formats": list(FORMATS),
        },
    )


@login_required
def member_detail(request: AppRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk)
    today = timezone.localdate()
    cooperative = member.cooperative
    return render(
        request,
        "membership/member_detail.html",
        {
            "member": member,
            "payments": member.payments.all(),
            "share_events": member.share_events.all(),
            "can_manage": access.can_manage(request.user),
            "payment_form": PaymentForm(initial={"amount": cooperative.share_amount, "paid_on": today}),
            "exit_form": ExitForm(initial={"version": member.version, "notice_on": today}),
            "exit_rule": _("%(m)d Monate zum Ende des Geschäftsjahres (%(d)02d.%(mo)02d.)")
            % {
                "m": cooperative.notice_months,
                "d": cooperative.year_end_day,
                "mo": cooperative.year_end_month,
            },
        },
    )


@login_required
def member_exit(request: AppRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk, write=True)
    return edit_page(
        request,
        ExitForm(
            request.POST or None, initial={"version": member.version, "notice_on": timezone.localdate()}
        ),
        lambda data: services.record_exit_notice(
            member,
            notice_on=data["notice_on"],
            reason=data["reason"],
            expected_version=data["version"],
            actor=request.user,
        ),
        success=_("Die Kündigung ist eingetragen; der Austritt wird zum berechneten Datum wirksam."),
        template="membership/member_exit.html",
        context={"member": member},
    )


@login_required
def payment_create(request: AppRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk, write=True)
    form = PaymentForm(
        request.POST or None,
        initial={"amount": member.cooperative.share_amount, "paid_on": timezone.localdate()},
    )
    return edit_page(
        request,
        form,
        lambda data: services.record_payment(member, data, actor=request.user),
        success=_("Die Einzahlung wurde erfasst."),
        template="membership/payment_form.html",
        context={"member": member},
        done=lambda _saved: member.get_absolute_url(),
    )


@login_required
def member_history(request: AppRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk, write=True)
    return history_page(request, member, back_url=member.get_absolute_url(), title=str(member))
