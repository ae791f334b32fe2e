"""Pages of the cooperative's e-invoices (decisions 250–255): the list, the seller data, the
members' billing data, new invoices for a share or an order, the invoice with its downloads and
its cancellation by a credit note."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ikz.audit.views import history_page
from ikz.invoicing import access, queries, services
from ikz.invoicing.forms import (
    BillingForm,
    CreditNoteForm,
    OrderInvoiceForm,
    SellerProfileForm,
    ShareInvoiceForm,
)
from ikz.web import AppRequest, edit_page, pick

LIST = "invoicing:invoice_list"
PER_PAGE = 50


@require_safe
@login_required
def invoice_list(request: AppRequest) -> HttpResponse:
    cooperative, invoices = access.listed_invoices_for(request.user)
    page = Paginator(queries.listed(invoices), PER_PAGE).get_page(request.GET.get("seite"))
    can_manage = access.can_manage(request.user)
    return render(
        request,
        "invoicing/invoice_list.html",
        {
            "cooperative": cooperative,
            "invoices": page,
            "page": page,
            "profile": queries.seller_profile(cooperative) if can_manage else None,
            "can_manage": can_manage,
        },
    )


@login_required
def seller_edit(request: AppRequest) -> HttpResponse:
    cooperative = access.cooperative_for(request.user)
    profile = queries.seller_profile(cooperative)
    return edit_page(
        request,
        SellerProfileForm(request.POST or None, instance=profile),
        lambda data: services.save_seller_profile(
            cooperative,
            pick(data, services.SELLER_FIELDS),
            actor=request.user,
            expected_version=data.get("version"),
        ),
        success=_("Die Rechnungsangaben der Genossenschaft sind gespeichert."),
        template="invoicing/form.html",
        context={
            "title": _("Rechnungsangaben der Genossenschaft"),
            "cooperative": cooperative,
            "cancel_url": reverse(LIST),
        },
        done=lambda _saved: reverse(LIST),
        fresh=lambda current: SellerProfileForm(instance=current),
    )


@require_safe
@login_required
def billing_list(request: AppRequest) -> HttpResponse:
    cooperative = access.cooperative_for(request.user)
    page = Paginator(queries.members(cooperative), PER_PAGE).get_page(request.GET.get("seite"))
    return render(
        request,
        "invoicing/billing_list.html",
        {"cooperative": cooperative, "rows": queries.with_billing(page), "page": page},
    )


@login_required
def billing_edit(request: AppRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk)
    address = queries.billing(member)
    return edit_page(
        request,
        BillingForm(request.POST or None, instance=address),
        lambda data: services.save_billing(
            member,
            pick(data, services.BILLING_FIELDS),
            actor=request.user,
            expected_version=data.get("version"),
        ),
        success=_("Die Rechnungsdaten von %(m)s sind gespeichert.") % {"m": member.legal_name},
        template="invoicing/form.html",
        context={
            "title": _("Rechnungsdaten: %(m)s") % {"m": member.legal_name},
            "cancel_url": reverse("invoicing:billing_list"),
            "history_url": address and reverse("invoicing:billing_history", args=[member.pk]),
        },
        done=lambda _saved: reverse("invoicing:billing_list"),
        fresh=lambda current: BillingForm(instance=current),
    )


@require_safe
@login_required
def billing_history(request: AppRequest, pk: int) -> HttpResponse:
    member = access.get_member_for(request.user, pk)
    address = queries.billing(member)
    if address is None:
        raise Http404(_("Für dieses Mitglied sind noch keine Rechnungsdaten hinterlegt."))
    return history_page(
        request, address, back_url=reverse("invoicing:billing_edit", args=[pk]), title=str(address)
    )


@login_required
def share_invoice_create(request: AppRequest) -> HttpResponse:
    cooperative = access.cooperative_for(request.user)
    form = ShareInvoiceForm(request.POST or None, members=queries.share_candidates(cooperative))
    return edit_page(
        request,
        form,
        lambda data: services.issue_share_invoice(
            data["member"], issued_on=data["issued_on"], actor=request.user
        ),
        success=_("Die Rechnung für den Geschäftsanteil ist ausgestellt."),
        template="invoicing/form.html",
        context={
            "title": _("Rechnung für den Geschäftsanteil"),
            "intro": _(
                "Die Einzahlung auf den Geschäftsanteil ist kein Leistungsaustausch: die Rechnung weist sie "
                "als nicht steuerbar aus (Steuerkategorie O)."
            ),
            "cancel_url": reverse(LIST),
            "submit_label": _("Rechnung ausstellen"),
        },
    )


@login_required
def order_invoice_create(request: AppRequest) -> HttpResponse:
    cooperative = access.cooperative_for(request.user)
    form = OrderInvoiceForm(request.POST or None, orders=queries.order_candidates(cooperative))
    return edit_page(
        request,
        form,
        lambda data: services.issue_order_invoice(
            data["order"],
            issued_on=data["issued_on"],
            delivered_on=data["delivered_on"],
            reason=data["reason"],
            actor=request.user,
        ),
        success=_("Die Rechnung für den Auftrag ist ausgestellt."),
        template="invoicing/form.html",
        context={
            "title": _("Rechnung für einen Auftrag"),
            "intro": _("Die Positionen und die Umsatzsteuer kommen aus dem angenommenen Angebot."),
            "cancel_url": reverse(LIST),
            "submit_label": _("Rechnung ausstellen"),
        },
    )


@require_safe
@login_required
def invoice_detail(request: AppRequest, pk: int) -> HttpResponse:
    invoice = access.get_invoice_for(request.user, pk)
    return render(
        request,
        "invoicing/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "credit_note": getattr(invoice, "credit_note", None),
            "can_manage": access.can_manage(request.user),
        },
    )


@require_safe
@login_required
def invoice_download(request: AppRequest, pk: int, fmt: str) -> HttpResponse:
    invoice = access.get_invoice_for(request.user, pk)
    if fmt == "xml":
        response = HttpResponse(bytes(invoice.xml), content_type="application/xml; charset=utf-8")
    elif fmt == "pdf":
        response = HttpResponse(bytes(invoice.pdf), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}-xrechnung.{fmt}"'
    return response


@login_required
def invoice_cancel(request: AppRequest, pk: int) -> HttpResponse:
    invoice = access.get_invoice_for(request.user, pk, write=True)
    return edit_page(
        request,
        CreditNoteForm(request.POST or None),
        lambda data: services.cancel_invoice(
            invoice, issued_on=data["issued_on"], reason=data["reason"], actor=request.user
        ),
        success=_("Die Gutschrift ist ausgestellt; die Rechnung %(n)s ist storniert.")
        % {"n": invoice.number},
        template="invoicing/form.html",
        context={
            "title": _("Rechnung %(n)s stornieren") % {"n": invoice.number},
            "intro": _(
                "Eine Rechnung wird nicht gelöscht: die Gutschrift (Art 381) über den vollen Betrag "
                "nennt sie und storniert sie. Danach kann eine neue Rechnung ausgestellt werden."
            ),
            "cancel_url": invoice.get_absolute_url(),
            "submit_label": _("Gutschrift ausstellen"),
        },
    )
