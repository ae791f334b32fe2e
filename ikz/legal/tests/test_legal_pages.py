"""The operator's legal pages as visitors and the platform-wide office see them: a placeholder until
written, the start page's task, the first save and later ones with their version and history, text
shown as written (escaped, with its paragraphs), the accessibility statement's required parts and
its enforcement body, and the links in every footer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ikz.accounts.models import Role, User
from ikz.audit.models import Action, AuditEntry
from ikz.legal.models import AccessibilityStatement, LegalPage, PageKind
from ikz.legal.rules import ENFORCEMENT_BODIES, FEDERAL_BODY
from ikz.test import World, make_user

TODAY = dt.date.today()


@pytest.fixture
def operator(world: World) -> User:
    """The platform-wide office: an office role without a region."""
    return make_user("betreiberin", Role.OFFICE)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _statement(**values: object) -> dict[str, object]:
    return {
        "conformity": "teilweise",
        "limitations": "Ältere PDF-Dokumente sind nicht getaggt.",
        "statement_date": TODAY.isoformat(),
        "contact_email": "barrierefreiheit@kreis-gg.de",
        "contact_phone": "",
        "enforcement_land": "06",
        "enforcement_other": "",
        "body": "",
    } | values


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,placeholder",
    [
        ("legal:imprint", "Die Betreiberin hat das Impressum noch nicht hinterlegt."),
        ("legal:privacy_policy", "Die Betreiberin hat die Datenschutzerklärung noch nicht hinterlegt."),
        ("accessibility", "Die Betreiberin hat die Erklärung zur Barrierefreiheit noch nicht hinterlegt."),
    ],
)
def test_an_unwritten_page_shows_a_placeholder_to_everybody(
    world: World, operator: User, name: str, placeholder: str
) -> None:
    page = Client().get(reverse(name)).content.decode()
    assert placeholder in page
    assert "Bearbeiten" not in page
    assert "Bearbeiten" not in world.client_for("office").get(reverse(name)).content.decode()
    assert "Bearbeiten" in _client(operator).get(reverse(name)).content.decode()


@pytest.mark.django_db
def test_the_platform_office_sees_missing_pages_on_its_start_page_until_written(
    world: World, operator: User
) -> None:
    client = _client(operator)
    home = client.get(reverse("home")).content.decode()
    assert "Impressum, Datenschutzerklärung und Erklärung zur Barrierefreiheit fehlen" in home
    assert "fehlen" not in world.client_for("office").get(reverse("home")).content.decode()
    client.post(reverse("legal:imprint_edit"), {"body": "Landkreis Groß-Gerau"})
    client.post(reverse("legal:accessibility_edit"), _statement())
    home = client.get(reverse("home")).content.decode()
    assert "Datenschutzerklärung fehlt" in home and "fehlen" not in home
    # the task leads to the overview filtered to exactly the missing page
    overview = client.get(reverse("legal:overview") + "?fehlt=1").content.decode()
    assert overview.count('scope="row"') == 1 and reverse("legal:privacy_policy_edit") in overview
    full = client.get(reverse("legal:overview")).content.decode()
    assert full.count('scope="row"') == 3 and "noch nicht hinterlegt" in full
    assert reverse("legal:imprint_history") in full


@pytest.mark.django_db
def test_the_office_writes_the_imprint_and_each_change_is_versioned_and_recorded(
    world: World, operator: User
) -> None:
    client = _client(operator)
    url = reverse("legal:imprint_edit")
    response = client.post(url, {"body": "Landkreis Groß-Gerau\nWilhelm-Seipp-Straße 4"})
    assert response.status_code == 302 and response["Location"] == reverse("legal:imprint")
    page = LegalPage.objects.get(kind=PageKind.IMPRINT)
    assert page.version == 1
    created = AuditEntry.objects.get(object_id=str(page.pk), content_type__model="legalpage")
    assert (created.action, created.actor) == (Action.CREATE, operator)

    form = client.get(url).content.decode()
    assert 'name="version" value="1"' in form
    response = client.post(url, {"body": "Kreis Groß-Gerau\nWilhelm-Seipp-Straße 4", "version": 1})
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.version, page.body) == (2, "Kreis Groß-Gerau\nWilhelm-Seipp-Straße 4")
    change = AuditEntry.objects.filter(action=Action.UPDATE, object_id=str(page.pk)).get()
    assert change.actor == operator and change.changes["body"][0].startswith("Landkreis")

    # a form opened before that change (version 1) is refused and nothing is written
    stale = client.post(url, {"body": "Überschrieben", "version": 1})
    assert stale.status_code == 409
    page.refresh_from_db()
    assert page.body.startswith("Kreis") and page.version == 2
    assert AuditEntry.objects.filter(action=Action.CONFLICT, object_id=str(page.pk)).exists()
    history = client.get(reverse("legal:imprint_history")).content.decode()
    assert "Landkreis Groß-Gerau" in history


@pytest.mark.django_db
def test_a_first_save_after_somebody_else_wrote_the_page_is_refused(world: World, operator: User) -> None:
    client = _client(operator)
    url = reverse("legal:privacy_policy_edit")
    client.get(url)  # the form without a version: the page is not written yet
    LegalPage.objects.create(kind=PageKind.PRIVACY, body="Von der Kollegin geschrieben")
    response = client.post(url, {"body": "Meine Fassung"})
    assert response.status_code == 409
    assert LegalPage.objects.get(kind=PageKind.PRIVACY).body == "Von der Kollegin geschrieben"


@pytest.mark.django_db
def test_text_is_shown_as_written_escaped_and_with_its_paragraphs(world: World, operator: User) -> None:
    text = 'Absatz <b>eins</b>\n\n<script>alert("x")</script>\nZeile & Co.'
    _client(operator).post(reverse("legal:privacy_policy_edit"), {"body": text})
    assert LegalPage.objects.get(kind=PageKind.PRIVACY).body == text  # stored as written
    page = Client().get(reverse("legal:privacy_policy")).content.decode()
    assert "<p>Absatz &lt;b&gt;eins&lt;/b&gt;</p>" in page
    assert "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Zeile &amp; Co.</p>" in page
    assert "<script>alert" not in page and "<b>eins" not in page


@pytest.mark.django_db
def test_an_empty_text_is_refused_at_its_field(world: World, operator: User) -> None:
    response = _client(operator).post(reverse("legal:imprint_edit"), {"body": "   "})
    assert response.status_code == 200
    assert "Bitte den Text der Seite angeben." in response.content.decode()
    assert not LegalPage.objects.exists()


@pytest.mark.django_db
def test_region_offices_and_others_may_not_write_the_pages(world: World) -> None:
    for persona in ("office", "steering", "contact_a", "member"):
        response = world.client_for(persona).post(reverse("legal:imprint_edit"), {"body": "Kapern"})
        assert response.status_code == 403
    assert not LegalPage.objects.exists()


@pytest.mark.django_db
def test_the_accessibility_statement_names_the_enforcement_body_of_the_land(
    world: World, operator: User
) -> None:
    client = _client(operator)
    response = client.post(reverse("legal:accessibility_edit"), _statement(contact_phone="06152 989-0"))
    assert response.status_code == 302, response.content.decode()
    page = Client().get(reverse("accessibility")).content.decode()
    hessen = ENFORCEMENT_BODIES["06"]
    assert hessen.name.startswith(
        "Durchsetzungs- und Beschwerdestelle für barrierefreie Informationstechnik Hessen"
    )
    assert hessen.name in page and f'href="{hessen.url}"' in page
    assert "teilweise vereinbar" in page and "Ältere PDF-Dokumente sind nicht getaggt." in page
    assert 'href="mailto:barrierefreiheit@kreis-gg.de"' in page and 'href="tel:061529890"' in page
    assert f"{TODAY:%d.%m.%Y}" in page

    statement = AccessibilityStatement.objects.get()
    other = _statement(enforcement_other="Ombudsstelle des Kreises\nKreishaus", version=statement.version)
    assert client.post(reverse("legal:accessibility_edit"), other).status_code == 302
    page = Client().get(reverse("accessibility")).content.decode()
    assert "<p>Ombudsstelle des Kreises<br>Kreishaus</p>" in page and hessen.name not in page

    fallback = _statement(enforcement_land="", version=statement.version + 1)
    assert client.post(reverse("legal:accessibility_edit"), fallback).status_code == 302
    page = Client().get(reverse("accessibility")).content.decode()
    assert FEDERAL_BODY.name in page and "§ 16" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values,field,message",
    [
        ({"limitations": ""}, "limitations", "bitte die nicht barrierefreien Inhalte nennen"),
        ({"contact_email": ""}, "contact_email", "E-Mail-Adresse oder eine Telefonnummer"),
        ({"contact_phone": "ruf an"}, "contact_phone", "nur Ziffern"),
        (
            {"statement_date": (TODAY + dt.timedelta(days=1)).isoformat()},
            "statement_date",
            "nicht in der Zukunft",
        ),
        (
            {"reviewed_on": (TODAY - dt.timedelta(days=3)).isoformat(), "statement_date": TODAY.isoformat()},
            "reviewed_on",
            "nicht vor dem Datum der Erklärung",
        ),
    ],
)
def test_a_statement_without_what_bitv_asks_is_refused_at_the_field(
    world: World, operator: User, values: dict[str, str], field: str, message: str
) -> None:
    response = _client(operator).post(reverse("legal:accessibility_edit"), _statement(**values))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert f'id="id_{field}_error"' in body or f"id_{field}" in body
    assert not AccessibilityStatement.objects.exists()


@pytest.mark.django_db
def test_a_statement_not_reviewed_for_a_year_is_a_task(world: World, operator: User) -> None:
    AccessibilityStatement.objects.create(
        conformity="vollstaendig",
        statement_date=timezone.localdate() - dt.timedelta(days=400),
        contact_email="a11y@example.org",
    )
    client = _client(operator)
    home = client.get(reverse("home")).content.decode()
    assert "Erklärung zur Barrierefreiheit überprüfen" in home
    assert "Impressum und Datenschutzerklärung fehlen" in home
    due = client.get(reverse("legal:overview") + "?pruefen=1").content.decode()
    assert due.count('scope="row"') == 1 and "Überprüfung fällig" in due


@pytest.mark.django_db
def test_every_footer_links_the_three_pages(world: World) -> None:
    expected = [reverse("legal:imprint"), reverse("legal:privacy_policy"), reverse("accessibility")]
    pages = [
        Client().get(reverse("portal:index")),
        world.client_for("contact_a").get(reverse("municipalities:municipality_list")),
    ]
    for response in pages:
        assert response.status_code == 200
        footer = response.content.decode().split('<footer class="ikz-footer">')[1]
        for url in expected:
            assert f'href="{url}"' in footer
