"""A new district from nothing to its first survey, through the pages alone (issue 19, "Done when").

The platform office founds the Wetteraukreis (seed 003) from the register and invites the person
who runs its office; she sets her password, logs in and invites the contact person of Bad Nauheim,
who logs in for the first time (nothing to do yet); the office imports its cooperations from an
XLSX file, opens the first survey, and the contact person finds the questionnaire on her start page
and in her inbox. Keyboard only, except choosing the file (the system's own dialog); axe on every
page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core import mail
from django.urls import reverse

from ikz.accounts.models import Role, User
from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, focused, login, tab_to
from ikz.browser_tests.test_jobs_in_background import run_jobs_and_reload
from ikz.browser_tests.test_new_district import _register, _replace
from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.imports.tests.test_matrix import xlsx
from ikz.jobs.services import work_off
from ikz.municipalities.models import Municipality, Region
from ikz.surveys.models import Campaign, CampaignStatus
from ikz.test import World, make_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFFICE_MAIL = "geschaeftsstelle@wetterau.example"
CONTACT_MAIL = "hauptamt@bad-nauheim.example"
PASSWORDS = {OFFICE_MAIL: "Limes-Keltenwelt-7391", CONTACT_MAIL: "Sprudelhof-Kurpark-2027"}


def _enter(page: Any) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _go(page: Any, href: str, limit: int = 120) -> None:
    """Follow the link to ``href`` in the main part of the page by keyboard."""
    tab_to(page, f'main a[href="{href}"]', limit=limit)
    assert focus_is_visible(page)
    _enter(page)
    assert_accessible(page)


def _type(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector, limit=120)
    page.keyboard.type(text)


def _invite(
    page: Any, email: str, first: str, last: str, role: str, *, region: str = "", unit: str = ""
) -> None:
    page.goto(reverse("accounts:people_list"))
    _go(page, reverse("accounts:person_invite"))
    _type(page, "#id_email", email)
    _type(page, "#id_first_name", first)
    _type(page, "#id_last_name", last)
    tab_to(page, "#id_role")
    page.keyboard.type(role)  # the select's type-ahead
    if region:
        tab_to(page, "#id_region")
        page.keyboard.type(region)
    if unit:
        tab_to(page, "#id_municipality")
        page.keyboard.type(unit)
    tab_to(page, 'main button[type="submit"]')
    _enter(page)
    assert f"Die Einladung an {email} wird versendet" in page.inner_text("main")
    assert_accessible(page)


def _accept_and_log_in(page: Any, email: str) -> None:
    """The invited person, in a browser session of her own: the link from the e-mail, a password,
    the first login."""
    work_off()  # the queue's worker sends the queued invitation
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    link = re.search(r"https?://[^/\s]+(/konto/einladung/\S+/)", message.body)
    assert link is not None, message.body
    page.context.clear_cookies()
    page.goto(link.group(1))
    assert_accessible(page)
    _type(page, "#id_new_password1", PASSWORDS[email])
    _type(page, "#id_new_password2", PASSWORDS[email])
    _enter(page)
    assert "Ihr Passwort ist gesetzt" in page.inner_text("main")
    _log_in(page, email)


def _log_in(page: Any, email: str) -> None:
    """Log in with the e-mail address and the password the person chose (by keyboard)."""
    if reverse("accounts:login") not in page.url:
        page.context.clear_cookies()
        page.goto(reverse("accounts:login"))
    if not focused(page, "#id_username"):
        tab_to(page, "#id_username")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORDS[email])
    _enter(page)
    assert page.locator("h1").inner_text() == "Meine Aufgaben"
    assert_accessible(page)


def _found_the_region(page: Any) -> Region:
    page.goto(reverse("municipalities:region_list"))
    _go(page, reverse("municipalities:region_from_register"))
    tab_to(page, "#id_kreis")
    page.locator("#id_kreis").select_option("06440")
    tab_to(page, "main form[method=get] button[type=submit]")
    _enter(page)
    assert_accessible(page)
    _replace(page, "#id_m-1-short_label", "BN")
    tab_to(page, "main form[method=post] button.kern-btn--primary", limit=120)
    _enter(page)
    region = Region.objects.get(slug="wetteraukreis")
    assert region.members.count() == 26  # 25 Gemeinden and the Kreis
    return region


def _import_the_matrix(page: Any, region: Region) -> None:
    page.goto(reverse("cooperation:inventory_overview", args=[region.slug]))
    assert_accessible(page)
    _go(page, reverse("imports:run_create", args=["kooperationsmatrix", region.pk]))
    rows = [
        ["Kooperationsfeld", "BN", "Friedberg (Hessen), Kreisstadt", "06440003"],
        ["Vergabe", "■f", "■", ""],
        [],
        ["■ = Zentrale Vergabestelle Wetterau (Vergabe)"],
    ]
    tab_to(page, "#id_file")
    page.set_input_files("#id_file", files=[{"name": "matrix.xlsx", "mimeType": XLSX, "buffer": xlsx(rows)}])
    tab_to(page, 'main form button[type="submit"]')
    _enter(page)
    page.wait_for_selector("#import-counts")  # the check ran by itself (progress.js)
    assert "1 neu, 0 geändert, 0 unverändert" in page.locator("main").inner_text()
    assert_accessible(page)
    tab_to(page, 'main form[action$="/uebernehmen/"] button[type="submit"]')
    _enter(page)
    run_jobs_and_reload(page)  # the apply runs as a background job (decision 167)
    assert "Der Import wurde übernommen." in page.content()
    assert_accessible(page)


def _open_the_survey(page: Any, region: Region) -> Campaign:
    page.goto(reverse("surveys:campaign_list", args=[region.slug]))
    assert_accessible(page)
    _go(page, reverse("surveys:campaign_create", args=[region.slug]))
    _type(page, "#id_title", "Bestandsaufnahme IKZ Wetterau")
    year = dt.date.today().year
    page.locator("#id_period_start").fill(f"{year}-01-01")
    page.locator("#id_period_end").fill(f"{year}-12-31")
    page.locator("#id_deadline").fill(f"{year + 1}-03-31")
    tab_to(page, "#id_status")
    page.locator("#id_status").select_option(CampaignStatus.OPEN)
    tab_to(page, "main form button.kern-btn--primary", limit=150)
    _enter(page)
    campaign = Campaign.objects.get(region=region)
    assert campaign.status == CampaignStatus.OPEN
    assert_accessible(page)
    return campaign


def test_a_new_district_from_nothing_to_its_first_survey(page: Any, live_server: Any, bworld: World) -> None:
    _register(bworld)
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    CooperationField.objects.create(task_area=area, name="Vergabe", position=1)

    # 1. the platform office: the region from the register, and the person for its office
    login(page, live_server, make_user("plattform", Role.OFFICE))
    region = _found_the_region(page)
    _invite(page, OFFICE_MAIL, "Greta", "Wetter", "Geschäftsstelle", region="IKZ Wetteraukreis")
    office = User.objects.get(email=OFFICE_MAIL)
    assert office.role_assignments.get().region == region

    # 2. the new office logs in for the first time and invites the contact person of Bad Nauheim
    _accept_and_log_in(page, OFFICE_MAIL)
    _invite(page, CONTACT_MAIL, "Bernd", "Brunnen", "Kommune", unit="Bad Nauheim")
    bad_nauheim = Municipality.objects.get(key="06440002")
    assert User.objects.get(email=CONTACT_MAIL).role_assignments.get().municipality == bad_nauheim

    # 3. the contact's first login: nothing to do yet
    _accept_and_log_in(page, CONTACT_MAIL)
    assert "Bestandsaufnahme" not in page.locator("main").inner_text()
    contact_page = page.url

    # 4. the office imports its cooperations from Excel and opens the first survey
    _log_in(page, OFFICE_MAIL)
    _import_the_matrix(page, region)
    coop = Cooperation.objects.get(region=region)
    assert coop.title == "Zentrale Vergabestelle Wetterau"
    assert sorted(coop.participants.values_list("municipality__key", "is_lead")) == [
        ("06440002", True),
        ("06440008", False),
    ]
    campaign = _open_the_survey(page, region)

    # 5. the contact person: the questionnaire on the start page, and the notice in the inbox
    _log_in(page, CONTACT_MAIL)
    assert page.url == contact_page
    task = page.locator("li.ikz-task", has_text="offene Fragebögen")
    assert task.locator(".ikz-task__count").inner_text() == "1"
    assert "Bestandsaufnahme IKZ Wetterau" in task.inner_text()
    assert_accessible(page)
    _go(page, f"{reverse('surveys:campaign_list', args=[region.slug])}?offen=1")
    assert page.locator("main table tbody tr").count() == 1
    page.goto(reverse("notifications:inbox"))
    assert "Bestandsaufnahme IKZ Wetterau" in page.locator("main").inner_text()
    assert_accessible(page)
    own = reverse("surveys:response_detail", args=[campaign.pk, bad_nauheim.pk])
    _go(page, own)
    assert "Bad Nauheim" in page.locator("h1").inner_text()
