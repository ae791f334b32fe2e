"""Catalogues and publishing in the main pages (issue 19, point 3), keyboard only, every page
axe-clean: the cooperative's team keeps its catalogue and enters a member of 2019; the platform
office keeps a grant programme; a region's office writes, publishes and toggles what its portal
shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.cooperation.models import Cooperation, CooperationField, Participant, ParticipantStatus, TaskArea
from ikz.costs.models import GrantProgramme
from ikz.membership.models import Member, Service
from ikz.membership.tests.helpers import coop_office, make_cooperative, make_member, make_service
from ikz.portal.models import News, PublishedCooperation
from ikz.test import World


def _submit(page: Any) -> None:
    tab_to(page, 'main form button[type="submit"].kern-btn--primary')
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_team_keeps_the_catalogue_and_enters_a_member_of_2019(
    page: Any, live_server: Any, bworld: World
) -> None:
    coop = make_cooperative()
    make_member(coop, bworld.kommune_a, "001", dt.date(2018, 1, 1))
    old = make_service(coop, "Telefonanlage")
    login(page, live_server, coop_office())
    page.goto(reverse("membership:service_list"))
    assert_accessible(page)
    tab_to(page, f'main a[href="{reverse("membership:service_create")}"]')
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "#id_category")
    page.select_option("#id_category", "advisory")
    tab_to(page, "#id_name")
    page.keyboard.type("Fördermittelberatung")
    tab_to(page, "#id_description")
    page.keyboard.type("Antrag und Nachweis für Landesprogramme")
    _submit(page)
    assert "Die Leistung steht jetzt im Katalog." in page.locator("main").inner_text()
    assert Service.objects.filter(name="Fördermittelberatung", category="advisory").exists()

    retire = reverse("membership:service_retire", args=[old.pk])
    tab_to(page, f'main form[action="{retire}"] button')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "nicht mehr bestellbar" in page.locator("main").inner_text()
    assert not Service.objects.get(pk=old.pk).is_active
    assert_accessible(page)

    page.goto(reverse("membership:member_list"))
    tab_to(page, f'main a[href="{reverse("membership:member_enter")}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "#id_municipality")
    page.select_option("#id_municipality", str(bworld.kommune_b.pk))
    page.fill("#id_admitted_on", "2019-03-01")
    tab_to(page, "#id_shares")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.fill("#id_paid_on", "2019-03-15")
    _submit(page)
    member = Member.objects.get(municipality=bworld.kommune_b)
    assert page.url.endswith(member.get_absolute_url())
    text = page.locator("main").inner_text()
    assert "01.03.2019" in text and "15.03.2019" in text and member.shares == 2
    assert_accessible(page)


def test_platform_office_keeps_a_grant_programme(page: Any, live_server: Any, bworld: World) -> None:
    login(page, live_server, coop_office())
    page.goto(reverse("costs:programme_list"))
    assert_accessible(page)
    tab_to(page, f'main a[href="{reverse("costs:programme_create")}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "#id_name")
    page.keyboard.type("IKZ-Förderung Hessen")
    tab_to(page, "#id_giver")
    page.keyboard.type("Land Hessen")
    tab_to(page, "#id_source")
    page.keyboard.type("Rahmenvereinbarung 2021")
    tab_to(page, "#id_stufe-0-min_participants")
    page.keyboard.type("3")
    tab_to(page, "#id_stufe-0-amount")
    page.keyboard.type("75000")
    _submit(page)
    assert "Das Förderprogramm wurde gespeichert." in page.locator("main").inner_text()
    programme = GrantProgramme.objects.get()
    assert programme.tiers == [{"min_participants": 3, "amount": "75000"}]
    retire = reverse("costs:programme_retire", args=[programme.pk])
    tab_to(page, f'main form[action="{retire}"] button')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"eingestellt am {dt.date.today():%d.%m.%Y}" in page.locator("main table").inner_text()
    assert_accessible(page)


def test_region_office_writes_publishes_and_toggles_the_portal(
    page: Any, live_server: Any, bworld: World
) -> None:
    area = TaskArea.objects.create(name="Sicherheit und Ordnung", position=1)
    field = CooperationField.objects.create(task_area=area, name="Ordnung", position=1)
    cooperation = Cooperation.objects.create(
        region=bworld.region, field=field, title="Großkontrolle", symbol="■"
    )
    Participant.objects.create(
        cooperation=cooperation, municipality=bworld.kommune_a, status=ParticipantStatus.EXISTS
    )
    slug = bworld.region.slug
    login(page, live_server, bworld.office)
    page.goto(reverse("municipalities:region_detail", args=[slug]))
    tab_to(page, f'main a[href="{reverse("portal:publishing", args=[slug])}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)

    tab_to(page, f'main a[href="{reverse("portal:news_create", args=[slug])}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "#id_title")
    page.keyboard.type("Gemeinsame Vergabestelle gegründet")
    tab_to(page, "#id_text")
    page.keyboard.type("Seit heute arbeitet die Vergabestelle für alle Kommunen der Region.")
    _submit(page)
    news = News.objects.get(region=bworld.region)
    assert "Entwurf" in page.locator("main").inner_text()
    assert_accessible(page)
    publish = reverse("portal:news_publish", args=[slug, news.pk])
    tab_to(page, f'main form[action="{publish}"] button')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Die Neuigkeit ist veröffentlicht." in page.locator("main").inner_text()
    assert News.objects.get(pk=news.pk).published
    page.goto(reverse("portal:news_history", args=[slug, news.pk]))
    assert "im Portal veröffentlicht" in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto(reverse("portal:publishing", args=[slug]))
    toggle = reverse("portal:cooperation_publish", args=[slug, cooperation.pk])
    tab_to(page, f'main form[action="{toggle}"] button')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "„Großkontrolle“ steht jetzt im Portal." in page.locator("main").inner_text()
    assert PublishedCooperation.objects.filter(cooperation=cooperation).exists()
    assert_accessible(page)

    page.goto(reverse("portal:region", args=[slug]))
    public = page.locator("main").inner_text()
    assert "Gemeinsame Vergabestelle gegründet" in public and "Großkontrolle" in public
