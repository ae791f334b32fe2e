"""Data-protection requests: the Art. 15 export and the Art. 17 erasure, as the office does them."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from ikz.accounts.models import RoleAssignment, User
from ikz.audit.models import AuditEntry
from ikz.audit.services import record
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.membership.models import Cooperative, Member
from ikz.municipalities.models import ContactPerson
from ikz.network.models import Solution
from ikz.notifications.models import CalendarFeed, Preference
from ikz.privacy import rules
from ikz.privacy.models import DataRequest, Kind
from ikz.privacy.queries import collect, person_for_user
from ikz.privacy.services import erase_person, export_person_data
from ikz.search.index import rebuild
from ikz.search.models import SearchEntry
from ikz.test import PASSWORD, World


@pytest.fixture
def erika(world: World) -> User:
    user = User.objects.create_user(
        username="erika",
        password=PASSWORD,
        first_name="Erika",
        last_name="Musterfrau",
        email="erika.musterfrau@raunheim.example",
        phone="06142 123456",
    )
    RoleAssignment.objects.create(user=user, role="contact", municipality=world.kommune_a)
    ContactPerson.objects.create(
        municipality=world.kommune_a, name="Erika Musterfrau", email=user.email, function="Hauptamt"
    )
    ContactPerson.objects.create(
        municipality=world.kommune_b, name="Otto Anders", email="otto@kelsterbach.example"
    )
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    field = CooperationField.objects.create(task_area=area, name="Postverbund", position=1)
    solution = Solution.objects.create(
        title="E-Akte Raunheim",
        description="Fragen an Erika Musterfrau, erika.musterfrau@raunheim.example",
        field=field,
        owner=world.kommune_a,
        contact="Erika Musterfrau, 06142 123456",
        last_confirmed=dt.date.today(),
    )
    Solution.objects.create(
        title="Bauhof Kelsterbach",
        description="Otto Anders",
        field=field,
        owner=world.kommune_b,
        contact="Otto Anders",
        last_confirmed=dt.date.today(),
    )
    record(solution, "create", actor=user)
    Preference.objects.create(user=user, kind="deadline", email=False)
    CalendarFeed.objects.create(user=user, token_hash="a" * 64)
    rebuild()
    return user


def _register_member(world: World) -> Member:
    coop = Cooperative.objects.create(name="IKZ eG", short_name="IKZ")
    return Member.objects.create(
        cooperative=coop,
        municipality=world.kommune_a,
        number="007",
        legal_name="Erika Musterfrau",
        street="Hauptstraße 1",
        postal_code="65479",
        city="Raunheim",
        admitted_on=dt.date(2024, 1, 1),
        representative="Erika Musterfrau (Bürgermeisterin)",
    )


@pytest.mark.django_db
def test_export_contains_the_persons_rows_and_nothing_of_another_person(world: World, erika: User) -> None:
    _request, text = export_person_data(person_for_user(erika), actor=world.office)
    document = json.loads(text)
    tables = {row["tabelle"] for row in document["datensaetze"]}
    assert {
        "accounts.user",
        "municipalities.contactperson",
        "network.solution",
        "notifications.preference",
    } <= tables
    assert "E-Akte Raunheim" in text
    assert "erika.musterfrau@raunheim.example" in text
    assert "Otto" not in text and "Kelsterbach" not in text
    assert "pbkdf2" not in text and "a" * 64 not in text, "no password hash or token in the export"
    assert any(entry["objekt"] == "E-Akte Raunheim" for entry in document["verlauf"])


@pytest.mark.django_db
def test_export_is_recorded_and_downloaded_by_the_office(world: World, erika: User) -> None:
    url = reverse("privacy:export", args=["konto", erika.pk])
    response = world.client_for("office").post(url, {"requested_on": "2026-11-30", "fmt": "json"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["person"] == "Erika Musterfrau"
    request = DataRequest.objects.get()
    assert (request.kind, request.handled_by, request.requested_on) == (
        Kind.ACCESS,
        world.office,
        dt.date(2026, 11, 30),
    )
    assert AuditEntry.objects.filter(object_repr__startswith="Auskunft", actor=world.office).exists()


@pytest.mark.django_db
def test_the_readable_answer_is_a_pdf_with_the_same_records_labels_and_rights(
    world: World, erika: User
) -> None:
    url = reverse("privacy:export", args=["konto", erika.pk])
    page = world.client_for("office").get(url).content.decode()
    assert "Lesbare Zusammenfassung (PDF)" in page and 'value="pdf"' in page and "checked" in page
    expected = collect(person_for_user(erika))
    response = world.client_for("office").post(url, {"requested_on": "2026-11-30", "fmt": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    request = DataRequest.objects.get()
    assert response["Content-Disposition"] == f'attachment; filename="auskunft-art15-{request.pk}.pdf"'
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Auskunft nach Art. 15 DSGVO" in text and "Anfrage vom 30.11.2026" in text
    assert f"Vorgang {request.pk}" in text
    # German field labels, the person's values, nothing of another person
    assert "Beschreibung" in text and "Fragen an Erika Musterfrau" in text
    assert "Otto Anders" not in text and "Bauhof Kelsterbach" not in text
    assert "Art. 77" in text and "§ 30 GenG" in text
    assert f"Verlaufseinträge {len(expected['verlauf'])}" in text
    assert f"Lösung {len([r for r in expected['datensaetze'] if r['tabelle'] == 'network.solution'])}" in text
    bad = world.client_for("office").post(url, {"requested_on": "2026-11-30", "fmt": "docx"})
    assert bad.status_code == 200 and "docx ist keine gültige Auswahl" in bad.content.decode()
    assert DataRequest.objects.count() == 1, "a refused form records no request"


@pytest.mark.django_db
def test_erasure_leaves_no_personal_data_searchable_but_keeps_the_register(world: World, erika: User) -> None:
    member = _register_member(world)
    client = Client()
    client.force_login(erika)
    export_person_data(person_for_user(erika), actor=world.office)
    url = reverse("privacy:erase", args=["konto", erika.pk])
    page = world.client_for("office").get(url)
    assert "Mitgliederliste" in page.content.decode()
    response = world.client_for("office").post(
        url, {"requested_on": "2026-12-01", "confirm": "on"}, follow=True
    )
    text = response.content.decode()
    assert "Person anonymisiert" in text
    assert "Nicht gelöscht (gesetzliche Aufbewahrung)" in text and "Name / Firma" in text

    erika.refresh_from_db()
    request = DataRequest.objects.get(kind=Kind.ERASURE)
    name = rules.anonymous_name(request.pk)
    assert str(erika) == name and not erika.is_active and not erika.has_usable_password()
    assert erika.email == "" and erika.phone == ""
    assert not Preference.objects.filter(user=erika).exists()
    assert not CalendarFeed.objects.filter(user=erika).exists()
    assert not RoleAssignment.objects.filter(user=erika).exists()
    assert SESSION_KEY not in client.session.load(), "the person's session is revoked"
    solution = Solution.objects.get(title="E-Akte Raunheim")
    assert "Musterfrau" not in solution.description + solution.contact and name in solution.contact
    assert AuditEntry.objects.filter(object_id=str(solution.pk), actor_label=name).exists()

    for needle in ["Musterfrau", "erika.musterfrau", "123456"]:
        leftovers = [
            f"{model.__name__}"
            for model, fields in [
                (User, ["first_name", "last_name", "username", "email", "phone"]),
                (ContactPerson, ["name", "email", "phone"]),
                (Solution, ["description", "contact"]),
                (SearchEntry, ["title", "body", "tokens"]),
                (DataRequest, ["subject_label", "outcome"]),
            ]
            for f in fields
            if model.objects.filter(**{f"{f}__icontains": needle}).exists()
        ]
        assert not leftovers, (needle, leftovers)
        assert (
            not AuditEntry.objects.exclude(content_type__model="member")
            .filter(actor_label__icontains=needle)
            .exists()
        )
        assert not AuditEntry.objects.filter(object_repr__icontains=needle).exists()

    member.refresh_from_db()
    assert (member.legal_name, member.street, member.city) == (
        "Erika Musterfrau",
        "Hauptstraße 1",
        "Raunheim",
    )
    assert "Musterfrau" not in member.representative
    assert request.kept_data and "§ 30 GenG" in request.kept_data[0]["grund"]
    assert request.handled_by == world.office
    assert AuditEntry.objects.filter(object_id=str(request.pk), actor=world.office).exists()
    assert ContactPerson.objects.filter(name="Otto Anders").exists(), "another person stays untouched"


@pytest.mark.django_db
def test_erasure_needs_the_confirmation_and_writes_nothing_without_it(world: World, erika: User) -> None:
    url = reverse("privacy:erase", args=["konto", erika.pk])
    response = world.client_for("office").post(url, {"requested_on": "2026-12-01"})
    assert response.status_code == 200
    assert "Bitte bestätigen Sie die Löschung ausdrücklich." in response.content.decode()
    erika.refresh_from_db()
    assert erika.is_active and erika.last_name == "Musterfrau"
    assert not DataRequest.objects.exists()


@pytest.mark.django_db
def test_erasure_is_all_or_nothing(world: World, erika: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from ikz.privacy import services

    def broken(_user: User) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(services, "_revoke_sessions", broken)
    with pytest.raises(RuntimeError):
        erase_person(person_for_user(erika), actor=world.office, confirmed=True)
    erika.refresh_from_db()
    assert erika.last_name == "Musterfrau" and Preference.objects.filter(user=erika).exists()
    assert "Musterfrau" in Solution.objects.get(title="E-Akte Raunheim").contact
    assert not DataRequest.objects.exists()


@pytest.mark.django_db
def test_only_the_office_finds_people(world: World, erika: User) -> None:
    url = reverse("privacy:overview") + "?q=musterfrau"
    page = world.client_for("office").get(url).content.decode()
    assert "Erika Musterfrau" in page and "Otto" not in page
    for persona in ["steering", "contact_a", "member"]:
        assert world.client_for(persona).get(url).status_code == 403
    assert (
        world.client_for("office").get(reverse("privacy:person", args=["konto", 999999])).status_code == 404
    )
    assert (
        world.client_for("office").get(reverse("privacy:person", args=["andere", erika.pk])).status_code
        == 404
    )


def test_register_keeping_period_is_three_years_after_the_exit_year() -> None:
    assert rules.register_kept_until(dt.date(2025, 6, 30)) == dt.date(2028, 12, 31)
    assert rules.register_kept_until(None) is None
    assert rules.is_retained("membership.member", "legal_name")
    assert not rules.is_retained("membership.member", "representative")
    assert rules.is_deleted_on_erasure("api.apitoken") and not rules.is_deleted_on_erasure("network.solution")


def test_short_names_and_surnames_match_only_as_words_of_their_own() -> None:
    needles = rules.usable_needles(["uwe@kelsterbach.example", "123"], ["Uwe", "Dr. Erika Beispiel"])
    assert [(n.text, n.whole_word) for n in needles] == [
        ("uwe@kelsterbach.example", False),
        ("Uwe", True),
        ("Dr. Erika Beispiel", False),
        ("Beispiel", True),
    ], "a 3-digit phone identifies nobody; short names and surnames only as words"
    text = "Rückfrage bei Uwe (uwe@kelsterbach.example) und Frau Beispiel, beispielsweise zu Uwes Akte."
    assert rules.scrub(text, needles, "X") == "Rückfrage bei X (X) und Frau X, beispielsweise zu Uwes Akte."
    assert not rules.contains_any("Die Uwelt und Beispielsweise", needles)
    assert rules.contains_any("Herr Uwe ruft zurück", needles)


@pytest.mark.django_db
def test_erasure_replaces_a_short_name_and_the_surname_alone_but_no_similar_words(world: World) -> None:
    uwe = User.objects.create_user(username="uwe", password=PASSWORD, first_name="Uwe", last_name="Ost")
    ContactPerson.objects.create(municipality=world.kommune_a, name="Uwe Ost", user=uwe)
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    field = CooperationField.objects.create(task_area=area, name="Postverbund", position=1)
    mention = Solution.objects.create(
        title="Bauhof-Verbund",
        description="Ansprechpartner Herr Ost; Kosten wie im Ostteil des Kreises.",
        field=field,
        owner=world.kommune_a,
        contact="Uwe Ost",
        last_confirmed=dt.date.today(),
    )
    unrelated = Solution.objects.create(
        title="Ostheim",
        description="Ostheim und Osterfeld teilen sich den Winterdienst.",
        field=field,
        owner=world.kommune_b,
        contact="Bauamt",
        last_confirmed=dt.date.today(),
    )
    person = person_for_user(uwe)
    _request, text = export_person_data(person, actor=world.office)
    titles = {row.get("felder", {}).get("title") for row in json.loads(text)["datensaetze"]}
    assert "Bauhof-Verbund" in titles and "Ostheim" not in titles, "the export holds only rows about Uwe Ost"

    request, _kept = erase_person(person_for_user(uwe), actor=world.office, confirmed=True)
    name = rules.anonymous_name(request.pk)
    mention.refresh_from_db()
    unrelated.refresh_from_db()
    assert mention.description == f"Ansprechpartner Herr {name}; Kosten wie im Ostteil des Kreises."
    assert mention.contact == name
    assert unrelated.description == "Ostheim und Osterfeld teilen sich den Winterdienst."
    assert unrelated.version == 1, "a row that only looks similar is not touched"
