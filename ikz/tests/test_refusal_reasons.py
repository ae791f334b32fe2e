"""A refusal names the real reason (issue 19, 6): the 403 page shows what the access function said."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from ikz.interests.tests.factories import open_call
from ikz.test import World


@pytest.mark.django_db
def test_the_403_page_names_the_reason_of_the_access_function(world: World) -> None:
    call, _topics = open_call(world)
    response = world.client_for("contact_a").get(reverse("interests:call_edit", args=[call.pk]))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Aufrufe ändert nur die Geschäftsstelle der Region „IKZ Testregion“." in page
    assert "Ihre Rollen: Kommune (Ansprechpartner/in)." in page
    # the old page blamed contact persons whatever the refusal was
    assert "Kontaktpersonen einer Kommune bearbeiten nur" not in page


@pytest.mark.django_db
def test_a_view_refusal_names_its_reason_too(world: World) -> None:
    response = world.client_for("steering").get(
        reverse("projects:project_back_capture", args=[world.region.slug])
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "Vergangene Projekte erfasst die Geschäftsstelle der Region nach." in page
    assert "Kontaktpersonen" not in page.split("<main", 1)[1]


# Refusals that still give no reason, by file: only the back office's login, whose refusal is
# Django's own page for staff rights. Never grow this list.
WITHOUT_REASON = {
    "ikz/accounts/views/login.py": 1,
}


def _bare_refusals(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sum(
        1
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise)
        and (
            (isinstance(node.exc, ast.Name) and node.exc.id == "PermissionDenied")
            or (isinstance(node.exc, ast.Call) and getattr(node.exc.func, "id", "") == "PermissionDenied"
                and not node.exc.args)
        )
    )  # fmt: skip


def test_every_refusal_of_the_apps_names_its_reason() -> None:
    root = Path(__file__).resolve().parents[2]
    found = {}
    for path in sorted((root / "ikz").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if "/tests/" in rel or "/migrations/" in rel or "browser_tests" in rel:
            continue
        count = _bare_refusals(path)
        if count > WITHOUT_REASON.get(rel, 0):
            found[rel] = count
    assert not found, (
        'raise PermissionDenied(_("… wer das darf …")): the 403 page shows the reason (decision 140). '
        f"Without one: {found}"
    )
