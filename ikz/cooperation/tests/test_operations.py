"""Operating cooperations: services (checks, audit, conflicts, history), pages and reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.audit.models import AuditEntry
from ikz.audit.services import ConflictError
from ikz.cooperation import queries, services
from ikz.cooperation.models import (
    Cooperation,
    CooperationField,
    Notice,
    NoticeReminder,
    Operation,
    Participant,
    ParticipationSpan,
    TaskArea,
)
from ikz.cooperation.services import ParticipantRow, PeriodRow
from ikz.jobs.services import work_off
from ikz.municipalities.models import ContactPerson, RegionMember
from ikz.test import World, make_unit

pytestmark = pytest.mark.django_db
D = dt.date


def _field() -> CooperationField:
    area = TaskArea.objects.get_or_create(name="Sicherheit und Ordnung", position=1)[0]
    return CooperationField.objects.get_or_create(task_area=area, name="Umsetzung ProstSchG")[0]


def _cooperation(world: World, title: str = "Umsetzung ProstSchG", *, both: bool = True) -> Cooperation:
    rows = [ParticipantRow(world.kommune_a, "exists", is_lead=True)]
    if both:
        rows.append(ParticipantRow(world.kommune_b, "exists"))
    return services.save_cooperation(
        world.region,
        {"field": _field(), "title": title, "legal_form": "public_agreement"},
        rows,
        actor=world.office,
    )


def _values(world: World, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "host": world.kommune_a,
        "external_host": "",
        "start": D(2020, 10, 1),
        "initial_months": 60,
        "auto_renewal": True,
        "renewal_months": 60,
        "notice_months": 6,
        "ended_on": None,
        "staff_positions": Decimal("1.50"),
        "advisory_board": False,
        "advisory_board_note": "",
        "reporting_duty": True,
        "reporting_note": "jährlich",
        "note": "",
    }
    return values | changes


def _form_data(world: World, **changes: object) -> dict[str, object]:
    data = {
        "legal_form": "public_agreement",
        "host": world.kommune_a.pk,
        "start": "2020-10-01",
        "initial_months": "60",
        "auto_renewal": "on",
        "renewal_months": "60",
        "notice_months": "6",
        "staff_positions": "1,5",
        "reporting_duty": "on",
        "reporting_note": "jährlich",
        "z-TOTAL_FORMS": "2",
        "z-INITIAL_FORMS": "0",
        "z-MIN_NUM_FORMS": "0",
        "z-MAX_NUM_FORMS": "1000",
    }
    return data | changes


# --- services ------------------------------------------------------------------------------------


def test_saving_operating_details_is_audited_and_starts_the_history(world: World) -> None:
    cooperation = _cooperation(world)
    operation = services.save_operation(
        cooperation,
        _values(world, legal_form="zweckverband"),
        actor=world.office,
        periods=[PeriodRow("Ausschreibung", D(2016, 1, 1), D(2017, 12, 31))],
    )
    assert operation.staff_positions == Decimal("1.50")
    assert [str(p) for p in operation.periods.all()] == ["Ausschreibung 01.01.2016 – 31.12.2017"]
    spans = ParticipationSpan.objects.filter(cooperation=cooperation)
    assert sorted((s.municipality_id, s.joined_on) for s in spans) == sorted(
        [(world.kommune_a.pk, D(2020, 10, 1)), (world.kommune_b.pk, D(2020, 10, 1))]
    )
    cooperation.refresh_from_db()
    assert cooperation.legal_form == "zweckverband"
    assert AuditEntry.objects.filter(object_repr="Umsetzung ProstSchG", actor=world.office).count() >= 3


@pytest.mark.parametrize(
    ("changes", "field_name", "text"),
    [
        ({"ended_on": D(2019, 12, 31)}, "ended_on", "liegt vor dem Arbeitsstart"),
        ({"staff_positions": Decimal("-1")}, "staff_positions", "nicht negativ"),
        ({"notice_months": 72}, "notice_months", "länger als die Laufzeit"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_written(world: World, changes, field_name, text) -> None:
    cooperation = _cooperation(world)
    with pytest.raises(ValidationError) as refused:
        services.save_operation(
            cooperation,
            _values(world, **changes),
            actor=world.office,
            periods=[PeriodRow("Ausschreibung", D(2016, 1, 1), D(2017, 12, 31))],
        )
    assert any(text in m for m in refused.value.message_dict[field_name])
    assert not Operation.objects.exists()
    assert not ParticipationSpan.objects.exists()


def test_the_host_must_take_part(world: World) -> None:
    cooperation = _cooperation(world, both=False)
    with pytest.raises(ValidationError) as refused:
        services.save_operation(cooperation, _values(world, host=world.kommune_b), actor=world.office)
    assert "Sitzkommune muss an der Kooperation beteiligt sein" in refused.value.message_dict["host"][0]


def test_a_bad_period_undoes_the_whole_save(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    with pytest.raises(ValidationError):
        services.save_operation(
            cooperation,
            _values(world, staff_positions=Decimal("2.75")),
            actor=world.office,
            expected_version=1,
            periods=[PeriodRow("Ausschreibung", D(2018, 1, 1), D(2017, 12, 31))],
        )
    assert Operation.objects.get().staff_positions == Decimal("1.50")


def test_a_stale_edit_raises_a_conflict(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    services.save_operation(
        cooperation, _values(world, staff_positions=Decimal("2")), actor=world.office, expected_version=1
    )
    with pytest.raises(ConflictError):
        services.save_operation(
            cooperation, _values(world, staff_positions=Decimal("3")), actor=world.office, expected_version=1
        )
    assert Operation.objects.get().staff_positions == Decimal("2.00")


def test_history_survives_an_inventory_edit_and_counts_start_and_today(world: World) -> None:
    cooperation = _cooperation(world, both=False)
    services.save_operation(cooperation, _values(world, start=D(2017, 7, 1)), actor=world.office)
    services.record_joining(cooperation, world.kommune_b, D(2019, 1, 1), actor=world.office)
    assert Participant.objects.filter(cooperation=cooperation, municipality=world.kommune_b).exists()
    # The inventory form replaces the participant rows wholesale; the join dates stay.
    cooperation.refresh_from_db()
    services.save_cooperation(
        world.region,
        {"field": _field(), "title": "Umsetzung ProstSchG", "legal_form": "public_agreement"},
        [ParticipantRow(world.kommune_a, "exists", is_lead=True), ParticipantRow(world.kommune_b, "exists")],
        actor=world.office,
        cooperation=cooperation,
    )
    detail = queries.operation_detail(cooperation, D(2026, 12, 1))
    assert [(s.municipality_id, s.joined_on) for s in detail.spans] == [
        (world.kommune_a.pk, D(2017, 7, 1)),
        (world.kommune_b.pk, D(2019, 1, 1)),
    ]
    assert (detail.at_start, detail.today_count) == (1, 2)


def test_joining_twice_or_before_the_start_is_refused(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    with pytest.raises(ValidationError, match="bereits beteiligt"):
        services.record_joining(cooperation, world.kommune_b, D(2021, 1, 1), actor=world.office)
    outsider = make_unit("06433001", "Bischofsheim", "gemeinde", "gemeinde", world.kreis)
    with pytest.raises(ValidationError, match="gehört nicht zur Region"):
        services.record_joining(cooperation, outsider, D(2021, 1, 1), actor=world.office)
    RegionMember.objects.create(region=world.region, municipality=outsider, position=3, short_label="Bisch")
    with pytest.raises(ValidationError, match="vor dem Arbeitsstart"):
        services.record_joining(cooperation, outsider, D(2019, 1, 1), actor=world.office)


def test_a_notice_leaves_at_the_end_of_the_term_it_is_in_time_for(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    # Received on the last possible day (31.3.2025): out after 30.9.2025 (worked out by hand).
    notice = services.record_notice(
        cooperation, world.kommune_b, D(2025, 3, 31), actor=world.office, today=D(2025, 4, 2)
    )
    assert notice.effective_on == D(2025, 9, 30)
    span = ParticipationSpan.objects.get(cooperation=cooperation, municipality=world.kommune_b)
    assert span.left_on == D(2025, 9, 30)
    # still a participant until then
    assert Participant.objects.filter(cooperation=cooperation, municipality=world.kommune_b).exists()
    assert queries.operation_detail(cooperation, D(2025, 10, 1)).today_count == 1


def test_a_late_notice_counts_for_the_next_term_and_the_host_cannot_leave(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    notice = services.record_notice(cooperation, world.kommune_b, D(2025, 4, 1), actor=world.office)
    assert notice.effective_on == D(2030, 9, 30)
    assert Operation.objects.get().version == 2  # one event, one new version
    with pytest.raises(ValidationError, match="Sitzkommune kann nicht ausscheiden"):
        services.record_leaving(cooperation, world.kommune_a, D(2025, 12, 31), actor=world.office)
    assert Notice.objects.count() == 1


def test_leaving_in_the_past_removes_the_inventory_row_but_keeps_the_history(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    services.record_leaving(
        cooperation, world.kommune_b, D(2024, 12, 31), actor=world.office, today=D(2025, 1, 5)
    )
    assert not Participant.objects.filter(cooperation=cooperation, municipality=world.kommune_b).exists()
    span = ParticipationSpan.objects.get(municipality=world.kommune_b)
    assert (span.joined_on, span.left_on) == (D(2020, 10, 1), D(2024, 12, 31))
    with pytest.raises(ValidationError, match="nicht \\(mehr\\) beteiligt"):
        services.record_notice(cooperation, world.kommune_b, D(2025, 1, 6), actor=world.office)


def test_upcoming_notice_deadlines_are_sorted_and_limited(world: World) -> None:
    first = _cooperation(world)
    services.save_operation(first, _values(world), actor=world.office)
    second = _cooperation(world, "Vergabezentrum")
    services.save_operation(
        second,
        _values(world, start=D(2023, 1, 1), initial_months=24, renewal_months=12, notice_months=3),
        actor=world.office,
    )
    # Vergabezentrum: terms end 31.12.2024, 31.12.2025, …; 3 months → 30.9. of each year.
    found = queries.upcoming_notice_deadlines(world.region, D(2025, 1, 1), 365)
    assert [(d.cooperation.title, d.notice_by, d.term_end, d.days_left) for d in found] == [
        ("Umsetzung ProstSchG", D(2025, 3, 31), D(2025, 9, 30), 89),
        ("Vergabezentrum", D(2025, 9, 30), D(2025, 12, 31), 272),
    ]
    assert [
        d.cooperation.title for d in queries.upcoming_notice_deadlines(world.region, D(2025, 1, 1), 90)
    ] == ["Umsetzung ProstSchG"]


# --- reminders -------------------------------------------------------------------------------------


def test_reminders_go_out_once_per_step_to_the_office_and_the_contacts(world: World, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.region.office_email = "gs@example.org"
    world.region.save()
    ContactPerson.objects.create(
        municipality=world.kommune_b, name="Kai Kelster", email="kai@kelsterbach.example"
    )
    ContactPerson.objects.create(municipality=world.kommune_a, name="ohne Adresse")
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)

    call_command("remind_notice_deadlines", "--heute", "2024-12-01", stdout=_Out())  # 120 days: too early
    assert mail.outbox == []
    out = _Out()
    call_command("remind_notice_deadlines", "--heute", "2025-01-01", stdout=out)  # 89 days before 31.3.2025
    assert mail.outbox == []  # queued; the queue's worker sends it
    work_off()
    # one message per recipient, never two addresses in one To: line; each greeted by name where
    # known, each with the full address of the cooperation's page
    assert sorted(m.to for m in mail.outbox) == [["gs@example.org"], ["kai@kelsterbach.example"]]
    kai = next(m for m in mail.outbox if m.to == ["kai@kelsterbach.example"])
    office = next(m for m in mail.outbox if m.to == ["gs@example.org"])
    assert kai.body.startswith("Guten Tag Kai Kelster,\n") and office.body.startswith("Guten Tag,\n")
    url = f"{settings.IKZ_BASE_URL}{reverse('cooperation:cooperation_detail', args=[cooperation.pk])}"
    assert url.startswith("http") and all(url in m.body for m in mail.outbox)
    assert "Kündigung bis spätestens 31.03.2025 zum 30.09.2025" in kai.body
    # the number reported is the number of messages
    assert "2 Erinnerung(en) zum Versand vorgemerkt (je Empfänger eine E-Mail) zu 1 Frist(en)" in out.text
    assert f"nicht erreicht: {world.kommune_a.name} (keine Adresse)" in out.text  # only a name, no address
    call_command("remind_notice_deadlines", "--heute", "2025-01-02", stdout=_Out())
    assert work_off() == 0 and len(mail.outbox) == 2  # the 90-day step is not repeated
    call_command("remind_notice_deadlines", "--heute", "2025-03-01", stdout=_Out())  # 30 days
    work_off()
    assert len(mail.outbox) == 4
    assert set(NoticeReminder.objects.values_list("deadline", "days_before")) == {
        (D(2025, 3, 31), 90),
        (D(2025, 3, 31), 30),
    }
    # Five years later the renewed term's deadline 31.3.2030 (a Sunday) is reminded anew.
    call_command("remind_notice_deadlines", "--heute", "2030-01-01", stdout=_Out())
    work_off()
    assert len(mail.outbox) == 6
    assert "Kündigung bis spätestens 31.03.2030 zum 30.09.2030" in mail.outbox[5].body
    assert "bis Freitag, 29.03.2030 zustellen" in mail.outbox[5].body
    assert "Freitag" not in mail.outbox[0].body  # 31.3.2025 is a Monday


def test_a_dry_run_sends_and_records_nothing(world: World, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    out = _Out()
    call_command("remind_notice_deadlines", "--dry-run", "--heute", "2025-03-20", "--tage", "14", stdout=out)
    assert mail.outbox == []
    assert not NoticeReminder.objects.exists()
    assert "Umsetzung ProstSchG: Kündigung bis 31.03.2025 zum 30.09.2025 (noch 11 Tage" in out.text
    assert "Probelauf" in out.text


def test_a_late_timer_sends_one_mail_and_records_both_steps(world: World, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.region.office_email = "gs@example.org"
    world.region.save()
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    call_command("remind_notice_deadlines", "--heute", "2025-03-21", stdout=_Out())
    call_command("remind_notice_deadlines", "--heute", "2025-03-21", stdout=_Out())  # started twice
    work_off()
    assert len(mail.outbox) == 1
    assert NoticeReminder.objects.count() == 2


class _Out:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


# --- pages -------------------------------------------------------------------------------------------


def test_office_edits_the_details_and_the_page_shows_the_notice_date(world: World) -> None:
    cooperation = _cooperation(world)
    client = world.client_for("office")
    url = reverse("cooperation:operation_edit", args=[cooperation.pk])
    response = client.post(
        url,
        _form_data(
            world,
            **{"z-0-label": "Ausschreibung", "z-0-starts_on": "2016-01-01", "z-0-ends_on": "2017-12-31"},
        ),
    )
    assert response.status_code == 302
    operation = Operation.objects.get()
    assert (operation.staff_positions, operation.notice_months) == (Decimal("1.5"), 6)
    page = client.get(cooperation.get_absolute_url()).content.decode()
    assert "Kündigung bis spätestens" in page
    title = page.split("<title>")[1].split("</title>")[0]
    assert title.startswith("Umsetzung ProstSchG") and "Betrieb" not in title
    assert "1,5" in page
    assert "Ausschreibung" in page
    assert "2 zum Start, heute 2" in page


def test_bad_input_gets_a_message_at_the_field(world: World) -> None:
    cooperation = _cooperation(world)
    client = world.client_for("office")
    url = reverse("cooperation:operation_edit", args=[cooperation.pk])
    page = client.post(url, _form_data(world, notice_months="61", ended_on="2019-01-01")).content.decode()
    assert 'id="id_notice_months_error"' in page
    assert "länger als die Laufzeit" in page
    assert 'id="id_ended_on_error"' in page
    assert not Operation.objects.exists()


def test_a_stale_form_gets_409_with_both_versions(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    services.save_operation(cooperation, _values(world, staff_positions=Decimal("2.75")), actor=world.office)
    client = world.client_for("office")
    url = reverse("cooperation:operation_edit", args=[cooperation.pk])
    response = client.post(url, _form_data(world, version="1", staff_positions="1,0"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Beide Fassungen im Vergleich" in page
    assert "2.75" in page or "2,75" in page
    assert Operation.objects.get().staff_positions == Decimal("2.75")


def test_participation_form_records_a_notice(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    client = world.client_for("office")
    url = reverse("cooperation:participation_record", args=[cooperation.pk])
    response = client.post(url, {"kind": "notice", "municipality": world.kommune_b.pk, "date": "2025-04-01"})
    assert response.status_code == 302
    assert Notice.objects.get().effective_on == D(2030, 9, 30)
    page = client.post(
        url, {"kind": "join", "municipality": world.kommune_b.pk, "date": "2025-04-01"}
    ).content.decode()
    assert "bereits beteiligt" in page


def test_contacts_read_the_details_but_cannot_edit(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    for persona in ("contact_a", "contact_b"):
        client = world.client_for(persona)
        page = client.get(cooperation.get_absolute_url()).content.decode()
        assert "Kündigung bis spätestens" in page
        assert reverse("cooperation:operation_edit", args=[cooperation.pk]) not in page
        assert (
            client.post(
                reverse("cooperation:operation_edit", args=[cooperation.pk]), _form_data(world)
            ).status_code
            == 403
        )
        assert (
            client.post(
                reverse("cooperation:participation_record", args=[cooperation.pk]),
                {"kind": "leave", "municipality": world.kommune_b.pk, "date": "2025-01-01"},
            ).status_code
            == 403
        )
    assert ParticipationSpan.objects.filter(left_on__isnull=False).count() == 0


def test_operating_list_and_exports(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    client = world.client_for("steering")
    url = reverse("cooperation:operation_list", args=[world.region.slug])
    page = client.get(url).content.decode()
    assert "Umsetzung ProstSchG" in page
    assert "öffentlich-rechtliche Vereinbarung" in page
    # A yearly agreement that began on the 1st ten months ago ends with next month; with one
    # month's notice the deadline is the last day of this month: listed among the next twelve months.
    today = dt.date.today()
    index = today.year * 12 + today.month - 1 - 10
    start = D(index // 12, index % 12 + 1, 1)
    yearly = _cooperation(world, "Jahresvertrag")
    services.save_operation(
        yearly,
        _values(world, start=start, initial_months=12, renewal_months=12, notice_months=1),
        actor=world.office,
    )
    page = client.get(url).content.decode()
    upcoming = page.split("Kündigungsfristen in den nächsten zwölf Monaten")[1].split("</ul>")[0]
    assert "Jahresvertrag" in upcoming
    csv = client.get(url + "?format=csv").content.decode("utf-8-sig")
    assert "Umsetzung ProstSchG" in csv
    assert "Kündigung bis spätestens" in csv
    pdf = client.get(url + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    xlsx = client.get(url + "?format=xlsx")
    assert xlsx.status_code == 200


def test_operating_list_queries_do_not_grow(world: World) -> None:
    client = world.client_for("office")
    url = reverse("cooperation:operation_list", args=[world.region.slug])

    def add(n: int, offset: int) -> None:
        for i in range(offset, offset + n):
            c = _cooperation(world, f"Kooperation {i:03}")
            services.save_operation(c, _values(world), actor=world.office)
            services.record_notice(c, world.kommune_b, D(2025, 1, 1), actor=world.office)

    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(30, 2)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count("Kooperation 0") == 32
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as deadlines:
        found = queries.upcoming_notice_deadlines(world.region, D(2025, 1, 1), 4000)
    assert len(found) == 32
    assert len(deadlines) == 1


def test_removing_a_participant_in_the_inventory_asks_for_the_exit_date(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    cooperation.refresh_from_db()
    services.save_cooperation(
        world.region,
        {"field": _field(), "title": "Umsetzung ProstSchG", "legal_form": "public_agreement"},
        [ParticipantRow(world.kommune_a, "exists", is_lead=True)],
        actor=world.office,
        cooperation=cooperation,
    )
    page = world.client_for("office").get(cooperation.get_absolute_url()).content.decode()
    assert "im Verlauf aber ohne Ausscheiden: Kelsterbach, Stadt" in page
    assert "ohne Beitritt" not in page
    assert ParticipationSpan.objects.filter(municipality=world.kommune_b, left_on__isnull=True).exists()


def test_adding_a_participant_in_the_inventory_asks_for_the_join_date(world: World) -> None:
    cooperation = _cooperation(world, both=False)
    services.save_operation(cooperation, _values(world), actor=world.office)
    cooperation.refresh_from_db()
    services.save_cooperation(  # e.g. the projects app updating the inventory entry
        world.region,
        {"field": _field(), "title": "Umsetzung ProstSchG", "legal_form": "public_agreement"},
        [ParticipantRow(world.kommune_a, "exists", is_lead=True), ParticipantRow(world.kommune_b, "exists")],
        actor=world.office,
        cooperation=cooperation,
    )
    client = world.client_for("office")
    page = client.get(cooperation.get_absolute_url()).content.decode()
    assert "im Verlauf aber ohne Beitritt: Kelsterbach, Stadt" in page
    services.record_joining(cooperation, world.kommune_b, D(2024, 1, 1), actor=world.office)
    page = client.get(cooperation.get_absolute_url()).content.decode()
    assert "ohne Beitritt" not in page


def test_the_edit_form_shows_every_field_in_a_fieldset(world: World) -> None:
    from ikz.cooperation.forms import OperationForm

    form = OperationForm(cooperation=_cooperation(world))
    grouped = [name for _legend, names in OperationForm.GROUPS for name in names]
    assert sorted([*grouped, "version"]) == sorted(form.fields)


def test_detail_page_queries_do_not_grow_with_the_history(world: World) -> None:
    cooperation = _cooperation(world)
    services.save_operation(
        cooperation,
        _values(world),
        actor=world.office,
        periods=[PeriodRow("Ausschreibung", D(2021, 1, 1), D(2021, 12, 31))],
    )
    client = world.client_for("contact_b")
    with CaptureQueriesContext(connection) as few:
        assert client.get(cooperation.get_absolute_url()).status_code == 200
    services.record_leaving(
        cooperation, world.kommune_b, D(2021, 12, 31), actor=world.office, today=D(2022, 1, 1)
    )
    for year in range(2022, 2040):
        services.record_joining(
            cooperation, world.kommune_b, D(year, 1, 1), actor=world.office, today=D(year, 1, 1)
        )
        services.record_leaving(
            cooperation, world.kommune_b, D(year, 6, 30), actor=world.office, today=D(year, 7, 1)
        )
    operation = Operation.objects.get()
    services.set_periods(
        operation,
        [PeriodRow("Ausschreibung", D(y, 1, 1), D(y, 12, 31)) for y in range(2021, 2040)],
        expected_version=operation.version,
        actor=world.office,
    )
    with CaptureQueriesContext(connection) as many:
        page = client.get(cooperation.get_absolute_url()).content.decode()
    assert page.count("30.06.20") == 18
    assert len(many) == len(few)


def test_the_pdf_export_holds_the_rows(world: World) -> None:
    import io

    from pypdf import PdfReader

    cooperation = _cooperation(world)
    services.save_operation(cooperation, _values(world), actor=world.office)
    response = world.client_for("office").get(
        reverse("cooperation:operation_list", args=[world.region.slug]) + "?format=pdf"
    )
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert "Laufende Kooperationen" in text
    assert "Umsetzung ProstSchG" in text
    assert "Kündigung bis spätestens" in text


def test_a_corrected_start_moves_the_founding_members_but_not_past_a_later_join(world: World) -> None:
    cooperation = _cooperation(world, both=False)
    services.save_operation(cooperation, _values(world, start=D(2017, 7, 1)), actor=world.office)
    services.record_joining(cooperation, world.kommune_b, D(2019, 1, 1), actor=world.office)
    services.save_operation(cooperation, _values(world, start=D(2017, 6, 1)), actor=world.office)
    assert sorted(ParticipationSpan.objects.values_list("joined_on", flat=True)) == [
        D(2017, 6, 1),
        D(2019, 1, 1),
    ]
    assert queries.operation_detail(cooperation, D(2026, 12, 1)).at_start == 1
    with pytest.raises(ValidationError) as refused:
        services.save_operation(cooperation, _values(world, start=D(2019, 6, 1)), actor=world.office)
    assert "nach einem erfassten Beitritt liegen (01.01.2019)" in refused.value.message_dict["start"][0]
