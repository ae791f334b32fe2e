"""Driving an import through its pages, as a user does (upload → check → preview → apply)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ikz.imports.models import ImportRun, Status


def upload(client: Client, kind: str, scope: int, name: str, data: bytes) -> ImportRun:
    """Upload the file and run the check to its end (pressing "Weiter prüfen" as often as needed)."""
    response = client.post(
        reverse("imports:run_create", args=[kind, scope]), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    run = ImportRun.objects.filter(kind=kind, scope_id=scope).order_by("-pk").first()
    assert run is not None
    for _ in range(1000):
        if run.status != Status.CHECKING:
            break
        assert client.post(reverse("imports:run_check", args=[run.pk])).status_code == 302
        run.refresh_from_db()
    return run


def confirm(client: Client, run: ImportRun) -> str:
    """Press "Import übernehmen" (the request only queues the job), let the worker run it, and
    return the run's page as the user sees it then (with the message of the button)."""
    from ikz.jobs.services import work_off

    response = client.post(reverse("imports:run_apply", args=[run.pk]), {"version": run.version})
    assert response.status_code == 302, response.content.decode()[:3000]
    work_off()
    return client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
