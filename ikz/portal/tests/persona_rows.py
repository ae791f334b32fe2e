"""Rows of the persona matrix for the public portal: everyone, logged in or not, gets the
published part; anonymous visitors are the portal's main audience."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.portal.models import News
from ikz.projects.models import Project
from ikz.test import OFFICE_ONLY, PERSONAS, PUBLIC, PersonaRow, World

NOT_FOUND = dict.fromkeys(PERSONAS, 404)
POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    published = News.objects.create(
        region=world.region, title="Neu", slug="neu", date=dt.date(2026, 11, 1), text="x", published=True
    )
    draft = News.objects.create(
        region=world.region, title="Entwurf", slug="entwurf", date=dt.date(2026, 11, 2), text="x"
    )
    project = Project.objects.create(
        region=world.region,
        title="Strom- und Gaseinkauf",
        slug="strom-und-gaseinkauf",
        published_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )
    return {"news": published, "news_draft": draft, "published_project": project}


def _doc(o: dict[str, Any]) -> list[object]:
    return [o["doc_public"].pk]


ROWS: list[PersonaRow] = [
    ("portal:index", lambda w, o: [], PUBLIC),
    ("portal:search", lambda w, o: [], PUBLIC),
    ("portal:region", lambda w, o: [w.region.slug], PUBLIC),
    ("portal:news_detail", lambda w, o: [w.region.slug, o["news"].slug], PUBLIC),
    ("portal:document_download", lambda w, o: _doc(o), PUBLIC),
    ("portal:project_detail", lambda w, o: [w.region.slug, o["published_project"].slug], PUBLIC),
]
ROWS += [
    # the office's side: the region's news and what its portal shows (decision 120)
    ("portal:publishing", lambda w, o: [w.region.slug], OFFICE_ONLY),
    ("portal:news_list", lambda w, o: [w.region.slug], OFFICE_ONLY),
    ("portal:news_create", lambda w, o: [w.region.slug], OFFICE_ONLY),
    ("portal:news_edit", lambda w, o: [w.region.slug, o["news_draft"].pk], OFFICE_ONLY),
    ("portal:news_history", lambda w, o: [w.region.slug, o["news_draft"].pk], OFFICE_ONLY),
    ("portal:news_publish", lambda w, o: [w.region.slug, o["news_draft"].pk], POST_ONLY),
    ("portal:cooperation_publish", lambda w, o: [w.region.slug, o["cooperation"].pk], POST_ONLY),
    ("portal:project_publish", lambda w, o: [w.region.slug, o["published_project"].pk], POST_ONLY),
]
# Not in the matrix (a URL name has one row), but asserted in ikz/portal/tests/test_portal.py:
# the draft news and Kommune A's internal document are 404 for everyone on the portal.
