"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

A job of the region (a reminder run that failed for good) is seen by the region's office; the
others do not see it (404). The list of background jobs is the office's page (403 for the rest)."""

from __future__ import annotations

from typing import Any

from ikz.jobs.models import Job, JobStatus
from ikz.test import PERSONAS, PersonaRow, World

OFFICE_LIST = dict.fromkeys(PERSONAS[:-1], 403) | {"office": 200, "anonymous": "login"}
OFFICE_SEES = dict.fromkeys(PERSONAS[:-1], 404) | {"office": 200, "anonymous": "login"}
POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}


def failed_job(world: World) -> Job:
    return Job.objects.create(
        kind="notifications.deliver",
        label="E-Mail an die Kontaktpersonen",
        payload={"mail": 0},
        status=JobStatus.FAILED,
        attempts=5,
        region=world.region,
        reason="SMTPRecipientsRefused: 550 Postfach unbekannt",
    )


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    return {"failed_job": failed_job(world)}


def _job(o: dict[str, Any]) -> list[object]:
    return [o["failed_job"].pk]


ROWS: list[PersonaRow] = [
    ("jobs:failed_list", lambda w, o: [], OFFICE_LIST),
    ("jobs:job_detail", lambda w, o: _job(o), OFFICE_SEES),
    ("jobs:job_retry", lambda w, o: _job(o), POST_ONLY),
]
