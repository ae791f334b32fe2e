"""Services: refusals at the field before anything is written, audit entries, optimistic locking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ikz.audit.models import AuditEntry
from ikz.audit.services import ConflictError
from ikz.resolutions import services
from ikz.resolutions.models import Resolution
from ikz.test import World

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
GOOD = {"subject": "principle", "body": "stvv", "date": dt.date(2013, 10, 24), "outcome": "adopted_council"}


def test_create_records_the_resolution_and_the_audit_entry(world: World) -> None:
    resolution = services.create_resolution(
        world.kommune_a, GOOD | {"source": "Niederschrift"}, actor=world.office
    )
    assert (resolution.body, resolution.outcome, resolution.version) == ("stvv", "adopted_council", 1)
    entry = AuditEntry.objects.get(object_id=str(resolution.pk), content_type__model="resolution")
    assert entry.action == "create" and entry.actor == world.office


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"date": None}, "date", "Sitzungsdatum"),
        ({"date": TODAY + dt.timedelta(days=3)}, "date", "Zukunft"),
        ({"body": "gemeindevertretung"}, "body", "passt nicht"),
        ({"body": "kreistag"}, "body", "Kreistag"),
        ({"subject": "other", "subject_text": ""}, "subject_text", "worüber"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_is_saved(
    world: World, values: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_resolution(world.kommune_a, GOOD | values, actor=world.office, today=TODAY)
    assert words in " ".join(caught.value.message_dict[field])
    assert (
        not Resolution.objects.exists()
        and not AuditEntry.objects.filter(content_type__model="resolution").exists()
    )


def test_one_principle_resolution_per_municipality(world: World) -> None:
    services.create_resolution(world.kommune_a, GOOD, actor=None)
    with pytest.raises(ValidationError) as caught:
        services.create_resolution(world.kommune_a, GOOD, actor=None)
    assert "schon einen Beschluss" in caught.value.message_dict["subject"][0]
    services.create_resolution(world.kommune_b, GOOD, actor=None)
    services.create_resolution(
        world.kommune_a, GOOD | {"subject": "other", "subject_text": "Beitritt"}, actor=None
    )
    assert Resolution.objects.count() == 3


def test_the_kreis_decides_in_kreistag_pending_needs_no_date(world: World) -> None:
    pending = services.create_resolution(
        world.kreis,
        {"subject": "principle", "body": "kreistag", "date": None, "outcome": "pending"},
        actor=None,
    )
    assert pending.date is None


def test_update_checks_the_version_and_the_rules(world: World) -> None:
    resolution = services.create_resolution(
        world.kommune_a, GOOD | {"outcome": "pending", "date": None}, actor=world.office
    )
    updated = services.update_resolution(
        resolution, GOOD, expected_version=1, actor=world.contact_a, today=TODAY
    )
    assert (updated.version, updated.outcome) == (2, "adopted_council")
    with pytest.raises(ConflictError):
        services.update_resolution(resolution, GOOD | {"note": "alt"}, expected_version=1, actor=world.office)
    with pytest.raises(ValidationError):
        services.update_resolution(
            updated, {"body": "gemeindevorstand"}, expected_version=2, actor=world.office, today=TODAY
        )
    assert Resolution.objects.get().version == 2
