"""Knowledge journeys by keyboard: search with highlighted results, an upload refused with a
message at the field, the network, the inbox, and the public portal as an anonymous visitor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.documents.models import Document, Visibility
from ikz.documents.tests.factories import make_document
from ikz.portal.models import News
from ikz.test import World


def test_search_by_keyboard_shows_highlighted_results(page: Any, live_server: Any, bworld: World) -> None:
    make_document("Charta der Beschaffungskooperation", "Gemeinsame Beschaffungen der Kommunen", kind="pdf")
    make_document(
        "Vermerk Raunheim", "Beschaffung intern", visibility=Visibility.INTERNAL, owner=bworld.kommune_a
    )
    login(page, live_server, bworld.contact_b)
    tab_to(page, f'nav a[href="{reverse("search:search")}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "#id_q")
    assert focus_is_visible(page)
    page.keyboard.type("Beschaffung")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    main = page.locator("main")
    assert "1 Treffer" in main.inner_text()
    assert page.locator("main mark").first.inner_text() in {"Beschaffungen", "Beschaffungskooperation"}
    assert "Vermerk Raunheim" not in main.inner_text()  # Kommune A's internal note
    assert_accessible(page)
    tab_to(page, "main ol a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Charta der Beschaffungskooperation"


def test_upload_of_a_forbidden_type_is_refused_at_the_field(
    page: Any, live_server: Any, bworld: World, tmp_path: Any
) -> None:
    fake = tmp_path / "programm.pdf"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    login(page, live_server, bworld.office)
    page.goto(reverse("documents:document_create"))
    assert_accessible(page)
    tab_to(page, "#id_title")
    page.keyboard.type("Jahresbericht")
    tab_to(page, "#id_date")
    page.keyboard.type("01032024")
    tab_to(page, "#id_file")
    page.locator("#id_file").set_input_files(str(fake))  # a file chooser cannot be typed into
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    error = page.locator("#id_file_error")
    assert "Dieser Dateityp ist nicht erlaubt" in error.inner_text()
    assert page.locator("#id_file").get_attribute("aria-invalid") == "true"
    assert not Document.objects.exists()
    assert_accessible(page)


def test_network_and_inbox_pages_are_accessible(page: Any, live_server: Any, bworld: World) -> None:
    login(page, live_server, bworld.contact_a)
    for url in (
        reverse("network:overview"),
        reverse("network:need_create"),
        reverse("notifications:inbox"),
        reverse("notifications:preferences"),
        reverse("notifications:calendar"),
        reverse("documents:document_list"),
    ):
        page.goto(url)
        assert_accessible(page)


def test_the_portal_as_an_anonymous_visitor(page: Any, live_server: Any, bworld: World) -> None:
    make_document("Im Verbund kostengünstiger", "Presse: Beschaffungen im Verbund", region=bworld.region)
    make_document("Regionsbericht", "Beschaffung", visibility=Visibility.REGION, region=bworld.region)
    News.objects.create(
        region=bworld.region,
        title="Charta unterzeichnet",
        slug="charta",
        date=dt.date(2015, 3, 1),
        text="Die Charta gilt.",
        published=True,
    )
    page.goto(reverse("portal:index"))
    assert_accessible(page)
    tab_to(page, f'main a[href="{reverse("portal:region", args=[bworld.region.slug])}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    text = page.locator("main").inner_text()
    assert "Charta unterzeichnet" in text and "Im Verbund kostengünstiger" in text
    assert "Regionsbericht" not in text
    tab_to(page, "#portal-q")
    page.keyboard.type("Beschaffung")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "1 Treffer" in page.locator("main").inner_text()
    assert_accessible(page)
