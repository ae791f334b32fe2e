"""Convening, holding and minuting a general assembly through the services, with every refusal
the issue names (too short a notice, a late item, proxies, a vote of a non-member or a second vote)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from ikz.audit.models import AuditEntry
from ikz.governance import documents, services
from ikz.governance.models import Assembly, AssemblyState, Attendance, Invitation, Organ, Vote
from ikz.governance.tests.helpers import make_coop
from ikz.municipalities.models import ContactPerson
from ikz.notifications.models import Mail
from ikz.test import World

pytestmark = pytest.mark.django_db
D = dt.date


def _values(**extra: object) -> dict[str, object]:
    return {
        "kind": "ordinary",
        "form": "hybrid",
        "date": D(2026, 6, 20),
        "time": "14:00",
        "place": "Wetzlar, Rathaus, und online",
        "convened_by": "board",
        "invited_on": D(2026, 6, 5),
        "business_year": 2025,
        "accounts_available_on": D(2026, 6, 1),
        "universal": False,
        "note": "",
        **extra,
    }


def test_a_general_assembly_from_convening_to_signed_minutes(world: World) -> None:
    c = make_coop(world)
    hessen, kreis, raunheim, kelsterbach = c.members
    ContactPerson.objects.create(
        municipality=world.kommune_a, name="Erika Beispiel", email="erika@raunheim.example"
    )

    with pytest.raises(ValidationError) as short:
        services.convene(c.cooperative, _values(invited_on=D(2026, 6, 10)), actor=None)
    assert "früheste zulässige Tag der Versammlung der 25.06.2026" in short.value.message_dict["date"][0]
    with pytest.raises(ValidationError) as accounts:
        services.convene(c.cooperative, _values(accounts_available_on=D(2026, 6, 15)), actor=None)
    assert "§ 48 Abs. 3" in accounts.value.message_dict["accounts_available_on"][0]
    assert not Assembly.objects.exists()

    assembly = services.convene(c.cooperative, _values(), actor=None)
    with pytest.raises(ValidationError) as late:
        services.add_item(
            assembly,
            {"title": "Satzung", "resolution_kind": "statute", "announced_on": D(2026, 6, 13)},
            actor=None,
        )
    assert "spätestens am 12.06.2026" in late.value.message_dict["announced_on"][0]
    accounts_item = services.add_item(
        assembly,
        {
            "title": "Feststellung des Jahresabschlusses 2025",
            "resolution_kind": "simple",
            "announced_on": D(2026, 6, 5),
        },
        actor=None,
    )
    statute = services.add_item(
        assembly,
        {
            "title": "Änderung der Satzung (§ 16 GenG)",
            "resolution_kind": "statute",
            "announced_on": D(2026, 6, 12),
        },
        actor=None,
    )
    assert (accounts_item.number, statute.number) == (1, 2)

    # invitations: too late on 10.06. for the 20.06.; on 05.06. one mail to Raunheim's contact
    with pytest.raises(ValidationError):
        services.send_invitations(assembly, actor=None, today=D(2026, 6, 10))
    made = services.send_invitations(assembly, actor=None, today=D(2026, 6, 5))
    assert {i.member for i in made} == set(c.members)  # not the member who left in 2025
    raunheim_invitation = Invitation.objects.get(assembly=assembly, member=raunheim)
    assert raunheim_invitation.mail.recipients == ["erika@raunheim.example"]
    assert "Feststellung des Jahresabschlusses 2025" in raunheim_invitation.mail.body
    assert Invitation.objects.get(assembly=assembly, member=hessen).mail is None
    assert Mail.objects.count() == 1

    attend = services.record_attendance
    with pytest.raises(ValidationError) as non_member:
        attend(assembly, {"member": c.gone, "mode": "representative", "person": "X"}, actor=None)
    assert "nicht Mitglied" in non_member.value.message_dict["member"][0]
    attend(assembly, {"member": raunheim, "mode": "representative", "person": "Bürgermeister"}, actor=None)
    with pytest.raises(ValidationError) as no_text:
        attend(assembly, {"member": kelsterbach, "mode": "proxy", "person": "Frau Vollmacht"}, actor=None)
    assert "Textform" in no_text.value.message_dict["text_form"][0]
    for member in (kelsterbach, kreis):
        attend(
            assembly,
            {"member": member, "mode": "proxy", "person": "Frau Vollmacht", "text_form": True},
            actor=None,
        )
    with pytest.raises(ValidationError) as third:
        attend(
            assembly,
            {"member": hessen, "mode": "proxy", "person": "frau vollmacht", "text_form": True},
            actor=None,
        )
    assert "mehr als zwei" in third.value.message_dict["person"][0]
    # the Landrat attends himself: the proxy is revoked, and Frau Vollmacht may now take Hessen
    attend(assembly, {"member": kreis, "mode": "representative", "person": "Landrat"}, actor=None)
    assert Attendance.objects.get(member=kreis).revoked_proxy == "Frau Vollmacht"
    attend(
        assembly,
        {"member": hessen, "mode": "proxy", "person": "Frau Vollmacht", "text_form": True},
        actor=None,
    )

    with pytest.raises(ValidationError) as stranger:
        services.record_votes(accounts_item, {c.gone.pk: "yes", raunheim.pk: "yes"}, actor=None)
    assert "kein Mitglied" in stranger.value.messages[0]
    assert not Vote.objects.exists()  # nothing half-written
    services.record_votes(
        accounts_item, {raunheim.pk: "yes", kreis.pk: "yes", kelsterbach.pk: "no"}, actor=None
    )
    with pytest.raises(ValidationError) as twice:
        services.record_votes(accounts_item, {raunheim.pk: "no"}, actor=None)
    assert "bereits abgestimmt" in twice.value.messages[0]
    services.record_votes(accounts_item, {hessen.pk: "abstain"}, actor=None)
    services.record_votes(
        statute, {raunheim.pk: "yes", kreis.pk: "yes", kelsterbach.pk: "no", hessen.pk: "yes"}, actor=None
    )

    assembly.refresh_from_db()
    assembly = services.close_assembly(
        assembly,
        {"chair": "Aufsicht Eins", "minute_taker": "Geschäftsstelle"},
        expected_version=assembly.version,
        actor=None,
        today=D(2026, 6, 20),
    )
    assert assembly.state == AssemblyState.HELD
    with pytest.raises(ValidationError) as not_board:
        services.sign_minutes(
            assembly,
            {"board_signatory": c.supervisory, "minutes_signed_on": D(2026, 6, 22)},
            expected_version=assembly.version,
            actor=None,
            today=D(2026, 6, 30),
        )
    assert "Vorstands" in not_board.value.message_dict["board_signatory"][0]
    assembly = services.sign_minutes(
        assembly,
        {"board_signatory": c.board, "minutes_signed_on": D(2026, 6, 22)},
        expected_version=assembly.version,
        actor=None,
        today=D(2026, 6, 30),
    )
    assert assembly.state == AssemblyState.MINUTED

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(documents.minutes_docx(assembly))).paragraphs)
    tables = " ".join(
        cell.text
        for t in Document(io.BytesIO(documents.minutes_docx(assembly))).tables
        for row in t.rows
        for cell in row.cells
    )
    assert "Wetzlar, Rathaus, und online" in tables and "hybride Versammlung" in tables
    assert "Aufsicht Eins" in tables and "Vorstand Eins" in tables and "22.06.2026" in tables
    assert "TOP 1: Feststellung des Jahresabschlusses 2025" in text
    assert "angenommen mit 2 Ja, 1 Nein, 1 Enthaltungen" in text
    assert (
        "TOP 2: Änderung der Satzung (§ 16 GenG)" in text
        and "angenommen mit 3 Ja, 1 Nein, 0 Enthaltungen" in text
    )
    assert "Von 4 Mitgliedern laut Mitgliederliste am 20.06.2026 nahmen 4 teil" in text
    assert documents.minutes_pdf(assembly).startswith(b"%PDF")
    assert AuditEntry.objects.filter(
        object_id=str(assembly.pk), message="Niederschrift unterzeichnet"
    ).exists()


def test_minority_universal_assembly_and_organs(world: World) -> None:
    c = make_coop(world)
    with pytest.raises(ValidationError) as minority:
        services.convene(
            c.cooperative,
            _values(
                kind="extraordinary",
                convened_by="minority",
                demand_received_on=D(2026, 5, 1),
                demanding_members=None,
            ),
            actor=None,
        )
    assert "demanding_members" in minority.value.message_dict
    extra = services.convene(
        c.cooperative,
        _values(
            kind="extraordinary",
            form="virtual",
            convened_by="minority",
            demand_received_on=D(2026, 5, 1),
            demanding_members=1,
            date=D(2026, 6, 8),
            invited_on=D(2026, 6, 5),
            universal=True,
        ),
        actor=None,
    )
    assert extra.business_year is None and extra.universal
    services.record_attendance(
        extra, {"member": c.members[0], "mode": "representative", "person": "MP"}, actor=None
    )
    with pytest.raises(ValidationError) as missing:
        services.close_assembly(
            extra, {"chair": "X"}, expected_version=extra.version + 1, actor=None, today=D(2026, 6, 8)
        )
    assert "Universalversammlung" in missing.value.messages[0]

    with pytest.raises(ValidationError) as both:
        services.add_seat(
            c.cooperative,
            {"organ": Organ.SUPERVISORY, "person": "Vorstand Eins", "started_on": D(2026, 1, 1)},
            actor=None,
        )
    assert "§ 37" in both.value.message_dict["person"][0]
    seat = services.add_seat(
        c.cooperative,
        {"organ": Organ.BOARD, "person": "Vorstand Zwei", "started_on": D(2026, 1, 1)},
        actor=None,
    )
    with pytest.raises(ValidationError):
        services.end_seat(seat, D(2025, 1, 1), expected_version=seat.version, actor=None)
    assert services.end_seat(seat, D(2026, 12, 31), expected_version=seat.version, actor=None).ended_on

    with pytest.raises(ValidationError):
        services.save_settings(
            c.cooperative, {"notice_days": 10, "minority_percent": 10}, actor=None, expected_version=None
        )
    saved = services.save_settings(
        c.cooperative, {"notice_days": 21, "minority_percent": 5}, actor=None, expected_version=None
    )
    assert saved.notice_days == 21
