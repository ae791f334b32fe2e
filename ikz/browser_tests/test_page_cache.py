"""Stored pages (the page cache, decision 205) in a real browser, by keyboard: a visitor of the
portal gets the region page from the store on the second view and switches the language with its
form (the form's token renewed for this browser); the office's start page comes from the store and
its "Abmelden" button logs out. axe finds nothing on the stored pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, login, tab_to
from ikz.test import World


@pytest.fixture
def stored(settings: Any) -> None:
    settings.IKZ_PAGE_CACHE = settings.IKZ_READ_CACHE = True
    pages = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "browser-pages"}
    settings.CACHES = {**settings.CACHES, "pages": pages}


def test_stored_pages_keep_their_forms_working(
    page: Any, live_server: Any, bworld: World, stored: None
) -> None:
    url = reverse("portal:region", args=[bworld.region.slug])
    assert page.goto(url).headers["x-page-cache"] == "miss"
    assert page.goto(url).headers["x-page-cache"] == "hit"
    assert_accessible(page)
    tab_to(page, 'header .ikz-wide button[name="language"]', limit=40)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"  # the switch was accepted

    login(page, live_server, bworld.office)
    home = reverse("home")
    page.goto(home)
    response = page.goto(home)
    assert response.headers["x-page-cache"] == "hit"
    assert_accessible(page)
    tab_to(page, f'header .ikz-wide form[action="{reverse("accounts:logout")}"] button', limit=60)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(home)  # logged out: the visitors' start page, not the office's stored one
    assert page.locator(f'header .ikz-wide a[href="{reverse("accounts:login")}"]').count() == 1
    assert page.locator("main .ikz-task").count() == 0
