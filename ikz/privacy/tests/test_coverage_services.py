"""The erasure of a contact person without an account: only when confirmed, and it reaches the
history entries other people wrote about them (labels, messages, nested changes)."""

from __future__ import annotations

import json

import pytest

from ikz.audit.models import AuditEntry
from ikz.audit.services import record
from ikz.municipalities.models import ContactPerson
from ikz.privacy import services
from ikz.privacy.models import DataRequest
from ikz.test import World

pytestmark = pytest.mark.django_db

EMAIL = "karl.beispiel@kelsterbach.example"


@pytest.fixture
def karl(world: World) -> ContactPerson:
    return ContactPerson.objects.create(
        municipality=world.kommune_b, name="Karl Beispiel", email=EMAIL, phone="06107 55555"
    )


def test_no_erasure_without_the_confirmation(world: World, karl: ContactPerson) -> None:
    with pytest.raises(services.ErasureRefused):
        services.erase_person(services.Person(contacts=[karl]), actor=world.office, confirmed=False)
    karl.refresh_from_db()
    assert karl.name == "Karl Beispiel" and not DataRequest.objects.exists()


def test_erasure_scrubs_what_others_wrote_about_the_person_in_the_history(
    world: World, karl: ContactPerson
) -> None:
    entry = record(
        world.kommune_b,
        "update",
        actor=None,
        label="Karl Beispiel (telefonisch)",
        message="Neue Anschrift von Karl Beispiel übernommen",
        changes={"notiz": ["", {"quelle": [f"Mail von {EMAIL}", 2]}], "einwohner": [100, 101]},
    )
    untouched = record(world.kommune_b, "update", actor=world.office, message="Einwohnerzahl korrigiert")

    request, _kept = services.erase_person(
        services.Person(contacts=[karl]), actor=world.office, confirmed=True
    )

    entry.refresh_from_db()
    text = json.dumps([entry.actor_label, entry.message, entry.changes], ensure_ascii=False)
    assert "Beispiel" not in text and EMAIL not in text
    assert request.subject_label in entry.message and request.subject_label in entry.actor_label
    assert entry.changes["einwohner"] == [100, 101]  # numbers and other values stay as they were
    assert entry.changes["notiz"][1]["quelle"][1] == 2
    untouched.refresh_from_db()
    assert untouched.message == "Einwohnerzahl korrigiert"
    karl.refresh_from_db()
    assert (karl.name, karl.email, karl.phone) == (request.subject_label, "", "")
    assert not AuditEntry.objects.filter(message__icontains="Beispiel").exists()


def test_erasure_forgets_the_mails_to_the_person_and_keeps_the_others(
    world: World, karl: ContactPerson
) -> None:
    from ikz.notifications.models import Mail
    from ikz.notifications.services import queue_mail

    queue_mail(key="r1", to=[EMAIL], subject="Erinnerung: Bestandsaufnahme", body="…", actor=world.office)
    queue_mail(key="r2", to=["Karl.Beispiel@Kelsterbach.example"], subject="Frist", body="…", actor=None)
    queue_mail(key="r3", to=["andere@kelsterbach.example"], subject="Frist", body="…", actor=None)
    services.erase_person(services.Person(contacts=[karl]), actor=world.office, confirmed=True)
    assert list(Mail.objects.values_list("key", flat=True)) == ["r3"]
