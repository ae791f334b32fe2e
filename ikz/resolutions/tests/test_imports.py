"""The resolutions import through the pages: errors by row and column, create and change through the
services, the date correction with its reason, the stale refusal, the round trip of both exports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from ikz.audit.models import Action, AuditEntry
from ikz.imports.models import Status
from ikz.imports.registry import get
from ikz.imports.tests.helpers import confirm, upload
from ikz.resolutions import services
from ikz.resolutions.models import Resolution
from ikz.test import World

pytestmark = pytest.mark.django_db

HEAD = "Kürzel;Mitglied;AGS;Gegenstand;Gremium;Sitzungsdatum;Ergebnis;Anmerkung;Quelle;Begründung der Berichtigung"


def _csv(*lines: str, head: str = HEAD) -> bytes:
    return ("\ufeff" + head + "\r\n" + "".join(line + "\r\n" for line in lines)).encode("utf-8")


def _principle(world: World, **values: object) -> Resolution:
    return services.create_resolution(
        world.kommune_a,
        {"body": "stvv", "date": dt.date(2013, 12, 12), "outcome": "adopted_council"} | values,
        actor=world.office,
    )


def test_preview_names_every_error_by_row_and_column_and_writes_nothing(world: World) -> None:
    client = world.client_for("office")
    run = upload(
        client,
        "beschluesse",
        world.region.pk,
        "b.csv",
        _csv(
            ";;06433010;;Gemeindevertretung;12.12.2013;Beschluss der Vertretung gefasst;;;",
            ";;06433099;;Magistrat;12.12.2013;abgelehnt;;;",
            ";;06433007;;Rathaus;1.13.2013;vielleicht;;;",
            ";;06433007;Mitgliedschaft;Magistrat;01.01.2099;Beschluss des Magistrats / Verwaltungsorgans gefasst;;;",
        ),
    )
    assert run.status == Status.FAILED
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "Zeile 2, Spalte „Gremium“: „Gemeindevertretung“ passt nicht zu einer Kommune der Art" in page
    assert "Zeile 3, Spalte „AGS“: „06433099“ ist kein Mitglied der Region." in page
    assert "Zeile 4, Spalte „Ergebnis“: „vielleicht“ ist kein Ergebnis der Liste." in page
    assert "Zeile 4, Spalte „Gremium“: „Rathaus“ ist kein Gremium der Liste." in page
    assert "Zeile 4, Spalte „Sitzungsdatum“: „1.13.2013“ ist kein Datum (TT.MM.JJJJ)." in page
    assert "Zeile 5, Spalte „Sitzungsdatum“: Sitzungsdatum: Ein gefasster" in page
    assert "Import übernehmen" not in page
    assert not Resolution.objects.exists()


def test_apply_creates_changes_and_corrects_a_date_with_its_reason(world: World) -> None:
    stored = _principle(world)
    client = world.client_for("office")
    run = upload(
        client,
        "beschluesse",
        world.region.pk,
        "b.csv",
        _csv(
            ";;06433010;;Stadtverordnetenversammlung;13.12.2013;Beschluss der Vertretung gefasst;;DS 1/2013;",
            ";;06433007;;Magistrat;;noch offen;Sitzung folgt;;",
            ";;06433007;Mitgliedschaft;Stadtverordnetenversammlung;01.03.2020;abgelehnt;;;",
        ),
    )
    assert run.status == Status.FAILED
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert (
        "Zeile 2, Spalte „Begründung der Berichtigung“: Das Sitzungsdatum eines gefassten Beschlusses" in page
    )
    run = upload(
        client,
        "beschluesse",
        world.region.pk,
        "b.csv",
        _csv(
            ";;06433010;;Stadtverordnetenversammlung;13.12.2013;Beschluss der Vertretung gefasst;;DS 1/2013;"
            "Niederschrift: Sitzung am 13.",
            ";;06433007;;Magistrat;;noch offen;Sitzung folgt;;",
            ";;06433007;Mitgliedschaft;Stadtverordnetenversammlung;01.03.2020;abgelehnt;;;",
        ),
    )
    assert run.status == Status.READY
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "2 neu, 1 geändert, 0 unverändert" in page
    assert (
        "Raunheim, Stadt (06433010), IKZ-Grundsatzbeschluss: Stadtverordnetenversammlung, 12.12.2013" in page
    )
    assert "Der Import wurde übernommen." in confirm(client, run)
    stored.refresh_from_db()
    assert (stored.date, stored.source) == (dt.date(2013, 12, 13), "DS 1/2013")
    correction = AuditEntry.objects.filter(object_id=str(stored.pk), action=Action.CORRECTION).get()
    assert correction.actor == world.office and "Niederschrift" in correction.message
    kelsterbach = {
        r.subject: (r.body, r.date, r.outcome, r.note)
        for r in Resolution.objects.filter(municipality=world.kommune_b)
    }
    assert kelsterbach == {
        "principle": ("magistrat", None, "pending", "Sitzung folgt"),
        "membership": ("stvv", dt.date(2020, 3, 1), "rejected", ""),
    }


def test_a_change_since_the_preview_refuses_the_whole_import(world: World) -> None:
    stored = _principle(world)
    client = world.client_for("office")
    run = upload(
        client,
        "beschluesse",
        world.region.pk,
        "b.csv",
        _csv(
            ";;06433007;;Magistrat;;noch offen;;;",
            ";;06433010;;Stadtverordnetenversammlung;12.12.2013;Beschluss der Vertretung gefasst;neu;;",
        ),
    )
    assert run.status == Status.READY
    services.update_resolution(
        stored, {"note": "dazwischen"}, expected_version=stored.version, actor=world.office
    )
    page = confirm(client, run)
    assert "(Zeile 3) wurde seit der Vorschau von" in page and "nicht übernommen" in page
    assert not Resolution.objects.filter(municipality=world.kommune_b).exists()


def test_both_exports_import_back_unchanged_and_export_the_same_file(world: World) -> None:
    _principle(world, note="=einstimmig", source="DS 1/2013")
    services.create_resolution(
        world.kommune_a,
        {
            "subject": "other",
            "subject_text": "Gemeinsames Ordnungsamt",
            "body": "magistrat",
            "outcome": "pending",
        },
        actor=world.office,
    )
    client = world.client_for("office")
    overview = reverse("resolutions:overview", args=[world.region.slug])
    for fmt in ("csv", "xlsx"):
        for url in (
            reverse("imports:current_export", args=["beschluesse", world.region.pk, fmt]),
            f"{overview}?format={fmt}",
        ):
            first = client.get(url).content
            run = upload(client, "beschluesse", world.region.pk, f"export.{fmt}", first)
            page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
            expected = (
                "0 neu, 0 geändert, 3 unverändert" if "bestand" in url else "0 neu, 0 geändert, 2 unverändert"
            )
            assert expected in page, (url, page[page.find("Zeile") : page.find("Zeile") + 400])
    csv = client.get(reverse("imports:current_export", args=["beschluesse", world.region.pk, "csv"])).content
    assert b"Kelst;Kelsterbach, Stadt;06433007;;;;kein Eintrag;;" in csv
    assert b"Raun;Raunheim, Stadt;06433010;Gemeinsames Ordnungsamt;Magistrat" in csv
    assert b"'=einstimmig" in csv
    run = upload(client, "beschluesse", world.region.pk, "export.csv", csv)
    confirm(client, run)
    assert (
        client.get(reverse("imports:current_export", args=["beschluesse", world.region.pk, "csv"])).content
        == csv
    )


def test_only_the_regions_office_imports_resolutions(world: World) -> None:
    kind = get("beschluesse")
    assert kind.scope(world.office, world.region.pk, write=True).obj == world.region
    for user in (world.steering, world.contact_a, world.member):
        with pytest.raises(PermissionDenied):
            kind.scope(user, world.region.pk, write=True)
    with pytest.raises(Http404):
        kind.scope(world.office, 99999, write=True)
    page = world.client_for("office").get(reverse("resolutions:overview", args=[world.region.slug]))
    assert "Beschlüsse importieren" in page.content.decode()
    page = world.client_for("contact_a").get(reverse("resolutions:overview", args=[world.region.slug]))
    assert "Beschlüsse importieren" not in page.content.decode()


def test_a_resolution_recorded_since_the_preview_names_who_recorded_it(world: World) -> None:
    client = world.client_for("office")
    run = upload(
        client,
        "beschluesse",
        world.region.pk,
        "b.csv",
        _csv(";;06433010;;Stadtverordnetenversammlung;12.12.2013;Beschluss der Vertretung gefasst;;;"),
    )
    world.contact_a.first_name, world.contact_a.last_name = "Anna", "Kontakt"
    world.contact_a.save()
    services.create_resolution(
        world.kommune_a, {"body": "magistrat", "outcome": "pending"}, actor=world.contact_a
    )
    page = confirm(client, run)
    assert "(Zeile 2) wurde seit der Vorschau von Anna Kontakt geändert" in page
    assert Resolution.objects.get().body == "magistrat"


def test_the_template_imports_as_one_new_resolution(world: World) -> None:
    client = world.client_for("office")
    template = client.get(reverse("imports:template_download", args=["beschluesse", world.region.pk])).content
    run = upload(client, "beschluesse", world.region.pk, "vorlage.xlsx", template)
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "1 neu, 0 geändert, 0 unverändert" in page and run.status == Status.READY
