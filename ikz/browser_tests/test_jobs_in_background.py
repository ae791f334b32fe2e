"""Long work out of the request, by keyboard only and axe-clean (decisions 167, 168): the office
presses "Gremienvorlagen für alle Kommunen erzeugen" on the resolutions overview, lands on the job's
page ("wartet"), a worker runs the job (here in the test's process) and the page shows "Erledigt"
with the link to the drafts in the library, without a reload (jobstate.js); the list of jobs
(/auftraege/) passes axe too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, focused, login, tab_to
from ikz.browser_tests.test_resolutions import _type_date
from ikz.documents.models import DocType, Document
from ikz.jobs.models import Job, JobStatus
from ikz.jobs.services import work_off
from ikz.test import World

DATE_FIELD = "#id_alle-session_date"


def run_jobs_and_reload(page: Any) -> int:
    """What a worker does between two page views: run every due job; then show the page anew."""
    done = work_off()
    page.reload()
    return done


def test_office_files_council_drafts_for_every_member_by_keyboard(
    bworld: World, page: Any, live_server: Any
) -> None:
    login(page, live_server, bworld.office)
    page.goto(reverse("resolutions:overview", args=[bworld.region.slug]))
    assert "Gremienvorlagen für alle Kommunen erzeugen" in page.locator("main").inner_text()
    tab_to(page, DATE_FIELD, limit=120)
    _type_date(page, DATE_FIELD, dt.date(2027, 3, 1))
    tab_to(page, "#alle-vorlagen", limit=10)
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    job = Job.objects.get(kind="resolutions.council_drafts")
    assert page.url.endswith(reverse("jobs:job_detail", args=[job.pk]))
    assert "wartet" in page.inner_text("#job-state")
    assert "Die Gremienvorlagen werden im Hintergrund erzeugt." in page.locator("main").inner_text()
    assert not Document.objects.exists()  # nothing generated in the request
    assert_accessible(page)

    assert work_off() == 1  # the worker
    page.wait_for_selector("#job-state .kern-alert--success")  # jobstate.js fetched the new state
    state = page.inner_text("#job-state")
    assert "Erledigt" in state and "2 Gremienvorlagen in der Dokumentenbibliothek" in state
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Document.objects.filter(doc_type=DocType.MODEL_DRAFT).count() == 2
    assert_accessible(page)

    link = f'#job-state a[href="{job.result_link}"]'
    tab_to(page, link, limit=40)
    assert focused(page, link) and focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Muster-Gremienvorlage: Raunheim, Stadt" in page.locator("main").inner_text()

    page.goto(reverse("jobs:failed_list"))
    assert "Kein Auftrag ist fehlgeschlagen." in page.locator("main").inner_text()
    assert_accessible(page)
