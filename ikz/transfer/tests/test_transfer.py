"""The transfer copies the set-up and nothing about people or answers (counted)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ikz.accounts.models import Role, RoleAssignment
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.documents.models import DocType, Document, Visibility
from ikz.documents.tests.factories import make_document
from ikz.interests.models import Answer, CallStatus, Declaration, InterestCall, Topic
from ikz.municipalities.models import Region, RegionMember, SizeClass, SteeringGroupMember
from ikz.resolutions.models import Resolution
from ikz.surveys.models import Campaign, CampaignStatus, Response, Variant
from ikz.test import World, make_user
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


@pytest.mark.django_db
def test_transfer_copies_the_setup_only(setup: World) -> None:
    world = setup
    resolutions_before = Resolution.objects.count()
    documents_before = Document.objects.count()
    result = transfer_setup(world.region, name="IKZ Wetteraukreis", slug="wetteraukreis", actor=world.office)
    new = result.region
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
    assert RegionMember.objects.filter(region=new).count() == 0
    assert SteeringGroupMember.objects.filter(region=new).count() == 0
    assert RoleAssignment.objects.filter(region=new).count() == 0
    assert new.office_host is None and new.office_name == ""


@pytest.mark.django_db
def test_transfer_refuses_a_taken_name_and_writes_nothing(setup: World) -> None:
    with pytest.raises(ValidationError):
        transfer_setup(setup.region, name=setup.region.name, slug="neu", actor=setup.office)
    assert Region.objects.count() == 1


@pytest.mark.django_db
def test_only_the_platform_wide_office_transfers(setup: World) -> None:
    url = reverse("transfer:transfer_create")
    data = {"source": setup.region.pk, "name": "IKZ Wetteraukreis", "slug": "wetteraukreis"}
    assert setup.client_for("office").post(url, data).status_code == 403
    platform = make_user("plattform", Role.OFFICE)
    from django.test import Client

    client = Client()
    client.force_login(platform)
    page = client.post(url, data)
    assert page.status_code == 200
    assert "Dokumentvorlagen: 1" in page.content.decode()
    assert Region.objects.filter(slug="wetteraukreis").exists()
