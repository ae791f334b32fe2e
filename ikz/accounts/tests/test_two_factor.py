"""Two-factor authentication as the person sees it: set-up, login with code, refusals, recovery
codes, the office requirement, and what the audit trail and the back office never show."""

from __future__ import annotations

import html
import re
import time
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ikz.accounts import queries, rules, services
from ikz.accounts.models import LoginFailure, RecoveryCode, TotpDevice, User
from ikz.audit.models import AuditEntry
from ikz.test import PASSWORD, World

pytestmark = pytest.mark.django_db


def current_code(secret: str, offset_steps: int = 0) -> str:
    step = rules.totp_step(time.time()) + offset_steps
    return rules.hotp(rules.secret_bytes(secret), step)


def set_up(world: World, user: User) -> tuple[str, list[str]]:
    """Two-factor authentication switched on for ``user`` through the services; the secret and codes."""
    services.start_totp_setup(user, actor=user)
    secret = queries.pending_secret(user)
    assert secret is not None
    codes = services.confirm_totp(user, current_code(secret), actor=user)
    # the set-up used the current step; later logins in the test use the next one
    return secret, codes


def login(client: Client, username: str, password: str = PASSWORD, **extra: Any):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="192.0.2.1",
        **extra,
    )


def enter(client: Client, code: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:login_code"), {"code": code}, REMOTE_ADDR="192.0.2.1")


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_set_up_from_the_profile_shows_the_secret_and_confirms_with_a_code(world: World) -> None:
    client = world.client_for("contact_a")
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:two_factor") in profile and "Zwei-Faktor-Anmeldung" in profile
    assert "ausgeschaltet" in profile
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert "Zwei-Faktor-Anmeldung einrichten" in page
    response = client.post(reverse("accounts:two_factor_start"))
    assert response.status_code == 302
    page = client.get(reverse("accounts:two_factor")).content.decode()
    grouped = re.search(r'<code class="ikz-secret" id="schluessel">([A-Z2-7 ]+)</code>', page).group(1)  # type: ignore[union-attr]
    secret = grouped.replace(" ", "")
    assert len(secret) == 32 and f"otpauth://totp/IKZ-Plattform:contact_a?secret={secret}" in page
    # the QR code beside it is the code of exactly this address (made on the server, no service)
    uri = html.unescape(re.search(r'<code class="ikz-secret-uri">([^<]+)</code>', page).group(1))  # type: ignore[union-attr]
    image = html.unescape(re.search(r'<img class="ikz-qr" src="([^"]+)" alt="QR-Code', page).group(1))  # type: ignore[union-attr]
    assert image.startswith("data:image/svg+xml") and image == rules.qr_data_uri(uri)
    assert rules.qr_data_uri(uri.replace(secret, "A" * 32)) != image
    # a reload shows the same secret (the app may already have it)
    assert grouped in client.get(reverse("accounts:two_factor")).content.decode()
    # the secret is stored encrypted, not as typed into the app
    device = TotpDevice.objects.get(user=world.contact_a)
    assert secret not in device.secret and device.confirmed_at is None

    wrong = client.post(reverse("accounts:two_factor_confirm"), {"code": "000000"})
    assert wrong.status_code == 400 and "Der Code ist nicht gültig" in wrong.content.decode()
    done = client.post(reverse("accounts:two_factor_confirm"), {"code": current_code(secret)})
    page = done.content.decode()
    assert done.status_code == 200 and "Die Zwei-Faktor-Anmeldung ist eingeschaltet" in page
    codes = re.findall(r"<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>", page)
    assert len(codes) == 10
    # only hashes are kept
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert stored == {rules.hash_recovery_code(c) for c in codes}
    assert "eingeschaltet" in client.get(reverse("accounts:profile")).content.decode()
    # the audit trail knows it happened, but never the secret or a code
    entries = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(TotpDevice))
    assert {e.message for e in entries} >= {"Einrichtung der Zwei-Faktor-Anmeldung begonnen"}
    dump = " ".join(f"{e.message} {e.changes} {e.object_repr}" for e in entries)
    assert secret not in dump and not any(c in dump for c in codes)


def test_login_with_a_code_after_the_password(world: World, client: Client) -> None:
    secret, _codes = set_up(world, world.contact_a)
    response = login(client, "contact_a", **{"QUERY_STRING": "next=/kommunen/"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login_code")
    assert not logged_in(client)  # the password alone is not enough
    page = client.get(reverse("accounts:login_code")).content.decode()
    assert "Anmelden: Code eingeben" in page and 'autocomplete="one-time-code"' in page
    done = enter(client, current_code(secret, 1))
    assert done.status_code == 302 and logged_in(client)
    assert client.get(reverse("home")).status_code == 200


def test_login_keeps_the_page_asked_for(world: World, client: Client) -> None:
    secret, _codes = set_up(world, world.contact_a)
    client.post(
        reverse("accounts:login") + "?next=/kommunen/",
        {"username": "contact_a", "password": PASSWORD, "next": "/kommunen/"},
    )
    assert enter(client, current_code(secret, 1))["Location"] == "/kommunen/"


def test_a_wrong_code_is_refused_in_german_and_counts_as_a_failed_login(world: World, client: Client) -> None:
    set_up(world, world.contact_a)
    login(client, "contact_a")
    response = enter(client, "123456")
    assert response.status_code == 400 and not logged_in(client)
    assert "Der Code ist nicht gültig" in response.content.decode()
    assert LoginFailure.objects.filter(username="contact_a").count() == 1


def test_wrong_codes_are_throttled_and_the_password_does_not_reset_the_count(
    world: World, client: Client
) -> None:
    secret, _codes = set_up(world, world.contact_a)
    for _ in range(3):
        login(client, "contact_a")
        enter(client, "123456")
    login(client, "contact_a")  # the right password again: the count stays
    assert LoginFailure.objects.filter(username="contact_a").count() == 3
    enter(client, "123456")
    enter(client, "123456")
    # now even the right code is refused for a while
    response = enter(client, current_code(secret, 1))
    assert response.status_code == 429 and not logged_in(client)
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.content.decode()
    # and so is the password step
    assert "Zu viele fehlgeschlagene" in login(Client(), "contact_a").content.decode()


def test_the_same_code_cannot_be_used_twice(world: World) -> None:
    secret, _codes = set_up(world, world.contact_a)
    code = current_code(secret, 1)
    first = Client()
    login(first, "contact_a")
    assert enter(first, code).status_code == 302 and logged_in(first)
    second = Client()  # somebody who saw the code over the shoulder
    login(second, "contact_a")
    response = enter(second, code)
    assert response.status_code == 400 and not logged_in(second)
    # the code set-up used is spent too
    assert not services.check_second_factor(world.contact_a, current_code(secret))


def test_a_recovery_code_works_once(world: World) -> None:
    _secret, codes = set_up(world, world.contact_a)
    client = Client()
    login(client, "contact_a")
    response = enter(client, codes[0].upper().replace("-", " "))  # typed sloppily
    assert response.status_code == 302 and logged_in(client)
    page = client.get(response["Location"]).content.decode()
    assert "Wiederherstellungscode angemeldet" in page and "Noch unbenutzt: 9" in page
    again = Client()
    login(again, "contact_a")
    assert enter(again, codes[0]).status_code == 400 and not logged_in(again)
    assert enter(again, codes[1]).status_code == 302
    assert (
        AuditEntry.objects.filter(message__startswith="Anmeldung mit einem Wiederherstellungscode").count()
        == 2
    )


def test_without_a_pending_login_the_code_page_sends_back(world: World, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    secret, _codes = set_up(world, world.contact_a)
    assert client.get(reverse("accounts:login_code"))["Location"] == reverse("accounts:login")
    login(client, "contact_a")
    session = client.session
    session["ikz_2fa_pending"]["at"] -= settings.IKZ_2FA_PENDING_MINUTES * 60 + 1
    session.save()
    response = enter(client, current_code(secret, 1))
    assert response["Location"] == reverse("accounts:login") and not logged_in(client)


def test_new_recovery_codes_need_a_code_or_the_password(world: World) -> None:
    _secret, old = set_up(world, world.contact_a)
    client = world.client_for("contact_a")
    url = reverse("accounts:two_factor_recovery_codes")
    refused = client.post(url, {"codes-code": "", "codes-password": "falsch"})
    assert refused.status_code == 400 and "gültigen Code" in refused.content.decode()
    response = client.post(url, {"codes-password": PASSWORD})
    new = re.findall(r"<code>([a-z2-9-]{19})</code>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert not services.check_second_factor(world.contact_a, old[0])
    assert services.check_second_factor(world.contact_a, new[0])


def test_switching_off_needs_a_valid_code_or_the_password(world: World) -> None:
    secret, _codes = set_up(world, world.contact_a)
    client = world.client_for("contact_a")
    url = reverse("accounts:two_factor_disable")
    assert client.post(url, {"disable-code": "000000"}).status_code == 400
    assert TotpDevice.objects.filter(user=world.contact_a).exists()
    response = client.post(url, {"disable-code": current_code(secret, 1)}, follow=True)
    assert "Die Zwei-Faktor-Anmeldung ist ausgeschaltet." in response.content.decode()
    assert not TotpDevice.objects.filter(user=world.contact_a).exists()
    assert not RecoveryCode.objects.exists()
    # and the login asks for the password only again
    assert login(Client(), "contact_a")["Location"] == "/"


def test_required_for_office_sends_the_office_to_the_set_up_until_done(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.IKZ_2FA_REQUIRED_FOR_OFFICE = True
    client = Client()
    response = login(client, "office")
    assert logged_in(client)
    blocked = client.get(response["Location"])
    assert blocked.status_code == 302 and blocked["Location"] == reverse("accounts:two_factor")
    for url in [reverse("municipalities:region_list"), reverse("admin:index"), "/api/kommunen/"]:
        assert client.get(url)["Location"] == reverse("accounts:two_factor"), url
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert "Für Konten der Geschäftsstelle ist die Zwei-Faktor-Anmeldung vorgeschrieben" in page
    client.post(reverse("accounts:two_factor_start"))
    secret = queries.pending_secret(world.office)
    assert secret is not None
    client.post(reverse("accounts:two_factor_confirm"), {"code": current_code(secret)})
    assert client.get(reverse("municipalities:region_list")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_required_for_office_leaves_contact_persons_alone(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.IKZ_2FA_REQUIRED_FOR_OFFICE = True
    for persona in ["contact_a", "steering", "member", "project_lead"]:
        assert world.client_for(persona).get(reverse("municipalities:region_list")).status_code == 200
    client = Client()
    assert login(client, "contact_a")["Location"] == "/" and client.get("/").status_code == 200


def test_off_by_default_the_office_is_not_asked(world: World) -> None:
    client = world.client_for("office")
    assert client.get(reverse("municipalities:region_list")).status_code == 200
    assert "vorgeschrieben" not in client.get(reverse("accounts:two_factor")).content.decode()


def test_the_new_pages_have_no_inline_script_or_style(world: World) -> None:
    client = Client()
    secret, _codes = set_up(world, world.contact_a)
    login(client, "contact_a")
    pages = [client.get(reverse("accounts:login_code"))]
    enter(client, current_code(secret, 1))
    pages.append(client.get(reverse("accounts:two_factor")))
    services.remove_totp(world.contact_a, actor=None)
    client.post(reverse("accounts:two_factor_start"))
    pages.append(client.get(reverse("accounts:two_factor")))
    for response in pages:
        page = response.content.decode()
        assert response.status_code == 200 and "script-src 'self'" in response["Content-Security-Policy"]
        assert "<script>" not in page and " onclick=" not in page and ' style="' not in page
        assert '<label class="kern-label" for="id_' in page  # every input has its label


def test_the_back_office_has_no_login_of_its_own(world: World, client: Client) -> None:
    set_up(world, world.office)
    response = client.get("/verwaltung/login/?next=/verwaltung/")
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fverwaltung%2F"
    # a password alone through the back office form does not log in either
    client.post("/verwaltung/login/", {"username": "office", "password": PASSWORD})
    assert not logged_in(client)
    assert world.client_for("contact_a").get("/verwaltung/login/").status_code == 403


def test_the_office_resets_a_lost_phone_by_command(world: World, capsys) -> None:  # type: ignore[no-untyped-def]
    set_up(world, world.contact_a)
    call_command("reset_2fa", "contact_a", "--grund", "Telefon verloren (Ticket 4711)")
    assert not TotpDevice.objects.filter(user=world.contact_a).exists()
    entry = AuditEntry.objects.filter(action="delete").latest("at")
    assert "Telefon verloren (Ticket 4711)" in entry.message and entry.actor is None
    assert "zurückgesetzt" in capsys.readouterr().out
    assert login(Client(), "contact_a")["Location"] == "/"


def test_the_office_resets_a_device_in_the_back_office(world: World) -> None:
    set_up(world, world.contact_a)
    world.office.is_superuser = True
    world.office.save()
    client = world.client_for("office")
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [world.contact_a.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not TotpDevice.objects.filter(user=world.contact_a).exists()
    entry = AuditEntry.objects.filter(action="delete").latest("at")
    assert entry.actor == world.office


def test_the_back_office_list_shows_who_has_two_factor(world: World) -> None:
    set_up(world, world.contact_a)
    world.office.is_superuser = True
    world.office.save()
    page = world.client_for("office").get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "Zwei-Faktor" in page
    cells = re.findall(r'<td class="field-two_factor"><img [^>]*alt="(True|False)"', page)
    assert sorted(cells) == ["False"] * 5 + ["True"]  # six persons, contact_a only


def test_the_secret_never_appears_in_the_back_office(world: World) -> None:
    secret, _codes = set_up(world, world.contact_a)
    world.office.is_superuser = True
    world.office.save()
    client = world.client_for("office")
    page = client.get(reverse("admin:accounts_user_change", args=[world.contact_a.pk])).content.decode()
    device = TotpDevice.objects.get(user=world.contact_a)
    assert secret not in page and device.secret not in page


def test_the_data_export_leaves_out_the_secret_and_the_code_hashes(world: World) -> None:
    import json

    from ikz.privacy.queries import collect, person_for_user

    secret, codes = set_up(world, world.contact_a)
    device = TotpDevice.objects.get(user=world.contact_a)
    exported = json.dumps(collect(person_for_user(world.contact_a)), default=str)
    assert "Authenticator-App" in exported  # the person learns that there is one
    assert device.secret not in exported and secret not in exported
    assert not any(rules.hash_recovery_code(c) in exported for c in codes)


def test_confirming_twice_leads_back_to_the_overview(world: World) -> None:
    client = world.client_for("contact_a")
    client.post(reverse("accounts:two_factor_start"))
    secret = queries.pending_secret(world.contact_a)
    assert secret is not None
    assert (
        client.post(reverse("accounts:two_factor_confirm"), {"code": current_code(secret)}).status_code == 200
    )
    again = client.post(reverse("accounts:two_factor_confirm"), {"code": current_code(secret)})
    assert again.status_code == 302 and again["Location"] == reverse("accounts:two_factor")
    assert RecoveryCode.objects.filter(device__user=world.contact_a).count() == 10
