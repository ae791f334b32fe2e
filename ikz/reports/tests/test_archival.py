"""The annual report is a document of record: the PDF the steering group downloads is tagged
(PDF/UA-1) and PDF/A-2; the cover draft of a member is a DOCX in German with its title
(issue 21, point 4)."""

from __future__ import annotations

import datetime as dt
import io

from django.urls import reverse
from docx import Document

from ikz.lib.tests.pdf_checks import assert_archival, open_tagged
from ikz.projects.tests.helpers import make_project
from ikz.test import World


def test_the_annual_report_is_pdf_a_and_tagged(world: World) -> None:
    make_project(world, lead_municipality=world.kommune_a, year=2023, effective_on=dt.date(2023, 3, 1))
    url = reverse("reports:report_detail", args=[world.region.slug, 2023])
    response = world.client_for("steering").get(url + "?dokument=pdf")
    assert response.status_code == 200
    tagged = open_tagged(response.content)
    assert_archival(tagged)
    assert tagged.title.startswith("Zwischenbericht 2023 zur interkommunalen Zusammenarbeit – IKZ Testregion")
    assert tagged.roles[:3] == ["Document", "H1", "P"]
    assert "H2" in tagged.roles and "Table" in tagged.roles and "TH" in tagged.roles

    cover = world.client_for("contact_a").get(
        reverse("reports:cover_draft", args=[world.region.slug, 2023, world.kommune_a.pk]) + "?dokument=docx"
    )
    properties = Document(io.BytesIO(cover.content)).core_properties
    assert (properties.title, properties.language) == ("Vorlage (Entwurf)", "de-DE")
