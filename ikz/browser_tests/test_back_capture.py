"""The record over time by keyboard only, axe-clean (decisions 92, 106, 108, 109): the office
back-captures a past project through the pages, sees it with its dated history and in the
portfolio and the participation matrix as of a past Stand, and corrects a step's date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.audit.models import Action, AuditEntry
from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.browser_tests.test_resolutions import _type_date
from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.projects.models import Participation, Project, TransitionLog
from ikz.projects.tests.helpers import make_project
from ikz.test import World

STAGES = {
    "proposal": dt.date(2014, 1, 15),
    "prioritised": dt.date(2014, 2, 1),
    "commissioned": dt.date(2014, 3, 1),
    "feasibility": dt.date(2014, 3, 15),
    "verdict": dt.date(2015, 6, 30),
    "implementation": dt.date(2015, 9, 1),
}
FINAL = dt.date(2016, 1, 1)


def _follow(page: Any, selector: str, limit: int = 120) -> None:
    tab_to(page, selector, limit=limit)
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _submit(page: Any, limit: int = 200) -> None:
    _follow(page, 'main form[method="post"] button[type="submit"]', limit=limit)


def _choose(page: Any, selector: str, label: str) -> None:
    """Focus a select by Tab and move to the option ``label`` with the arrow keys."""
    tab_to(page, selector)
    for _ in range(30):
        if page.evaluate("s => document.querySelector(s).selectedOptions[0]?.label", selector) == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"„{label}“ ist in {selector} nicht per Tastatur wählbar")


def _date(page: Any, selector: str, day: dt.date) -> None:
    tab_to(page, selector)
    _type_date(page, selector, day)


def _fill_back_capture(page: Any, world: World) -> None:
    tab_to(page, "#id_title")
    page.keyboard.type("Prüfung elektrischer Anlagen")
    tab_to(page, "#id_year")
    page.keyboard.type("2014")
    for stage, day in STAGES.items():
        _date(page, f"#id_date_{stage}", day)
        if stage == "verdict":
            _choose(page, "#id_verdict", "IKZ vorteilhaft")
            tab_to(page, "#id_verdict_reasons")
            page.keyboard.type("Mengeneffekte bei der Prüfung")
    a, b = world.kommune_a.pk, world.kommune_b.pk
    _choose(page, f"#id_p{a}_status", "Projektbeteiligung mit personeller Vertretung")
    tab_to(page, f"#id_p{a}_pl")
    page.keyboard.press("Space")
    tab_to(page, f"#id_p{a}_pg")
    page.keyboard.press("Space")
    _date(page, f"#id_p{a}_joined_on", STAGES["proposal"])
    _choose(page, f"#id_p{b}_status", "Projektbeteiligung ohne personelle Vertretung")
    _date(page, f"#id_p{b}_joined_on", dt.date(2014, 6, 1))
    _choose(page, "#id_final_state", "in lokalen Kooperationen umgesetzt")
    _date(page, "#id_date_final", FINAL)
    tab_to(page, "#id_cooperations")
    page.keyboard.press("ArrowDown")  # the only cooperation of the region's inventory
    if not page.evaluate("() => document.querySelector('#id_cooperations').selectedOptions.length"):
        page.keyboard.press("Space")


def test_office_back_captures_a_past_project_and_sees_it_as_of_a_past_day(
    page: Any, live_server: Any, bworld: World
) -> None:
    area = TaskArea.objects.create(name="Sicherheit und Ordnung", position=1)
    field = CooperationField.objects.create(task_area=area, name="Prüfung elektrischer Anlagen", position=1)
    cooperation = Cooperation.objects.create(
        region=bworld.region, field=field, title="Prüfdienst Elektro", symbol="■"
    )
    login(page, live_server, bworld.office)
    page.goto(reverse("projects:project_list", args=[bworld.region.slug]))
    assert_accessible(page)
    _follow(page, f'main a[href="{reverse("projects:project_back_capture", args=[bworld.region.slug])}"]')
    assert_accessible(page)
    _fill_back_capture(page, bworld)
    _submit(page)

    project = Project.objects.get(title="Prüfung elektrischer Anlagen")
    assert page.url.endswith(project.get_absolute_url())
    assert (project.status, project.verdict, project.finished_on) == ("local", "advantageous", FINAL)
    assert list(project.outcome.cooperations.all()) == [cooperation]
    assert "Prüfdienst Elektro" in page.locator("main").inner_text()
    cells = {p.municipality_id: (p.cell, p.joined_on) for p in Participation.objects.filter(project=project)}
    assert cells == {
        bworld.kommune_a.pk: ("X (PL, PG)", STAGES["proposal"]),
        bworld.kommune_b.pk: ("X", dt.date(2014, 6, 1)),
    }
    history = page.locator("main").inner_text()
    for day in [*STAGES.values(), FINAL]:
        assert f"wirksam am {day:%d.%m.%Y}" in history
    assert "Mengeneffekte bei der Prüfung" in history
    assert_accessible(page)

    # the participation matrix as of 30.06.2014: the project runs, both cells as they were then
    page.goto(reverse("projects:participation_matrix", args=[bworld.region.slug]))
    _date(page, "#id_stand", dt.date(2014, 6, 30))
    _follow(page, "main form.ikz-stand button[type=submit]")
    assert "stand=2014-06-30" in page.url
    main = page.locator("main").inner_text()
    assert "30.06.2014" in page.locator("h1").inner_text()
    assert "Prüfung elektrischer Anlagen" in main and "X (PL, PG)" in main
    assert_accessible(page)

    # the portfolio as of 30.06.2014: still in the feasibility study, no verdict yet
    page.goto(reverse("projects:project_list", args=[bworld.region.slug]))
    _date(page, "#id_stand", dt.date(2014, 6, 30))
    page.keyboard.press("Enter")
    page.wait_for_url("**stand=2014-06-30**")
    row = page.locator("main table tr", has_text="Prüfung elektrischer Anlagen").inner_text()
    assert "Prüfung läuft" in row and "in Betrieb" not in row
    assert "30.06.2014" in page.locator("h1").inner_text()
    assert_accessible(page)
    # before its first step the project did not exist
    page.goto(reverse("projects:project_list", args=[bworld.region.slug]) + "?stand=2013-12-31")
    assert "Prüfung elektrischer Anlagen" not in page.locator("main").inner_text()


def test_office_corrects_a_step_date_by_keyboard_the_reason_is_required(
    page: Any, live_server: Any, bworld: World
) -> None:
    project = make_project(bworld, status="proposal", effective_on=dt.date(2014, 1, 15))
    log = TransitionLog.objects.get(project=project)
    login(page, live_server, bworld.office)
    page.goto(project.get_absolute_url())
    assert_accessible(page)
    _follow(page, f'main a[href="{reverse("projects:step_correct", args=[project.pk, log.pk])}"]', limit=300)
    assert_accessible(page)
    _date(page, "#id_effective_on", dt.date(2014, 1, 10))
    _submit(page)  # without a reason
    assert page.locator("#id_reason").get_attribute("aria-invalid") == "true"
    summary = page.locator("main [role=alert]").first.inner_text()
    assert "Begründung der Berichtigung:" in summary  # the error names the field
    assert TransitionLog.objects.get(pk=log.pk).effective_on == dt.date(2014, 1, 15)
    assert_accessible(page)

    tab_to(page, "#id_reason")
    page.keyboard.type("laut Protokoll der Lenkungsgruppe")
    if page.locator("#id_effective_on").input_value() != "2014-01-10":
        _date(page, "#id_effective_on", dt.date(2014, 1, 10))
    _submit(page)
    assert TransitionLog.objects.get(pk=log.pk).effective_on == dt.date(2014, 1, 10)
    assert "wirksam am 10.01.2014" in page.locator("main").inner_text()
    entry = AuditEntry.objects.filter(action=Action.CORRECTION, object_id=str(project.pk)).get()
    assert "laut Protokoll der Lenkungsgruppe" in entry.message
    assert_accessible(page)
