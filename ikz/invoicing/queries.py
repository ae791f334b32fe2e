"""Reads of the e-invoices: the list, the parties of an invoice, what a member can be invoiced for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from ikz.invoicing import rules
from ikz.invoicing.models import BillingAddress, Invoice, InvoiceKind, SellerProfile, Subject
from ikz.membership.models import Cooperative, Member, Order


def seller_profile(cooperative: Cooperative) -> SellerProfile | None:
    return SellerProfile.objects.filter(cooperative=cooperative).first()


def billing(member: Member) -> BillingAddress | None:
    return BillingAddress.objects.filter(member=member).first()


def listed(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """What the invoice list shows of each invoice, in one query."""
    return invoices.select_related("cancels", "credit_note")


def seller_party(cooperative: Cooperative, profile: SellerProfile) -> rules.Party:
    return rules.Party(
        name=cooperative.name,
        street=cooperative.street,
        postal_code=cooperative.postal_code,
        city=cooperative.city,
        email=profile.email,
        contact_name=profile.contact_name,
        phone=profile.phone,
        vat_id=profile.vat_id,
        tax_number=profile.tax_number,
        register=profile.register,
    )


def buyer_party(member: Member, address: BillingAddress | None) -> rules.Party:
    """The invoice address: the member's billing data, else the register entry, else the
    municipality's master data, field by field."""
    unit = member.municipality

    def first(name: str) -> str:
        values = (getattr(address, name, ""), getattr(member, name), getattr(unit, name, ""))
        return next((value for value in values if value), "")

    return rules.Party(
        name=(address.recipient if address else "") or member.legal_name,
        street=first("street"),
        postal_code=first("postal_code"),
        city=first("city"),
        email=address.email if address else "",
        contact_name=address.department if address else "",
    )


def open_share_invoice(member: Member) -> Invoice | None:
    """The member's share invoice that no credit note cancels (at most one)."""
    return (
        Invoice.objects.filter(member=member, subject=Subject.SHARE, kind=InvoiceKind.INVOICE)
        .filter(credit_note__isnull=True)
        .first()
    )


def open_order_invoice(order: Order) -> Invoice | None:
    return Invoice.objects.filter(order=order, kind=InvoiceKind.INVOICE, credit_note__isnull=True).first()


def share_candidates(cooperative: Cooperative) -> QuerySet[Member]:
    """Members without a (not cancelled) invoice for their share."""
    invoiced = Invoice.objects.filter(
        subject=Subject.SHARE, kind=InvoiceKind.INVOICE, credit_note__isnull=True
    ).values("member_id")
    return (
        Member.objects.filter(cooperative=cooperative, exit_on__isnull=True)
        .exclude(pk__in=invoiced)
        .order_by("number")
    )


def order_candidates(cooperative: Cooperative) -> QuerySet[Order]:
    invoiced = Invoice.objects.filter(kind=InvoiceKind.INVOICE, credit_note__isnull=True).values("order_id")
    return (
        Order.objects.filter(member__cooperative=cooperative)
        .exclude(pk__in=invoiced.filter(order__isnull=False))
        .select_related("member", "offer")
    )


def members(cooperative: Cooperative) -> QuerySet[Member]:
    return Member.objects.filter(cooperative=cooperative).order_by("number")


def with_billing(members: Iterable[Member]) -> list[tuple[Member, BillingAddress | None]]:
    """Each member of a page with its billing data (one query)."""
    members = list(members)
    addresses = {a.member_id: a for a in BillingAddress.objects.filter(member__in=members)}
    return [(member, addresses.get(member.pk)) for member in members]


def due_date(issued_on: dt.date, days: int) -> dt.date:
    return issued_on + dt.timedelta(days=days)
