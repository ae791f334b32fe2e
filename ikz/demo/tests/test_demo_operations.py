"""The demo's operating cooperations carry the facts of seed 003 part B."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.cooperation import queries
from ikz.cooperation.models import Cooperation, Operation, ParticipationSpan
from ikz.demo import data
from ikz.municipalities.models import Region

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def demo() -> Region:
    return Region.objects.get(slug=data.REGION_SLUG)


def _page(url: str, username: str = "kommune-kelsterbach") -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    html = client.get(url).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_all_eight_have_operating_details(demo: Region) -> None:
    assert Operation.objects.filter(cooperation__region=demo).count() == 8
    assert ParticipationSpan.objects.filter(cooperation__region=demo).exists()


def test_prostschg_notice_date_from_1_october_2020(demo: Region) -> None:
    cooperation = Cooperation.objects.get(region=demo, title="Umsetzung ProstSchG")
    # Five years from 1.10.2020, renewing by five years, six months' notice (illustrative):
    # terms end 30.9.2025, 30.9.2030, 30.9.2035; notice by 31.3. of those years.
    detail = queries.operation_detail(cooperation, D(2025, 1, 1))
    assert (detail.state.notice_by, detail.state.notice_for) == (D(2025, 3, 31), D(2025, 9, 30))
    detail = queries.operation_detail(cooperation, D(2026, 12, 1))
    assert (detail.state.notice_by, detail.state.notice_for) == (D(2030, 3, 31), D(2030, 9, 30))
    assert (detail.at_start, detail.today_count) == (11, 11)
    today = dt.date.today()
    by, end = next((D(y, 3, 31), D(y, 9, 30)) for y in range(2025, 2200, 5) if D(y, 3, 31) >= today)
    page = _page(cooperation.get_absolute_url())
    assert f"Kündigung bis spätestens {by:%d.%m.%Y} zum {end:%d.%m.%Y}" in page
    if by == D(2030, 3, 31):  # a Sunday: the page advises the Friday before
        assert "bis Freitag, 29.03.2030 zustellen" in page
    assert "öffentlich-rechtliche Vereinbarung" in page
    assert "Illustrativ (nicht in der Quelle): Kündigungsfrist (6 Monate)" in page


def test_vergabezentrum_started_with_11_and_has_13_today(demo: Region) -> None:
    cooperation = Cooperation.objects.get(region=demo, title="Kommunales Vergabezentrum")
    operation = cooperation.operation
    assert (operation.start, operation.staff_positions, operation.reporting_duty) == (
        D(2017, 7, 1),
        Decimal("2.75"),
        True,
    )
    assert cooperation.legal_form == "public_contract"
    page = _page(cooperation.get_absolute_url())
    assert "11 zum Start, heute 13" in page
    assert "2,75" in page
    later = ParticipationSpan.objects.filter(cooperation=cooperation).exclude(joined_on=D(2017, 7, 1))
    assert sorted((s.municipality.short_name, s.joined_on) for s in later) == [
        ("Biebesheim am Rhein", D(2019, 1, 1)),
        ("Stockstadt am Rhein", D(2021, 1, 1)),
    ]


def test_foerdermittel_and_gaststaetten(demo: Region) -> None:
    rows = {r.cooperation.title: r for r in queries.operating_rows(demo, D(2026, 12, 1))}
    grants = rows["Fördermittelmanagement"]
    assert (grants.operation.start, grants.operation.staff_positions, grants.host) == (
        D(2023, 4, 1),
        Decimal("1.00"),
        "Landkreis Groß-Gerau",
    )
    assert (grants.operation.advisory_board, grants.operation.reporting_duty, grants.today_count) == (
        True,
        True,
        13,
    )
    bars = rows["Verwaltungsbehördenbezirk Gaststätten und Spielhallen"]
    assert (bars.operation.staff_positions, bars.cooperation.legal_form, bars.today_count) == (
        Decimal("1.50"),
        "vb_bezirk",
        8,
    )
    page = _page(reverse("cooperation:operation_list", args=[demo.slug]), "lenkungsgruppe")
    assert "Verwaltungsbehördenbezirk (§ 82 HSOG)" in page
    assert "1,5" in page and "1,0" in page


def test_strom_und_gas_has_the_four_tender_periods_and_its_external_seat(demo: Region) -> None:
    operation = Operation.objects.get(cooperation__region=demo, cooperation__title="Strom- und Gaseinkauf")
    assert [(p.starts_on, p.ends_on) for p in operation.periods.all()] == [
        (D(2016, 1, 1), D(2017, 12, 31)),
        (D(2018, 1, 1), D(2020, 12, 31)),
        (D(2021, 1, 1), D(2023, 12, 31)),
        (D(2024, 1, 1), D(2026, 12, 31)),
    ]
    assert (operation.host, operation.external_host) == (None, "Zweckverband Riedwerke")
    assert {p.lead_months for p in operation.periods.all()} == {9}
    # the end of the fourth period, 31.12.2026, is reminded of from its lead time (1.4.2026) on
    deadlines = queries.agreement_deadlines([demo.pk], D(2026, 4, 1), 365)
    end = next(d for d in deadlines if d.cooperation.title == "Strom- und Gaseinkauf" and d.kind == "period")
    assert (end.date, end.remind_from) == (D(2026, 12, 31), D(2026, 4, 1))


def test_each_legal_form_of_seed_003_b_is_named_as_the_seed_names_it(demo: Region) -> None:
    forms = {
        r.cooperation.title: r.cooperation.get_legal_form_display()
        for r in queries.operating_rows(demo, D(2026, 12, 1))
    }
    # "Übertragung auf Zweckverband Riedwerke": the existing body, no new Zweckverband (decision 96)
    assert forms["Strom- und Gaseinkauf"] == "Aufgabenübertragung auf einen bestehenden Träger"
    assert forms["Kommunales Vergabezentrum"] == "öffentlich-rechtlicher Vertrag"
    assert forms["Umsetzung ProstSchG"] == "öffentlich-rechtliche Vereinbarung"
    assert (
        forms["Verwaltungsbehördenbezirk Gaststätten und Spielhallen"]
        == "Verwaltungsbehördenbezirk (§ 82 HSOG)"
    )
    assert forms["Landschaftspflegeverband"].startswith("Verband")  # "Gründung Landschaftspflegeverband"


# Seed 003 part B: each operating cooperation from the day the seed gives (or the illustrative day
# within the year it gives), as the list of operating cooperations shows them today.
STARTS = {
    "Strom- und Gaseinkauf": D(2016, 1, 1),  # first tender period 1.1.16–31.12.17
    "Prüfung elektrischer Anlagen": D(2015, 1, 1),  # "seit 2015"
    "Kommunales Vergabezentrum": D(2017, 7, 1),
    "Landschaftspflegeverband": D(2020, 7, 1),
    "Umsetzung ProstSchG": D(2020, 10, 1),
    "Fördermittelmanagement": D(2023, 4, 1),
    "Verwaltungsbehördenbezirk Gaststätten und Spielhallen": D(2023, 5, 1),
    "Beschaffung Feuerwehrbedarf": D(2024, 1, 1),
}


def test_the_operating_list_today_and_as_of_a_past_day(demo: Region) -> None:
    today = {r.cooperation.title: r for r in queries.operating_rows(demo, dt.date.today())}
    assert {t: (r.operation.start, r.cooperation.started_on) for t, r in today.items()} == {
        t: (d, d) for t, d in STARTS.items()
    }
    assert (today["Kommunales Vergabezentrum"].at_start, today["Kommunales Vergabezentrum"].today_count) == (
        11,
        13,
    )
    in_2018 = {r.cooperation.title for r in queries.operating_rows(demo, D(2018, 6, 30))}
    assert in_2018 == {t for t, d in STARTS.items() if d <= D(2018, 6, 30)}
    page = _page(
        reverse("cooperation:operation_list", args=[demo.slug]) + "?stand=2018-06-30", "lenkungsgruppe"
    )
    assert "Stand: 30.06.2018" in page
    assert "Kommunales Vergabezentrum" in page and "Fördermittelmanagement" not in page
