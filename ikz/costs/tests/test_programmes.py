"""Grant programmes kept in the pages by the platform office (decision 119): tiers, retiring."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ikz.cooperation.models import CooperationField, TaskArea
from ikz.costs import rules, services
from ikz.costs.models import GrantApplication, GrantProgramme
from ikz.costs.tests import factories
from ikz.membership.tests.helpers import coop_office
from ikz.test import World

T = rules.GrantTier


def _field() -> CooperationField:
    area = TaskArea.objects.create(name="Zentrale Dienste", position=1)
    return CooperationField.objects.create(task_area=area, name="Vergabe", position=1)


def test_tiers_must_be_distinct_positive_and_not_fall() -> None:
    assert rules.tier_errors([T(2, Decimal(50000)), T(3, Decimal(75000))]) == []
    assert rules.tier_errors([]) == []
    assert rules.tier_errors([T(2, Decimal(1)), T(2, Decimal(2))]) == [
        "Die Stufe „ab 2 Kommunen“ steht mehrfach in der Liste."
    ]
    assert rules.tier_errors([T(3, Decimal(0))]) == ["Die Zuwendung ab 3 Kommunen muss über 0 € liegen."]
    assert rules.tier_errors([T(4, Decimal(70000)), T(3, Decimal(75000))]) == [
        "Ab 4 Kommunen (70.000,00\u00a0€) ist die Zuwendung kleiner als ab 3 Kommunen (75.000,00\u00a0€)."
    ]


@pytest.fixture
def platform() -> Client:
    client = Client()
    client.force_login(coop_office())  # the platform-wide office
    return client


def _post(**extra: str) -> dict[str, str]:
    return {
        "name": "IKZ-Förderung Hessen",
        "giver": "Land Hessen",
        "min_participants": "3",
        "min_duration_years": "5",
        "min_savings_percent": "15",
        "source": "Rahmenvereinbarung 2021",
        "stufe-TOTAL_FORMS": "3",
        "stufe-INITIAL_FORMS": "0",
        "stufe-MIN_NUM_FORMS": "0",
        "stufe-MAX_NUM_FORMS": "20",
        "stufe-0-min_participants": "3",
        "stufe-0-amount": "75000",
        "stufe-1-min_participants": "2",
        "stufe-1-amount": "50000",
        "stufe-2-min_participants": "",
        "stufe-2-amount": "",
        **extra,
    }


@pytest.mark.django_db
def test_platform_office_creates_a_programme_the_grant_check_uses(world: World, platform: Client) -> None:
    response = platform.post(reverse("costs:programme_create"), _post())
    assert response.status_code == 302
    programme = GrantProgramme.objects.get()
    assert programme.tiers == [
        {"min_participants": 2, "amount": "50000"},
        {"min_participants": 3, "amount": "75000"},
    ]
    coop = factories.cooperation(world, _field())
    page = world.client_for("office").get(reverse("costs:grant_check", args=[coop.pk])).content.decode()
    assert (
        "IKZ-Förderung Hessen" in page and "Regelzuwendung nach der Zahl der Kommunen: 50.000,00" in page
    )  # two municipalities take part
    listing = world.client_for("steering").get(reverse("costs:programme_list")).content.decode()
    assert "IKZ-Förderung Hessen" in listing and "Einstellen" not in listing  # reads, does not write


@pytest.mark.django_db
def test_falling_tiers_are_refused_and_nothing_written(world: World, platform: Client) -> None:
    response = platform.post(
        reverse("costs:programme_create"), _post(**{"stufe-1-min_participants": "4", "stufe-1-amount": "100"})
    )
    assert response.status_code == 200
    assert "ist die Zuwendung kleiner als ab 3 Kommunen" in response.content.decode()
    half = platform.post(reverse("costs:programme_create"), _post(**{"stufe-2-min_participants": "5"}))
    assert "Bitte für jede Stufe die Zahl der Kommunen und den Betrag angeben." in half.content.decode()
    assert not GrantProgramme.objects.exists()


@pytest.mark.django_db
def test_region_office_may_read_but_not_create(world: World) -> None:
    office = world.client_for("office")
    assert office.get(reverse("costs:programme_list")).status_code == 200
    assert office.post(reverse("costs:programme_create"), _post()).status_code == 403
    assert not GrantProgramme.objects.exists()


@pytest.mark.django_db
def test_retired_programme_keeps_applications_but_takes_no_new_ones(world: World, platform: Client) -> None:
    programme = services.save_programme(
        {"name": "Altes Programm", "giver": "Land", "source": "RL"}, [T(2, Decimal(1000))], actor=None
    )
    coop = factories.cooperation(world, _field())
    services.create_grant_application(coop, {"programme": programme, "status": "applied"}, actor=None)
    response = platform.post(
        reverse("costs:programme_retire", args=[programme.pk]),
        {"version": programme.version, "einstellen": "1"},
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.retired_on is not None
    assert GrantApplication.objects.filter(programme=programme).count() == 1
    check = world.client_for("office").get(reverse("costs:grant_check", args=[coop.pk])).content.decode()
    assert f"Eingestellt am {programme.retired_on:%d.%m.%Y}: keine neuen Anträge." in check
    form_page = world.client_for("office").get(reverse("costs:grant_create", args=[coop.pk])).content.decode()
    assert "Altes Programm" not in form_page
    with pytest.raises(ValidationError) as refused:
        services.create_grant_application(coop, {"programme": programme, "status": "planned"}, actor=None)
    assert "eingestellt" in str(refused.value.message_dict["programme"])
    stale = platform.post(
        reverse("costs:programme_edit", args=[programme.pk]),
        _post(version="1", name="Altes Programm"),
    )
    assert stale.status_code == 409
