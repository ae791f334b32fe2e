"""The back office writes the same history as the application."""

import pytest
from django.urls import reverse

from ikz.audit.models import AuditEntry
from ikz.cooperation.models import TaskArea
from ikz.test import World

pytestmark = pytest.mark.django_db


def test_admin_change_is_recorded_with_actor_and_fields(world: World) -> None:
    world.office.is_superuser = True
    world.office.save()
    area = TaskArea.objects.create(name="Bauhof", position=12)
    client = world.client_for("office")
    url = reverse("admin:cooperation_taskarea_change", args=[area.pk])
    data = {
        "name": "Bauhof und Grünflächen", "position": "12", "description": "",
        "fields-TOTAL_FORMS": "1", "fields-INITIAL_FORMS": "0", "fields-MIN_NUM_FORMS": "0",
        "fields-MAX_NUM_FORMS": "1000", "fields-0-name": "Streusalzmanagement", "fields-0-position": "1",
        "fields-0-source": "", "fields-0-task_area": str(area.pk),
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    area.refresh_from_db()
    assert (area.name, area.version) == ("Bauhof und Grünflächen", 2)
    entries = AuditEntry.objects.filter(object_id=str(area.pk), actor=world.office).order_by("id")
    assert entries[0].changes["name"] == ["Bauhof", "Bauhof und Grünflächen"]
    assert any("Streusalzmanagement" in key for key in entries[1].changes)


def test_admin_refuses_to_overwrite_a_newer_change(world: World) -> None:
    world.office.is_superuser = True
    world.office.save()
    area = TaskArea.objects.create(name="Bauhof", position=12)
    client = world.client_for("office")
    url = reverse("admin:cooperation_taskarea_change", args=[area.pk])
    form = client.get(url).content.decode()
    assert 'name="expected_version" value="1"' in form
    TaskArea.objects.filter(pk=area.pk).update(name="Bauhof (von Kollegin)", version=2)
    data = {
        "name": "Bauhof alt", "position": "12", "description": "", "expected_version": "1",
        "fields-TOTAL_FORMS": "0", "fields-INITIAL_FORMS": "0", "fields-MIN_NUM_FORMS": "0",
        "fields-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in response.content.decode()
    area.refresh_from_db()
    assert (area.name, area.version) == ("Bauhof (von Kollegin)", 2)
    assert not AuditEntry.objects.filter(object_id=str(area.pk), actor=world.office).exists()
