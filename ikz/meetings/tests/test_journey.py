"""Done when (issue 22, point 3): a draft resolution followed through the steering group and three
member councils — with the agenda built from what waits for a decision, the invitation in the inbox
and calendar, attendance, results, a project decision recorded once and shown in the project's
decision log with who must act by when, the minutes approved before they are published, and the
open actions list (Beschlusskontrolle)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ikz.audit.models import AuditEntry
from ikz.meetings import queries, services, sources
from ikz.meetings.models import MeetingState
from ikz.meetings.tests.helpers import meeting_of, setting
from ikz.notifications.models import Notification
from ikz.projects import queries as project_queries
from ikz.projects.models import SteeringDecision
from ikz.resolutions.models import Resolution
from ikz.test import World

TODAY = timezone.localdate()


def test_a_draft_resolution_goes_through_the_steering_group_and_three_councils(world: World) -> None:
    s = setting(world)
    office = world.office
    meeting = meeting_of(s.steering_group, world)

    # the agenda from what waits for a decision: the proposal to prioritise, the milestone due soon
    proposals = queries.agenda_proposals(meeting, TODAY)
    assert [p.topic for p in proposals] == ["prioritise", "milestone"]
    assert proposals[0].project == s.project and proposals[1].milestone == s.milestone
    for p in proposals:
        services.add_agenda_item(
            meeting,
            {"name": p.name, "project": p.project, "milestone": p.milestone, "topic": p.topic},
            actor=office,
        )
    assert queries.agenda_proposals(meeting, TODAY) == []  # what is on the agenda is not offered twice

    paper = services.create_paper(
        world.region,
        {
            "reference": "LG-2026/01",
            "name": "Grundsatzbeschluss zur Intensivierung der interkommunalen Zusammenarbeit",
            "date": TODAY - dt.timedelta(days=10),
            "subject": "principle",
            "text": "Die Vertretung beschließt, die interkommunale Zusammenarbeit zu intensivieren.",
        },
        actor=office,
    )
    paper_item = services.add_agenda_item(meeting, {"name": "LG-2026/01"}, actor=office, paper=paper)
    assert [i.number for i in meeting.agenda_items.all()] == ["1", "2", "3"]

    # the invitation: state, the inbox of the member with an account, the calendar feed
    meeting.refresh_from_db()
    meeting = services.invite(meeting, expected_version=meeting.version, actor=office)
    assert meeting.state == MeetingState.INVITED and meeting.invited_on == TODAY
    note = Notification.objects.get(user=world.steering)
    assert "Einladung: IKZ-Lenkungsgruppe" in note.text and note.link == meeting.get_absolute_url()
    assert [d.uid for d in sources.meeting_dates(world.steering)] == [f"sitzung-{meeting.pk}"]
    with pytest.raises(ValidationError, match="bereits eingeladen"):
        services.invite(meeting, expected_version=meeting.version, actor=office)

    # attendance, then the meeting is held with its minutes (a draft)
    people = {m.person.name: m.person_id for m in queries.members_of(s.steering_group)}
    meeting = services.record_attendance(
        meeting,
        {
            people["Lars Lenker"]: "present",
            people["Kai Kelster"]: "excused",
            people["Gisela Stelle"]: "present",
        },
        expected_version=meeting.version,
        actor=office,
    )
    page = queries.meeting_page(meeting, internal=True)
    assert (page.present, page.voting_present) == (2, 1)
    meeting = services.hold_meeting(
        meeting, "Die Lenkungsgruppe tagte.", expected_version=meeting.version, actor=office
    )
    assert meeting.state == MeetingState.HELD
    assert not queries.meeting_page(meeting, internal=False).minutes_visible

    # results: the prioritisation becomes the project's decision, with who acts by when
    first, second, third = meeting.agenda_items.all()
    due = TODAY + dt.timedelta(days=30)
    first = services.record_result(
        first,
        {
            "result": "adopted",
            "resolution_text": "Das Projekt wird priorisiert.",
            "responsible": "Projektleitung",
            "due_on": due,
        },
        expected_version=first.version,
        actor=office,
    )
    decision = SteeringDecision.objects.get(project=s.project)
    assert first.decision == decision and decision.responsible == "Projektleitung" and decision.due_on == due
    # a correction changes the same decision: recorded once
    first = services.record_result(
        first,
        {
            "result": "adopted_changed",
            "resolution_text": "Das Projekt wird mit Vorrang priorisiert.",
            "responsible": "Projektleitung",
            "due_on": due,
        },
        expected_version=first.version,
        actor=office,
    )
    assert SteeringDecision.objects.filter(project=s.project).count() == 1
    decision.refresh_from_db()
    assert decision.text == "Das Projekt wird mit Vorrang priorisiert."
    logged = project_queries.project_page(office, s.project, TODAY).decisions
    assert logged[0].taken_in[0].startswith("IKZ-Lenkungsgruppe, Sitzung am")
    assert logged[0].taken_in[1].endswith(f"#top-{first.pk}") and logged[0].action.label == "offen"

    # the minutes are approved only when every item has its result
    with pytest.raises(ValidationError, match="Ohne Ergebnis: TOP 2, 3"):
        services.approve_minutes(meeting, TODAY, expected_version=meeting.version, actor=office)
    services.record_result(second, {"result": "noted"}, expected_version=second.version, actor=office)
    services.record_result(
        third,
        {"result": "adopted", "resolution_text": "Den Räten wird die Vorlage LG-2026/01 empfohlen."},
        expected_version=third.version,
        actor=office,
    )
    meeting = services.approve_minutes(meeting, TODAY, expected_version=meeting.version, actor=office)
    assert meeting.state == MeetingState.APPROVED
    assert queries.meeting_page(meeting, internal=False).minutes_visible

    # the paper goes to three member councils; each council's result is that municipality's resolution
    councils = services.add_councils(
        paper, [world.kommune_a.pk, world.kommune_b.pk, s.third.pk], actor=office
    )
    assert len(councils) == 3
    assert queries.paper_page(paper).progress.decided == 0
    outcomes = {
        world.kommune_a.pk: "adopted_council",
        world.kommune_b.pk: "adopted_council",
        s.third.pk: "rejected",
    }
    for consultation in councils:
        services.record_council_result(
            consultation,
            {
                "body": "stvv",
                "date": TODAY - dt.timedelta(days=1),
                "outcome": outcomes[consultation.municipality_id],
            },
            expected_version=consultation.version,
            actor=office,
        )
    progress = queries.paper_page(paper).progress
    assert (progress.steering, progress.councils, progress.decided, progress.adopted, progress.rejected) == (
        "adopted",
        3,
        3,
        2,
        1,
    )
    assert progress.complete
    recorded = {r.municipality_id: r.outcome for r in Resolution.objects.filter(subject="principle")}
    assert recorded == outcomes
    assert Resolution.objects.get(municipality=s.third).source.startswith("Vorlage LG-2026/01")
    assert paper_item.consultations.get().paper == paper

    # Beschlusskontrolle: the decision is open until marked done
    rows = queries.open_actions(world.region, TODAY)
    assert [(a.kind, a.responsible, a.due_on) for a in rows] == [("beschluss", "Projektleitung", due)]
    decision.refresh_from_db()
    services.complete_action(decision, TODAY, expected_version=decision.version, actor=office)
    assert queries.open_actions(world.region, TODAY) == []
    assert AuditEntry.objects.filter(object_repr__contains="Lenkungsgruppe").exists()


def test_refusals_name_the_field_and_write_nothing(world: World) -> None:
    s = setting(world)
    office = world.office
    planned = services.create_meeting(
        s.steering_group, {"start": timezone.now() + dt.timedelta(days=3)}, actor=office
    )
    with pytest.raises(ValidationError, match="Tagesordnung ist leer"):
        services.invite(planned, expected_version=planned.version, actor=office)
    services.add_agenda_item(planned, {"name": "Bericht"}, actor=office)
    planned.refresh_from_db()
    planned = services.invite(planned, expected_version=planned.version, actor=office)
    with pytest.raises(ValidationError, match="noch nicht begonnen"):
        services.hold_meeting(planned, "x", expected_version=planned.version, actor=office)
    item = planned.agenda_items.get()
    with pytest.raises(ValidationError) as refused:
        services.record_result(item, {"result": "adopted"}, expected_version=item.version, actor=office)
    assert "Beschlusstext" in str(refused.value.message_dict["resolution_text"])
    with pytest.raises(ValidationError) as refused:
        services.add_member(s.steering_group, {"name": "Lars Lenker"}, actor=office)
    assert "bereits Mitglied" in str(refused.value)
    kai = s.steering_group.memberships.get(person__name="Kai Kelster")
    kai.start_date = TODAY
    with pytest.raises(ValidationError, match="vor dem Beginn"):
        services.end_membership(kai, TODAY - dt.timedelta(days=1), expected_version=kai.version, actor=office)
    kai.refresh_from_db()
    services.end_membership(kai, TODAY - dt.timedelta(days=1), expected_version=kai.version, actor=office)
    assert "Kai Kelster" not in [m.person.name for m in queries.members_of(s.steering_group, TODAY)]
    assert services.add_member(s.steering_group, {"name": "Kai Kelster"}, actor=office).person == kai.person
    with pytest.raises(ValidationError) as refused:
        services.create_meeting(
            s.steering_group,
            {"start": timezone.now(), "end": timezone.now() - dt.timedelta(hours=1)},
            actor=office,
        )
    assert "Ende" in str(refused.value.message_dict["end"])
    paper = services.create_paper(
        world.region,
        {"reference": "V1", "name": "Vereinbarung", "date": TODAY, "subject": "agreement", "text": "x"},
        actor=office,
    )
    with pytest.raises(ValidationError, match="Mitglied der Region"):
        services.add_councils(paper, [world.kreis.pk], actor=office)
    assert paper.consultations.count() == 0
    with pytest.raises(ValidationError, match="schon vergeben"):
        services.create_paper(
            world.region,
            {"reference": "V1", "name": "y", "date": TODAY, "subject": "agreement", "text": "x"},
            actor=office,
        )
