"""The survey, the interest call and the principle resolutions of 2013/14 as of their own dates:
the Rücklauf closed on 29.5.2013, the ranking as of 31.12.2013 is the seed's table, the overview of
the resolutions as of a day of 2014 shows only what had been decided by then."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ikz.accounts.models import User
from ikz.demo import data
from ikz.demo.interests import CALL_TITLE
from ikz.demo.tests.test_demo_interests import SEED_TABLE
from ikz.interests.models import Declaration, InterestCall
from ikz.surveys.models import Campaign

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


@pytest.fixture
def client() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="lenkungsgruppe"))
    return client


def _ranking(page: str) -> list[tuple[str, int]]:
    table = page[page.index("Rangfolge der Themen") : page.index("Balkendiagramm")]
    found = re.findall(r"(\d+) ([^\d]+?) (\d+) (\d+)(?= \d| $)", table.strip() + " ")
    return [(label, int(n)) for _rank, label, n, _group in found]


def test_the_survey_sheets_were_handed_in_by_29_may_2013(client: Client) -> None:
    campaign = Campaign.objects.get(title="Bestandsaufnahme 2013")
    days = sorted(r.submitted_on for r in campaign.responses.all())
    assert len(days) == 15 and days[0] == dt.date(2013, 3, 4) and days[-1] == dt.date(2013, 5, 29)
    office = Client()
    office.force_login(User.objects.get(username="geschaeftsstelle"))
    url = reverse("surveys:tracking", args=[campaign.pk])
    assert "15 abgegeben" in _text(office.get(url + "?stand=2013-05-29").content.decode())
    april = _text(office.get(url + "?stand=2013-04-15").content.decode())
    assert "Stand: 15.04.2013" in april and "15 abgegeben" not in april


def test_the_ranking_as_of_31_december_2013_is_the_seeds_table(client: Client) -> None:
    call = InterestCall.objects.get(title=CALL_TITLE)
    sent = sorted(d.submitted_on for d in Declaration.objects.filter(call=call))
    assert len(sent) == 15 and all(d.year == 2013 and d <= call.deadline for d in sent)
    url = reverse("interests:ranking", args=[call.pk])
    page = _text(client.get(url + "?stand=2013-12-31").content.decode())
    assert "Stand: 31.12.2013" in page
    assert _ranking(page) == SEED_TABLE
    # in mid-August 2013 only the first declarations had been sent
    august = _ranking(_text(client.get(url + "?stand=2013-08-15").content.decode()))
    assert sum(n for _l, n in august) < sum(n for _l, n in SEED_TABLE)
    xlsx = client.get(url + "?stand=2013-12-31&format=xlsx")
    assert "stand-2013-12-31" in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert any("31.12.2013" in str(c) for r in rows[:3] for c in r if c)
    counts = {r[1]: r[2] for r in rows if r and len(r) > 2 and isinstance(r[2], int)}
    assert [(label, counts[label]) for label, _n in SEED_TABLE] == SEED_TABLE


def test_the_resolutions_as_of_a_day_of_2014(client: Client) -> None:
    url = reverse("resolutions:overview", args=[data.REGION_SLUG])
    page = client.get(url + "?stand=2014-01-31").content.decode()
    assert "Stand: 31.01.2014" in _text(page)
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", page, re.S)
    assert body
    rows = {_text(r).split()[0]: _text(r) for r in re.findall(r"<tr.*?</tr>", body.group(1), re.S)}
    # decided by 31.01.2014: the joint session of 21.10.2013, Mörfelden-Walldorf, Riedstadt,
    # Ginsheim-Gustavsburg, Bischofsheim (20.01.2014); later ones are not there yet
    for name, day in [
        ("Rüss", "21.10.2013"),
        ("Raun", "21.10.2013"),
        ("Kelst", "21.10.2013"),
        ("MöWa", "25.11.2013"),
        ("Ried", "09.12.2013"),
        ("GiGu", "12.12.2013"),
        ("Bisch", "20.01.2014"),
    ]:
        assert day in rows[name], name
    for name in ("GG", "Bütt", "Treb", "Gerns", "Stock", "Kreis"):
        assert "kein Eintrag" in rows[name], name
    today = _text(client.get(url).content.decode())
    assert "13.02.2014" in today and "10.04.2014" in today
