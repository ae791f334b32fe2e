"""The governance pages as the cooperative's office: convene (refused with the earliest day), agenda,
invitations, attendance, votes (a second vote refused), close, sign, the minutes as downloads."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from ikz.governance.models import Assembly, AssemblyState, Vote
from ikz.governance.tests.helpers import make_coop
from ikz.membership.models import LetterOfIntent, Onboarding
from ikz.membership.tests.helpers import coop_office
from ikz.test import World

pytestmark = pytest.mark.django_db


def _text(response: object) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))  # type: ignore[attr-defined]


@pytest.fixture
def office() -> Client:
    client = Client()
    client.force_login(coop_office())
    return client


def test_convene_hold_and_minute_through_the_pages(world: World, office: Client) -> None:
    c = make_coop(world)
    today = dt.date.today()
    day = today  # held today, convened three weeks ago
    base = {
        "kind": "extraordinary",
        "form": "in_person",
        "date": day.isoformat(),
        "time": "10:00",
        "place": "Wetzlar",
        "convened_by": "board",
        "invited_on": (today - dt.timedelta(days=10)).isoformat(),
    }
    refused = office.post(reverse("governance:assembly_create"), base)
    earliest = today + dt.timedelta(days=5)
    assert (
        refused.status_code == 200
        and f"früheste zulässige Tag der Versammlung der {earliest:%d.%m.%Y}" in _text(refused)
    )
    assert not Assembly.objects.exists()
    three_weeks = (today - dt.timedelta(days=21)).isoformat()
    response = office.post(reverse("governance:assembly_create"), base | {"invited_on": three_weeks})
    assembly = Assembly.objects.get()
    assert response.status_code == 302
    url = assembly.get_absolute_url()
    office.post(
        reverse("governance:item_create", args=[assembly.pk]),
        {"title": "Wahl zum Aufsichtsrat", "resolution_kind": "simple", "announced_on": three_weeks},
    )
    # sent today, the invitation is too late for today's assembly: refused with the earliest day
    late = office.post(reverse("governance:invitations_send", args=[assembly.pk]), follow=True)
    assert f"der {today + dt.timedelta(days=15):%d.%m.%Y}" in _text(late)
    raunheim, kelsterbach = c.members[2], c.members[3]
    for member in (raunheim, kelsterbach):
        office.post(
            reverse("governance:attendance_create", args=[assembly.pk]),
            {"member": member.pk, "mode": "representative", "person": f"Vertretung {member.number}"},
        )
    page = _text(office.get(url))
    assert "TOP 1: Wahl zum Aufsichtsrat" in page and "2 von 4 Mitgliedern" in page
    assert "Noch keine Einladung versandt." in page
    item = assembly.items.get()
    votes_url = reverse("governance:votes_edit", args=[assembly.pk, item.pk])
    office.post(votes_url, {f"m{raunheim.pk}": "yes", f"m{kelsterbach.pk}": "no"})
    second = office.post(votes_url, {f"m{raunheim.pk}": "no"})
    assert second.status_code == 200 and "bereits abgestimmt" in _text(second)
    stranger = office.post(votes_url, {f"m{c.gone.pk}": "yes"})
    assert "kein Mitglied" in _text(stranger)
    assert Vote.objects.count() == 2
    assembly.refresh_from_db()
    office.post(
        reverse("governance:assembly_close", args=[assembly.pk]),
        {"version": assembly.version, "chair": "Aufsicht Eins"},
    )
    assembly.refresh_from_db()
    assert assembly.state == AssemblyState.HELD
    assert "abgelehnt mit 1 Ja, 1 Nein" in _text(office.get(url))
    sign_url = reverse("governance:minutes_sign", args=[assembly.pk])
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    future = office.post(
        sign_url,
        {"version": assembly.version, "board_signatory": c.board.pk, "minutes_signed_on": tomorrow},
        follow=True,
    )
    assert "zwischen dem" in _text(future)
    office.post(
        sign_url,
        {"version": assembly.version, "board_signatory": c.board.pk, "minutes_signed_on": today.isoformat()},
    )
    assembly.refresh_from_db()
    assert assembly.state == AssemblyState.MINUTED and assembly.board_signatory == c.board
    pdf = office.get(reverse("governance:minutes_download", args=[assembly.pk, "pdf"]))
    docx = office.get(reverse("governance:minutes_download", args=[assembly.pk, "docx"]))
    assert pdf.content.startswith(b"%PDF") and docx.content.startswith(b"PK")
    assert "Niederschrift" in pdf["Content-Disposition"]


def test_letters_of_intent_and_the_growth_goal(world: World, office: Client) -> None:
    c = make_coop(world)
    # Raunheim and Kelsterbach are members here: a letter for a member is refused
    refused = office.post(
        reverse("membership:intent_create"), {"municipality": world.kommune_a.pk, "signed_on": "2026-01-05"}
    )
    assert refused.status_code == 200 and LetterOfIntent.objects.count() == 0
    c.members[3].exit_on = dt.date(2025, 12, 31)
    c.members[3].save()
    office.post(
        reverse("membership:intent_create"),
        {"municipality": world.kommune_b.pk, "signed_on": "2026-01-05", "signatory": "Bürgermeister"},
    )
    letter = LetterOfIntent.objects.get()
    c.cooperative.growth_goal = 50
    c.cooperative.growth_goal_by = dt.date(2025, 12, 31)
    c.cooperative.save()
    page = _text(office.get(reverse("membership:intent_list")))
    assert "Absichtserklärungen (Letter of Intent) 1" in page
    assert (
        "Mitglieder heute 3" in page and "noch 47 bis zum Ziel" in page and "Der Zieltag ist vorbei." in page
    )
    response = office.post(reverse("membership:intent_start", args=[letter.pk]))
    onboarding = Onboarding.objects.get(municipality=world.kommune_b)
    assert response["Location"] == onboarding.get_absolute_url()
    letter.refresh_from_db()
    assert letter.onboarding == onboarding and onboarding.contact_name == "Bürgermeister"
    again = office.post(reverse("membership:intent_start", args=[letter.pk]), follow=True)
    assert "läuft bereits" in _text(again)
    # a letter whose onboarding began is not withdrawn (the onboarding is); another one is
    refused = office.post(reverse("membership:intent_withdraw", args=[letter.pk]), follow=True)
    assert "Der Beitritt läuft bereits" in _text(refused)
    other = LetterOfIntent.objects.create(
        cooperative=c.cooperative, municipality=world.rb, signed_on=dt.date(2026, 2, 1)
    )
    office.post(reverse("membership:intent_withdraw", args=[other.pk]))
    other.refresh_from_db()
    assert other.withdrawn_on == dt.date.today()
    c.cooperative.refresh_from_db()
    goal_url = reverse("membership:growth_edit")
    no_goal = office.post(goal_url, {"version": c.cooperative.version, "growth_goal_by": "2027-12-31"})
    assert "Bitte die Zahl der Mitglieder angeben" in _text(no_goal)
    office.post(
        goal_url, {"version": c.cooperative.version, "growth_goal": "60", "growth_goal_by": "2027-12-31"}
    )
    c.cooperative.refresh_from_db()
    assert (c.cooperative.growth_goal, c.cooperative.growth_goal_by) == (60, dt.date(2027, 12, 31))
    assert "Organe und Generalversammlung" in _text(office.get(reverse("membership:pipeline")))
