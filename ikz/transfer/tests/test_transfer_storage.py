"""The model drafts travel through the storage API: a file store that is down stops the whole
transfer with a German message, and nothing of it is written (all or nothing)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from ikz.documents.models import Document
from ikz.documents.tests.s3 import closed_port, s3_storage
from ikz.surveys.models import Campaign
from ikz.test import World
from ikz.transfer.services import transfer_setup
from ikz.transfer.tests.test_transfer import _new_region, setup  # noqa: F401 (fixture)


@pytest.mark.django_db
def test_a_store_that_is_down_stops_the_transfer_and_writes_nothing(setup: World, settings: Any) -> None:  # noqa: F811
    world = setup
    new = _new_region(world)
    documents, campaigns = Document.objects.count(), Campaign.objects.count()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(endpoint_url=f"http://127.0.0.1:{closed_port()}", attempts=1, timeout=2),
    }
    with pytest.raises(ValidationError) as refused:
        transfer_setup(world.region, target=new, actor=world.office)
    assert "Der Dateispeicher ist gerade nicht erreichbar" in refused.value.messages[0]
    assert (Document.objects.count(), Campaign.objects.count()) == (documents, campaigns)
    assert not Document.objects.filter(region=new).exists()
