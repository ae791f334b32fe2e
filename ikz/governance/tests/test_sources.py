"""Reminders, calendar dates and start-page tasks of the general assemblies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ikz.governance import services, sources
from ikz.governance.models import AssemblyState
from ikz.governance.tests.helpers import make_coop
from ikz.membership.tests.helpers import coop_office
from ikz.test import World

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_last_day_of_the_invitation_is_reminded_shown_and_a_task(world: World) -> None:
    c = make_coop(world)
    office = coop_office()
    assembly = services.convene(
        c.cooperative,
        {
            "kind": "extraordinary",
            "form": "virtual",
            "date": D(2026, 7, 20),
            "place": "Videokonferenz",
            "convened_by": "supervisory",
            "invited_on": D(2026, 7, 1),
        },
        actor=None,
    )
    last = D(2026, 7, 5)  # 14 full days before 20.07.
    items = sources.invitation_due(D(2026, 7, 1))
    assert [(i.user_id, i.due_date) for i in items] == [(office.pk, last)]
    assert "spätestens am 05.07.2026" in items[0].text
    assert sources.invitation_due(D(2026, 7, 6)) == []  # past the last day: no reminder any more
    dates = {d.uid: d.date for d in sources.assembly_dates(office)}
    assert dates == {f"assembly-{assembly.pk}": D(2026, 7, 20), f"assembly-invite-{assembly.pk}": last}
    assert sources.assembly_dates(world.office) == []  # a region's office is not the cooperative's team
    [task] = sources.cooperative_tasks(office, D(2026, 7, 6))
    assert (
        task.count == 1
        and task.items[0].overdue
        and "Einladung spätestens am 05.07.2026" in task.items[0].text
    )

    services.send_invitations(assembly, actor=None, today=D(2026, 7, 2))
    assert sources.invitation_due(D(2026, 7, 2)) == []
    assert "Teilnahme und Abstimmungen" in sources.cooperative_tasks(office, D(2026, 7, 2))[0].items[0].text
    type(assembly).objects.filter(pk=assembly.pk).update(state=AssemblyState.MINUTED)
    assert sources.cooperative_tasks(office, D(2026, 7, 30))[0].count == 0
    client = Client()
    client.force_login(office)
    page = client.get(reverse("governance:overview") + "?offen=1").content.decode()
    assert "Keine Versammlung wartet" in page and "Videokonferenz" not in page
    assert "Videokonferenz" in client.get(reverse("governance:overview")).content.decode()
