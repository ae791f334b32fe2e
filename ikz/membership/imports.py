"""Import kind "Mitglieder": the cooperative's members that joined before the platform, one row per
member (number, AGS, entry date, shares, the payments with their days), entered through the
services for existing members (``enter_existing_member`` with the entry's effective day and the
shares subscribed then, ``record_payment`` for each payment). For a member already in the register
only payments not yet recorded are added; a different entry day or number of shares is refused at
its column, as further shares are entered with their own day on the member's page (decision 153).
The kind's own export imports back unchanged."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ikz.accounts.models import User
from ikz.imports.registry import ImportKind, Link, Row, Scope, refused_at_row, register
from ikz.imports.rules import CHANGE, CREATE, UNCHANGED, Entry, Problem
from ikz.lib.exports import Table
from ikz.lib.stand import german
from ikz.lib.tables_in import Column, parse_date, parse_decimal
from ikz.membership import access, queries, services
from ikz.membership.exports import (
    AGS,
    ENTRY,
    NAME,
    NUMBER,
    PAYMENTS,
    SHARES,
    PaymentRow,
    members_table,
    payment_text,
)
from ikz.membership.models import Cooperative, Member, Payment
from ikz.municipalities.models import Municipality

MAX_SHARES = 32767
MAX_AMOUNT = Decimal("99999999.99")


@dataclass
class Stored:
    pk: int
    key: str
    municipality: int
    admitted_on: dt.date
    shares: int
    version: int
    payments: list[PaymentRow]


@dataclass
class Context:
    cooperative: Cooperative
    units: dict[str, Municipality]  # AGS → unit of the register
    stored: dict[str, Stored]  # member number → register entry
    current: dict[int, str]  # municipality → number of its current membership
    today: dt.date


def fingerprint(stored: Stored | None) -> str:
    if stored is None:
        return ""
    return f"v{stored.version}:{payment_text(stored.payments)}"


def parse_payments(text: str) -> list[PaymentRow]:
    """The payments of the column "Einzahlungen": "Tag: Betrag" separated by semicolons or line
    breaks; ValueError naming the part that cannot be read."""
    found = []
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        day_text, colon, amount_text = part.partition(":")
        try:
            if not colon:
                raise ValueError(part)
            day, amount = parse_date(day_text), parse_decimal(amount_text)
        except ValueError:
            raise ValueError(part.strip()) from None
        if amount <= 0 or amount > MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
            raise ValueError(part.strip())
        found.append((day.isoformat(), str(amount.quantize(Decimal("0.01")))))
    return found


def _read(
    row: Row, context: Context, problems: list[Problem]
) -> tuple[dt.date | None, int, list[PaymentRow]]:
    admitted_on = None
    try:
        admitted_on = parse_date(row.get(ENTRY))
    except ValueError:
        problems.append(
            Problem(row.number, ENTRY, _("„%(v)s“ ist kein Datum (TT.MM.JJJJ).") % {"v": row.get(ENTRY)})
        )
    if admitted_on is not None and admitted_on > context.today:
        problems.append(
            Problem(
                row.number,
                ENTRY,
                _(
                    "Der %(d)s liegt in der Zukunft; eingetragen werden Mitglieder, die schon "
                    "eingetreten sind."
                )
                % {"d": german(admitted_on)},
            )
        )
    shares_text = row.get(SHARES)
    shares = int(shares_text) if shares_text.isdigit() else 0
    if not context.cooperative.min_shares <= shares <= MAX_SHARES:
        problems.append(
            Problem(
                row.number,
                SHARES,
                _("„%(v)s“: Die Satzung verlangt mindestens %(n)d Geschäftsanteil(e) (ganze Zahl).")
                % {"v": shares_text, "n": context.cooperative.min_shares},
            )
        )
    payments: list[PaymentRow] = []
    try:
        payments = parse_payments(row.get(PAYMENTS))
    except ValueError as exc:
        problems.append(
            Problem(
                row.number,
                PAYMENTS,
                _("„%(v)s“ ist keine Einzahlung der Form „TT.MM.JJJJ: Betrag“ mit einem Betrag über 0 €.")
                % {"v": exc},
            )
        )
    for day, _amount in payments:
        paid_on = dt.date.fromisoformat(day)
        if paid_on > context.today or (admitted_on is not None and paid_on < admitted_on):
            problems.append(
                Problem(
                    row.number,
                    PAYMENTS,
                    _("Die Einzahlung am %(d)s liegt vor dem Eintritt oder in der Zukunft.")
                    % {"d": german(paid_on)},
                )
            )
    return admitted_on, shares, payments


def _existing(row: Row, stored: Stored, admitted_on: dt.date, shares: int) -> list[Problem]:
    problems = []
    if row.get(AGS) != stored.key:
        problems.append(
            Problem(
                row.number,
                AGS,
                _("Die Mitgliedsnummer %(n)s gehört zum Schlüssel „%(k)s“.")
                % {"n": row.get(NUMBER), "k": stored.key},
            )
        )
    if admitted_on != stored.admitted_on:
        problems.append(
            Problem(
                row.number,
                ENTRY,
                _(
                    "Eingetragen ist der %(d)s; der Eintritt eines Mitglieds wird nicht durch einen "
                    "Import geändert."
                )
                % {"d": german(stored.admitted_on)},
            )
        )
    if shares != stored.shares:
        problems.append(
            Problem(
                row.number,
                SHARES,
                _(
                    "Eingetragen sind %(n)d Anteile; weitere Anteile werden mit dem Tag ihrer Wirksamkeit "
                    "beim Mitglied eingetragen."
                )
                % {"n": stored.shares},
            )
        )
    return problems


def check_row(row: Row, context: Context) -> tuple[Entry | None, list[Problem]]:
    """The plan entry of one row, or its problems (pure, given the context)."""
    problems: list[Problem] = []
    number = row.get(NUMBER)
    if not number or len(number) > 20:
        problems.append(
            Problem(row.number, NUMBER, _("Bitte die Mitgliedsnummer angeben (höchstens 20 Zeichen)."))
        )
    admitted_on, shares, payments = _read(row, context, problems)
    stored = context.stored.get(number)
    if stored is not None and admitted_on is not None:
        problems += _existing(row, stored, admitted_on, shares)
    unit = context.units.get(row.get(AGS))
    if stored is None and unit is None:
        problems.append(
            Problem(row.number, AGS, _("„%(v)s“ ist kein Schlüssel des Registers.") % {"v": row.get(AGS)})
        )
    elif stored is None and unit is not None:
        eligibility = queries.eligibility_of(unit)
        if not eligibility.eligible:
            problems.append(Problem(row.number, AGS, eligibility.reason))
        elif unit.pk in context.current:
            problems.append(
                Problem(
                    row.number,
                    AGS,
                    _("%(u)s ist bereits Mitglied (Nr. %(n)s).")
                    % {"u": unit.name, "n": context.current[unit.pk]},
                )
            )
    if problems or admitted_on is None:
        return None, problems
    if stored is None:
        assert unit is not None
        summary = _("Nr. %(n)s %(u)s (%(k)s): Eintritt %(d)s, %(s)d Anteile") % {
            "n": number,
            "u": unit.name,
            "k": unit.key,
            "d": german(admitted_on),
            "s": shares,
        }
        data = {"unit": unit.pk, "number": number, "admitted_on": admitted_on.isoformat(), "shares": shares}
        return Entry(
            row.number, CREATE, summary, number, f"new:{number}", "", data | {"payments": payments}
        ), []
    new = list((Counter(payments) - Counter(stored.payments)).elements())
    summary = _("Nr. %(n)s (%(k)s): %(count)d Einzahlungen") % {
        "n": number,
        "k": stored.key,
        "count": len(stored.payments),
    }
    if new:
        summary = _("Nr. %(n)s (%(k)s): neue Einzahlungen %(p)s") % {
            "n": number,
            "k": stored.key,
            "p": payment_text(new),
        }
    data = {"member": stored.pk, "payments": new}
    return Entry(
        row.number,
        CHANGE if new else UNCHANGED,
        summary,
        number,
        f"membership.member:{stored.pk}",
        fingerprint(stored),
        data,
    ), []


class Members(ImportKind):
    slug = "mitglieder"
    label = _lazy("Mitglieder der Genossenschaft")
    description = _lazy(
        "Eine Zeile je Mitglied mit dem Tag, an dem sein Eintritt wirksam wurde, den Geschäftsanteilen "
        "und den Einzahlungen („TT.MM.JJJJ: Betrag“, mehrere durch Semikolon getrennt). Neue Mitglieder "
        "werden in die Mitgliederliste eingetragen; bei eingetragenen Mitgliedern werden Einzahlungen "
        "ergänzt, die noch nicht erfasst sind. Gespeicherte Einzahlungen, die nicht in der Datei stehen, "
        "bleiben erhalten."
    )
    columns = (
        Column(NUMBER, help=_lazy("Mitgliedsnummer in der Mitgliederliste, z. B. 17")),
        Column(AGS, help=_lazy("Amtlicher Gemeindeschlüssel des Mitglieds (Kommune, Kreis oder Verband)")),
        Column(NAME, required=False, help=_lazy("nur zur Orientierung, wird nicht eingelesen")),
        Column(ENTRY, help=_lazy("Tag, an dem der Eintritt wirksam wurde (nicht in der Zukunft)")),
        Column(SHARES, help=_lazy("Zahl der Geschäftsanteile beim Eintritt")),
        Column(
            PAYMENTS,
            required=False,
            help=_lazy("Einzahlungen als „TT.MM.JJJJ: Betrag“, mehrere durch Semikolon getrennt"),
        ),
    )
    exports = True

    def scope(self, user: User, pk: int, *, write: bool) -> Scope:
        cooperative = access.get_cooperative_for(user)
        if cooperative.pk != pk:
            raise Http404
        return Scope(
            cooperative,
            cooperative.pk,
            _("Mitglieder: %(name)s") % {"name": cooperative.short_name or cooperative.name},
            reverse("membership:member_list"),
        )

    def prepare(self, scope: Scope) -> Context:
        cooperative = scope.obj
        members = list(Member.objects.filter(cooperative=cooperative).order_by("number"))
        payments: dict[int, list[PaymentRow]] = {}
        for member_id, paid_on, amount in Payment.objects.filter(member__cooperative=cooperative).values_list(
            "member_id", "paid_on", "amount"
        ):
            payments.setdefault(member_id, []).append((paid_on.isoformat(), str(amount)))
        today = timezone.localdate()
        return Context(
            cooperative,
            {
                u.key or "": u
                for u in Municipality.objects.exclude(key="")
                .exclude(key__isnull=True)
                .only("id", "key", "name", "level", "municipal_share")
            },
            {
                m.number: Stored(
                    m.pk,
                    m.official_key,
                    m.municipality_id,
                    m.admitted_on,
                    m.shares,
                    m.version,
                    payments.get(m.pk, []),
                )
                for m in members
            },
            {m.municipality_id: m.number for m in members if m.exit_on is None or m.exit_on > today},
            today,
        )

    def check(self, rows: Sequence[Row], context: Any) -> tuple[list[Entry], list[Problem]]:
        """Each row's entry; a unit entered as new member in two rows is refused at the second
        (across chunks the apply refuses it, naming the row)."""
        entries: list[Entry] = []
        problems: list[Problem] = []
        new_units: dict[int, int] = {}  # unit → the row that enters it
        for row in rows:
            entry, found = check_row(row, context)
            if entry is not None and entry.action == CREATE:
                first = new_units.setdefault(entry.data["unit"], row.number)
                if first != row.number:
                    found, entry = (
                        [
                            Problem(
                                row.number,
                                AGS,
                                _("Dieses Mitglied wird schon in Zeile %(n)s eingetragen.") % {"n": first},
                            )
                        ],
                        None,
                    )
            problems += found
            if entry is not None:
                entries.append(entry)
        return entries, problems

    def current(self, scope: Scope, refs: Sequence[str]) -> dict[str, str]:
        result = {}
        for number, stored in self.prepare(scope).stored.items():
            result[f"membership.member:{stored.pk}"] = fingerprint(stored)
            result[f"new:{number}"] = fingerprint(stored)
        return result

    def audit_object(self, scope: Scope, ref: str) -> Model | None:
        """The register entry (also the one entered meanwhile under a new row's number)."""
        if ref.startswith("new:"):
            return Member.objects.filter(cooperative=scope.obj, number=ref.removeprefix("new:")).first()
        return super().audit_object(scope, ref)

    def apply(self, scope: Scope, entries: Sequence[Entry], *, actor: User) -> list[Link]:
        units = Municipality.objects.in_bulk([e.data["unit"] for e in entries if e.action == CREATE])
        members = Member.objects.in_bulk([e.data["member"] for e in entries if e.action == CHANGE])
        for entry in entries:
            try:
                if entry.action == CREATE:
                    member = _enter(scope.obj, units[entry.data["unit"]], entry.data, actor)
                else:
                    member = members[entry.data["member"]]
                for day, amount in entry.data["payments"]:
                    services.record_payment(
                        member,
                        {
                            "amount": Decimal(amount),
                            "paid_on": dt.date.fromisoformat(day),
                            "reference": _("Import"),
                        },
                        actor=actor,
                    )
            except ValidationError as exc:
                raise refused_at_row(entry.row, exc) from exc
        return [Link(_("Mitgliederliste"), scope.back_url)]

    def example(self) -> list[list[str]]:
        return [
            ["17", "06433010", "Raunheim, Stadt", "01.07.2019", "2", "15.07.2019: 500,00; 02.01.2020: 500,00"]
        ]

    def export(self, scope: Scope) -> Table:
        return members_table(scope.obj)


def _enter(cooperative: Cooperative, unit: Municipality, data: dict[str, Any], actor: User) -> Member:
    """A new register entry through the service for existing members (entry day, shares); it
    refuses a unit that became a member meanwhile (or twice in the file)."""
    return services.enter_existing_member(
        cooperative,
        {
            "municipality": unit,
            "number": data["number"],
            "admitted_on": dt.date.fromisoformat(data["admitted_on"]),
            "shares": data["shares"],
            "source": _("Import der Mitgliederliste"),
        },
        actor=actor,
    )


register(Members())
