"""A steering group meeting by keyboard (issue 22, point 3): the office creates the meeting, puts
what waits for a decision on the agenda, invites, records attendance, writes the minutes, records
the decision with who must act by when and approves the minutes; the project's decision log links
the meeting, the open actions list shows the action; the paper page shows each council's result.
axe finds nothing on each page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.meetings import services
from ikz.meetings.tests.helpers import setting
from ikz.test import World


def _press(page: Any, selector: str, limit: int = 80) -> None:
    tab_to(page, selector, limit=limit)
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_office_runs_a_steering_group_meeting_by_keyboard(
    page: Any, live_server: Any, bworld: World
) -> None:
    s = setting(bworld)
    group = s.steering_group
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    login(page, live_server, bworld.office)
    page.goto(reverse("meetings:region_detail", args=[bworld.region.slug]))
    assert_accessible(page)
    _press(page, f'main a[href="{group.get_absolute_url()}"]')
    assert page.locator("main table tbody tr").count() == 3  # the members with role and voting right
    assert_accessible(page)

    _press(page, f'main a[href="{reverse("meetings:meeting_create", args=[group.pk])}"]')
    assert_accessible(page)
    tab_to(page, "#id_name")
    page.keyboard.type("12. Sitzung")
    tab_to(page, "#id_day")
    page.fill("#id_day", yesterday.isoformat())
    tab_to(page, "#id_start_time")
    page.fill("#id_start_time", "10:00")
    tab_to(page, "#id_location")
    page.keyboard.type("Rathaus Raunheim")
    _press(page, 'main button[type="submit"]')
    meeting = group.meetings.get()
    assert page.url.endswith(meeting.get_absolute_url())
    assert_accessible(page)

    # the agenda: tick both things that wait for a decision
    _press(page, f'main a[href="{reverse("meetings:agenda_add", args=[meeting.pk])}"]')
    assert_accessible(page)
    for box in ("#id_proposals_0", "#id_proposals_1"):
        tab_to(page, box)
        page.keyboard.press("Space")
    _press(page, 'main button[type="submit"]')
    assert page.locator("main table tbody tr").count() == 2

    # the invitation
    tab_to(page, 'main form[action$="/einladen/"] button')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Einladung versandt" in page.locator("body").inner_text()
    assert_accessible(page)

    # attendance: Kai Kelster excused
    _press(page, f'main a[href="{reverse("meetings:attendance", args=[meeting.pk])}"]')
    assert_accessible(page)
    kai = page.get_by_label("Kai Kelster")
    kai.focus()
    kai.select_option("excused")
    _press(page, 'main button[type="submit"]')
    assert "2 anwesend, davon 1 stimmberechtigt" in page.locator("main").inner_text()

    # the minutes (the meeting is held), then the decision on the project with who acts by when
    _press(page, f'main a[href="{reverse("meetings:minutes", args=[meeting.pk])}"]')
    tab_to(page, "#id_minutes")
    page.keyboard.type("Die Lenkungsgruppe tagte im Rathaus.")
    _press(page, 'main button[type="submit"]')
    first, second = meeting.agenda_items.all()
    _press(page, f'main a[href="{reverse("meetings:item_result", args=[first.pk])}"]')
    assert_accessible(page)
    page.get_by_label("Ergebnis", exact=True).select_option("adopted")
    tab_to(page, "#id_resolution_text")
    page.keyboard.type("Das Vergabezentrum wird priorisiert.")
    tab_to(page, "#id_responsible")
    page.keyboard.type("Projektleitung")
    page.fill("#id_due_on", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    _press(page, 'main button[type="submit"]')
    _press(page, f'main a[href="{reverse("meetings:item_result", args=[second.pk])}"]')
    page.get_by_label("Ergebnis", exact=True).select_option("noted")
    _press(page, 'main button[type="submit"]')
    _press(page, f'main a[href="{reverse("meetings:approve", args=[meeting.pk])}"]')
    page.fill("#id_approved_on", timezone.localdate().isoformat())
    _press(page, 'main button[type="submit"]')
    main = page.locator("main").inner_text()
    assert "Niederschrift genehmigt am" in main and "Entwurf" not in main
    assert_accessible(page)

    # the project's decision log links the meeting; the open actions list has the action
    _press(page, f'main a[href^="{s.project.get_absolute_url()}#beschluss-"]')
    log = page.locator("main").inner_text()
    assert "Das Vergabezentrum wird priorisiert." in log and "IKZ-Lenkungsgruppe, Sitzung am" in log
    assert "Projektleitung" in log
    page.goto(reverse("meetings:actions", args=[bworld.region.slug]))
    assert page.locator("main table tbody tr").count() == 1
    assert_accessible(page)


def test_a_paper_with_each_councils_result(page: Any, live_server: Any, bworld: World) -> None:
    s = setting(bworld)
    paper = services.create_paper(
        bworld.region,
        {
            "reference": "LG-2026/01",
            "name": "Grundsatzbeschluss",
            "date": timezone.localdate(),
            "subject": "principle",
            "text": "Die Vertretung beschließt die Intensivierung der IKZ.",
        },
        actor=bworld.office,
    )
    services.add_councils(paper, [bworld.kommune_a.pk, bworld.kommune_b.pk, s.third.pk], actor=bworld.office)
    login(page, live_server, bworld.contact_a)
    page.goto(paper.get_absolute_url())
    assert_accessible(page)
    council = paper.consultations.get(municipality=bworld.kommune_a)
    _press(page, f'main a[href="{reverse("meetings:council_result", args=[paper.pk, council.pk])}"]')
    assert_accessible(page)
    page.get_by_label("Gremium").select_option("stvv")
    page.fill("#id_date", timezone.localdate().isoformat())
    page.get_by_label("Ergebnis").select_option("adopted_council")
    _press(page, 'main button[type="submit"]')
    main = page.locator("main").inner_text()
    assert "Räte: 1 von 3 entschieden (1 zugestimmt, 0 abgelehnt)." in main
    # the contact of Kommune A records (and corrects) only Kommune A's result
    links = page.locator('main a[href*="/rat/"]')
    assert links.count() == 1 and links.get_attribute("href").endswith(f"/rat/{council.pk}/")
