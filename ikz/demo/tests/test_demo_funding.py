"""The demo's Fördermitteldatenbank against seed 003: Hessen's IKZ programme, the three grants as
group applications with shares from the cost keys, their obligations; the demo's projects matched
with stated reasons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.funding.models import Application, ApplicationStatus, Programme
from ikz.projects.models import Project

pytestmark = pytest.mark.django_db


def test_demo_grants_and_matches_follow_the_seed() -> None:
    assert (Programme.objects.count(), Application.objects.count()) == (1, 3)

    amounts = {
        a.cooperation.title: a.amount_awarded for a in Application.objects.select_related("cooperation")
    }
    assert amounts == {
        "Kommunales Vergabezentrum": Decimal(100000),
        "Umsetzung ProstSchG": Decimal(100000),
        "Fördermittelmanagement": Decimal(150000),
    }
    management = Application.objects.get(cooperation__title="Fördermittelmanagement")
    # the grants are history: what fell due is done, the Verwendungsnachweis filed in the library
    assert management.group and management.status == ApplicationStatus.PROVEN
    assert not management.obligations.filter(done_on__isnull=True, due_on__lt=dt.date.today()).exists()
    assert management.obligations.get(kind="proof").evidence is not None
    shares = [p.share_percent for p in management.partners.all()]
    assert len(shares) >= 13 and abs(sum(shares) - 100) <= Decimal("0.01")
    kinds = sorted(management.obligations.values_list("kind", flat=True))
    assert kinds.count("pass_on") >= 12 and {"draw", "proof", "binding"} <= set(kinds)

    client = Client()
    client.force_login(User.objects.get(username="geschaeftsstelle"))
    project = Project.objects.filter(funding_applications__isnull=False).order_by("pk").first()
    assert project is not None  # a funded project links to its programme
    assert (
        "Förderung: Förderung der Interkommunalen Zusammenarbeit in Hessen"
        in client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    )
    page = client.get(reverse("funding:matches", args=["projekt", project.pk])).content.decode()
    assert "Förderung der Interkommunalen Zusammenarbeit in Hessen" in page
    assert "Förderbereich passt: Regionalförderung" in page
    assert "Fördergebiet passt: Hessen" in page
