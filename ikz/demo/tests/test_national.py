"""seed_national on the test world's Kreis: what it builds stays inside that Kreis, is indexed,
recorded, refuses a second run, and the same seed gives the same data."""

from __future__ import annotations

import pytest
from django.db import transaction

from ikz.audit.models import AuditEntry
from ikz.cooperation.models import Cooperation, Participant
from ikz.demo.national import seed_national
from ikz.documents.models import Document
from ikz.municipalities.models import Region, RegionMember
from ikz.search.models import SearchEntry
from ikz.test import World

# loads the demo itself or needs none: the loaded demo is removed before this module (conftest.py)
EMPTY_DATABASE = True


def _fingerprint() -> list[str]:
    return list(Cooperation.objects.order_by("pk").values_list("title", flat=True)[:20])


@pytest.mark.django_db
def test_one_kreis_seed_stays_in_the_kreis_is_indexed_and_recorded(world: World) -> None:
    summary = seed_national(kreis="06433", seed=7)
    region = Region.objects.get(slug__startswith="seed-")
    members = set(RegionMember.objects.filter(region=region).values_list("municipality_id", flat=True))
    assert members == {world.kommune_a.pk, world.kommune_b.pk}
    assert summary.counts["cooperations"] == Cooperation.objects.filter(region=region).count() > 0
    assert set(
        Participant.objects.filter(cooperation__region=region).values_list("municipality_id", flat=True)
    ) <= (members)
    seeded_docs = Document.objects.filter(region=region)
    assert seeded_docs.count() == summary.counts["documents"] > 0
    assert SearchEntry.objects.filter(source="document", object_id__in=seeded_docs.values("pk")).count() == (
        seeded_docs.count()
    )
    assert AuditEntry.objects.filter(actor_label="seed_national", object_id=str(region.pk)).exists()
    with pytest.raises(ValueError, match="schon ausgeführt"):
        seed_national(kreis="06433", seed=7)


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data(world: World) -> None:
    with transaction.atomic():
        seed_national(kreis="06433", seed=11)
        first = _fingerprint()
        transaction.set_rollback(True)
    seed_national(kreis="06433", seed=11)
    assert _fingerprint() == first and first
