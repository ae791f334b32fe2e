"""Effective dates of steps (decision 92): entered by the user, checked against today, the previous
step and the start of the region's IKZ process; the verdict is kept on its step."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ikz.audit.models import AuditEntry
from ikz.municipalities.models import Region
from ikz.projects import rules, services
from ikz.projects.models import Project, TransitionLog
from ikz.projects.tests.helpers import CHARTER, STUDY_DATES, make_project
from ikz.test import World

pytestmark = pytest.mark.django_db

OFFICE = frozenset({"office"})


def _step(project: Project, target: str, **kw: object) -> Project:
    project.refresh_from_db()
    return services.transition(
        project, target, actor=None, roles=OFFICE, expected_version=project.version, **kw
    )


def _studied(world: World, **values: object) -> Project:
    """Beschaffungswesen up to its verdict of 30.06.2015, each step on its day."""
    project = make_project(world, effective_on=STUDY_DATES["proposal"], **(CHARTER | values))
    for target in ("prioritised", "commissioned", "feasibility"):
        _step(project, target, effective_on=STUDY_DATES[target])
    return _step(
        project,
        "verdict",
        verdict="advantageous",
        verdict_reasons="Mengeneffekte",
        effective_on=STUDY_DATES["verdict"],
    )


def test_each_step_keeps_its_effective_date_and_the_verdict_its_step(world: World) -> None:
    project = _studied(world)
    logs = list(
        TransitionLog.objects.filter(project=project).values_list("to_status", "effective_on", "verdict")
    )
    assert logs == [
        ("proposal", dt.date(2014, 1, 15), ""),
        ("prioritised", dt.date(2014, 2, 1), ""),
        ("commissioned", dt.date(2014, 3, 1), ""),
        ("feasibility", dt.date(2014, 3, 15), ""),
        ("verdict", dt.date(2015, 6, 30), "advantageous"),
    ]
    steps = [log.step for log in TransitionLog.objects.filter(project=project)]
    assert rules.state_on(steps, dt.date(2013, 12, 31)) is None
    assert rules.state_on(steps, dt.date(2014, 12, 31)) == "feasibility"
    assert rules.verdict_on(steps, dt.date(2014, 12, 31)) == ""
    assert rules.verdict_on(steps, dt.date(2015, 6, 30)) == "advantageous"


def test_a_step_after_today_is_refused_naming_field_and_date(world: World) -> None:
    project = make_project(world)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        _step(project, "prioritised", effective_on=tomorrow)
    (message,) = exc.value.message_dict["effective_on"]
    assert message.startswith(f"Wirksam am: Der {tomorrow:%d.%m.%Y} liegt nach dem heutigen Tag")
    project.refresh_from_db()
    assert project.status == "proposal" and TransitionLog.objects.filter(project=project).count() == 1


def test_a_step_before_the_previous_one_is_refused_naming_it(world: World) -> None:
    project = make_project(world, effective_on=dt.date(2014, 1, 15))
    with pytest.raises(ValidationError) as exc:
        _step(project, "prioritised", effective_on=dt.date(2014, 1, 14))
    assert exc.value.message_dict == {
        "effective_on": [
            "Wirksam am: Der 14.01.2014 liegt vor dem vorigen Schritt „Vorschlag“ am 15.01.2014."
        ]
    }
    assert Project.objects.get(pk=project.pk).version == 1


def test_a_step_before_the_region_began_is_refused(world: World) -> None:
    Region.objects.filter(pk=world.region.pk).update(established_on=dt.date(2013, 2, 1))
    world.region.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        make_project(world, effective_on=dt.date(2012, 12, 1))
    assert exc.value.message_dict["effective_on"] == [
        "Wirksam am: Der 01.12.2012 liegt vor dem Beginn des IKZ-Prozesses der Region am 01.02.2013."
    ]
    assert not Project.objects.exists()


def test_the_final_step_sets_finished_on_to_its_effective_date(world: World) -> None:
    project = _studied(world)
    closed = _step(project, "closed", reason="keine kreisweite Umsetzung", effective_on=dt.date(2015, 12, 31))
    assert closed.finished_on == dt.date(2015, 12, 31)
    steps = [log.step for log in TransitionLog.objects.filter(project=project)]
    assert rules.ended_on(steps) == dt.date(2015, 12, 31)
    assert rules.running_on(steps, dt.date(2015, 12, 30)) and not rules.running_on(
        steps, dt.date(2015, 12, 31)
    )


def test_a_back_captured_project_takes_its_first_date_from_the_values(world: World) -> None:
    done = make_project(
        world,
        "Bezügeabrechnung",
        status="closed",
        finished_on=dt.date(2015, 12, 31),
        closing_reason="örtliche Gründe",
    )
    log = TransitionLog.objects.get(project=done)
    assert (log.effective_on, done.finished_on) == (dt.date(2015, 12, 31), dt.date(2015, 12, 31))
    running = make_project(world, "Standesamtswesen", status="implementation", year=2015)
    assert TransitionLog.objects.get(project=running).effective_on == dt.date(2015, 1, 1)


def test_the_transition_page_has_the_date_field_and_records_the_day(world: World) -> None:
    project = make_project(world, effective_on=dt.date(2014, 1, 15), **CHARTER)
    url = reverse("projects:project_transition", args=[project.pk]) + "?nach=prioritised"
    client = world.client_for("steering")
    html = client.get(url).content.decode()
    assert re.search(r'<label[^>]*for="id_effective_on"[^>]*>\s*Wirksam am', html)
    assert f'value="{timezone.localdate().isoformat()}"' in html
    response = client.post(
        url, {"version": project.version, "target": "prioritised", "effective_on": "2014-02-01"}
    )
    assert response.status_code == 302
    assert TransitionLog.objects.filter(project=project).last().effective_on == dt.date(2014, 2, 1)  # type: ignore[union-attr]
    page = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert "wirksam am 01.02.2014" in page
    refused = client.post(
        reverse("projects:project_transition", args=[project.pk]),
        {"version": project.version + 1, "target": "commissioned", "effective_on": "2013-01-01"},
    )
    assert refused.status_code == 400
    assert (
        "Der 01.01.2013 liegt vor dem vorigen Schritt „priorisiert“ am 01.02.2014."
        in refused.content.decode()
    )
    assert AuditEntry.objects.filter(object_id=str(project.pk), content_type__model="project").count() == 2


# --- corrections -------------------------------------------------------------------------------------


def test_a_correction_checks_the_neighbours_and_writes_the_audit_with_reason(world: World) -> None:
    project = _studied(world)
    logs = list(TransitionLog.objects.filter(project=project))
    commissioned = logs[2]
    with pytest.raises(ValidationError) as exc:
        services.correct_step_date(commissioned, dt.date(2014, 3, 20), reason="Protokoll", actor=world.office)
    assert exc.value.message_dict == {
        "effective_on": [
            "Wirksam am: Der 20.03.2014 liegt nach dem nächsten Schritt „Prüfung läuft“ am 15.03.2014."
        ]
    }
    with pytest.raises(ValidationError) as exc:
        services.correct_step_date(commissioned, dt.date(2014, 3, 10), reason=" ", actor=world.office)
    assert exc.value.message_dict == {
        "reason": ["Begründung: Bitte angeben, warum das Datum korrigiert wird."]
    }
    assert not AuditEntry.objects.filter(action="correction").exists()
    services.correct_step_date(
        commissioned, dt.date(2014, 3, 10), reason="laut Protokoll der Lenkungsgruppe", actor=world.steering
    )
    commissioned.refresh_from_db()
    assert commissioned.effective_on == dt.date(2014, 3, 10)
    entry = AuditEntry.objects.get(action="correction")
    assert entry.changes == {"effective_on": ["2014-03-01", "2014-03-10"]}
    assert entry.message == (
        "Schritt „beauftragt“: wirksam am 01.03.2014 berichtigt auf 10.03.2014. "
        "Begründung: laut Protokoll der Lenkungsgruppe"
    )
    assert entry.actor_label == "Steering"


def test_correcting_the_final_step_moves_finished_on(world: World) -> None:
    project = _studied(world)
    _step(project, "closed", reason="örtliche Gründe", effective_on=dt.date(2016, 1, 31))
    final = TransitionLog.objects.filter(project=project).last()
    assert final is not None
    services.correct_step_date(
        final, dt.date(2015, 12, 31), reason="Beschluss vom 31.12.", actor=world.office
    )
    project.refresh_from_db()
    assert project.finished_on == dt.date(2015, 12, 31) and project.version == 7


def test_the_correction_page_is_reached_from_the_history_of_steps(world: World) -> None:
    project = _studied(world)
    detail = reverse("projects:project_detail", args=[project.pk])
    log = TransitionLog.objects.filter(project=project, to_status="verdict").get()
    url = reverse("projects:step_correct", args=[project.pk, log.pk])
    assert url in world.client_for("steering").get(detail).content.decode()
    assert url not in world.client_for("project_lead").get(detail).content.decode()
    client = world.client_for("office")
    html = client.get(url).content.decode()
    assert "30.06.2015" in html and 'for="id_reason"' in html
    refused = client.post(
        url, {"version": project.version, "effective_on": "2014-03-01", "reason": "Tippfehler"}
    )
    assert refused.status_code == 200
    assert (
        "Der 01.03.2014 liegt vor dem vorigen Schritt „Prüfung läuft“ am 15.03.2014."
        in refused.content.decode()
    )
    done = client.post(
        url, {"version": project.version, "effective_on": "2015-07-02", "reason": "Tippfehler"}
    )
    assert done.status_code == 302 and done["Location"].endswith(f"#schritt-{log.pk}")
    assert "wirksam am 02.07.2015" in client.get(detail).content.decode()
    history = client.get(reverse("projects:project_history", args=[project.pk])).content.decode()
    assert "Tippfehler" in history
