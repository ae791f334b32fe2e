import re

import pytest
from django.core import mail
from django.urls import reverse

from ikz.jobs.services import work_off
from ikz.test import PASSWORD, World

pytestmark = pytest.mark.django_db


def test_login_logout_and_role_in_header(world: World, client) -> None:  # type: ignore[no-untyped-def]
    bad = client.post(reverse("accounts:login"), {"username": "contact_a", "password": "falsch"})
    assert "Benutzername oder Passwort ist falsch." in bad.content.decode()
    response = client.post(
        reverse("accounts:login"), {"username": "contact_a", "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert "Kommune (Ansprechpartner/in)" in page and "IKZ Testregion" in page
    assert "Raunheim, Stadt" in page  # "Ihre Kommune"
    client.post(reverse("accounts:logout"))
    welcome = client.get(reverse("home"))  # logged out: the welcome with the way to log in
    assert welcome.status_code == 200 and reverse("accounts:login") in welcome.content.decode()
    assert "Raunheim, Stadt" not in welcome.content.decode()


def test_password_reset_by_mail(world: World, client) -> None:  # type: ignore[no-untyped-def]
    world.contact_a.email = "a@example.org"
    world.contact_a.save()
    client.post(reverse("accounts:password_reset"), {"email": "a@example.org"})
    assert mail.outbox == []  # queued; the queue's worker sends it
    assert work_off() == 1
    assert len(mail.outbox) == 1 and "Passwort zurücksetzen" in mail.outbox[0].subject
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    form_url = client.get(link).url
    response = client.post(
        form_url, {"new_password1": "Neues-Passwort-2026", "new_password2": "Neues-Passwort-2026"}
    )
    assert response.status_code == 302
    assert client.login(username="contact_a", password="Neues-Passwort-2026")


def test_weak_password_is_refused_in_german(world: World) -> None:
    client = world.client_for("contact_a")
    page = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "kurz", "new_password2": "kurz"},
    ).content.decode()
    assert "Dieses Passwort ist zu kurz" in page


def test_language_switch_to_english_and_back(world: World) -> None:
    client = world.client_for("office")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    assert '<html lang="en">' in english
    assert "Skip to content" in english and "Municipalities" in english and "Log out" in english
    assert "Zum Inhalt springen" not in english
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    assert '<html lang="de">' in client.get("/").content.decode()


def test_an_english_browser_still_gets_german_until_the_switch(world: World) -> None:
    client = world.client_for("contact_a")
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="de">' in page and "Abmelden" in page


def test_navigation_marks_the_most_specific_item(world: World) -> None:
    page = world.client_for("steering").get(reverse("municipalities:region_list")).content.decode()
    # the same navigation twice: in the wide header and behind the phone's menu button (decision 141)
    navs = re.findall(r'<nav class="ikz-nav[^"]*"[^>]*>(.*?)</nav>', page, re.S)
    assert len(navs) == 2 and all(nav.count('aria-current="page"') == 1 for nav in navs)
    assert page.count('aria-current="page"') == 2
    assert f'href="{reverse("municipalities:region_list")}" aria-current="page"' in page


def test_the_english_catalogue_translates_every_message() -> None:
    """Every German msgid has an English text, and the compiled catalogue matches the source."""
    from pathlib import Path

    from django.conf import settings

    po = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    text = po.read_text(encoding="utf-8")
    assert 'msgstr ""\n\n' not in text.split("\n\n", 1)[1] + "\n\n", "unübersetzte Texte in django.po"
    assert "#, fuzzy" not in text
    assert mo.stat().st_mtime >= po.stat().st_mtime - 1, "django.mo ist älter als django.po: compilemessages"


def _login(client, username: str, password: str, address: str = "192.0.2.10"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_five_wrong_passwords_block_the_account_with_a_german_message(world: World, client) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        assert (
            "Benutzername oder Passwort ist falsch." in _login(client, "contact_a", "falsch").content.decode()
        )
    # even the right password is refused now, and says how long to wait
    page = _login(client, "contact_a", PASSWORD).content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in page and "15 Minute(n)" in page
    assert "_auth_user_id" not in client.session
    # another account from another address is not affected; the name is matched case-insensitively
    assert _login(client, "CONTACT_A", PASSWORD, address="198.51.100.7").status_code == 200
    assert _login(client, "contact_b", PASSWORD, address="198.51.100.7").status_code == 302


def test_block_ends_after_the_window_and_success_clears_the_count(world: World, client, settings) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.utils import timezone

    from ikz.accounts.models import LoginFailure

    for _ in range(4):
        _login(client, "contact_a", "falsch")
    assert _login(client, "contact_a", PASSWORD).status_code == 302  # 4 < 5: allowed
    assert not LoginFailure.objects.filter(username="contact_a").exists()
    client.post(reverse("accounts:logout"))
    for _ in range(5):
        _login(client, "contact_a", "falsch")
    LoginFailure.objects.update(at=timezone.now() - dt.timedelta(minutes=16))
    assert _login(client, "contact_a", PASSWORD).status_code == 302


def test_one_address_guessing_many_accounts_is_blocked(world: World, client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.IKZ_LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    for name in ["anna", "bert", "carl"]:
        _login(client, name, "falsch", address="203.0.113.5")
    page = _login(client, "contact_a", PASSWORD, address="203.0.113.5").content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in page
    assert _login(client, "contact_a", PASSWORD, address="203.0.113.6").status_code == 302


def test_behind_a_proxy_the_address_is_the_one_the_proxy_added(world: World, client, settings) -> None:  # type: ignore[no-untyped-def]
    from ikz.accounts.models import LoginFailure

    settings.IKZ_PROXY_COUNT = 1
    client.post(
        reverse("accounts:login"),
        {"username": "contact_a", "password": "falsch"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.44",  # the first entry is whatever the client sent
    )
    assert list(LoginFailure.objects.values_list("address", flat=True)) == ["192.0.2.44"]
