"""The demo's library, network and portal: the need finds the solution, the search finds the
charter by an inflected word, the portal shows what the office published and nothing else."""

import pytest
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.demo.knowledge import CHARTER_TITLE, NEED_TITLE, SOLUTION_TITLE
from ikz.documents.models import Document, Visibility
from ikz.network.models import Match, Need, ReuseInterest, Solution
from ikz.notifications.models import Kind, Notification
from ikz.search.queries import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    """The demo, loaded once for this module (conftest.py)."""


def test_the_demo_need_finds_the_demo_solution(demo: None) -> None:
    need = Need.objects.get(title=NEED_TITLE)
    assert [m.solution.title for m in Match.objects.filter(need=need)] == [SOLUTION_TITLE]
    solution = Solution.objects.get(title=SOLUTION_TITLE)
    assert ReuseInterest.objects.filter(solution=solution).count() == 1
    member = User.objects.get(username="mitglied")  # Wetzlar, the solution's owner
    assert set(Notification.objects.filter(user=member).values_list("kind", flat=True)) == {
        Kind.MATCH,
        Kind.REUSE_INTEREST,
    }


def test_search_finds_the_charter_by_an_inflected_word(demo: None) -> None:
    contact = User.objects.get(username="kommune-kelsterbach")
    assert CHARTER_TITLE in [h.title for h in search(contact, "Beschaffungen").hits]


def test_the_internal_note_of_raunheim_stays_with_raunheim(demo: None) -> None:
    note = Document.objects.get(visibility=Visibility.INTERNAL, owner__key="06433010")
    assert note.title in [
        h.title for h in search(User.objects.get(username="kommune-raunheim"), "Straßenreinigung").hits
    ]
    assert search(User.objects.get(username="kommune-kelsterbach"), "Strassenreinigung").total == 0


def test_portal_shows_published_cooperations_news_and_downloads(demo: None) -> None:
    page = Client().get(reverse("portal:region", args=["kreis-gross-gerau"])).content.decode()
    for text in (
        "Postverbund",  # an existing cooperation of the 2013 inventory
        "Kommunales Vergabezentrum nimmt die Arbeit auf",
        CHARTER_TITLE,
        "Großkontrolle an der Mainspitze",
    ):
        assert text in page, text
    for secret in ("Jahresbericht IKZ 2022", "Vermerk Raunheim", "Entwurf: Fachtagung 2027"):
        assert secret not in page, secret
