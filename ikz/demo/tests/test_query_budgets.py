"""Query-count budgets at two sizes: every page that ``make bench`` measures (ikz.demo.pages) makes
as many database queries with a seeded region three times as full (cooperations, participants,
projects, milestones, documents, members) as with the normal one. A page whose count grows with
the data has an N+1 query; the benchmark would show it only as time. A view as of a past Stand
makes as many queries as the same view for today (decision 92), at both sizes."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ikz.accounts.models import User
from ikz.cooperation.models import Cooperation
from ikz.demo.national import seed_national
from ikz.demo.pages import SEED_KREIS, as_of_pairs, pages


def _query_counts() -> dict[str, int]:
    cache.clear()
    clients: dict[str, Client] = {}
    counts = {}
    for name, username, url, _scoped in pages():
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            if username:
                client.force_login(User.objects.get(username=username))
        assert client.get(url).status_code == 200, (name, url)  # warm-up (lazy caches)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (name, url)
        counts[name] = len(ctx.captured_queries)
    return counts


@pytest.mark.django_db
def test_every_benchmarked_page_makes_as_many_queries_with_three_times_the_data() -> None:
    with transaction.atomic():
        seed_national(kreis=SEED_KREIS, density=1.0)
        small_coops = Cooperation.objects.filter(region__slug=f"seed-{SEED_KREIS}").count()
        small = _query_counts()
        transaction.set_rollback(True)
    seed_national(kreis=SEED_KREIS, density=3.0)
    assert Cooperation.objects.filter(region__slug=f"seed-{SEED_KREIS}").count() >= 3 * small_coops - 3
    large = _query_counts()
    assert len(small) >= 50, "the seeded region's pages are part of the list"
    grown = {name: (small[name], large[name]) for name in small if small[name] != large[name]}
    assert not grown, f"Abfragezahl wächst mit der Datenmenge (klein, groß): {grown}"
    pairs = as_of_pairs(list(small))
    assert len(pairs) >= 17, "every Stand view of the list is measured beside its view for today"
    for counts in (small, large):
        differ = {
            view: (counts[today], counts[view]) for view, today in pairs if counts[view] != counts[today]
        }
        assert not differ, f"Stand-Ansicht braucht andere Abfragezahl als heute (heute, Stand): {differ}"
