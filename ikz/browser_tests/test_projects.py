"""IKZ projects by keyboard only, axe-clean: the project lead edits the charter, adds a milestone
and records the verdict; the steering group commissions a project and records a decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.browser_tests.test_resolutions import _type_date
from ikz.projects import services
from ikz.projects.models import Project
from ikz.projects.tests.helpers import CHARTER, make_project
from ikz.test import World


def _project(world: World, status: str, **values: object) -> Project:
    """The charter without costs unless given (the lead fills them in)."""
    return make_project(world, status=status, **(CHARTER | {"costs": ""} | values))


def _follow(page: Any, selector: str) -> None:
    tab_to(page, selector)
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_lead_edits_the_charter_adds_a_milestone_and_records_the_verdict(
    page: Any, live_server: Any, bworld: World
) -> None:
    project = _project(bworld, "feasibility")
    login(page, live_server, bworld.project_lead)
    page.goto(reverse("projects:project_detail", args=[project.pk]))
    assert "Projektauftrag unvollständig: 1 Standard fehlt" in page.locator("main").inner_text()
    assert_accessible(page)

    _follow(page, f'main a[href="{reverse("projects:project_edit", args=[project.pk])}"]')
    assert_accessible(page)
    tab_to(page, "#id_costs")
    page.keyboard.type("Personalaufwand im Rahmen der vorhandenen Stellen")
    _follow(page, 'main button[type="submit"]')
    assert "Projektauftrag vollständig" in page.locator("main").inner_text()
    assert Project.objects.get(pk=project.pk).costs == "Personalaufwand im Rahmen der vorhandenen Stellen"

    _follow(page, f'main a[href="{reverse("projects:milestone_create", args=[project.pk])}"]')
    assert_accessible(page)
    tab_to(page, "#id_title")
    page.keyboard.type("IST-Analyse")
    page.keyboard.press("Tab")
    _type_date(page, "#id_planned", dt.date(2014, 10, 31))
    _follow(page, 'main button[type="submit"]')
    assert page.locator("main table").nth(0).inner_text().count("IST-Analyse") >= 1
    assert "überfällig" in page.locator("main").inner_text()
    assert project.milestones.get().planned == dt.date(2014, 10, 31)

    _follow(page, f'main a[href="{reverse("projects:project_transition", args=[project.pk])}?nach=verdict"]')
    assert_accessible(page)
    tab_to(page, "#id_verdict")
    page.keyboard.press("ArrowDown")  # the first verdict after "–": IKZ vorteilhaft
    tab_to(page, "#id_verdict_reasons")
    page.keyboard.type("Mengeneffekte durch Beschaffungsgemeinschaften")
    _follow(page, 'main button[type="submit"]')
    saved = Project.objects.get(pk=project.pk)
    assert (saved.status, saved.verdict) == ("verdict", "advantageous")
    assert "IKZ vorteilhaft" in page.locator("main").inner_text()
    assert_accessible(page)


def test_steering_group_commissions_the_project_and_records_a_decision(
    page: Any, live_server: Any, bworld: World
) -> None:
    project = _project(bworld, "prioritised", costs="keine externen Kosten")
    login(page, live_server, bworld.steering)
    page.goto(reverse("projects:project_detail", args=[project.pk]))
    assert_accessible(page)
    _follow(
        page, f'main a[href="{reverse("projects:project_transition", args=[project.pk])}?nach=commissioned"]'
    )
    assert_accessible(page)
    tab_to(page, "#id_reason")
    page.keyboard.type("Sitzung der Lenkungsgruppe")
    _follow(page, 'main button[type="submit"]')
    assert Project.objects.get(pk=project.pk).status == "commissioned"
    assert "beauftragt" in page.locator("main").inner_text()

    _follow(page, f'main a[href="{reverse("projects:decision_create", args=[project.pk])}"]')
    assert_accessible(page)
    tab_to(page, "#id_date")
    _type_date(page, "#id_date", dt.date(2014, 3, 1))
    tab_to(page, "#id_text")
    page.keyboard.type("Projektauftrag erteilt; erster Bericht im Herbst")
    _follow(page, 'main button[type="submit"]')
    assert "01.03.2014" in page.locator("#beschluesse ~ ul").first.inner_text()
    assert project.decisions.get().text == "Projektauftrag erteilt; erster Bericht im Herbst"
    assert_accessible(page)


def test_matrix_and_dashboard_are_accessible(page: Any, live_server: Any, bworld: World) -> None:
    project = _project(bworld, "feasibility", costs="keine", year=2023)
    services.declare_participation(
        project, bworld.kommune_a, "with_staff", ["PL", "LKG"], actor=bworld.office, confirm=True
    )
    services.declare_participation(
        project, bworld.kommune_b, "not_responsible", [], actor=bworld.office, confirm=True
    )
    services.add_milestone(project, {"title": "IST-Analyse", "planned": dt.date(2023, 6, 30)}, actor=None)
    login(page, live_server, bworld.office)
    page.goto(reverse("projects:participation_matrix", args=[bworld.region.slug]))
    assert "X (PL, LKG)" in page.locator("main table").inner_text()
    assert_accessible(page)
    page.goto(reverse("projects:dashboard", args=[bworld.region.slug]))
    assert "IST-Analyse" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(reverse("projects:project_list", args=[bworld.region.slug]))
    assert_accessible(page)
    page.goto(reverse("reports:report_detail", args=[bworld.region.slug, 2023]))
    assert_accessible(page)


def test_lead_records_a_lesson_and_the_office_publishes_the_project(
    page: Any, live_server: Any, bworld: World
) -> None:
    project = _project(bworld, "verdict", verdict="advantageous", verdict_reasons="Einsparung 4,482 Mio. €")
    login(page, live_server, bworld.project_lead)
    page.goto(reverse("projects:project_detail", args=[project.pk]))
    _follow(page, f'main a[href="{reverse("projects:lesson_create", args=[project.pk])}"]')
    assert_accessible(page)
    tab_to(page, "#id_title")
    page.keyboard.type("Zentraler Know-how-Aufbau")
    page.keyboard.press("Tab")
    page.keyboard.type("einheitliches Vertragsmanagement für alle Kommunen")
    _follow(page, 'main button[type="submit"]')
    assert "einheitliches Vertragsmanagement" in page.locator("#erfahrungen ~ section").first.inner_text()
    assert "Im Portal veröffentlichen" not in page.locator("main").inner_text()  # only the office

    page.context.clear_cookies()
    login(page, live_server, bworld.office)
    page.goto(reverse("projects:project_detail", args=[project.pk]))
    assert_accessible(page)
    tab_to(
        page,
        f'main form[action="{reverse("projects:project_publish", args=[project.pk])}"] button',
        limit=300,
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Project.objects.get(pk=project.pk).published
    _follow(page, 'main a[href$="/projekte/beschaffungswesen/"]')
    assert "Einsparung 4,482 Mio. €" in page.locator("main").inner_text()
    assert "Vertragsmanagement" not in page.locator("main").inner_text()  # the lesson stays internal
    assert_accessible(page)
