"""The demo's governance of K4K eG (seed 000): Vorstand and Aufsichtsrat as the seed names them,
more than 15 letters of intent, the growth goal, one held ordinary assembly with its minutes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.governance.models import Assembly, AssemblyState, Organ, OrganSeat
from ikz.membership.models import Cooperative, LetterOfIntent
from ikz.membership.queries import growth_of

pytestmark = pytest.mark.django_db


def test_demo_governance_follows_seed_000() -> None:
    coop = Cooperative.objects.get()
    seats = {(s.organ, s.person) for s in OrganSeat.objects.all()}
    assert seats == {
        (Organ.BOARD, "Maximilian Großmann"),
        (Organ.SUPERVISORY, "Frank Dworsky"),
        (Organ.SUPERVISORY, "Reiner Gail"),
        (Organ.SUPERVISORY, "Beate Langhammer"),
    }
    growth = growth_of(coop, dt.date.today())
    assert growth.members == 10 and growth.letters > 15 and growth.goal == 50
    assert all(letter.is_illustrative for letter in LetterOfIntent.objects.all())
    assembly = Assembly.objects.get()
    assert assembly.kind == "ordinary" and assembly.state == AssemblyState.MINUTED
    assert assembly.invitations.count() == 10 and assembly.attendances.count() == 9

    client = Client()
    client.force_login(User.objects.get(username="genossenschaft"))
    page = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(assembly.get_absolute_url()).content.decode())
    )
    assert "angenommen mit 9 Ja, 0 Nein, 0 Enthaltungen" in page  # accounts
    assert "angenommen mit 8 Ja, 1 Nein, 0 Enthaltungen (nötig: drei Viertel" in page  # statute change
    assert "9 von 10 Mitgliedern" in page
    overview = client.get(reverse("governance:overview")).content.decode()
    assert "Beate Langhammer" in overview and "noch 40 bis zum Ziel" in overview
    assert client.get(reverse("governance:minutes_download", args=[assembly.pk, "pdf"])).content.startswith(
        b"%PDF"
    )
