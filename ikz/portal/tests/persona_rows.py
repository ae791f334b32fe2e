"""Rows of the persona matrix for the public portal: everyone, logged in or not, gets the
published part; anonymous visitors are the portal's main audience."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.portal.models import News
from ikz.projects.models import Project
from ikz.test import PERSONAS, PUBLIC, PersonaRow, World

NOT_FOUND = dict.fromkeys(PERSONAS, 404)


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
# Not in the matrix (a URL name has one row), but asserted in ikz/portal/tests/test_portal.py:
# the draft news and Kommune A's internal document are 404 for everyone on the portal.
