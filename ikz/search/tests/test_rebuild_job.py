"""The index rebuilt in the background: `rebuild_search_index --im-hintergrund` queues a job that a
worker runs; the search then finds what was missing from the index."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from ikz.documents.tests.factories import make_document
from ikz.jobs.models import Job, JobStatus
from ikz.jobs.services import work_off
from ikz.search.models import SearchEntry
from ikz.test import World


@pytest.mark.django_db
def test_the_rebuild_runs_as_a_job(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    document = make_document("Abwasserzweckverband", "Satzung")
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", "--im-hintergrund", "--quelle", "document")
    assert "eingereiht" in capsys.readouterr().out
    job = Job.objects.get(kind="search.rebuild")
    assert job.status == JobStatus.QUEUED and not SearchEntry.objects.exists()

    assert work_off() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result == "Suchindex neu aufgebaut: 1 Einträge"
    assert SearchEntry.objects.filter(source="document", object_id=document.pk).exists()
