"""Writes of the e-invoices (decisions 250–255): the cooperative's seller data, a member's billing
data, issuing an invoice for a member's share or an accepted offer, and its cancellation by a credit
note. Issuing checks the Leitweg-ID and the XRechnung rules first, then takes the next number of
the year under a row lock and stores XML, PDF, lines and the audit entry in one transaction: a
refusal or an error leaves no number used and nothing half-written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, create_object, record, update_versioned
from ikz.invoicing import documents, queries, rules, xrechnung
from ikz.invoicing.models import (
    BillingAddress,
    Invoice,
    InvoiceCounter,
    InvoiceKind,
    InvoiceLine,
    SellerProfile,
    Subject,
)
from ikz.membership.models import Cooperative, Member, Order

M = TypeVar("M", bound=models.Model)

SELLER_FIELDS = (
    "vat_id",
    "tax_number",
    "register",
    "iban",
    "bic",
    "bank_name",
    "contact_name",
    "phone",
    "email",
    "payment_days",
)
BILLING_FIELDS = (
    "needs_leitweg",
    "leitweg_id",
    "recipient",
    "department",
    "street",
    "postal_code",
    "city",
    "email",
)


def _write(
    model: type[M],
    lookup: dict[str, Any],
    values: dict[str, Any],
    *,
    actor: User | None,
    expected_version: int | None,
) -> M:
    """Create the row of ``lookup`` or change it with the version the form showed."""
    current = model._default_manager.select_for_update().filter(**lookup).first()
    if current is None:
        try:
            with transaction.atomic():
                return create_object(model(**lookup, **values), actor=actor, message=_("erstmals hinterlegt"))
        except IntegrityError:  # written by somebody else in the same moment
            current = model._default_manager.get(**lookup)
    if expected_version is None:
        raise ConflictError(current, values, expected_version=None)
    return update_versioned(model, current.pk, values, expected_version=expected_version, actor=actor)


@transaction.atomic
def save_seller_profile(
    cooperative: Cooperative,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    expected_version: int | None = None,
) -> SellerProfile:
    data = dict(values)
    data["iban"] = rules.normalize_iban(str(data.get("iban", "")))
    data["vat_id"] = str(data.get("vat_id", "")).replace(" ", "").upper()
    errors: dict[str, list[str]] = {}
    if data["iban"] and rules.iban_errors(data["iban"]):
        errors["iban"] = rules.iban_errors(data["iban"])
    if not (data["vat_id"] or data.get("tax_number")):
        errors["tax_number"] = [
            _("Bitte die Umsatzsteuer-Identifikationsnummer oder die Steuernummer angeben (BR-DE-16).")
        ]
    if data["vat_id"] and not rules.VAT_ID.match(data["vat_id"]):
        errors["vat_id"] = [_("Eine deutsche USt-IdNr. ist „DE“ und neun Ziffern, z. B. DE123456789.")]
    if errors:
        raise ValidationError(errors)
    return _write(
        SellerProfile, {"cooperative": cooperative}, data, actor=actor, expected_version=expected_version
    )


@transaction.atomic
def save_billing(
    member: Member, values: Mapping[str, Any], *, actor: User | None, expected_version: int | None = None
) -> BillingAddress:
    data = dict(values)
    data["leitweg_id"] = str(data.get("leitweg_id", "")).strip().upper()
    problems = rules.leitweg_errors(data["leitweg_id"]) if data["leitweg_id"] else []
    if problems:
        raise ValidationError({"leitweg_id": problems})
    return _write(BillingAddress, {"member": member}, data, actor=actor, expected_version=expected_version)


def _refuse_without_leitweg(member: Member, address: BillingAddress | None) -> None:
    needs = address.needs_leitweg if address is not None else True
    problems = rules.leitweg_required_errors(needs, address.leitweg_id if address else "")
    if problems:
        raise ValidationError({"leitweg_id": problems})


def _invoice_data(
    cooperative: Cooperative,
    member: Member,
    lines: Sequence[rules.Line],
    *,
    issued_on: dt.date,
    delivered_on: dt.date,
    type_code: str = rules.INVOICE,
    **extra: Any,
) -> rules.InvoiceData:
    """The invoice as XML and PDF will show it (number still open); refused with every broken
    XRechnung rule, naming the field, when the seller's or the member's data are incomplete."""
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": [_("Das Rechnungsdatum darf nicht nach heute liegen.")]})
    profile = queries.seller_profile(cooperative)
    if profile is None:
        raise ValidationError(
            _(
                "Bitte zuerst die Rechnungsangaben der Genossenschaft hinterlegen "
                "(IBAN, Steuernummer, Kontakt)."
            )
        )
    address = queries.billing(member)
    _refuse_without_leitweg(member, address)
    leitweg = address.leitweg_id if address else ""
    due_on = queries.due_date(issued_on, profile.payment_days)
    data = rules.InvoiceData(
        number="",
        type_code=type_code,
        issued_on=issued_on,
        delivered_on=delivered_on,
        due_on=due_on,
        buyer_reference=leitweg or member.number,
        seller=queries.seller_party(cooperative, profile),
        buyer=queries.buyer_party(member, address),
        iban=profile.iban,
        bic=profile.bic,
        account_holder=cooperative.name,
        payment_terms=rules.payment_terms(profile.payment_days, due_on),
        lines=tuple(lines),
        buyer_endpoint=leitweg or (address.email if address else ""),
        **extra,
    )
    errors = rules.xrechnung_errors(data)
    if errors:
        raise ValidationError([message for _rule, message in errors])
    return data


def _next_number(cooperative: Cooperative, issued_on: dt.date) -> int:
    """The next number of the year, under a lock held until the transaction ends (gapless); the
    numbers follow the invoice dates, so an invoice cannot be dated before the year's last one."""
    year = issued_on.year
    counter, _created = InvoiceCounter.objects.select_for_update().get_or_create(
        cooperative=cooperative, year=year
    )
    last = Invoice.objects.filter(cooperative=cooperative, year=year).order_by("-sequence").first()
    if last is not None and last.issued_on > issued_on:
        raise ValidationError(
            {
                "issued_on": [
                    _(
                        "Die Rechnung %(n)s ist schon auf den %(d)s datiert; eine neue Rechnung kann "
                        "nicht früher datiert sein (fortlaufende Nummern)."
                    )
                    % {"n": last.number, "d": f"{last.issued_on:%d.%m.%Y}"}
                ]
            }
        )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _store(
    cooperative: Cooperative,
    member: Member,
    data: rules.InvoiceData,
    *,
    actor: User | None,
    subject: str,
    order: Order | None = None,
    cancels: Invoice | None = None,
    illustrative: bool = False,
    note: str | None = None,
) -> Invoice:
    year = data.issued_on.year
    sequence = _next_number(cooperative, data.issued_on)
    data = replace(data, number=rules.invoice_number(year, sequence))
    totals = data.totals
    invoice = Invoice.objects.create(
        cooperative=cooperative,
        member=member,
        kind=data.type_code,
        subject=subject,
        order=order,
        cancels=cancels,
        year=year,
        sequence=sequence,
        number=data.number,
        issued_on=data.issued_on,
        delivered_on=data.delivered_on,
        due_on=data.due_on,
        buyer_reference=data.buyer_reference,
        buyer_name=data.buyer.name,
        note=data.note if note is None else note,
        net=totals.net,
        tax=totals.tax,
        gross=totals.gross,
        xml=xrechnung.to_xml(data),
        pdf=documents.invoice_pdf(data),
        is_illustrative=illustrative,
        created_by=actor,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            position=line.position,
            text=line.text,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            category=line.category,
            rate=line.rate,
            reason=line.reason,
        )
        for line in data.lines
    )
    record(
        invoice,
        Action.CREATE,
        actor=actor,
        changes={
            "number": [None, data.number],
            "gross": [None, str(totals.gross)],
            "member": [None, str(member)],
        },
        message=str(_("ausgestellt")),
    )
    return invoice


@transaction.atomic
def issue_share_invoice(
    member: Member, *, issued_on: dt.date, actor: User | None, illustrative: bool = False
) -> Invoice:
    """The invoice for the member's shares (share amount × shares); refused while one is open."""
    member = Member.objects.select_for_update().select_related("cooperative").get(pk=member.pk)
    if queries.open_share_invoice(member) is not None:
        raise ValidationError(_("Für den Geschäftsanteil dieses Mitglieds gibt es schon eine Rechnung."))
    cooperative = member.cooperative
    line = rules.Line(
        1,
        _("Geschäftsanteil(e) an der %(c)s, Mitgliedsnummer %(n)s")
        % {"c": cooperative.short_name, "n": member.number},
        Decimal(member.shares),
        "C62",
        cooperative.share_amount,
        rules.NOT_SUBJECT,
        rules.ZERO,
        rules.SHARE_REASON,
    )
    data = _invoice_data(cooperative, member, [line], issued_on=issued_on, delivered_on=member.admitted_on)
    return _store(cooperative, member, data, actor=actor, subject=Subject.SHARE, illustrative=illustrative)


@transaction.atomic
def issue_order_invoice(
    order: Order, *, issued_on: dt.date, delivered_on: dt.date, reason: str = "", actor: User | None
) -> Invoice:
    """The invoice for an accepted offer: its lines with the offer's tax treatment."""
    order = Order.objects.select_for_update().select_related("member__cooperative", "offer").get(pk=order.pk)
    if queries.open_order_invoice(order) is not None:
        raise ValidationError(_("Für diesen Auftrag gibt es schon eine Rechnung."))
    category, rate = rules.FROM_OFFER[order.offer.vat_treatment]
    reason = reason.strip() or rules.DEFAULT_REASONS.get(category, "")
    lines = [
        rules.Line(
            index,
            line.text,
            line.quantity,
            rules.unit_code(line.unit),
            line.unit_price,
            category,
            rate,
            reason if category != rules.STANDARD else "",
        )
        for index, line in enumerate(order.offer.lines.all(), start=1)
    ]
    member = order.member
    data = _invoice_data(
        member.cooperative,
        member,
        lines,
        issued_on=issued_on,
        delivered_on=delivered_on,
        order_reference=order.number,
        note=order.offer.title,
    )
    return _store(member.cooperative, member, data, actor=actor, subject=Subject.ORDER, order=order)


@transaction.atomic
def cancel_invoice(invoice: Invoice, *, issued_on: dt.date, reason: str, actor: User | None) -> Invoice:
    """A credit note over the whole invoice (type 381, referring to it); the invoice stays."""
    invoice = (
        Invoice.objects.select_for_update(of=("self",))  # the order is an outer join
        .select_related("member__cooperative", "order")
        .get(pk=invoice.pk)
    )
    if invoice.kind != InvoiceKind.INVOICE:
        raise ValidationError(_("Eine Gutschrift kann nicht storniert werden."))
    if Invoice.objects.filter(cancels=invoice).exists():
        raise ValidationError(_("Diese Rechnung ist schon durch eine Gutschrift storniert."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Bitte den Grund der Stornierung angeben.")]})
    if issued_on < invoice.issued_on:
        raise ValidationError({"issued_on": [_("Die Gutschrift kann nicht vor der Rechnung datiert sein.")]})
    lines = [
        rules.Line(
            line.position,
            line.text,
            line.quantity,
            line.unit,
            line.unit_price,
            line.category,
            line.rate,
            line.reason,
        )
        for line in invoice.lines.all()
    ]
    data = _invoice_data(
        invoice.cooperative,
        invoice.member,
        lines,
        issued_on=issued_on,
        delivered_on=invoice.delivered_on,
        type_code=rules.CREDIT_NOTE,
        preceding_number=invoice.number,
        preceding_issued_on=invoice.issued_on,
        note=_("Storno der Rechnung %(n)s: %(r)s") % {"n": invoice.number, "r": reason.strip()},
        order_reference=invoice.order.number if invoice.order else "",
    )
    return _store(
        invoice.cooperative,
        invoice.member,
        data,
        actor=actor,
        subject=invoice.subject,
        order=invoice.order,
        cancels=invoice,
        note=reason.strip(),
    )
