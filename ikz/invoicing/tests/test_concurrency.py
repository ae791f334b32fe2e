"""Four share invoices issued at the same moment (PostgreSQL, real connections, four threads):
four different numbers without a gap, the counter at four (decision 251)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from ikz.invoicing import services
from ikz.invoicing.models import Invoice, InvoiceCounter
from ikz.invoicing.tests.helpers import make_billing, make_profile
from ikz.membership.tests.helpers import make_cooperative, make_member
from ikz.test import build_world


@pytest.mark.django_db(transaction=True)
def test_parallel_invoices_get_gapless_distinct_numbers() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Braucht PostgreSQL (echte parallele Verbindungen und Zeilensperren); SQLite sperrt die "
            "ganze Datei. CI führt diesen Test im PostgreSQL-Lauf aus (DATABASE_URL=postgres://…)."
        )
    world = build_world()
    coop = make_cooperative()
    make_profile(coop)
    units = [world.kommune_a, world.kommune_b, world.kreis, world.rb]
    members = [make_member(coop, unit, f"{i:03d}", dt.date(2026, 1, 1)) for i, unit in enumerate(units, 1)]
    for member in members:
        make_billing(member)
    barrier = threading.Barrier(len(members))
    errors: list[BaseException] = []

    def issue(member: object) -> None:
        try:
            barrier.wait(timeout=10)
            services.issue_share_invoice(member, issued_on=dt.date(2026, 12, 6), actor=None)  # type: ignore[arg-type]
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == ["2026-0001", "2026-0002", "2026-0003", "2026-0004"]
    assert InvoiceCounter.objects.get(cooperative=coop, year=2026).last == 4
