"""People and access: invitations, roles, deactivation and the second factor, through the services
and the pages — and the office of one region cannot reach into another region."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ikz.accounts import access, services
from ikz.accounts.models import Invitation, Role, RoleAssignment, TotpDevice, User
from ikz.api.models import ApiToken
from ikz.api.services import authenticate, create_token
from ikz.audit.models import AuditEntry
from ikz.jobs.models import Job, JobStatus
from ikz.jobs.services import work_off
from ikz.municipalities.models import Kind, Level, Municipality, Region, RegionMember
from ikz.notifications.models import Mail
from ikz.notifications.tests.backends import REFUSED
from ikz.test import PASSWORD, World, make_unit, make_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Sonnenblume-Rathaus-2027"


def _second_region(world: World) -> tuple[Region, Municipality, User]:
    """Region B with one member municipality and its own office."""
    unit = make_unit(
        "06433003", "Bischofsheim", Level.GEMEINDE, Kind.GEMEINDE, world.kreis, ars="064330003003"
    )
    region = Region.objects.create(name="IKZ Region B", slug="region-b", office_name="GS B")
    RegionMember.objects.create(region=region, municipality=unit, position=1, short_label="Bisch")
    return region, unit, make_user("office_b", Role.OFFICE, region=region)


def _invite(
    world: World, email: str = "erika@raunheim.example", *, send: bool = True, **extra: Any
) -> services.Invited:
    values = {
        "email": email,
        "first_name": "Erika",
        "last_name": "Muster",
        "function": "Hauptamt",
        "role": Role.CONTACT,
        "region": None,
        "municipality": world.kommune_a,
    } | extra
    invited = services.invite_person(values, actor=world.office, base_url="http://testserver")
    if send:
        work_off()  # the queue's worker sends the queued invitation mail
    return invited


def _link(message: Any) -> str:
    found = re.search(r"https?://[^/\s]+(/konto/einladung/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def _token(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


def _entries(obj: Any) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).order_by("pk")
    )


# --- invitations ---------------------------------------------------------------------------------


def test_an_invitation_creates_an_account_without_password_and_mails_a_one_time_link(world: World) -> None:
    invited = _invite(world)
    person = invited.person
    assert not invited.existed and invited.invitation is not None
    assert person.username == "erika@raunheim.example" and not person.has_usable_password()
    assert list(person.role_assignments.values_list("role", "municipality")) == [
        ("contact", world.kommune_a.pk)
    ]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["erika@raunheim.example"]
    link = _link(mail.outbox[0])
    assert "Kommune (Ansprechpartner/in): Raunheim" in mail.outbox[0].body
    token = _token(link)
    assert not Invitation.objects.filter(token_hash=token).exists()  # only the hash is stored
    assert invited.invitation.expires_at - invited.invitation.created_at == dt.timedelta(days=7)
    assert [e.message for e in _entries(person)] == ["Per E-Mail eingeladen", "Rolle vergeben"]
    assert _entries(person)[0].actor == world.office


def test_the_invited_person_sets_a_password_once(world: World) -> None:
    _invite(world)
    token = _token(_link(mail.outbox[0]))
    with pytest.raises(ValidationError):
        services.accept_invitation(token, "123")  # Django's password validators apply
    person = services.accept_invitation(token, NEW_PASSWORD)
    assert Client().login(username=person.username, password=NEW_PASSWORD)
    with pytest.raises(ValidationError, match="gilt nicht mehr"):
        services.accept_invitation(token, "Ein-anderes-Passwort-2027")


def test_an_invitation_to_a_known_address_adds_the_role_and_sends_nothing(world: World) -> None:
    world.contact_b.email = "Kai@Kelsterbach.example"
    world.contact_b.save()
    invited = _invite(
        world, "kai@kelsterbach.example", role=Role.STEERING, region=world.region, municipality=None
    )
    assert invited.existed and invited.person == world.contact_b and invited.invitation is None
    assert mail.outbox == []
    assert RoleAssignment.objects.filter(
        user=world.contact_b, role=Role.STEERING, region=world.region
    ).exists()
    with pytest.raises(ValidationError, match="hat diese Rolle bereits"):
        _invite(world, "kai@kelsterbach.example", role=Role.STEERING, region=world.region, municipality=None)


def test_an_expired_link_asks_for_a_new_one_which_replaces_it(world: World) -> None:
    invited = _invite(world)
    old = _token(_link(mail.outbox[0]))
    Invitation.objects.filter(pk=invited.invitation.pk).update(  # type: ignore[union-attr]
        created_at=timezone.now() - dt.timedelta(days=8), expires_at=timezone.now() - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.accept_invitation(old, NEW_PASSWORD)
    services.renew_invitation(old, base_url="http://testserver")
    work_off()
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["erika@raunheim.example"]
    with pytest.raises(ValidationError, match="gerade erst"):
        services.renew_invitation(old)  # at most every five minutes
    services.accept_invitation(_token(_link(mail.outbox[1])), NEW_PASSWORD)
    with pytest.raises(ValidationError, match="bereits gesetzt"):
        services.renew_invitation(old)
    with pytest.raises(ValidationError, match="ungültig"):
        services.renew_invitation("gibt-es-nicht")


def test_single_sign_on_spends_the_open_link(world: World) -> None:
    invited = _invite(world)
    assert services.consume_sso_invitations(invited.person) == 1
    assert Invitation.objects.get(pk=invited.invitation.pk).used_at is not None  # type: ignore[union-attr]
    assert services.consume_sso_invitations(invited.person) == 0


def test_the_invitation_stands_when_the_mail_server_refuses_and_the_failure_is_listed(
    world: World, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "ikz.notifications.tests.backends.RefusingBackend"
    invited = _invite(world, REFUSED)
    assert invited.invitation is not None and User.objects.filter(email=REFUSED).exists()
    job = Job.objects.get(kind="notifications.deliver")
    assert job.status == JobStatus.RETRY and "Der Mailserver hat die Nachricht abgelehnt" in job.reason
    assert job.created_by == world.office and mail.outbox == []
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)
    failed = world.client_for("office").get(reverse("jobs:failed_list")).content.decode()
    assert f"E-Mail an {REFUSED}" in failed


def test_the_invitation_mail_is_queued_once_and_its_link_is_not_kept(world: World) -> None:
    invited = _invite(world, send=False)
    assert mail.outbox == []  # nothing is sent inside the service
    queued = Mail.objects.get(key=f"invitation:{invited.invitation.pk}")  # type: ignore[union-attr]
    assert queued.recipients == ["erika@raunheim.example"] and "/konto/einladung/" in queued.body
    work_off()
    assert len(mail.outbox) == 1 and Mail.objects.get(pk=queued.pk).body == ""


# --- the scope of an office ----------------------------------------------------------------------


def test_the_office_of_region_a_cannot_grant_a_role_in_region_b(world: World) -> None:
    region_b, unit_b, _office_b = _second_region(world)
    before = RoleAssignment.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.grant_role(world.contact_a, Role.STEERING, region=region_b, actor=world.office)
    assert "nicht Ihre Region" in refused.value.message_dict["region"][0]
    with pytest.raises(ValidationError) as refused:
        services.grant_role(world.contact_a, Role.CONTACT, municipality=unit_b, actor=world.office)
    assert "gehört nicht zu Ihrer Region" in refused.value.message_dict["municipality"][0]
    with pytest.raises(ValidationError) as refused:
        services.grant_role(world.contact_a, Role.OFFICE, actor=world.office)  # platform-wide
    assert "plattformweite" in refused.value.message_dict["region"][0]
    with pytest.raises(ValidationError):
        _invite(world, "neu@bischofsheim.example", municipality=unit_b)
    assert RoleAssignment.objects.count() == before and mail.outbox == []
    assert not User.objects.filter(email="neu@bischofsheim.example").exists()
    # the platform-wide office may
    platform = make_user("plattform", Role.OFFICE)
    services.grant_role(world.contact_a, Role.STEERING, region=region_b, actor=platform)


def test_the_office_sees_only_persons_of_its_region(world: World) -> None:
    _region_b, unit_b, office_b = _second_region(world)
    outsider = make_user("kontakt_b2", Role.CONTACT, municipality=unit_b)
    seen = set(access.people_for(world.office))
    assert {world.office, world.steering, world.contact_a, world.contact_b, world.member} <= seen
    assert outsider not in seen and office_b not in seen and world.project_lead not in seen
    assert set(access.people_for(office_b)) == {office_b, outsider}
    with pytest.raises(PermissionDenied):
        access.people_for(world.contact_a)
    client = world.client_for("office")
    assert client.get(reverse("accounts:person_detail", args=[outsider.pk])).status_code == 404
    assert client.post(reverse("accounts:person_deactivate", args=[outsider.pk])).status_code == 404
    assert User.objects.get(pk=outsider.pk).is_active


def test_a_role_outside_the_region_cannot_be_taken_and_a_shared_person_not_deactivated(world: World) -> None:
    region_b, _unit_b, _office_b = _second_region(world)
    steering_b = RoleAssignment.objects.create(user=world.contact_a, role=Role.STEERING, region=region_b)
    client = world.client_for("office")
    url = reverse("accounts:person_role_remove", args=[world.contact_a.pk, steering_b.pk])
    assert client.post(url).status_code == 403
    assert client.post(reverse("accounts:person_deactivate", args=[world.contact_a.pk])).status_code == 403
    page = client.get(reverse("accounts:person_detail", args=[world.contact_a.pk])).content.decode()
    assert "nur die plattformweite Geschäftsstelle" in page and "Deaktivieren" not in page
    with pytest.raises(ValidationError):
        services.deactivate_person(world.contact_a, actor=world.office)
    assert RoleAssignment.objects.filter(pk=steering_b.pk).exists()


# --- deactivation, second factor, roles ----------------------------------------------------------


def test_deactivation_ends_sessions_and_api_keys_at_once(world: World) -> None:
    person_client = world.client_for("contact_a")
    assert person_client.get(reverse("accounts:profile")).status_code == 200
    token, secret = create_token(world.contact_a, "Fachverfahren", actor=world.contact_a)
    response = world.client_for("office").post(
        reverse("accounts:person_deactivate", args=[world.contact_a.pk])
    )
    assert response.status_code == 302
    assert person_client.get(reverse("accounts:profile"))["Location"].startswith(reverse("accounts:login"))
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None and authenticate(secret) is None
    assert not Client().login(username="contact_a", password=PASSWORD)
    entry = _entries(world.contact_a)[-1]
    assert entry.actor == world.office and entry.changes["is_active"] == [True, False]
    assert "1 Sitzung(en) beendet, 1 API-Schlüssel widerrufen" in entry.message
    services.reactivate_person(world.contact_a, actor=world.office)
    assert Client().login(username="contact_a", password=PASSWORD)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None  # stays revoked
    with pytest.raises(ValidationError, match="bereits aktiv"):
        services.reactivate_person(world.contact_a, actor=world.office)


def test_nobody_deactivates_the_own_account(world: World) -> None:
    with pytest.raises(ValidationError):
        services.deactivate_person(world.office, actor=world.office)
    with pytest.raises(ValidationError, match="eigene Rolle"):
        services.take_role(RoleAssignment.objects.get(user=world.office), actor=world.office)


def test_the_office_resets_the_second_factor(world: World) -> None:
    TotpDevice.objects.create(user=world.contact_a, secret="x", confirmed_at=timezone.now())
    client = world.client_for("office")
    page = client.get(reverse("accounts:person_detail", args=[world.contact_a.pk])).content.decode()
    assert "Zwei-Faktor-Anmeldung zurücksetzen" in page
    client.post(reverse("accounts:person_two_factor_reset", args=[world.contact_a.pk]))
    assert not TotpDevice.objects.filter(user=world.contact_a).exists()
    with pytest.raises(ValidationError, match="keine Zwei-Faktor"):
        services.reset_two_factor(world.contact_a, actor=world.office)


def test_give_and_take_a_role_through_the_pages(world: World) -> None:
    client = world.client_for("office")
    url = reverse("accounts:person_role_add", args=[world.contact_b.pk])
    response = client.post(url, {"role": "steering", "region": world.region.pk})
    assert response.status_code == 302
    added = RoleAssignment.objects.get(user=world.contact_b, role="steering")
    # a role that needs a municipality, without one: refused at the field, nothing written
    response = client.post(url, {"role": "member", "region": world.region.pk})
    body = response.content.decode()
    assert response.status_code == 200 and "Bitte wählen Sie die Kommune" in body
    assert RoleAssignment.objects.filter(user=world.contact_b).count() == 2
    remove = reverse("accounts:person_role_remove", args=[world.contact_b.pk, added.pk])
    assert client.post(remove)["Location"] == reverse("accounts:person_detail", args=[world.contact_b.pk])
    assert not RoleAssignment.objects.filter(pk=added.pk).exists()
    assert [e.changes["Rolle"][0] for e in _entries(world.contact_b)][-1] == "Lenkungsgruppe: IKZ Testregion"


def test_a_foreign_region_in_the_role_form_is_refused_at_the_field(world: World) -> None:
    region_b, unit_b, _office_b = _second_region(world)
    client = world.client_for("office")
    url = reverse("accounts:person_role_add", args=[world.contact_a.pk])
    body = client.post(url, {"role": "steering", "region": region_b.pk}).content.decode()
    assert "Für diese Region dürfen Sie keine Rollen vergeben" in body
    body = client.post(url, {"role": "contact", "municipality": unit_b.pk}).content.decode()
    assert "Für diese Kommune dürfen Sie keine Rollen vergeben" in body
    assert not RoleAssignment.objects.filter(region=region_b, user=world.contact_a).exists()
    assert not RoleAssignment.objects.filter(municipality=unit_b).exists()


# --- pages ----------------------------------------------------------------------------------------


def test_the_list_shows_roles_login_second_factor_and_status(world: World) -> None:
    _invite(world)
    User.objects.filter(pk=world.contact_b.pk).update(is_active=False)
    TotpDevice.objects.create(user=world.steering, secret="x", confirmed_at=timezone.now())
    body = world.client_for("office").get(reverse("accounts:people_list")).content.decode()
    assert "Erika Muster" in body and "eingeladen" in body and "deaktiviert" in body
    assert "Kommune (Ansprechpartner/in): Raunheim" in body and "noch nie" in body
    only = world.client_for("office").get(reverse("accounts:people_list"), {"status": "deactivated"})
    assert [row.person for row in only.context["rows"]] == [world.contact_b]


def test_the_list_queries_do_not_grow(world: World) -> None:
    client = world.client_for("office")
    url = reverse("accounts:people_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(40):
        person = make_user(f"person{number}", Role.CONTACT, municipality=world.kommune_b)
        RoleAssignment.objects.create(user=person, role=Role.STEERING, region=world.region)
        TotpDevice.objects.create(user=person, secret="x", confirmed_at=timezone.now())
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    detail = reverse("accounts:person_detail", args=[world.contact_a.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(detail)
    for number in range(5):
        RoleAssignment.objects.create(user=world.contact_a, role=Role.PROJECT_LEAD, region=world.region)
        Invitation.objects.create(
            user=world.contact_a,
            email="a@example.org",
            token_hash=f"{number:064d}",
            created_at=timezone.now(),
            expires_at=timezone.now(),
        )
    with CaptureQueriesContext(connection) as more:
        client.get(detail)
    assert len(more) == len(one)


def test_the_export_has_the_columns_of_the_import(world: World) -> None:
    client = world.client_for("office")
    response = client.get(reverse("accounts:people_list"), {"format": "xlsx", "q": "contact_a"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert rows[1] == ["Nachname", "Vorname", "E-Mail", "Funktion", "Rolle", "Region/AGS"]
    assert rows[2][4:] == ["Kommune (Ansprechpartner/in)", "06433010"]
    csv = client.get(reverse("accounts:people_list"), {"format": "csv", "role": "steering"}).content.decode(
        "utf-8-sig"
    )
    assert csv.splitlines()[1].endswith(";Lenkungsgruppe;ikz-test")


def test_who_has_access_to_a_municipality(world: World) -> None:
    _region_b, _unit_b, office_b = _second_region(world)
    url = reverse("accounts:municipality_access", args=[world.kommune_a.pk])
    body = world.client_for("contact_a").get(url).content.decode()
    for name in ("Contact_A", "Office", "Steering", "Member"):
        assert name in body
    assert "Contact_B" not in body and "Office_B" not in body
    assert world.client_for("contact_b").get(url).status_code == 403
    client = Client()
    client.force_login(office_b)
    assert client.get(url).status_code == 403
    detail = world.client_for("office").get(
        reverse("municipalities:municipality_detail", args=[world.kommune_a.pk])
    )
    assert url in detail.content.decode()
    assert (
        url
        not in world.client_for("steering")
        .get(reverse("municipalities:municipality_detail", args=[world.kommune_a.pk]))
        .content.decode()
    )


def test_invite_open_the_link_set_the_password_and_log_in(world: World) -> None:
    office = world.client_for("office")
    response = office.post(
        reverse("accounts:person_invite"),
        {
            "email": "erika@raunheim.example",
            "first_name": "Erika",
            "last_name": "Muster",
            "role": "contact",
            "municipality": world.kommune_a.pk,
        },
    )
    person = User.objects.get(email="erika@raunheim.example")
    assert response["Location"] == reverse("accounts:person_detail", args=[person.pk])
    assert mail.outbox == []  # queued in the request, sent by the queue's worker
    work_off()
    link = _link(mail.outbox[0])
    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200 and "erika@raunheim.example" in page.content.decode()
    weak = visitor.post(link, {"new_password1": "kurz", "new_password2": "kurz"})
    assert weak.status_code == 400 and "zu kurz" in weak.content.decode()
    done = visitor.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == reverse("accounts:login")
    assert (
        visitor.post(
            reverse("accounts:login"), {"username": "erika@raunheim.example", "password": NEW_PASSWORD}
        ).status_code
        == 302
    )
    used = Client().get(link).content.decode()
    assert "bereits benutzt" in used and "Neuen Link anfordern" not in used


def test_an_expired_link_page_offers_a_new_link(world: World) -> None:
    invited = _invite(world)
    link = _link(mail.outbox[0])
    Invitation.objects.filter(pk=invited.invitation.pk).update(  # type: ignore[union-attr]
        created_at=timezone.now() - dt.timedelta(days=8), expires_at=timezone.now() - dt.timedelta(days=1)
    )
    visitor = Client()
    body = visitor.get(link).content.decode()
    assert "Dieser Link ist abgelaufen." in body and "Neuen Link anfordern" in body
    response = visitor.post(reverse("accounts:invitation_renew", args=[_token(link)]), follow=True)
    assert "Ein neuer Link wird an Ihre E-Mail-Adresse versendet" in response.content.decode()
    assert "durch einen neueren ersetzt" in response.content.decode()
    work_off()
    assert len(mail.outbox) == 2
    assert Client().get("/konto/einladung/unbekannt/").status_code == 404


def test_the_menu_offers_people_to_offices_only(world: World) -> None:
    url = reverse("accounts:people_list")
    assert url in world.client_for("office").get(reverse("home")).content.decode()
    assert url not in world.client_for("contact_a").get(reverse("home")).content.decode()


def test_resend_only_while_no_password_is_set_and_the_person_is_active(world: World) -> None:
    invited = _invite(world)
    person = invited.person
    services.resend_invitation(person, actor=world.office, base_url="http://testserver")
    work_off()
    assert len(mail.outbox) == 2
    assert Invitation.objects.get(pk=invited.invitation.pk).replaced_at is not None  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="bereits gesetzt"):
        services.resend_invitation(world.contact_a, actor=world.office)
    services.deactivate_person(person, actor=world.office)
    assert not Invitation.objects.filter(user=person, used_at=None, replaced_at=None).exists()
    with pytest.raises(ValidationError, match="deaktiviert"):
        services.resend_invitation(User.objects.get(pk=person.pk), actor=world.office)


def test_two_accounts_with_one_address_are_refused_at_the_field(world: World) -> None:
    User.objects.filter(pk__in=[world.contact_a.pk, world.contact_b.pk]).update(email="doppelt@example.org")
    with pytest.raises(ValidationError) as refused:
        _invite(world, "Doppelt@example.org")
    assert "mehrere Konten" in refused.value.message_dict["email"][0]
