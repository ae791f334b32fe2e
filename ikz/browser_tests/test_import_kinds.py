"""The import kinds by keyboard, axe-clean (issue 19 point 2, decisions 150-153): the region's office
imports its members' resolutions from the overview (a file with an error is refused at its row and
column, the corrected file shows what is new and changed, the import is confirmed and the overview
shows it), enters past projects with their history from the project list, and the cooperative's
team enters its existing members with their payments from the member list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from ikz.accounts.models import User
from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.browser_tests.test_jobs_in_background import run_jobs_and_reload
from ikz.membership.models import Member, Payment
from ikz.membership.tests.helpers import coop_office, make_cooperative
from ikz.projects.models import Participation, Project
from ikz.resolutions import services as resolution_services
from ikz.resolutions.models import Resolution
from ikz.test import World

pytestmark = pytest.mark.browser


def _follow(page: Any, selector: str, limit: int = 120) -> None:
    tab_to(page, selector, limit=limit)
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _upload(page: Any, name: str, text: str) -> str:
    """Choose the file (the one step a file dialog takes), send it by keyboard and wait for the
    preview after the check has run (progress bar, then the counts); returns the counts."""
    assert_accessible(page)
    tab_to(page, "#id_file")
    page.set_input_files("#id_file", {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")})
    _follow(page, 'main form[enctype] button[type="submit"]', limit=10)
    page.wait_for_selector("#import-counts")
    return str(page.inner_text("#import-counts"))


def _confirm(page: Any) -> None:
    assert_accessible(page)
    _follow(page, 'main form[action$="/uebernehmen/"] button[type="submit"]')
    assert "wird übernommen" in page.inner_text("main")  # queued (decision 167)
    run_jobs_and_reload(page)
    assert "Der Import wurde übernommen." in page.inner_text("main")
    assert_accessible(page)


RESOLUTIONS = (
    "AGS;Gegenstand;Gremium;Sitzungsdatum;Ergebnis;Quelle;Begründung der Berichtigung\n"
    "06433010;;Stadtverordnetenversammlung;13.12.2013;Beschluss der Vertretung gefasst;DS 1/2013;{reason}\n"
    "06433007;;Stadtverordnetenversammlung;20.02.2014;Beschluss der Vertretung gefasst;;\n"
)


def test_office_imports_resolutions_from_the_overview(page: Any, live_server: Any, bworld: World) -> None:
    resolution_services.create_resolution(
        bworld.kommune_a,
        {"body": "stvv", "date": dt.date(2013, 12, 12), "outcome": "adopted_council"},
        actor=bworld.office,
    )
    login(page, live_server, bworld.office)
    page.goto(reverse("resolutions:overview", args=[bworld.region.slug]))
    _follow(page, f'a[href="{reverse("imports:run_create", args=["beschluesse", bworld.region.pk])}"]')
    assert "Import: Beschlüsse der Mitglieder" in page.inner_text("h1")
    assert (
        _upload(page, "beschluesse.csv", RESOLUTIONS.format(reason="")) == "1 neu, 0 geändert, 0 unverändert"
    )
    text = page.inner_text("main")
    assert (
        "Zeile 2, Spalte „Begründung der Berichtigung“: Das Sitzungsdatum eines gefassten Beschlusses" in text
    )
    assert "Import übernehmen" not in text
    assert_accessible(page)
    _follow(page, f'main a[href$="/beschluesse/{bworld.region.pk}/"]')
    counts = _upload(page, "beschluesse.csv", RESOLUTIONS.format(reason="Niederschrift nennt den 13.12."))
    assert counts == "1 neu, 1 geändert, 0 unverändert"
    assert (
        "Kelsterbach, Stadt (06433007), IKZ-Grundsatzbeschluss: Stadtverordnetenversammlung, 20.02.2014"
        in (page.inner_text("main"))
    )
    _confirm(page)
    _follow(page, f'main .kern-alert a[href$="/beschluesse/region/{bworld.region.slug}/"]')
    assert "Kelsterbach" in page.inner_text("main table")
    assert set(Resolution.objects.values_list("date", flat=True)) == {
        dt.date(2013, 12, 13),
        dt.date(2014, 2, 20),
    }


PROJECTS = (
    "Titel;Projektjahr;Vorschlag am;priorisiert am;beauftragt am;Prüfung begonnen am;Prüfergebnis am;"
    "Prüfergebnis;Gründe für das Ergebnis;"
    "Ergebnis des Projekts;beendet am;Grund für den Abschluss ohne Umsetzung;Raunheim;Kelsterbach\n"
    "Gaststättenrecht;2019;01.03.2019;15.03.2019;20.03.2019;01.04.2019;30.11.2019;IKZ nicht vorteilhaft;"
    "zu wenige Fälle;"
    "abgeschlossen ohne Umsetzung;31.12.2019;kein Vorteil;X (PL);X ab 01.05.2019\n"
)


def test_office_imports_past_projects_from_the_project_list(
    page: Any, live_server: Any, bworld: World
) -> None:
    login(page, live_server, bworld.office)
    page.goto(reverse("projects:project_list", args=[bworld.region.slug]))
    _follow(page, f'a[href="{reverse("imports:run_create", args=["projekte", bworld.region.pk])}"]')
    assert _upload(page, "projekte.csv", PROJECTS) == "1 neu, 0 geändert, 0 unverändert"
    _confirm(page)
    project = Project.objects.get(title="Gaststättenrecht")
    assert (project.status, project.verdict) == ("closed", "not_advantageous")
    assert Participation.objects.get(project=project, municipality=bworld.kommune_b).joined_on == dt.date(
        2019, 5, 1
    )
    _follow(page, f'main .kern-alert a[href$="/projekte/region/{bworld.region.slug}/"]')
    assert "Gaststättenrecht" in page.inner_text("main")


MEMBERS = (
    "Mitgliedsnummer;AGS;Eintritt wirksam am;Geschäftsanteile;Einzahlungen\n"
    '7;06433010;01.07.2019;2;"15.07.2019: 500,00; 02.01.2020: 500,00"\n'
    "8;06433007;01.01.2021;1;\n"
)


def test_cooperative_team_imports_existing_members(page: Any, live_server: Any, bworld: World) -> None:
    cooperative, team = make_cooperative(), coop_office()
    login(page, live_server, User.objects.get(pk=team.pk))
    page.goto(reverse("membership:member_list"))
    _follow(page, f'a[href="{reverse("imports:run_create", args=["mitglieder", cooperative.pk])}"]')
    assert _upload(page, "mitglieder.csv", MEMBERS) == "2 neu, 0 geändert, 0 unverändert"
    assert "Nr. 7 Raunheim, Stadt (06433010): Eintritt 01.07.2019, 2 Anteile" in page.inner_text("main")
    _confirm(page)
    _follow(page, 'main .kern-alert a[href$="/mitglieder/"]')
    assert "Kelsterbach" in page.inner_text("main")
    member = Member.objects.get(number="7")
    assert (member.admitted_on, member.shares, Payment.objects.filter(member=member).count()) == (
        dt.date(2019, 7, 1),
        2,
        2,
    )
