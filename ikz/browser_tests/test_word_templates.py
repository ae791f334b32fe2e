"""The cooperative's office uploads its own Word template: a wrong placeholder is refused at the field
"Datei" with its name, a good file is stored and previewed with the sample values. Keyboard only,
every page axe-clean."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.membership.models import DocumentTemplate
from ikz.membership.tests.helpers import coop_office, make_cooperative
from ikz.membership.tests.word import word_file
from ikz.test import World

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload(page: Any, paragraph: str) -> None:
    tab_to(page, "#id_file")
    assert focus_is_visible(page)
    # the file dialog itself is the system's: the file is handed to the focused input
    page.set_input_files(
        "#id_file", files=[{"name": "anzeige.docx", "mimeType": DOCX, "buffer": word_file(paragraph)}]
    )
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_office_uploads_a_word_template_fixes_the_placeholder_and_previews_it(
    page: Any, live_server: Any, bworld: World
) -> None:
    make_cooperative()
    login(page, live_server, coop_office())
    page.goto(reverse("membership:template_list"))
    assert_accessible(page)
    # the built-in Beschlussvorlage with the sample values: seed 000's ten sections
    tab_to(page, f'main a[href="{reverse("membership:template_preview", args=["beschlussvorlage"])}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    main = page.locator("main").inner_text()
    assert "Die Verwaltung empfiehlt der Stadtverordnetenversammlung, folgenden Beschluss zu fassen:" in main
    assert "Handelsrechtliche Vorgaben" in main and "Beteiligungsinteresse" in main
    assert_accessible(page)
    page.goto(reverse("membership:template_list"))
    upload_url = reverse("membership:template_upload", args=["anzeige"])
    tab_to(page, f'main a[href="{upload_url}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)

    _upload(page, "{{ Gremium_Satzanfng }} hat den Beitritt am {{ Datum_Beschluss }} beschlossen.")
    error = page.locator("#id_file_error")
    assert "Der Platzhalter „{{ Gremium_Satzanfng }}“ ist unbekannt." in error.inner_text()
    assert page.locator("#id_file").get_attribute("aria-invalid") == "true"
    assert not DocumentTemplate.objects.exists()
    assert_accessible(page)

    _upload(page, "{{ Gremium_Satzanfang }} hat den Beitritt am {{ Datum_Beschluss }} beschlossen.")
    assert page.url.endswith(reverse("membership:template_preview", args=["anzeige"]))
    main = page.locator("main").inner_text()
    assert "Die Word-Vorlage wurde geprüft und gespeichert." in main
    assert "Die Stadtverordnetenversammlung hat den Beitritt am 12.03.2026 beschlossen." in main
    assert "Anzeige an Landrat des Landkreises Muster" in main
    assert DocumentTemplate.objects.get().docx_name == "anzeige.docx"
    assert_accessible(page)
    tab_to(page, 'main a[href$="vorschau.pdf"]')
    assert focus_is_visible(page)
