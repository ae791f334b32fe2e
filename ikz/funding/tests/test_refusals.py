"""Every refusal of the rules and services names its field in German and writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ikz.funding import rules, services
from ikz.funding.models import Application, Obligation, Programme
from ikz.resolutions.models import Resolution
from ikz.test import World

D = dt.date


def test_rules_refuse_with_reasons() -> None:
    errors = rules.call_errors
    facts = rules.CallFacts
    assert errors(facts("einstufig", None, None, [(D(2027, 1, 1), "a"), (D(2027, 2, 1), "b")])) == {
        "deadlines": "Ein einstufiger Aufruf hat genau eine Frist."
    }
    assert "mindestens einen Stichtag" in errors(facts("stichtage", None, None, []))["deadlines"]
    assert errors(facts("stichtage", None, None, [(D(2027, 1, 1), "a")] * 2)) == {
        "deadlines": "Eine Frist steht doppelt in der Liste."
    }
    assert (
        "vor dem Beginn"
        in errors(facts("einstufig", D(2027, 2, 1), None, [(D(2027, 1, 1), "a")]))["deadlines"]
    )
    assert "closes_on" in errors(facts("laufend", D(2027, 2, 1), D(2027, 1, 1), []))
    rolling = facts("laufend", None, D(2027, 1, 31), [])
    assert rules.call_state(rolling, D(2027, 1, 1)).text == "offen (laufend) bis 31.01.2027"
    assert rules.call_state(rolling, D(2027, 2, 1)).text == "geschlossen seit 31.01.2027"
    assert rules.call_state(facts("stichtage", None, None, []), D(2027, 2, 1)).text == "geschlossen"
    notice = rules.notice_errors
    today = D(2026, 12, 6)
    assert notice(
        awarded_on=D(2026, 12, 7),
        submitted_on=None,
        amount=Decimal(0),
        requested=None,
        funded_until=D(2026, 1, 1),
        max_amount=None,
        today=today,
    ) == {
        "awarded_on": "Der Bescheid kann nicht nach heute datiert sein.",
        "amount_awarded": "Der bewilligte Betrag muss über 0 € liegen.",
        "funded_until": "Der Bewilligungszeitraum endet vor dem Bescheid.",
    }
    assert (
        "vor dem Antrag (01.12.2026)"
        in notice(
            awarded_on=D(2026, 11, 1),
            submitted_on=D(2026, 12, 1),
            amount=Decimal(5),
            requested=None,
            funded_until=None,
            max_amount=Decimal(4),
            today=today,
        )["awarded_on"]
    )
    assert rules.share_errors([Decimal(50), None]) == [
        "Bitte geben Sie den Anteil jeder beteiligten Kommune an (oder keinen)."
    ]
    assert rules.share_errors([None, None]) == []
    assert rules.labels(["zuschuss", "xyz"], rules.KINDS) == ["Zuschuss", "xyz"]
    assert (
        rules.code_of(" hessen ", rules.TERRITORIES) == "06"
        and rules.code_of("Mond", rules.TERRITORIES) is None
    )
    programme = rules.ProgrammeFacts(
        "P", frozenset(), False, [], ["unternehmen"], [], ["gemeinde"], exclusions="keine Bauten"
    )
    unit = rules.Unit("Raunheim", "06433010", "stadt", "Stadt", None)
    fit = rules.match(programme, rules.Target("R", [unit]))
    assert fit.problems == ["Förderberechtigt sind nur: Unternehmen"]
    assert (
        "Förderbereich prüfen: keiner angegeben" in fit.notes
        and "Ausschlüsse prüfen: keine Bauten" in fit.notes
    )
    assert "zurzeit kein offener Aufruf" in fit.notes
    bodies = rules.ProgrammeFacts("P", frozenset(), True, [], [], [], ["gemeinde"], min_population=1000)
    fit = rules.match(bodies, rules.Target("R", [unit]))
    assert fit.problems == ["Körperschaft nicht antragsberechtigt: Raunheim (Stadt)"]
    assert "Einwohnerzahl von Raunheim nicht bekannt" in fit.notes
    assert rules.match(bodies, rules.Target("leer", [])).problems == [
        "Keine beteiligte Kommune erfasst: nichts zu vergleichen"
    ]


def _refused(call, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        call()
    error = exc.value
    messages = error.message_dict.get(field, []) if hasattr(error, "error_dict") else error.messages
    assert text in " ".join(messages), error


@pytest.mark.django_db
def test_services_refuse_and_write_nothing(world: World) -> None:
    office = world.office
    programme = services.save_programme(
        {"name": "P", "giver": "land", "max_amount": Decimal(1000)}, actor=office
    )
    other = services.save_programme({"name": "Q", "giver": "eu"}, actor=office)
    _refused(
        lambda: services.save_programme({"name": "p", "giver": "land"}, actor=office), "name", "gibt es schon"
    )
    _refused(
        lambda: services.save_programme({"name": "R", "giver": "Mond"}, actor=office),
        "giver",
        "Bund, EU oder Land",
    )
    _refused(
        lambda: services.save_programme(
            {"name": "R", "giver": "bund", "min_population": 5, "max_population": 1}, actor=office
        ),
        "max_population",
        "unter der Untergrenze",
    )
    _refused(
        lambda: services.save_programme({"name": "R", "giver": "bund", "kinds": ["x"]}, actor=office),
        "kinds",
        "Unbekannter Wert: x",
    )
    _refused(
        lambda: services.mark_checked(
            programme, day=dt.date.today() + dt.timedelta(days=1), expected_version=1, actor=office
        ),
        "checked_on",
        "nach heute",
    )
    assert Programme.objects.count() == 2
    call = services.save_call(other, {"title": "A", "mode": "laufend"}, [], actor=office)
    base = {"title": "V", "region": world.region, "lead": world.kommune_a}
    create = services.create_application
    _refused(lambda: create(programme, base | {"call": call}, actor=office), "call", "anderen Programm")
    _refused(
        lambda: create(programme, base | {"group": True}, actor=office),
        "partners",
        "mindestens einen Partner",
    )
    _refused(lambda: create(programme, base, [world.kommune_b], actor=office), "group", "Gruppenantrag")
    _refused(
        lambda: create(programme, base | {"amount_requested": Decimal(2000)}, actor=office),
        "amount_requested",
        "Höchstbetrag",
    )
    _refused(
        lambda: create(
            programme, base | {"amount_requested": Decimal(900), "total_cost": Decimal(800)}, actor=office
        ),
        "amount_requested",
        "zuwendungsfähigen Ausgaben",
    )
    assert not Application.objects.exists()
    single = create(programme, base, actor=office)
    _refused(
        lambda: services.add_partner(single, world.kommune_b, expected_version=1, actor=office),
        "municipality",
        "nur ein Gruppenantrag",
    )
    _refused(
        lambda: services.shares_from_key(single, expected_version=1, actor=office),
        "__all__",
        "keinen Kostenschlüssel",
    )
    _refused(
        lambda: services.record_notice(single, {}, expected_version=1, actor=office),
        "awarded_on",
        "eingereichten Antrag",
    )
    future = dt.date.today() + dt.timedelta(days=1)
    _refused(
        lambda: services.submit_application(single, submitted_on=future, expected_version=1, actor=office),
        "submitted_on",
        "nach heute",
    )
    group = create(programme, base | {"title": "G", "group": True}, [world.kommune_b], actor=office)
    foreign = Resolution.objects.create(
        municipality=world.kommune_a, subject="agreement", body="stvv", outcome="pending"
    )
    _refused(
        lambda: services.add_partner(
            group, world.kommune_b, resolution=foreign, expected_version=1, actor=office
        ),
        "resolution",
        "einer anderen Kommune",
    )
    _refused(
        lambda: services.submit_application(
            group, submitted_on=dt.date.today(), expected_version=1, actor=office
        ),
        "partners",
        "aus dem Kostenschlüssel übernehmen",
    )
    submitted = services.submit_application(
        single, submitted_on=dt.date.today(), expected_version=1, actor=office
    )
    _refused(
        lambda: services.submit_application(
            submitted, submitted_on=dt.date.today(), expected_version=2, actor=office
        ),
        "submitted_on",
        "schon eingereicht",
    )
    awarded = services.record_notice(
        submitted,
        {
            "awarded_on": dt.date.today(),
            "amount_awarded": Decimal(500),
            "funded_until": dt.date.today(),
            "binding_years": 0,
        },
        expected_version=submitted.version,
        actor=office,
    )
    draw = Obligation.objects.get(application=awarded, kind="draw")
    assert not Obligation.objects.filter(application=awarded, kind="binding").exists()
    _refused(
        lambda: services.complete_obligation(
            draw, done_on=future, evidence=None, expected_version=1, actor=office
        ),
        "done_on",
        "nach heute",
    )
    _refused(
        lambda: services.complete_obligation(
            draw,
            done_on=dt.date.today() - dt.timedelta(days=1),
            evidence=None,
            expected_version=1,
            actor=office,
        ),
        "done_on",
        "vor dem Bescheid",
    )
    done = services.complete_obligation(
        draw, done_on=dt.date.today(), evidence=None, expected_version=1, actor=office
    )
    _refused(
        lambda: services.complete_obligation(
            done, done_on=dt.date.today(), evidence=None, expected_version=2, actor=office
        ),
        "done_on",
        "schon erledigt",
    )
