import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ikz.audit.models import AuditEntry
from ikz.audit.services import ConflictError
from ikz.municipalities import services
from ikz.municipalities.models import Kind, Level, Municipality, RegionMember
from ikz.test import World

pytestmark = pytest.mark.django_db


def test_contact_edits_own_master_data_and_history_records_it(world: World) -> None:
    a = world.kommune_a
    services.update_master_data(
        a, {"phone": "06142 402-0", "website": "https://www.raunheim.de"},
        expected_version=a.version, actor=world.contact_a, office=False,
    )  # fmt: skip
    a.refresh_from_db()
    assert (a.phone, a.version) == ("06142 402-0", 2)
    entry = AuditEntry.objects.get(object_id=str(a.pk), action="update")
    assert entry.actor == world.contact_a
    assert entry.changes["phone"] == ["", "06142 402-0"]
    assert set(entry.changes) == {"phone", "website"}


def test_contact_cannot_change_official_fields(world: World) -> None:
    with pytest.raises(ValidationError, match="nicht ändern"):
        services.update_master_data(
            world.kommune_a, {"short_name": "X"}, expected_version=1, actor=world.contact_a, office=False
        )


def test_stale_version_is_refused_and_nothing_is_written(world: World) -> None:
    a = world.kommune_a
    services.update_master_data(a, {"phone": "1"}, expected_version=1, actor=world.contact_a, office=False)
    with pytest.raises(ConflictError) as info:
        services.update_master_data(a, {"phone": "2"}, expected_version=1, actor=world.office, office=True)
    a.refresh_from_db()
    assert a.phone == "1"
    assert info.value.comparison() == [("Telefon", "2", "1")]


def test_population_history_is_kept_and_newest_is_current(world: World) -> None:
    b = world.kommune_b  # has 16,622 at 31.12.2024
    services.record_population(
        b, stichtag=dt.date(2022, 12, 31), total=17375, source="GV100AD 2022", actor=world.office
    )
    b.refresh_from_db()
    assert b.current_population.total == 16622
    assert b.population_figures.count() == 2
    services.record_population(
        b, stichtag=dt.date(2025, 12, 31), total=16700, source="HSL", actor=world.office
    )
    b.refresh_from_db()
    assert (b.current_population.total, b.current_population.stichtag) == (16700, dt.date(2025, 12, 31))


def test_population_requires_source_and_rejects_duplicates(world: World) -> None:
    with pytest.raises(ValidationError):
        services.record_population(
            world.kommune_a, stichtag=dt.date(2024, 12, 31), total=1, source=" ", actor=None
        )
    with pytest.raises(ValidationError, match="bereits"):
        services.record_population(
            world.kommune_a, stichtag=dt.date(2024, 12, 31), total=1, source="Testquelle", actor=None
        )
    with pytest.raises(ValidationError):
        services.record_population(
            world.kommune_a, stichtag=dt.date(2023, 12, 31), total=10, male=11, source="X", actor=None
        )


def test_organisation_has_no_key_but_parent_and_share(world: World) -> None:
    org = services.create_organisation(
        name="Kommunales Jobcenter Groß-Gerau", kind=Kind.JOBCENTER, parent=world.kreis,
        municipal_share=Decimal("100"), actor=world.office,
    )  # fmt: skip
    assert (org.key, org.level, org.parent, org.kreis, org.land) == (
        None,
        Level.ORGANISATION,
        world.kreis,
        world.kreis,
        world.land,
    )
    with pytest.raises(ValidationError):
        services.create_organisation(
            name="GmbH",
            kind=Kind.STADT,
            parent=world.kreis,
            municipal_share=Decimal("51"),
            actor=world.office,
        )


def test_model_validation_of_keys(world: World) -> None:
    bad = Municipality(key="06434001", name="X", short_name="X", level=Level.GEMEINDE, kind=Kind.STADT,
                       parent=world.kreis, ars="064340001001")  # fmt: skip
    with pytest.raises(ValidationError) as info:
        bad.full_clean()
    assert "übergeordneten" in str(info.value)
    bad.key, bad.ars = "06433099", "064330099098"
    with pytest.raises(ValidationError, match="passt nicht"):
        bad.full_clean()


def test_region_members_replace_is_atomic_and_validated(world: World) -> None:
    region = world.region
    with pytest.raises(ValidationError, match="Kürzel"):
        services.set_region_members(
            region,
            [services.MemberRow(world.kommune_a, "X"), services.MemberRow(world.kommune_b, "X")],
            expected_version=region.version,
            actor=world.office,
        )
    assert list(RegionMember.objects.filter(region=region).values_list("short_label", flat=True)) == [
        "Raun",
        "Kelst",
    ]
    region = services.set_region_members(
        region,
        [services.MemberRow(world.kommune_b, "Kelst"), services.MemberRow(world.kommune_a, "Raun"),
         services.MemberRow(world.kreis, "Kreis")],
        expected_version=region.version,
        actor=world.office,
    )  # fmt: skip
    assert [m.short_label for m in region.members.order_by("position")] == ["Kelst", "Raun", "Kreis"]
    assert region.version == 2
    with pytest.raises(ConflictError):
        services.set_region_members(region, [], expected_version=1, actor=world.office)


def test_size_classes_must_not_overlap(world: World) -> None:
    with pytest.raises(ValidationError, match="überschneiden"):
        services.set_size_classes(
            world.region,
            [services.SizeClassRow("a", 0, 100), services.SizeClassRow("b", 50, 200)],
            expected_version=1,
            actor=world.office,
        )
    with pytest.raises(ValidationError, match="Obergrenze"):
        services.set_size_classes(
            world.region, [services.SizeClassRow("a", 100, 50)], expected_version=1, actor=world.office
        )
    assert not world.region.size_classes.exists()
