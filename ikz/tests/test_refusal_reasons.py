"""A refusal names the real reason (issue 19, 6): the 403 page shows what the access function said."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ikz.interests.tests.factories import open_call
from ikz.test import World

pytestmark = pytest.mark.django_db


def test_the_403_page_names_the_reason_of_the_access_function(world: World) -> None:
    call, _topics = open_call(world)
    response = world.client_for("contact_a").get(reverse("interests:call_edit", args=[call.pk]))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Aufrufe ändert nur die Geschäftsstelle der Region „IKZ Testregion“." in page
    assert "Ihre Rollen: Kommune (Ansprechpartner/in)." in page
    # the old page blamed contact persons whatever the refusal was
    assert "Kontaktpersonen einer Kommune bearbeiten nur" not in page


def test_without_a_reason_the_page_says_nothing_false(world: World) -> None:
    response = world.client_for("steering").get(
        reverse("projects:project_back_capture", args=[world.region.slug])
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "Vergangene Projekte erfasst die Geschäftsstelle der Region nach." in page
    assert "Kontaktpersonen" not in page.split("<main", 1)[1]
