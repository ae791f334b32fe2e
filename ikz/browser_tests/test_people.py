"""People and access: the office invites a contact person by keyboard, the person opens the link
from the e-mail, sets a password (a too short one refused first) and logs in — axe on every page."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.urls import reverse

from ikz.accounts.models import User
from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, focused, login, tab_to
from ikz.jobs.services import work_off
from ikz.test import World

NEW_PASSWORD = "Sonnenblume-Rathaus-2027"


def _type_into(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def test_office_invites_a_contact_who_sets_a_password_and_logs_in(
    page: Any, live_server: Any, bworld: World
) -> None:
    login(page, live_server, bworld.office)
    page.goto(reverse("accounts:people_list"))
    assert page.locator("main table tbody tr").count() >= 5
    assert_accessible(page)
    invite = reverse("accounts:person_invite")
    tab_to(page, f'main a[href="{invite}"]')
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    _type_into(page, "#id_email", "erika.muster@raunheim.example")
    _type_into(page, "#id_first_name", "Erika")
    _type_into(page, "#id_last_name", "Muster")
    _type_into(page, "#id_function", "Hauptamt")
    tab_to(page, "#id_role")
    page.keyboard.type("Kommune")  # the select's type-ahead: "Kommune (Ansprechpartner/in)"
    assert page.locator("#id_role").input_value() == "contact"
    tab_to(page, "#id_municipality")
    page.keyboard.type("Raunheim")
    assert page.locator("#id_municipality").input_value() == str(bworld.kommune_a.pk)
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    person = User.objects.get(email="erika.muster@raunheim.example")
    assert page.url.endswith(reverse("accounts:person_detail", args=[person.pk]))
    assert "Die Einladung an erika.muster@raunheim.example wird versendet" in page.inner_text("main")
    assert "eingeladen" in page.inner_text("main dl")
    assert_accessible(page)

    # the invited person, in another browser session: the link from the e-mail
    work_off()  # the queue's worker sends the queued invitation
    link = re.search(r"https?://[^/\s]+(/konto/einladung/\S+/)", mail.outbox[-1].body)
    assert link is not None
    page.context.clear_cookies()
    page.goto(link.group(1))
    assert "erika.muster@raunheim.example" in page.inner_text("main")
    assert_accessible(page)
    _type_into(page, "#id_new_password1", "kurz")
    _type_into(page, "#id_new_password2", "kurz")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "zu kurz" in page.inner_text("main")
    assert_accessible(page)
    _type_into(page, "#id_new_password1", NEW_PASSWORD)
    _type_into(page, "#id_new_password2", NEW_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("accounts:login"))
    assert "Ihr Passwort ist gesetzt" in page.inner_text("main")
    assert_accessible(page)
    if not focused(page, "#id_username"):
        tab_to(page, "#id_username")
    page.keyboard.type("erika.muster@raunheim.example")
    page.keyboard.press("Tab")
    page.keyboard.type(NEW_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert reverse("accounts:login") not in page.url
    assert "Raunheim" in page.inner_text("body")
    assert_accessible(page)
    # the link is spent
    page.goto(link.group(1))
    assert "bereits benutzt" in page.inner_text("main")


def test_the_office_sees_who_has_access_to_a_municipality(page: Any, live_server: Any, bworld: World) -> None:
    login(page, live_server, bworld.office)
    page.goto(reverse("municipalities:municipality_detail", args=[bworld.kommune_a.pk]))
    target = reverse("accounts:municipality_access", args=[bworld.kommune_a.pk])
    tab_to(page, f'main a[href="{target}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 4  # office, steering group, contact A, member
    assert_accessible(page)
    page.goto(reverse("accounts:person_detail", args=[bworld.contact_a.pk]))
    assert_accessible(page)
