"""The transfer copies the set-up and nothing about people or answers (counted)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import RoleAssignment, User
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.documents.models import DocType, Document, Visibility
from ikz.documents.tests.factories import make_document
from ikz.interests.models import Answer, CallStatus, Declaration, InterestCall, Topic
from ikz.municipalities.models import Kind, Level, Region, RegionMember, SizeClass, SteeringGroupMember
from ikz.municipalities.rules import DEFAULT_SIZE_CLASSES
from ikz.municipalities.services import MemberRow, NewRegion, create_region_from_register
from ikz.resolutions.models import Resolution
from ikz.surveys.models import Campaign, CampaignStatus, Response, Variant
from ikz.test import World, make_unit, make_user
from ikz.transfer.services import transfer_setup


@pytest.fixture
def setup(world: World) -> World:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten")
    field = CooperationField.objects.create(task_area=area, name="Beschaffung")
    for i, (label, lower, upper) in enumerate([("bis 10.000", 0, 9999), ("ab 10.000", 10000, None)], start=1):
        SizeClass.objects.create(region=world.region, position=i, label=label, lower=lower, upper=upper)
    SteeringGroupMember.objects.create(region=world.region, name="Bürgermeister A", function="Vorsitz")
    campaign = Campaign.objects.create(
        region=world.region,
        title="Bestandsaufnahme 2013",
        period_start=dt.date(2013, 1, 1),
        period_end=dt.date(2013, 12, 31),
        deadline=dt.date(2013, 10, 1),
        status=CampaignStatus.CLOSED,
    )
    campaign.task_areas.set([area])
    for name in ("Anlage 1 Städte und Gemeinden", "Anlage 2 Kreis"):
        Variant.objects.create(campaign=campaign, name=name).fields.set([field])
    Response.objects.create(campaign=campaign, municipality=world.kommune_a)
    call = InterestCall.objects.create(
        region=world.region,
        title="Interessenbekundung 2013",
        deadline=dt.date(2013, 9, 30),
        status=CallStatus.CLOSED,
    )
    topics = [
        Topic.objects.create(call=call, label=t, task_area=area, position=i)
        for i, t in enumerate(["Bauhof", "Personal", "Kasse"])
    ]
    declaration = Declaration.objects.create(call=call, municipality=world.kommune_a)
    Answer.objects.create(declaration=declaration, topic=topics[0], interested=True)
    make_document(
        "Mustervereinbarung Standesamt",
        "§ 1",
        doc_type=DocType.MODEL_DRAFT,
        visibility=Visibility.REGION,
        region=world.region,
        kind="docx",
    )
    make_document(
        "Bericht 2013", "intern", doc_type=DocType.REPORT, visibility=Visibility.REGION, region=world.region
    )
    make_document(
        "Muster intern",
        "x",
        doc_type=DocType.MODEL_DRAFT,
        visibility=Visibility.INTERNAL,
        region=world.region,
    )
    return world


def _new_region(world: World, *, office: User | None = None) -> Region:
    """The Wetteraukreis as its office creates it from the register: members, default classes."""
    kreis = make_unit("06440", "Wetteraukreis", Level.KREIS, Kind.LANDKREIS, world.rb)
    town = make_unit("06440001", "Altenstadt", Level.GEMEINDE, Kind.GEMEINDE, kreis, ars="064400001001")
    return create_region_from_register(
        NewRegion("IKZ Wetteraukreis", "wetteraukreis"),
        [MemberRow(town, "Alte"), MemberRow(kreis, "Kreis")],
        actor=office or world.office,
        office=office,
    )


@pytest.mark.django_db
def test_transfer_copies_the_setup_only(setup: World) -> None:
    world = setup
    resolutions_before = Resolution.objects.count()
    documents_before = Document.objects.count()
    new = _new_region(world)
    assert new.size_classes.count() == len(DEFAULT_SIZE_CLASSES)
    result = transfer_setup(world.region, target=new, actor=world.office)
    assert result.region == new
    assert result.counts == {
        "Größenklassen": 2,
        "Bestandsaufnahmen (Vorlagen)": 1,
        "Fragebogen-Varianten": 2,
        "Interessenbekundungsverfahren (Vorlagen)": 1,
        "Themen": 3,
        "Dokumentvorlagen": 1,
    }
    assert list(new.size_classes.values_list("label", "lower", "upper")) == [
        ("bis 10.000", 0, 9999),
        ("ab 10.000", 10000, None),
    ]
    campaign = Campaign.objects.get(region=new)
    assert campaign.status == CampaignStatus.DRAFT and campaign.task_areas.count() == 1
    assert sorted(Variant.objects.filter(campaign=campaign).values_list("name", flat=True)) == [
        "Anlage 1 Städte und Gemeinden",
        "Anlage 2 Kreis",
    ]
    assert Variant.objects.filter(campaign=campaign, fields__name="Beschaffung").count() == 2
    call = InterestCall.objects.get(region=new)
    assert call.status == CallStatus.DRAFT
    assert list(call.topics.values_list("label", flat=True)) == ["Bauhof", "Personal", "Kasse"]
    assert Document.objects.count() == documents_before + 1
    template = Document.objects.get(region=new)
    assert template.title == "Mustervereinbarung Standesamt" and "§ 1" in template.versions.get().text
    # never copied: answers, declarations, resolutions, people, roles, members
    assert Response.objects.filter(campaign__region=new).count() == 0
    assert Declaration.objects.filter(call__region=new).count() == 0
    assert Resolution.objects.count() == resolutions_before
    # the new region's own members stay; the source's people are never copied
    assert list(RegionMember.objects.filter(region=new).values_list("short_label", flat=True)) == [
        "Alte",
        "Kreis",
    ]
    assert SteeringGroupMember.objects.filter(region=new).count() == 0
    assert RoleAssignment.objects.filter(region=new).count() == 0
    assert new.office_host is None and new.office_name == ""


@pytest.mark.django_db
def test_transfer_into_itself_is_refused_and_writes_nothing(setup: World) -> None:
    before = list(setup.region.size_classes.values_list("label", flat=True))
    with pytest.raises(ValidationError):
        transfer_setup(setup.region, target=setup.region, actor=setup.office)
    assert list(setup.region.size_classes.values_list("label", flat=True)) == before


@pytest.mark.django_db
def test_the_office_of_the_new_region_transfers_into_it(setup: World) -> None:
    """Issue 19: the office of the Wetteraukreis got 403 on the transfer page."""
    wetterau_office = make_user("wetterau")
    new = _new_region(setup, office=wetterau_office)  # founded by it: it is the new region's office
    client = Client()
    client.force_login(wetterau_office)
    url = reverse("transfer:transfer_create")
    page = client.get(url + "?ziel=wetteraukreis")
    assert page.status_code == 200
    assert f'<option value="{new.pk}" selected>' in page.content.decode()
    response = client.post(url, {"source": setup.region.pk, "target": new.pk})
    assert response.status_code == 200
    assert "Dokumentvorlagen: 1" in response.content.decode()
    assert list(new.size_classes.values_list("label", flat=True)) == ["bis 10.000", "ab 10.000"]
    # not into a region of another office: refused at the field, nothing written
    before = list(setup.region.size_classes.values_list("label", flat=True))
    refused = client.post(url, {"source": new.pk, "target": setup.region.pk})
    assert "nicht ihre Geschäftsstelle" in refused.content.decode()
    assert list(setup.region.size_classes.values_list("label", flat=True)) == before


@pytest.mark.django_db
def test_a_contact_is_told_which_role_the_transfer_needs(setup: World) -> None:
    response = setup.client_for("contact_a").get(reverse("transfer:transfer_create"))
    assert response.status_code == 403
    assert "Ihnen fehlt die Rolle „Geschäftsstelle“" in str(response.context["exception"])
