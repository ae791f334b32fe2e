"""No view talks to the mail server (issue 20): the views that used to send — the survey reminders,
an invitation and its new link, the password reset — only queue; the mails arrive once the queue's
worker has run. And no views module imports Django's sending functions at all."""

from __future__ import annotations

import ast
import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ikz.accounts.models import Invitation, User
from ikz.jobs.models import Job, JobStatus
from ikz.jobs.services import work_off
from ikz.municipalities.models import ContactPerson
from ikz.notifications.models import Mail
from ikz.surveys.models import Campaign, CampaignStatus
from ikz.test import World
from ikz.tests.test_architecture import _rel, _tree, views_modules

SENDING = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "EmailMessage",
    "EmailMultiAlternatives",
    "get_connection",
}


def _campaign(world: World) -> Campaign:
    return Campaign.objects.create(
        region=world.region,
        title="Bestandsaufnahme 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        deadline=dt.date(2099, 1, 31),
        status=CampaignStatus.OPEN,
    )


def _invitation_token(person: User) -> str:
    body = Mail.objects.filter(user=person, key__startswith="invitation:").latest("pk").body
    found = re.search(r"/konto/einladung/([^/\s]+)/", body)
    assert found, body
    return found.group(1)


@pytest.mark.django_db
def test_the_views_that_mail_only_queue_and_the_worker_sends(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = "ikz.notifications.tests.backends.NoSendingBackend"
    world.contact_a.email = "a@example.org"
    world.contact_a.save()
    ContactPerson.objects.create(municipality=world.kommune_b, name="Kai Kelster", email="kai@example.org")
    campaign = _campaign(world)
    office = world.client_for("office")

    remind = office.post(reverse("surveys:remind", args=[campaign.pk]), {"kommune": [world.kommune_b.pk]})
    invite = office.post(
        reverse("accounts:person_invite"),
        {"email": "erika@raunheim.example", "first_name": "Erika", "last_name": "Muster",
         "role": "contact", "municipality": world.kommune_a.pk},
    )  # fmt: skip
    erika = User.objects.get(email="erika@raunheim.example")
    resend = office.post(reverse("accounts:person_invitation_resend", args=[erika.pk]))
    Invitation.objects.filter(user=erika).update(
        created_at=timezone.now() - dt.timedelta(days=8), expires_at=timezone.now() - dt.timedelta(days=1)
    )
    renew = Client().post(reverse("accounts:invitation_renew", args=[_invitation_token(erika)]))
    reset = Client().post(reverse("accounts:password_reset"), {"email": "a@example.org"})

    assert [r.status_code for r in (remind, invite, resend, renew, reset)] == [302] * 5
    assert mail.outbox == []
    assert Mail.objects.filter(sent_at__isnull=True).count() == 4  # 3 invitation links, 1 reset link
    assert Job.objects.filter(kind="surveys.send_reminders", status=JobStatus.QUEUED).count() == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    work_off()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a@example.org",
        *["erika@raunheim.example"] * 3,
        "kai@example.org",
    ]
    assert not Job.objects.exclude(status=JobStatus.DONE).exists()
    assert not Mail.objects.filter(sent_at__isnull=True).exists()


def sending_imports(tree: ast.AST) -> list[str]:
    """The names of Django's sending API a module imports (``from django.core.mail import …``,
    ``import django.core.mail``, ``from django.core import mail``)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.core.mail":
            found += [a.name for a in node.names if a.name in SENDING]
        elif isinstance(node, ast.ImportFrom) and node.module == "django.core":
            found += [f"django.core.{a.name}" for a in node.names if a.name == "mail"]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("django.core.mail")]
    return found


def test_no_views_module_imports_the_sending_api() -> None:
    found = {_rel(p): names for p in views_modules() if (names := sending_imports(_tree(p)))}
    assert not found, f"Views senden nicht selbst; bitte queue_mail (ikz.notifications) nutzen: {found}"
    assert len(views_modules()) > 20  # the checker sees the views


def test_the_checker_finds_a_sending_import() -> None:
    assert sending_imports(ast.parse("from django.core.mail import send_mail, EmailMessage")) == [
        "send_mail",
        "EmailMessage",
    ]
    assert sending_imports(ast.parse("from django.core import mail")) == ["django.core.mail"]
    assert sending_imports(ast.parse("import django.core.mail")) == ["django.core.mail"]
    assert sending_imports(ast.parse("from django.core.mail import BadHeaderError")) == []
