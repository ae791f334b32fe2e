"""The Fördermitteldatenbank by keyboard: the office filters the programme list, reads why a
programme fits a project (the reasons stated), creates a group application from the programme's
page, enters the partners' shares, submits it, records the notice and marks the
Verwendungsnachweis "erledigt" with its file; the contact person of the lead municipality reads
the result. axe finds nothing on each page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, login, tab_to
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.funding import services
from ikz.funding.models import Application, ApplicationStatus
from ikz.projects.models import Participation, Project
from ikz.test import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _world(bworld: World) -> tuple[Any, Project]:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten")
    field = CooperationField.objects.create(task_area=area, name="Vergabe")
    programme = services.save_programme(
        {
            "name": "Förderung der Interkommunalen Zusammenarbeit in Hessen",
            "giver": "land",
            "kinds": ["zuschuss"],
            "areas": ["regional"],
            "eligible": ["kommune"],
            "territories": ["06"],
            "all_fields": True,
            "min_partners": 2,
            "min_population": 5000,
            "max_population": 50000,
            "region": bworld.region,
        },
        actor=bworld.office,
    )
    services.save_call(
        programme,
        {"title": "Aufruf 2027", "mode": "stichtage"},
        [(dt.date.today() + dt.timedelta(days=30), "Stichtag")],
        actor=bworld.office,
    )
    project = Project.objects.create(
        region=bworld.region,
        title="Gemeinsame Vergabestelle",
        year=2026,
        field=field,
        lead_municipality=bworld.kommune_a,
    )
    Participation.objects.create(project=project, municipality=bworld.kommune_b, status="with_staff")
    return programme, project


def _press(page: Any, selector: str, limit: int = 80) -> None:
    tab_to(page, selector, limit=limit)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_group_application_from_the_match_to_its_verwendungsnachweis(
    page: Any, live_server: Any, bworld: World
) -> None:
    programme, project = _world(bworld)
    login(page, live_server, bworld.office)
    page.goto(reverse("funding:programme_list"))
    assert_accessible(page)
    page.select_option("#id_giver", "land")
    page.check("#id_offen")
    _press(page, 'main form button[type="submit"]')
    assert "1 Förderprogramm" in page.locator("main caption").inner_text()
    assert "offen: nächste Frist" in page.locator("main table").inner_text()

    page.goto(reverse("funding:matches", args=["projekt", project.pk]))
    reasons = page.locator("main").inner_text()
    assert "passt" in reasons
    assert "Einwohnerzahl 15.297 liegt in 5.000–50.000 (Raunheim, Stadt)" in reasons
    assert "Kooperation verlangt: 2 Partner – beteiligt sind 2" in reasons
    assert "Fördergebiet passt: Hessen" in reasons
    assert_accessible(page)
    _press(page, f'main a[href="{programme.get_absolute_url()}"]')
    assert_accessible(page)
    _press(page, f'main a[href="{reverse("funding:application_create", args=[programme.pk])}"]')
    assert_accessible(page)
    tab_to(page, "#id_title")
    page.keyboard.type("Gemeinsame Vergabestelle")
    page.select_option("#id_region", str(bworld.region.pk))
    page.select_option("#id_lead", str(bworld.kommune_a.pk))
    page.check("#id_group")
    page.select_option("#id_partners", [str(bworld.kommune_b.pk)])
    page.select_option("#id_project", str(project.pk))
    page.fill("#id_amount_requested", "75.000")
    _press(page, 'main button[type="submit"]')
    application = Application.objects.get()
    assert page.url.endswith(application.get_absolute_url())
    assert_accessible(page)

    for municipality, share in ((bworld.kommune_a, "60"), (bworld.kommune_b, "40")):
        page.select_option("#id_municipality", str(municipality.pk))
        page.fill("#id_share_percent", share)
        _press(page, 'main form[action$="/partner/"] button[type="submit"]')
        assert "Der Partner ist eingetragen." in page.locator("main").inner_text()
    _press(page, 'main form[action$="/einreichen/"] button[type="submit"]')
    assert "eingereicht" in page.locator("main dl").inner_text()
    _press(page, f'main a[href="{reverse("funding:notice_record", args=[application.pk])}"]')
    assert_accessible(page)
    page.fill("#id_awarded_on", dt.date.today().isoformat())
    page.fill("#id_amount_awarded", "75.000")
    page.fill("#id_funded_until", (dt.date.today() + dt.timedelta(days=365)).isoformat())
    _press(page, 'main button[type="submit"]')
    obligations = page.locator("main table").nth(1).inner_text()
    assert "Anteil an Kelsterbach, Stadt weiterleiten (30.000,00\xa0€)" in obligations
    assert "Verwendungsnachweis einreichen" in obligations
    assert_accessible(page)

    proof = application.obligations.get(kind="proof")
    _press(page, f'main a[href="{reverse("funding:obligation_done", args=[proof.pk])}"]', limit=120)
    assert_accessible(page)
    page.set_input_files(
        "#id_evidence", files=[{"name": "vn.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    _press(page, 'main button[type="submit"]')
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PROVEN
    assert "Verwendung nachgewiesen" in page.locator("main").inner_text()

    page.context.clear_cookies()
    login(page, live_server, bworld.contact_a)
    page.goto(reverse("projects:project_detail", args=[project.pk]))
    _press(page, f'main a[href="{application.get_absolute_url()}"]', limit=150)
    assert "Verwendung nachgewiesen" in page.locator("main").inner_text()
    assert_accessible(page)
