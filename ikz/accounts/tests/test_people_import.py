"""The import "Personen mit Rollen" through the pages: invitations and added roles, errors by row
and column, refusals outside the region, the stale check, and export → import → export unchanged."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from ikz.accounts import services
from ikz.accounts.models import Role, RoleAssignment, User
from ikz.imports.models import Status
from ikz.imports.tests.helpers import confirm, upload
from ikz.jobs.services import work_off
from ikz.municipalities.models import Kind, Level, Region, RegionMember
from ikz.test import World, make_unit, make_user

pytestmark = pytest.mark.django_db
HEAD = "Nachname;Vorname;E-Mail;Funktion;Rolle;Region/AGS"


def _csv(*lines: str) -> bytes:
    return ("\ufeff" + HEAD + "\r\n" + "".join(line + "\r\n" for line in lines)).encode("utf-8")


def test_new_addresses_are_invited_and_known_ones_get_the_role(world: World) -> None:
    world.contact_b.email = "kai@kelsterbach.example"
    world.contact_b.save()
    client = world.client_for("office")
    run = upload(
        client,
        "personen",
        world.region.pk,
        "personen.csv",
        _csv(
            "Muster;Erika;Erika@Raunheim.example;Hauptamt;Kommune (Ansprechpartner/in);06433010",
            "Muster;Erika;erika@raunheim.example;Hauptamt;Lenkungsgruppe;ikz-test",
            "Kelster;Kai;kai@kelsterbach.example;;Lenkungsgruppe;ikz-test",
            "Kelster;Kai;kai@kelsterbach.example;;contact;06433007",
        ),
    )
    assert run.status == Status.READY, run.problems
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "2 neu, 1 geändert, 1 unverändert" in page
    body = confirm(client, run)
    assert "Personen und Zugänge" in body
    erika = User.objects.get(email="erika@raunheim.example")
    assert erika.first_name == "Erika" and erika.function == "Hauptamt" and not erika.has_usable_password()
    assert set(erika.role_assignments.values_list("role", flat=True)) == {"contact", "steering"}
    work_off()  # the queue's worker sends the queued invitations
    assert [m.to for m in mail.outbox] == [["erika@raunheim.example"]]  # one invitation per person
    assert RoleAssignment.objects.filter(user=world.contact_b, role="steering", region=world.region).exists()


def test_every_error_by_row_and_column_and_nothing_outside_the_region(world: World) -> None:
    other = make_unit(
        "06433003", "Bischofsheim", Level.GEMEINDE, Kind.GEMEINDE, world.kreis, ars="064330003003"
    )
    region_b = Region.objects.create(name="IKZ Region B", slug="region-b", office_name="GS B")
    RegionMember.objects.create(region=region_b, municipality=other, position=1, short_label="Bisch")
    client = world.client_for("office")
    run = upload(
        client,
        "personen",
        world.region.pk,
        "p.csv",
        _csv(
            "Muster;Erika;keine-adresse;;Kommune (Ansprechpartner/in);06433010",
            ";;neu@example.org;;Lenkungsgruppe;ikz-test",
            "Bisch;Bert;bert@example.org;;Kommune (Ansprechpartner/in);06433003",
            "Zwei;Zora;zora@example.org;;Lenkungsgruppe;region-b",
            "Plat;Paul;paul@example.org;;Geschäftsstelle;",
            "Kaiser;Karl;karl@example.org;;König;ikz-test",
        ),
    )
    assert run.status == Status.FAILED
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "Zeile 2, Spalte „E-Mail“: „keine-adresse“ ist keine E-Mail-Adresse." in page
    assert "Zeile 3, Spalte „Nachname“: Für eine neue Person bitte ausfüllen." in page
    assert "Zeile 4, Spalte „Region/AGS“: „06433003“ ist keine Mitgliedskommune der Region" in page
    assert "Zeile 5, Spalte „Region/AGS“: „region-b“ ist nicht diese Region" in page
    assert "Zeile 6, Spalte „Region/AGS“: Plattformweite Rollen (ohne Region) vergibt nur" in page
    assert "Zeile 7, Spalte „Rolle“: Unbekannte Rolle" in page
    assert not User.objects.filter(email__endswith="example.org").exists() and mail.outbox == []
    # the import of region B is not the office's of region A
    response = client.get(reverse("imports:run_create", args=["personen", region_b.pk]))
    assert response.status_code == 403
    assert (
        world.client_for("contact_a")
        .get(reverse("imports:run_create", args=["personen", world.region.pk]))
        .status_code
        == 403
    )


def test_a_role_given_since_the_preview_refuses_the_whole_import(world: World) -> None:
    world.contact_b.email = "kai@kelsterbach.example"
    world.contact_b.save()
    client = world.client_for("office")
    run = upload(
        client,
        "personen",
        world.region.pk,
        "p.csv",
        _csv("Kelster;Kai;kai@kelsterbach.example;;Lenkungsgruppe;ikz-test"),
    )
    services.grant_role(world.contact_b, Role.PROJECT_LEAD, region=world.region, actor=world.office)
    body = confirm(client, run)
    assert "seit der Vorschau" in body and "nicht übernommen" in body
    assert not RoleAssignment.objects.filter(user=world.contact_b, role="steering").exists()


def test_export_import_export_is_unchanged(world: World) -> None:
    for person in (world.office, world.steering, world.contact_a, world.contact_b, world.member):
        person.email = f"{person.username}@example.org"
        person.save()
    make_user(
        "fremd",
        Role.CONTACT,
        municipality=make_unit(
            "06433003", "Bischofsheim", Level.GEMEINDE, Kind.GEMEINDE, world.kreis, ars="064330003003"
        ),
    )
    client = world.client_for("office")
    first = client.get(reverse("accounts:people_list"), {"format": "xlsx"}).content
    run = upload(client, "personen", world.region.pk, "personen.xlsx", first)
    assert run.status == Status.READY, run.problems
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "0 neu, 0 geändert, 5 unverändert" in page
    confirm(client, run)
    again = client.get(reverse("accounts:people_list"), {"format": "xlsx"}).content
    rows = [list(r) for r in load_workbook(io.BytesIO(first)).active.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert rows == [list(r) for r in load_workbook(io.BytesIO(again)).active.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert "Fremd" not in str(rows)
    kind_export = client.get(reverse("imports:current_export", args=["personen", world.region.pk, "csv"]))
    csv_run = upload(client, "personen", world.region.pk, "bestand.csv", kind_export.content)
    assert csv_run.status == Status.READY and csv_run.counts["unchanged"] == 5  # type: ignore[index]
