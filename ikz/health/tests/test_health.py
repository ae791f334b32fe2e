"""The health endpoint as a monitor uses it: 200 when the database, the migrations, the queue and
every timer are fresh; 503 naming the stale part otherwise; details only with the operator's token."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ikz.health import rules
from ikz.health.models import TimerRun
from ikz.health.services import timer_run
from ikz.jobs.models import Job

TOKEN = "monitor-geheim-1234"


def _all_timers_ran(at: dt.datetime) -> None:
    for timer in rules.TIMERS:
        TimerRun.objects.update_or_create(name=timer.name, defaults={"succeeded_at": at})


@pytest.fixture
def monitor(settings: object) -> Client:
    settings.IKZ_HEALTH_TOKEN = TOKEN  # type: ignore[attr-defined]
    return Client(headers={"Authorization": f"Bearer {TOKEN}"})


@pytest.mark.django_db
def test_fresh_timers_and_an_empty_queue_answer_200(monitor: Client) -> None:
    _all_timers_ran(timezone.now() - dt.timedelta(hours=3))
    response = monitor.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["migrations"] == {"ok": True, "pending": []}
    assert body["checks"]["timers"]["timers"]["send_notifications"]["ok"] is True


@pytest.mark.django_db
def test_a_timer_that_stopped_makes_the_answer_503_and_names_it(monitor: Client) -> None:
    _all_timers_ran(timezone.now() - dt.timedelta(hours=3))
    TimerRun.objects.filter(name="remind_notice_deadlines").update(
        succeeded_at=timezone.now() - dt.timedelta(days=2)
    )
    response = monitor.get(reverse("health"))
    assert response.status_code == 503
    timers = response.json()["checks"]["timers"]["timers"]
    assert timers["remind_notice_deadlines"]["ok"] is False
    assert timers["send_notifications"]["ok"] is True


@pytest.mark.django_db
def test_a_timer_that_never_ran_is_stale() -> None:
    response = Client().get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "stale", "failing": ["timers"]}  # no details without the token


@pytest.mark.django_db
def test_a_job_waiting_too_long_makes_the_queue_stale(monitor: Client) -> None:
    _all_timers_ran(timezone.now())
    job = Job.objects.create(kind="notifications.deliver", label="E-Mail", payload={})
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=11))
    response = monitor.get(reverse("health"))
    assert response.status_code == 503
    queue = response.json()["checks"]["queue"]
    assert (queue["ok"], queue["waiting"]) == (False, 1)
    assert queue["oldest_waiting_seconds"] >= 660


@pytest.mark.django_db
def test_a_wrong_token_sees_no_details(monitor: Client) -> None:
    _all_timers_ran(timezone.now())
    response = Client(headers={"Authorization": "Bearer falsch"}).get(reverse("health"))
    assert response.json() == {"status": "ok", "failing": []}


@pytest.mark.django_db
def test_a_timer_run_records_success_and_failure() -> None:
    with timer_run("backup"):
        pass
    run = TimerRun.objects.get(name="backup")
    assert run.succeeded_at is not None and run.error == ""
    with pytest.raises(OSError), timer_run("backup"):
        raise OSError("Platte voll")
    run.refresh_from_db()
    assert run.failed_at is not None and run.error == "OSError: Platte voll"


@pytest.mark.django_db
def test_a_hanging_database_answers_within_the_checks_own_timeout(
    monitor: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the statement timeout is PostgreSQL's; SQLite has no server that could hang")
    from ikz.health import queries

    def hanging() -> dict[str, object]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(30)")
        return {"ok": True}

    monkeypatch.setattr(queries, "_migrations", hanging)
    response = monitor.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "OperationalError"}


@pytest.mark.django_db
def test_the_timers_commands_record_their_runs_and_make_the_check_green(
    world: object, monitor: Client, tmp_path: object
) -> None:
    from django.core.management import call_command

    assert monitor.get(reverse("health")).status_code == 503  # no timer has run yet
    call_command("send_notifications", stdout=io.StringIO())
    call_command("remind_notice_deadlines", stdout=io.StringIO())
    call_command("rebuild_search_index", stdout=io.StringIO())
    call_command("backup", "--ziel", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    # a dry run is no run of the timer
    TimerRun.objects.filter(name="send_notifications").update(succeeded_at=None)
    call_command("send_notifications", "--dry-run", stdout=io.StringIO())
    assert monitor.get(reverse("health")).status_code == 503
    call_command("send_notifications", stdout=io.StringIO())
    response = monitor.get(reverse("health"))
    assert response.status_code == 200, response.json()
    assert {name for name, t in response.json()["checks"]["timers"]["timers"].items() if t["ok"]} == set(
        rules.TIMER_NAMES
    )
