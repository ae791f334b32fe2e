"""The platform office updates the register from a GV100AD file through the import pages: upload,
check with progress, preview of what changes, confirm (the same service as the command)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import Role
from ikz.imports.models import Status
from ikz.imports.tests.helpers import confirm, upload
from ikz.lib.tests.gv100ad_lines import small_register
from ikz.municipalities.models import Municipality
from ikz.municipalities.services.register import import_register
from ikz.test import make_user

pytestmark = pytest.mark.django_db
URL = reverse("imports:run_create", args=["gv100ad", 0])


def _platform() -> Client:
    client = Client()
    client.force_login(make_user("plattform", Role.OFFICE))
    return client


def test_a_newer_file_is_previewed_and_applied_through_the_pages() -> None:
    import_register(small_register(), actor=None)
    client = _platform()
    page = client.get(reverse("municipalities:municipality_list")).content.decode()
    assert f'href="{URL}"' in page
    newer = (
        small_register(stand="20261130", raunheim=16600)
        .decode()
        .replace("Raunheim, Stadt", "Raunheim, neu  ")
    )
    run = upload(client, "gv100ad", 0, "GV100AD_30112026.txt", newer.encode())
    assert run.status == Status.READY, run.problems
    assert run.counts["change"] >= 1 and run.counts["create"] == 0
    preview = client.get(run.get_absolute_url()).content.decode()
    assert "Name „Raunheim, Stadt“ → „Raunheim, neu“" in preview
    assert "Einwohner 16.500 → 16.600" in preview
    assert Municipality.objects.get(key="06433010").name == "Raunheim, Stadt"  # nothing written yet
    confirm(client, run)
    raunheim = Municipality.objects.select_related("current_population").get(key="06433010")
    assert raunheim.name == "Raunheim, neu"
    assert raunheim.current_population is not None and raunheim.current_population.total == 16600
    run.refresh_from_db()
    assert run.status == Status.APPLIED


def test_a_first_file_creates_the_units() -> None:
    client = _platform()
    run = upload(client, "gv100ad", 0, "GV100AD_30112025.txt", small_register())
    assert run.status == Status.READY and run.counts["create"] > 0
    confirm(client, run)
    assert Municipality.objects.filter(key="06433010", name="Raunheim, Stadt").exists()


def test_a_bad_record_is_refused_at_the_file_with_its_line() -> None:
    broken = small_register().decode().split("\r\n")
    broken[2] = broken[2][:100]
    response = _platform().post(URL, {"file": SimpleUploadedFile("kaputt.txt", "\r\n".join(broken).encode())})
    assert response.status_code == 200
    assert "Zeile 3:" in response.content.decode()
    assert not Municipality.objects.exists()


def test_a_region_office_is_told_that_the_register_is_the_platform_offices() -> None:
    region_office = Client()
    from ikz.municipalities.models import Region

    region = Region.objects.create(name="IKZ Test", slug="test")
    region_office.force_login(make_user("regional", Role.OFFICE, region=region))
    response = region_office.get(URL)
    assert response.status_code == 403
    assert "landesweite Geschäftsstelle" in str(response.context["exception"])
