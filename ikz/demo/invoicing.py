"""Seed 000, K4K eG: e-invoices for the ten members' shares of 500 € (decisions 250–255).

From the seed: the cooperative's name and address, the share of 500 €, the ten members. Invented
and marked as demo values: the seller's tax and bank data (the seed names none; the IBAN is the
published test IBAN of the German banks' example), the contact for invoices, and each member's
Leitweg-ID — built from its official key with a valid check digit, so the invoices pass the
checks, but none is a real address of the members' e-invoice portals. Each share is invoiced on
its member's entry date; the numbers therefore run per year as the members joined.

Idempotent: a member whose share is invoiced is left alone, so is the seller data."""

from __future__ import annotations

from ikz.demo.context import DemoContext
from ikz.invoicing import queries, rules, services
from ikz.membership.models import Cooperative, Member

DEMO = "Demowert"
SELLER = {
    "vat_id": "DE999999999",
    "tax_number": f"000/000/00000 ({DEMO})",
    "register": f"Genossenschaftsregister Amtsgericht Wetzlar ({DEMO}: Registernummer nicht im Seed)",
    "iban": "DE02120300000000202051",
    "bic": "BYLADEM1001",
    "bank_name": f"Testbank ({DEMO})",
    "contact_name": f"Rechnungsstelle der K4K eG ({DEMO})",
    "phone": "06441 000000",
    "email": "rechnung@k4k.example",
    "payment_days": 30,
}

# Postcode and town of each member's seat for the invoice address (chosen for the demo: the seed
# names no invoice addresses), by official key or organisation name.
PLACES = {
    "06434": ("61352", "Bad Homburg v. d. Höhe"),
    "06631": ("36037", "Fulda"),
    "06534": ("35043", "Marburg"),
    "06440003": ("61118", "Bad Vilbel"),
    "06440008": ("61169", "Friedberg (Hessen)"),
    "06413000": ("63065", "Offenbach am Main"),
    "06532023": ("35578", "Wetzlar"),
    "Kommunales Center für Arbeit – Jobcenter": ("63571", "Gelnhausen"),
    "Kommunales Jobcenter Groß-Gerau": ("64521", "Groß-Gerau"),
    "Kommunales Jobcenter Lahn-Dill": ("35578", "Wetzlar"),
}


def _place(member: Member) -> tuple[str, str]:
    if member.postal_code and member.city:
        return member.postal_code, member.city
    unit = member.municipality
    return PLACES.get(unit.key or "", PLACES.get(unit.name, ("35578", "Wetzlar")))


def demo_leitweg_id(member: Member) -> str:
    """An invented Leitweg-ID with a valid check digit: the member's official key (or "06" and its
    member number) as the coarse address, "RE" as the fine address."""
    coarse = member.official_key if member.official_key.isdigit() else f"06{member.number}"
    return rules.with_check_digits(coarse[:12], "RE")


def _seller(ctx: DemoContext, cooperative: Cooperative) -> None:
    if queries.seller_profile(cooperative) is None:
        services.save_seller_profile(cooperative, SELLER, actor=ctx.users.get("genossenschaft"))
        ctx.summary.add("Rechnungsangaben der Genossenschaft")


def load(ctx: DemoContext) -> None:
    cooperative = Cooperative.objects.filter(short_name="K4K eG").first()
    if cooperative is None:
        return
    _seller(ctx, cooperative)
    team = ctx.users.get("genossenschaft")
    for member in (
        Member.objects.filter(cooperative=cooperative)
        .select_related("municipality")
        .order_by("admitted_on", "number")
    ):
        if queries.billing(member) is None:
            postal_code, city = _place(member)
            values = {
                "needs_leitweg": True,
                "leitweg_id": demo_leitweg_id(member),
                "department": f"Rechnungseingang ({DEMO}: Leitweg-ID und Anschrift gewählt)",
                "postal_code": postal_code,
                "city": city,
                "is_illustrative": True,
            }
            services.save_billing(member, values, actor=team)
            ctx.summary.add("Rechnungsdaten der Mitglieder")
        if queries.open_share_invoice(member) is None:
            services.issue_share_invoice(member, issued_on=member.admitted_on, actor=team, illustrative=True)
            ctx.summary.add("Rechnungen (Geschäftsanteile)")
