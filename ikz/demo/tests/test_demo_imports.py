"""The demo's round trip: the seed's matrix of Kreis Groß-Gerau, exported and imported back by the
office, changes nothing and stands "übernommen" in the region's import history."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.demo import data
from ikz.imports.models import ImportRun, Status
from ikz.municipalities.models import Region

pytestmark = pytest.mark.django_db


def test_the_seed_matrix_imports_back_unchanged() -> None:
    region = Region.objects.get(slug=data.REGION_SLUG)
    run = ImportRun.objects.get(kind="kooperationsmatrix", scope_id=region.pk)
    assert run.problems == []
    assert run.status == Status.APPLIED
    assert run.applied_by is not None and run.applied_by.username == "geschaeftsstelle"
    assert run.counts["create"] == run.counts["change"] == 0
    assert run.counts["unchanged"] >= 10
    client = Client()
    client.force_login(User.objects.get(username="geschaeftsstelle"))
    page = client.get(reverse("imports:run_create", args=["kooperationsmatrix", region.pk])).content.decode()
    assert "kooperationsmatrix-kreis-gross-gerau.xlsx" in page and "übernommen" in page
