"""The members import through the pages: existing members with past entry days, shares and dated
payments; errors by row and column; payments added to entered members; the stale refusal; the
round trip of the kind's export; only the cooperative's team imports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from ikz.audit.models import Action, AuditEntry
from ikz.imports.models import Status
from ikz.imports.registry import get
from ikz.imports.tests.helpers import confirm, upload
from ikz.membership import services
from ikz.membership.models import Cooperative, Member, Payment, ShareEvent
from ikz.membership.tests.helpers import coop_office, make_cooperative
from ikz.test import PASSWORD, World

pytestmark = pytest.mark.django_db

HEAD = "Mitgliedsnummer;AGS;Name / Firma;Eintritt wirksam am;Geschäftsanteile;Einzahlungen"


def _csv(*lines: str) -> bytes:
    return ("\ufeff" + HEAD + "\r\n" + "".join(line + "\r\n" for line in lines)).encode("utf-8")


@pytest.fixture
def coop() -> Cooperative:
    return make_cooperative()


@pytest.fixture
def team() -> Client:
    client = Client()
    assert client.login(username=coop_office().username, password=PASSWORD)
    return client


def test_preview_names_every_error_by_row_and_column_and_writes_nothing(
    world: World, coop: Cooperative, team: Client
) -> None:
    services.enter_member(
        coop, world.kommune_b, number="3", admitted_on=dt.date(2018, 1, 1), source="", actor=None
    )
    run = upload(
        team,
        "mitglieder",
        coop.pk,
        "m.csv",
        _csv(
            '1;06433010;Raunheim;01.07.2019;0;"15.07.2019: 500,00; 01.01.2099: 5"',
            "2;06433099;Fremd;01.07.2019;1;",
            "4;06433007;Kelsterbach;1.7.2099;1;01.07.2019 500",
            "3;06433007;Kelsterbach;02.01.2018;2;",
            "5;06;Hessen;01.07.2019;1;",
        ),
    )
    assert run.status == Status.FAILED
    page = team.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert (
        "Zeile 2, Spalte „Geschäftsanteile“: „0“: Die Satzung verlangt mindestens 1 Geschäftsanteil(e)"
        in page
    )
    assert (
        "Zeile 2, Spalte „Einzahlungen“: Die Einzahlung am 01.01.2099 liegt vor dem Eintritt oder in der"
        in page
    )
    assert "Zeile 3, Spalte „AGS“: „06433099“ ist kein Schlüssel des Registers." in page
    assert "Zeile 4, Spalte „Eintritt wirksam am“: Der 01.07.2099 liegt in der Zukunft" in page
    assert "Zeile 4, Spalte „Einzahlungen“: „01.07.2019 500“ ist keine Einzahlung der Form" in page
    assert "Zeile 4, Spalte „AGS“: Kelsterbach, Stadt ist bereits Mitglied (Nr. 3)." in page
    assert "Zeile 5, Spalte „Eintritt wirksam am“: Eingetragen ist der 01.01.2018" in page
    assert "Zeile 5, Spalte „Geschäftsanteile“: Eingetragen sind 1 Anteile" in page
    assert "Zeile 6, Spalte „AGS“: Hessen ist weder eine Gebietskörperschaft" not in page  # the Land is one
    assert Member.objects.count() == 1 and not Payment.objects.exists()


def test_apply_enters_members_with_past_entry_shares_and_payments_and_adds_payments(
    world: World, coop: Cooperative, team: Client
) -> None:
    old = services.enter_member(
        coop, world.kommune_b, number="3", admitted_on=dt.date(2018, 1, 1), source="", actor=None
    )
    services.record_payment(old, {"amount": Decimal(500), "paid_on": dt.date(2018, 1, 15)}, actor=None)
    run = upload(
        team,
        "mitglieder",
        coop.pk,
        "m.csv",
        _csv(
            '17;06433010;Raunheim;01.07.2019;2;"15.07.2019: 500,00; 02.01.2020: 500"',
            '3;06433007;Kelsterbach;01.01.2018;1;"15.01.2018: 500; 10.02.2021: 1.000,00"',
        ),
    )
    assert run.status == Status.READY
    page = team.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "1 neu, 1 geändert, 0 unverändert" in page
    assert "Nr. 17 Raunheim, Stadt (06433010): Eintritt 01.07.2019, 2 Anteile" in page
    assert "Nr. 3 (06433007): neue Einzahlungen 10.02.2021: 1.000,00" in page
    assert "Der Import wurde übernommen." in confirm(team, run)
    new = Member.objects.get(number="17")
    assert (new.municipality, new.admitted_on, new.shares) == (world.kommune_a, dt.date(2019, 7, 1), 2)
    assert list(ShareEvent.objects.filter(member=new).values_list("delta", "effective_on")) == [
        (2, dt.date(2019, 7, 1))
    ]
    assert sorted(Payment.objects.filter(member=new).values_list("paid_on", "amount")) == [
        (dt.date(2019, 7, 15), Decimal("500.00")),
        (dt.date(2020, 1, 2), Decimal("500.00")),
    ]
    assert Payment.objects.filter(member=old).count() == 2
    assert (
        AuditEntry.objects.filter(object_id=str(new.pk), content_type__model="member", action=Action.CREATE)
        .get()
        .actor.username
        == "genossenschaft"
    )  # type: ignore[union-attr]


def test_a_payment_recorded_since_the_preview_refuses_the_whole_import(
    world: World, coop: Cooperative, team: Client
) -> None:
    old = services.enter_member(
        coop, world.kommune_b, number="3", admitted_on=dt.date(2018, 1, 1), source="", actor=None
    )
    run = upload(
        team,
        "mitglieder",
        coop.pk,
        "m.csv",
        _csv("17;06433010;;01.07.2019;1;", "3;06433007;;01.01.2018;1;15.01.2018: 500"),
    )
    assert run.status == Status.READY
    services.record_payment(old, {"amount": Decimal(500), "paid_on": dt.date(2018, 1, 15)}, actor=None)
    page = confirm(team, run)
    assert (
        "„Nr. 3 (06433007): neue Einzahlungen 15.01.2018: 500,00“ (Zeile 3) wurde seit der Vorschau" in page
    )
    assert not Member.objects.filter(number="17").exists()
    assert Payment.objects.count() == 1


def test_the_export_imports_back_unchanged_and_exports_the_same_file(
    world: World, coop: Cooperative, team: Client
) -> None:
    member = services.enter_member(
        coop, world.kommune_a, number="17", admitted_on=dt.date(2019, 7, 1), source="", actor=None, shares=2
    )
    for day in (dt.date(2019, 7, 15), dt.date(2020, 1, 2)):
        services.record_payment(member, {"amount": Decimal("500.00"), "paid_on": day}, actor=None)
    services.enter_member(
        coop, world.kommune_b, number="3", admitted_on=dt.date(2018, 1, 1), source="", actor=None
    )
    url = reverse("imports:current_export", args=["mitglieder", coop.pk, "csv"])
    first = team.get(url).content
    assert b'17;06433010;Raunheim, Stadt;2019-07-01;2;"15.07.2019: 500,00; 02.01.2020: 500,00"' in first
    for fmt in ("csv", "xlsx"):
        data = team.get(reverse("imports:current_export", args=["mitglieder", coop.pk, fmt])).content
        run = upload(team, "mitglieder", coop.pk, f"export.{fmt}", data)
        page = team.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
        assert "0 neu, 0 geändert, 2 unverändert" in page, fmt
        confirm(team, run)
    assert team.get(url).content == first


def test_only_the_cooperatives_team_imports_members(world: World, coop: Cooperative) -> None:
    kind, office = get("mitglieder"), coop_office()
    assert kind.scope(office, coop.pk, write=True).obj == coop
    for user in (world.office, world.contact_a, world.member):
        with pytest.raises(PermissionDenied):
            kind.scope(user, coop.pk, write=True)
    with pytest.raises(Http404):
        kind.scope(office, coop.pk + 1, write=True)


def test_a_member_entered_since_the_preview_names_who_entered_it(
    world: World, coop: Cooperative, team: Client
) -> None:
    run = upload(team, "mitglieder", coop.pk, "m.csv", _csv("17;06433010;;01.07.2019;1;"))
    assert run.status == Status.READY
    world.office.first_name, world.office.last_name = "Olga", "Office"
    world.office.save()
    services.enter_member(
        coop, world.kommune_b, number="17", admitted_on=dt.date(2019, 1, 1), source="", actor=world.office
    )
    page = confirm(team, run)
    assert "(Zeile 2) wurde seit der Vorschau von Olga Office geändert" in page
    assert not Member.objects.filter(municipality=world.kommune_a).exists()


def test_the_template_imports_as_one_new_member(world: World, coop: Cooperative, team: Client) -> None:
    template = team.get(reverse("imports:template_download", args=["mitglieder", coop.pk])).content
    run = upload(team, "mitglieder", coop.pk, "vorlage.xlsx", template)
    assert run.status == Status.READY, run.problems
    assert "Nr. 17 Raunheim, Stadt (06433010): Eintritt 01.07.2019, 2 Anteile" in (
        team.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    )


def test_one_unit_in_two_new_rows_is_refused_at_the_second(
    world: World, coop: Cooperative, team: Client
) -> None:
    run = upload(
        team, "mitglieder", coop.pk, "m.csv", _csv("6;06433010;;01.07.2019;1;", "7;06433010;;01.08.2019;1;")
    )
    assert run.problems == [[3, "AGS", "Dieses Mitglied wird schon in Zeile 2 eingetragen."]]
