"""The Fördermitteldatenbank as a user meets it: a programme with a two-stage call, matched to a
project with the reasons stated, a group application with shares, the partners' resolutions the
programme demands, the notice's obligations and the Verwendungsnachweis with its file; the rules
of calls, matching and notices without a database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ikz.accounts.models import Role
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.costs.tests import factories
from ikz.funding import rules, services
from ikz.funding.models import Application, ApplicationStatus, Obligation
from ikz.funding.sources import dates, due, office_tasks
from ikz.municipalities.models import Region
from ikz.network.models import Need
from ikz.notifications.models import Notification
from ikz.resolutions.models import Resolution
from ikz.test import World, make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_call_state_on_a_day_and_the_deadlines_a_mode_needs() -> None:
    two = rules.CallFacts(
        "zweistufig",
        dt.date(2027, 1, 1),
        None,
        [(dt.date(2027, 3, 31), "Projektskizze"), (dt.date(2027, 9, 30), "Vollantrag")],
    )
    assert rules.call_state(two, dt.date(2026, 12, 6)).text == "angekündigt: Einreichung ab 01.01.2027"
    state = rules.call_state(two, dt.date(2027, 4, 1))
    assert state.is_open and state.next_deadline == (dt.date(2027, 9, 30), "Vollantrag")
    assert "noch 182 Tage" in state.text
    assert rules.call_state(two, dt.date(2027, 10, 1)).text == "geschlossen seit 30.09.2027"
    rolling = rules.CallFacts("laufend", None, None, [])
    assert rules.call_state(rolling, dt.date(2030, 1, 1)).text == "offen (laufend, ohne Frist)"
    assert rules.call_errors(rules.CallFacts("zweistufig", None, None, [(dt.date(2027, 3, 31), "x")])) == {
        "deadlines": "Ein zweistufiger Aufruf hat zwei Fristen: Projektskizze und Vollantrag."
    }
    assert [
        rules.reminder_due(dt.date(2027, 3, 31), dt.date(2027, 3, 31) - dt.timedelta(days=n))
        for n in (30, 7, 1, 2)
    ] == [
        30,
        7,
        1,
        None,
    ]


def test_match_states_each_reason_in_german() -> None:
    programme = rules.ProgrammeFacts(
        name="Landesprogramm",
        field_ids=frozenset({7}),
        all_fields=False,
        areas=["digitalisierung"],
        eligible=["kommune"],
        territories=["06"],
        bodies=[],
        min_population=5000,
        max_population=50000,
        min_partners=3,
    )
    unit = rules.Unit("Raunheim", "06433010", "stadt", "Stadt", 14000)
    group = rules.Target(
        "Postverbund",
        [
            unit,
            rules.Unit("Kelsterbach", "06433007", "stadt", "Stadt", 16622),
            rules.Unit("Bischofsheim", "06433002", "gemeinde", "Gemeinde", 12985),
        ],
        7,
        "Post",
    )
    fit = rules.match(programme, group)
    assert fit.fits
    assert "Förderbereich passt: Digitalisierung (Kooperationsfeld „Post“)" in fit.reasons
    assert "Einwohnerzahl 14.000 liegt in 5.000–50.000 (Raunheim)" in fit.reasons
    assert "Kooperation verlangt: 3 Partner – beteiligt sind 3" in fit.reasons
    assert "Fördergebiet passt: Hessen" in fit.reasons
    big = rules.Target(
        "Frankfurt",
        [
            rules.Unit("Frankfurt", "06412000", "kreisfreie_stadt", "Kreisfreie Stadt", 770000),
            rules.Unit("Mainz", "07315000", "kreisfreie_stadt", "Kreisfreie Stadt", 220000),
        ],
        8,
        "Bau",
    )
    refused = rules.match(programme, big)
    assert not refused.fits
    assert "Förderbereich passt nicht: Kooperationsfeld „Bau“ ist nicht gefördert" in refused.problems
    assert "Fördergebiet passt nicht: Mainz liegt nicht in Hessen" in refused.problems
    assert "Kooperation verlangt: 3 Partner – beteiligt sind nur 2" in refused.problems


def test_notice_obligations_and_shares() -> None:
    specs = rules.obligations_for_notice(
        awarded_on=dt.date(2026, 1, 15),
        amount=Decimal(150000),
        funded_until=dt.date(2027, 12, 31),
        binding_years=5,
        lead_id=1,
        shares=[(1, "Kreis", Decimal(50000)), (2, "Raunheim", Decimal(100000))],
    )
    assert [(s.kind, s.due_on) for s in specs] == [
        ("draw", dt.date(2026, 3, 15)),
        ("pass_on", dt.date(2026, 4, 15)),
        ("proof", dt.date(2028, 6, 30)),
        ("binding", dt.date(2031, 1, 15)),
    ]
    assert specs[1].title == "Anteil an Raunheim weiterleiten (100.000,00\xa0€)"
    assert rules.share_amounts(Decimal(100), [(1, Decimal("33.3333")), (2, Decimal("66.6667"))]) == {
        1: Decimal("33.33"),
        2: Decimal("66.67"),
    }
    assert rules.share_errors([Decimal(60), Decimal(30)]) == [
        "Die Anteile ergeben zusammen 90,00 % statt 100 %."
    ]


@pytest.mark.django_db
def test_group_application_from_call_to_verwendungsnachweis(world: World) -> None:
    office = world.client_for("office")
    response = office.post(
        reverse("funding:programme_create"),
        {
            "name": "IKZ-Förderung Hessen",
            "giver": "land",
            "territories": ["06"],
            "all_fields": "on",
            "areas": ["regional"],
            "eligible": ["kommune"],
            "min_partners": "2",
            "resolution_required": "on",
            "max_amount": "100.000",
            "region": world.region.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    programme = world.region.funding_programmes.get()
    response = office.post(
        reverse("funding:call_create", args=[programme.pk]),
        {
            "title": "Aufruf 2027",
            "mode": "stichtage",
            "deadlines": "31.03.2027 Stichtag 1\n30.09.2027 Stichtag 2",
        },
    )
    assert response.status_code == 302
    assert Notification.objects.filter(user=world.contact_a, kind="funding_call").count() == 1
    call = programme.calls.get()
    deadline = call.deadlines.first()
    assert deadline is not None
    items = list(due(deadline.date - dt.timedelta(days=7)))
    assert {i.user_id for i in items} >= {world.office.pk, world.contact_a.pk}
    assert "Frist in 7 Tagen (31.03.2027)" in items[0].text

    own = reverse("funding:matches", args=["kommune", world.kommune_a.pk])
    assert own in world.client_for("contact_a").get(reverse("funding:programme_list")).content.decode()
    page = world.client_for("contact_a").get(own)
    text = page.content.decode()
    assert "Fördergebiet passt: Hessen" in text and "Einwohnerzahl" not in text
    assert "Kooperation verlangt: 2 Partner – als Gruppenantrag mit weiteren Kommunen möglich" in text

    response = office.post(
        reverse("funding:application_create", args=[programme.pk]),
        {
            "title": "Postverbund",
            "call": call.pk,
            "region": world.region.pk,
            "lead": world.kommune_a.pk,
            "group": "on",
            "partners": [world.kommune_b.pk],
            "amount_requested": "80.000",
        },
    )
    assert response.status_code == 302
    application = programme.applications.get()
    for municipality, share in ((world.kommune_a, "60"), (world.kommune_b, "40")):
        office.post(
            reverse("funding:partner_add", args=[application.pk]),
            {"version": application.version, "municipality": municipality.pk, "share_percent": share},
        )
        application.refresh_from_db()
    # the programme demands each partner's resolution: refused, naming who lacks one
    with pytest.raises(ValidationError) as refused:
        services.submit_application(
            application,
            submitted_on=dt.date.today(),
            expected_version=application.version,
            actor=world.office,
        )
    assert "es fehlt: Kelsterbach, Stadt, Raunheim, Stadt" in str(refused.value)
    for municipality in (world.kommune_a, world.kommune_b):
        resolution = Resolution.objects.create(
            municipality=municipality,
            subject="agreement",
            body="stvv",
            date=dt.date.today(),
            outcome="adopted_council",
        )
        office.post(
            reverse("funding:partner_add", args=[application.pk]),
            {
                "version": application.version,
                "municipality": municipality.pk,
                "share_percent": "60" if municipality == world.kommune_a else "40",
                "resolution": resolution.pk,
            },
        )
        application.refresh_from_db()
    office.post(
        reverse("funding:application_submit", args=[application.pk]),
        {"version": application.version, "submitted_on": dt.date.today().isoformat()},
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    # a notice above the request is refused at its field
    response = office.post(
        reverse("funding:notice_record", args=[application.pk]),
        {
            "version": application.version,
            "awarded_on": dt.date.today().isoformat(),
            "amount_awarded": "90.000",
            "funded_until": "2027-12-31",
            "binding_years": "5",
        },
    )
    assert (
        "Bewilligt werden kann höchstens der beantragte Betrag (80.000,00\xa0€)." in response.content.decode()
    )
    response = office.post(
        reverse("funding:notice_record", args=[application.pk]),
        {
            "version": application.version,
            "awarded_on": dt.date.today().isoformat(),
            "amount_awarded": "80.000",
            "funded_until": "2027-12-31",
            "binding_years": "5",
        },
    )
    assert response.status_code == 302
    obligations = {o.kind: o for o in Obligation.objects.filter(application=application)}
    assert set(obligations) == {"draw", "pass_on", "proof", "binding"}
    assert obligations["pass_on"].amount == Decimal("32000.00")  # Kelsterbach's 40 %
    proof = obligations["proof"]
    response = office.post(
        reverse("funding:obligation_done", args=[proof.pk]),
        {"version": proof.version, "done_on": dt.date.today().isoformat()},
    )
    assert "Bitte den Verwendungsnachweis als Datei beifügen." in response.content.decode()
    response = office.post(
        reverse("funding:obligation_done", args=[proof.pk]),
        {
            "version": proof.version,
            "done_on": dt.date.today().isoformat(),
            "evidence": SimpleUploadedFile("verwendungsnachweis.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    proof.refresh_from_db()
    application.refresh_from_db()
    assert proof.done_on == dt.date.today() and proof.evidence is not None
    assert application.status == ApplicationStatus.PROVEN
    detail = world.client_for("contact_a").get(application.get_absolute_url()).content.decode()
    assert "Verwendung nachgewiesen" in detail and "Verwendungsnachweis einreichen" in detail
    assert (
        world.client_for("contact_b").get(reverse("funding:obligation_done", args=[proof.pk])).status_code
        == 403
    )


@pytest.mark.django_db
def test_cooperation_and_need_matches_reminders_and_a_changed_call(world: World) -> None:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten")
    field = CooperationField.objects.create(task_area=area, name="Vergabe")
    other = CooperationField.objects.create(task_area=area, name="Bauhof")
    coop = factories.cooperation(world, field)
    need = Need.objects.create(
        title="E-Vergabe",
        description="gemeinsam",
        field=other,
        owner=world.kommune_b,
        last_confirmed=dt.date.today(),
    )
    programme = services.save_programme(
        {"name": "Digitale Vergabe", "giver": "bund", "areas": ["digitalisierung"], "max_population": 16000},
        [field],
        actor=world.office,
    )
    office = world.client_for("office")
    text = office.get(reverse("funding:matches", args=["kooperation", coop.pk])).content.decode()
    assert "Förderbereich passt: Digitalisierung (Kooperationsfeld „Vergabe“)" in text
    assert "Einwohnerzahl 16.622 liegt nicht in 0–16.000 (Kelsterbach, Stadt)" in text
    text = office.get(reverse("funding:matches", args=["bedarf", need.pk])).content.decode()
    assert "Förderbereich passt nicht: Kooperationsfeld „Bauhof“ ist nicht gefördert" in text
    assert (
        world.client_for("contact_b")
        .get(reverse("funding:matches", args=["kooperation", coop.pk]))
        .status_code
        == 200
    )
    assert (
        world.client_for("project_lead")
        .get(reverse("funding:matches", args=["kooperation", coop.pk]))
        .status_code
        == 404
    )
    assert office.get(reverse("funding:matches", args=["unsinn", 1])).status_code == 404

    # a call changed (a deadline moved) is told again; an unchanged save is not
    call = services.save_call(
        programme,
        {"title": "Aufruf", "mode": "einstufig"},
        [(dt.date(2027, 5, 1), "Antrag")],
        actor=world.office,
    )
    call = services.save_call(
        programme,
        {"title": "Aufruf", "mode": "einstufig"},
        [(dt.date(2027, 6, 1), "Antrag")],
        actor=world.office,
        call=call,
        expected_version=call.version,
    )
    services.save_call(
        programme,
        {"title": "Aufruf", "mode": "einstufig"},
        [(dt.date(2027, 6, 1), "Antrag")],
        actor=world.office,
        call=call,
        expected_version=call.version,
    )
    texts = list(
        Notification.objects.filter(user=world.contact_b, kind="funding_call").values_list("text", flat=True)
    )
    assert sorted(texts) == [
        "Förderaufruf geändert: Aufruf (Digitale Vergabe)",
        "Neuer Förderaufruf: Aufruf (Digitale Vergabe)",
    ]

    # an open obligation is reminded 30, 7 and 1 days ahead to the office and the lead's contact
    application = Application.objects.create(
        programme=programme, region=world.region, title="E-Vergabe", lead=world.kommune_a, status="awarded"
    )
    obligation = Obligation.objects.create(
        application=application,
        kind="proof",
        title="Verwendungsnachweis einreichen",
        due_on=dt.date(2027, 6, 30),
    )
    items = [i for i in due(dt.date(2027, 6, 29)) if i.kind == "funding_obligation"]
    assert {i.user_id for i in items} == {world.office.pk, world.contact_a.pk}
    assert items[0].text == "Verwendungsnachweis einreichen fällig in 1 Tagen (30.06.2027): E-Vergabe"
    assert not [i for i in due(dt.date(2027, 6, 28)) if i.kind == "funding_obligation"]
    summaries = {d.summary for d in dates(world.contact_a)}
    assert "Förderpflicht: Verwendungsnachweis einreichen – E-Vergabe" in summaries
    assert "Förderfrist: Antrag – Aufruf" in summaries
    assert obligation.pk and not any("Förderpflicht" in d.summary for d in dates(world.contact_b))
    # the office's start page counts it once it is due within 30 days, and links to the filtered list
    assert office_tasks(world.office, dt.date(2027, 5, 30)) == []
    (task,) = office_tasks(world.office, dt.date(2027, 7, 1))
    assert (task.count, task.note, task.urgent) == (1, "davon 1 überfällig", True)
    assert task.url == reverse("funding:application_list") + "?faellig=1"
    listed = office.get(reverse("funding:application_list")).content.decode()
    assert "E-Vergabe" in listed and "Verwendungsnachweis einreichen: 30.06.2027" in listed
    assert "E-Vergabe" not in office.get(task.url).content.decode()  # due in more than 30 days from today


@pytest.mark.django_db
def test_a_stale_programme_edit_loses_nothing_and_another_regions_office_is_refused(world: World) -> None:
    programme = services.save_programme(
        {"name": "Landesprogramm", "giver": "land", "region": world.region}, actor=world.office
    )
    office = world.client_for("office")
    url = reverse("funding:programme_edit", args=[programme.pk])
    form = {"version": programme.version, "name": "Landesprogramm", "giver": "land", "min_partners": "0"}
    form |= {"region": world.region.pk}
    assert "Dieses Feld ist zwingend" in office.post(url, form | {"region": ""}).content.decode()
    assert office.post(url, form | {"short": "erste Fassung"}).status_code == 302
    stale = office.post(url, form | {"short": "zweite Fassung"})
    assert stale.status_code == 409
    programme.refresh_from_db()
    assert programme.short == "erste Fassung" and programme.version == 2
    checked = office.post(
        reverse("funding:programme_checked", args=[programme.pk]), {"version": programme.version}
    )
    assert checked.status_code == 302
    programme.refresh_from_db()
    assert programme.checked_on == dt.date.today() and programme.checked_by_label == "Office"
    stranger = make_user(
        "office_other", Role.OFFICE, region=Region.objects.create(name="Andere", slug="andere")
    )
    client = world.client_for("office")
    client.force_login(stranger)
    refused = client.get(url)
    assert refused.status_code == 403
    assert (
        "Dieses Förderprogramm pflegt die Geschäftsstelle einer anderen Region." in refused.content.decode()
    )
