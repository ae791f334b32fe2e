"""The cooperative: its office advances a candidate and sees the supervision deadline; a member
requests a service and accepts the offer. Keyboard only, every page axe-clean."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.membership import services
from ikz.membership.models import Onboarding, Order, ServiceRequest, Step
from ikz.membership.tests.helpers import (
    coop_office,
    make_cooperative,
    make_member,
    make_onboarding,
    make_service,
)
from ikz.test import World


def test_office_advances_a_candidate_and_sees_the_deadline(
    page: Any, live_server: Any, bworld: World
) -> None:
    coop = make_cooperative()
    sent = dt.date.today() - dt.timedelta(days=2)
    done = {f"{n}_{w}_on": sent for n in ("declaration", "agreement") for w in ("sent", "signed", "received")}
    onboarding = make_onboarding(
        coop, bworld.kommune_a, step=Step.RESOLUTION, resolution_on=sent, notice_sent_on=sent, **done
    )
    make_onboarding(coop, bworld.kommune_b, kickoff_on=dt.date.today() + dt.timedelta(days=5))
    login(page, live_server, coop_office())
    page.goto(reverse("membership:pipeline"))
    earliest = f"{sent + dt.timedelta(weeks=6):%d.%m.%Y}"
    row = page.locator("main table tbody tr").nth(0)
    assert "Schritt 3" in row.inner_text() and f"Vollzug frühestens am {earliest}" in row.inner_text()
    assert "Beschlussvorlage erstellt" in page.locator("main table tbody tr").nth(1).inner_text()
    assert_accessible(page)

    tab_to(page, f'main a[href="{onboarding.get_absolute_url()}"]')
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"Vollzug frühestens am {earliest}" in page.locator("#frist-text").inner_text()
    assert "noch 40 Tage" in page.locator("#frist-text").inner_text()
    assert_accessible(page)

    advance = reverse("membership:onboarding_advance", args=[onboarding.pk])
    tab_to(page, f'main form[action="{advance}"] button')
    assert "Weiter zu Schritt 4" in page.locator(f'main form[action="{advance}"] button').inner_text()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Weiter zum nächsten Schritt." in page.locator("main").inner_text()
    assert "Schritt 4: Mitgliedschaft" in page.locator("main dl").first.inner_text()
    # the earliest execution date blocks the membership, shown as the first open item
    assert f"Vollzug frühestens am {earliest}" in page.locator("main .kern-alert--warning").inner_text()
    assert Onboarding.objects.get(pk=onboarding.pk).step == Step.MEMBERSHIP
    assert_accessible(page)


def test_member_requests_a_service_and_accepts_the_offer(page: Any, live_server: Any, bworld: World) -> None:
    coop = make_cooperative()
    make_member(coop, bworld.kommune_a, "001", dt.date(2019, 3, 1))
    make_service(coop, "Hinweisgeberschutz")
    login(page, live_server, bworld.member)
    page.goto("/")
    tab_to(page, f'a[href="{reverse("membership:service_list")}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Hinweisgeberschutz" in page.locator("main").inner_text()
    assert_accessible(page)

    tab_to(page, f'main a.kern-btn[href="{reverse("membership:request_create")}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "#id_service")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_description")
    page.keyboard.type("Interne Meldestelle ab Januar")
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    request = ServiceRequest.objects.get()
    assert page.url.endswith(request.get_absolute_url())
    assert "Ihre Anfrage ist eingegangen" in page.locator("main").inner_text()
    assert_accessible(page)

    services.save_offer(
        request,
        {
            "title": "Meldestelle",
            "vat_treatment": "standard",
            "valid_until": dt.date.today() + dt.timedelta(days=30),
        },
        [services.LineInput("Betrieb der Meldestelle", Decimal(12), "Monat", Decimal(390))],
        expected_version=request.version,
        actor=None,
    )
    request.refresh_from_db()
    services.send_offer(request, expected_version=request.version, actor=None)
    page.reload()
    assert "Summe brutto 5.569,20 €" in " ".join(page.locator("main tfoot").inner_text().split())
    assert_accessible(page)
    tab_to(page, 'main button[value="accept"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "der Auftrag ist erteilt" in page.locator("main").inner_text()
    assert Order.objects.get().net == Decimal("4680.00")
    assert_accessible(page)


def test_every_page_of_the_cooperatives_office_is_accessible(
    page: Any, live_server: Any, bworld: World
) -> None:
    """The persona matrix has no platform-wide office; its pages are walked here."""
    from ikz.membership.models import CommitteeSession
    from ikz.membership.tests.helpers import make_request

    coop = make_cooperative()
    member = make_member(coop, bworld.kommune_a, "001", dt.date(2019, 3, 1))
    onboarding = make_onboarding(coop, bworld.kommune_b, step=Step.COMMITTEES)
    session = CommitteeSession.objects.create(
        onboarding=onboarding, body="Magistrat", date=dt.date(2026, 11, 4)
    )
    request = make_request(member, make_service(coop))
    login(page, live_server, coop_office())
    urls = [
        reverse("membership:pipeline"),
        reverse("membership:onboarding_create"),
        reverse("membership:onboarding_detail", args=[onboarding.pk]),
        *[reverse("membership:onboarding_step_edit", args=[onboarding.pk, n]) for n in (1, 3, 4)],
        reverse("membership:onboarding_item_create", args=[onboarding.pk, "frage"]),
        reverse("membership:onboarding_item_edit", args=[onboarding.pk, "sitzung", session.pk]),
        reverse("membership:onboarding_history", args=[onboarding.pk]),
        reverse("membership:template_list"),
        reverse("membership:template_edit", args=["beitrittserklaerung"]),
        reverse("membership:member_list"),
        reverse("membership:member_detail", args=[member.pk]),
        reverse("membership:member_exit", args=[member.pk]),
        reverse("membership:payment_create", args=[member.pk]),
        reverse("membership:service_list"),
        reverse("membership:request_list"),
        reverse("membership:request_create"),
        reverse("membership:request_detail", args=[request.pk]),
        reverse("membership:offer_edit", args=[request.pk]),
        reverse("membership:turnover_report"),
    ]
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert page.locator("main h1").count() == 1, url
        assert_accessible(page)
    # a refused form shows its errors accessibly as well
    page.goto(reverse("membership:onboarding_item_create", args=[onboarding.pk, "sitzung"]))
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("main .kern-alert--danger").count() == 1
    assert_accessible(page)
