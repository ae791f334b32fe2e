"""The demo's interest call of 2013 shows exactly the seed's ranking (seed 003, A 2 b)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.demo.interests import CALL_TITLE
from ikz.interests.models import Answer, Declaration, InterestCall
from ikz.projects.models import Project

pytestmark = pytest.mark.django_db

SEED_TABLE = [
    ("Personalmanagement", 12),
    ("Zentrale Angelegenheiten (v.a. Beschaffungswesen, Gebäudemanagement)", 11),
    ("Ver- und Entsorgung, Energie", 8),
    ("Bauhof", 8),
    ("Informations- und Kommunikationstechnologie / Digitalisierung", 8),
    ("Sicherheit und Ordnung", 7),
    ("Brand-, Zivil- und Katastrophenschutz", 7),
    ("Kultur- und Vereinsmanagement", 7),
    ("Räumliche Planung und Entwicklung, Bauverwaltung, Wohnen", 7),
    ("Finanzmanagement, Kasse", 7),
    ("Soziale Leistungen, Kinder, Jugend, Familie, Schule", 6),
    ("Sport, Freizeit, Erholung", 6),
    ("Naturschutz und Landschaftspflege, Umweltschutz", 4),
]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


def test_demo_ranking_is_the_seed_table() -> None:
    call = InterestCall.objects.get(title=CALL_TITLE)
    assert InterestCall.objects.count() == 1 and call.status == "closed"
    assert list(call.topics.order_by("position").values_list("label", flat=True)) == [
        t for t, _n in SEED_TABLE
    ]
    assert (
        dict(call.topics.values_list("label", "task_area__name"))["Brand-, Zivil- und Katastrophenschutz"]
        == "Brandschutz"
    )
    # the proposal from the ranking is a project with the interested members as participants
    project = Project.objects.get(title="IKZ-Projekt: Sport, Freizeit, Erholung")
    assert project.status == "proposal" and project.proposal is not None
    assert project.participations.count() == 6 and not any(p.confirmed for p in project.participations.all())
    declarations = Declaration.objects.filter(call=call)
    assert declarations.count() == 15 and {d.status for d in declarations} == {"submitted"}
    assert all("Illustrativ" in d.source and "Illustrativ" in d.note for d in declarations)
    client = Client()
    client.force_login(User.objects.get(username="lenkungsgruppe"))
    page = _text(client.get(reverse("interests:ranking", args=[call.pk])).content.decode())
    table = page[page.index("Rangfolge der Themen") : page.index("Balkendiagramm")]
    found = re.findall(r"(\d+) ([^\d]+?) (\d+) (\d+)(?= \d| $)", table.strip() + " ")
    assert [(label, int(n)) for _rank, label, n, _group in found] == SEED_TABLE
    assert [int(rank) for rank, *_ in found] == [1, 2, 3, 3, 3, 6, 6, 6, 6, 6, 11, 11, 13]
    for _rank, label, n, group in found:
        assert 0 < int(group) < int(n), f"{label}: Arbeitsgruppe ist eine echte Teilmenge"
    joining = Answer.objects.filter(declaration__call=call, joins_working_group=True)
    assert not joining.filter(interested=False).exists()
