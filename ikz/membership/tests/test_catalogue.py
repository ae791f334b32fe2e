"""The service catalogue and members that joined before the platform, as the cooperative's team
keeps them in the pages (decisions 118 and 121)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ikz.audit.models import Action, AuditEntry
from ikz.audit.services import ConflictError
from ikz.membership import services
from ikz.membership.models import Member, Payment, Service, ShareEvent
from ikz.membership.tests.helpers import (
    coop_office,
    make_cooperative,
    make_member,
    make_request,
    make_service,
)
from ikz.test import World

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def team() -> Client:
    client = Client()
    client.force_login(coop_office())
    return client


# --- catalogue --------------------------------------------------------------------------------------


def test_team_takes_a_service_in_and_members_can_request_it(world: World, team: Client) -> None:
    coop = make_cooperative()
    response = team.post(
        reverse("membership:service_create"),
        {"category": "product", "name": "Informationssicherheit", "description": "ISB", "position": "3"},
    )
    assert response.status_code == 302
    service = Service.objects.get(cooperative=coop, name="Informationssicherheit")
    assert AuditEntry.objects.filter(object_id=str(service.pk), action=Action.CREATE).exists()
    make_member(coop, world.kommune_a, "001", dt.date(2025, 1, 1))
    text = _text(world.client_for("member").get(reverse("membership:service_list")).content.decode())
    assert "Informationssicherheit : ISB" in text or "Informationssicherheit: ISB" in text


def test_a_second_service_of_the_same_name_is_refused_at_the_name(world: World, team: Client) -> None:
    coop = make_cooperative()
    make_service(coop, "Datenschutz")
    response = team.post(reverse("membership:service_create"), {"category": "product", "name": "datenschutz"})
    assert response.status_code == 200
    assert "Eine Leistung „datenschutz“ steht schon im Katalog." in response.content.decode()
    assert Service.objects.filter(cooperative=coop).count() == 1


def test_retired_service_leaves_the_catalogue_but_keeps_its_requests(world: World, team: Client) -> None:
    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2025, 1, 1))
    service = make_service(coop, "Hinweisgeberschutz")
    request = make_request(member, service)
    response = team.post(
        reverse("membership:service_retire", args=[service.pk]),
        {"version": service.version, "bestellbar": "0"},
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert not service.is_active and Service.objects.filter(pk=service.pk).exists()
    member_page = world.client_for("member").get(reverse("membership:service_list")).content.decode()
    assert "Hinweisgeberschutz" not in member_page
    assert "nicht mehr bestellbar" in team.get(reverse("membership:service_list")).content.decode()
    assert (
        "Hinweisgeberschutz"
        in team.get(reverse("membership:request_detail", args=[request.pk])).content.decode()
    )
    # and back again
    team.post(
        reverse("membership:service_retire", args=[service.pk]),
        {"version": service.version, "bestellbar": "1"},
    )
    service.refresh_from_db()
    assert service.is_active and service.version == 3


def test_stale_edit_of_a_service_is_409_and_keeps_the_other_change(world: World, team: Client) -> None:
    coop = make_cooperative()
    service = make_service(coop, "Datenschutz")
    url = reverse("membership:service_edit", args=[service.pk])
    first = {
        "category": "product",
        "name": "Datenschutz",
        "description": "neu",
        "position": "1",
        "version": "1",
    }
    assert team.post(url, first).status_code == 302
    second = first | {"description": "veraltet"}
    response = team.post(url, second)
    assert response.status_code == 409
    service.refresh_from_db()
    assert service.description == "neu" and service.version == 2
    with pytest.raises(ConflictError):
        services.set_service_orderable(service, False, expected_version=1, actor=None)


# --- members that joined before the platform --------------------------------------------------------


def test_team_enters_a_member_of_2019_with_shares_and_payment(world: World, team: Client) -> None:
    coop = make_cooperative()
    response = team.post(
        reverse("membership:member_enter"),
        {
            "municipality": world.kommune_b.pk,
            "number": "",
            "admitted_on": "2019-03-01",
            "shares": "3",
            "source": "Mitgliederliste 2019",
            "amount": "1500.00",
            "paid_on": "2019-03-20",
            "reference": "Geschäftsanteile",
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(cooperative=coop, municipality=world.kommune_b)
    assert response["Location"] == member.get_absolute_url()
    assert (member.admitted_on, member.shares, member.source) == (
        dt.date(2019, 3, 1),
        3,
        "Mitgliederliste 2019",
    )
    assert [(e.delta, e.effective_on) for e in ShareEvent.objects.filter(member=member)] == [
        (3, dt.date(2019, 3, 1))
    ]
    assert [(p.amount, p.paid_on) for p in Payment.objects.filter(member=member)] == [
        (Decimal("1500.00"), dt.date(2019, 3, 20))
    ]
    assert not member.onboarding_id
    text = _text(team.get(member.get_absolute_url()).content.decode())
    assert "01.03.2019" in text and "1.500,00 €" in text


def test_entry_in_the_future_or_twice_is_refused_and_nothing_written(world: World, team: Client) -> None:
    coop = make_cooperative()
    make_member(coop, world.kommune_a, "001", dt.date(2020, 1, 1))
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    values = {"municipality": world.kommune_b, "admitted_on": tomorrow, "shares": 1}
    with pytest.raises(ValidationError) as refused:
        services.enter_existing_member(coop, values, actor=None)
    assert "liegt nach dem heutigen Tag" in str(refused.value.message_dict["admitted_on"])
    with pytest.raises(ValidationError) as twice:
        services.enter_existing_member(
            coop, values | {"municipality": world.kommune_a, "admitted_on": dt.date(2021, 1, 1)}, actor=None
        )
    assert "ist bereits Mitglied (Nr. 001)" in str(twice.value.message_dict["municipality"])
    with pytest.raises(ValidationError) as half:
        services.enter_existing_member(
            coop, values | {"admitted_on": dt.date(2021, 1, 1), "amount": Decimal(500)}, actor=None
        )
    assert "paid_on" in half.value.message_dict
    assert Member.objects.filter(cooperative=coop).count() == 1


def test_further_shares_take_effect_on_their_day(world: World, team: Client) -> None:
    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2020, 1, 1))
    url = reverse("membership:share_create", args=[member.pk])
    early = team.post(url, {"version": member.version, "count": "2", "effective_on": "2019-06-01"})
    assert early.status_code == 200
    assert "liegt vor dem Eintritt am 01.01.2020" in early.content.decode()
    response = team.post(url, {"version": member.version, "count": "2", "effective_on": "2022-06-01"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.shares == 3
    assert [(e.delta, e.effective_on) for e in member.share_events.order_by("effective_on")] == [
        (1, dt.date(2020, 1, 1)),
        (2, dt.date(2022, 6, 1)),
    ]
    stale = team.post(url, {"version": 1, "count": "1", "effective_on": "2023-01-01"})
    assert stale.status_code == 409
    member.refresh_from_db()
    assert member.shares == 3


def test_candidates_leave_out_current_members(world: World, team: Client) -> None:
    coop = make_cooperative()
    make_member(coop, world.kommune_a, "001", dt.date(2020, 1, 1))
    page = team.get(reverse("membership:member_enter")).content.decode()
    assert f'value="{world.kommune_b.pk}"' in page
    assert f'value="{world.kommune_a.pk}"' not in page
