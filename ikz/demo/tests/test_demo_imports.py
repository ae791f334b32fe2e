"""The demo's round trip: the seed's matrix of Kreis Groß-Gerau, exported and imported back by the
office, changes nothing and stands "übernommen" in the region's import history."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.cooperation.models import Cooperation
from ikz.demo import data
from ikz.imports.models import ImportRun, Status
from ikz.municipalities.models import Region

pytestmark = pytest.mark.django_db


def test_the_seed_matrix_imports_back_unchanged() -> None:
    region = Region.objects.get(slug=data.REGION_SLUG)
    versions = dict(Cooperation.objects.filter(region=region).values_list("pk", "version"))
    run = ImportRun.objects.get(kind="kooperationsmatrix", scope_id=region.pk)
    assert run.problems == []
    assert run.status == Status.APPLIED
    assert run.applied_by is not None and run.applied_by.username == "geschaeftsstelle"
    assert run.counts["create"] == run.counts["change"] == 0
    assert run.counts["unchanged"] >= 10
    runs = ImportRun.objects.count()  # the matrix and the seed's resolutions
    call_command("load_demo", stdout=io.StringIO())  # idempotent: no second run
    assert ImportRun.objects.count() == runs
    assert dict(Cooperation.objects.filter(region=region).values_list("pk", "version")) == versions
    client = Client()
    client.force_login(User.objects.get(username="geschaeftsstelle"))
    page = client.get(reverse("imports:run_create", args=["kooperationsmatrix", region.pk])).content.decode()
    assert "kooperationsmatrix-kreis-gross-gerau.xlsx" in page and "übernommen" in page
