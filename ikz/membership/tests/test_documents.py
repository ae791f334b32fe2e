"""The documents against seed 000, paragraph by paragraph: the Beschlussvorlage's ten sections, the
notice to the supervisory authority as the municipality's letter, every kind of body and member,
and the office's own Word templates (checked on upload, previewed, never breaking generation)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from ikz.membership import documents, rules, services
from ikz.membership.models import Cooperative, DocumentTemplate, Onboarding
from ikz.membership.tests.helpers import make_cooperative, make_onboarding
from ikz.membership.tests.word import word_file
from ikz.municipalities.models import Kind, Municipality
from ikz.test import World

TODAY = dt.date(2026, 12, 1)

# Seed 000, "Schritt 1: Beschlussvorlage", its ten sections word for word (the cooperative's values
# are the seed's: K4K eG, 500,00 Euro, the PDG). The recommendation is the variant for a town.
SEED_VORLAGE = {
    "Beschlussempfehlung": "Die Stadt Raunheim tritt der K4K eG mit einem Genossenschaftsanteil in Höhe von 500,00 Euro bei.",
    "Begründung": "Die K4K eG ist ein interkommunales Kooperationsunternehmen in der Rechtsform einer eingetragenen Genossenschaft. Ihre Mitglieder sind ausschließlich kommunale Gebietskörperschaften aller Art sowie öffentlich-rechtliche Unternehmen, an denen die Gebietskörperschaften beteiligt sind (z.B. Anstalten des öffentlichen Rechts).",
    "Zielsetzung": "Das Ziel der K4K eG ist die Förderung ihrer Mitglieder durch interkommunale Kooperation, um eine größtmögliche Wirksamkeitsbündelung und Ressourcenteilung für die gemeinsamen Bedarfe ihrer Mitglieder zu erreichen. Dies erfolgt sowohl horizontal zwischen homogenen Mitgliedern als auch vertikal zwischen heterogenen Mitgliedern.",
    "Leistungen": "Um dieses Ziel zu erreichen, erbringt die K4K eG für ihre Mitglieder Beratungsleistungen (z.B. interkommunale Kooperationsberatung, operative Umsetzungsberatung, strategische Digitalisierungsberatung) sowie Umsetzungsleistungen (z.B. Projektmanagement, Produktbetreuung, Managed Services, Schulung und Qualifizierung, Themenkoordination). Mit gemeinschaftlichen Projekten und Produkten ermöglicht die K4K eG die Reduzierung von Kosten, die Erweiterung von Fachwissen sowie personellen Ressourcen und fördert interkommunale und interföderale Innovation.",
    "Beauftragung": "Die Mitglieder können die Leistungen und Produkte der K4K eG im Rahmen einer Inhouse-Beauftragung gemäß § 108 Gesetz gegen Wettbewerbsbeschränkungen (GWB) und auf Basis einer Kooperationsvereinbarung individuell in Auftrag geben. Zusätzlich stellt die K4K eG gemäß ihrem genossenschaftlichen Förderauftrag das Know-how und die Expertise, die sie in ihren Aktivitäten gewinnt, allen Mitgliedern kostenfrei zur Verfügung. Dadurch erhalten die Mitglieder Zugang zu einem unabhängigen kommunalen Netzwerk, das den Austausch von Erfahrungen, Erfolgen und Ressourcen fördert.",
    "Beteiligung": "Der Erwerb eines Geschäftsanteils und die Einzahlungsverpflichtung belaufen sich einmalig auf 500,00 Euro. Eine Nachschussverpflichtung ist satzungsgemäß ausgeschlossen. Unterjährige Folge- und Betriebskosten, die sich aus der Beteiligung selbst ergeben könnten (z.B. pauschaler Mitgliedsbeitrag, pauschale Verwaltungskosten), werden nicht auf die Mitglieder umgelegt.",
    "Mitgliedschaft": "Mitglieder der Genossenschaft dürfen gemäß Satzung nur Gebietskörperschaften aller Art sowie juristische Personen sein, an denen Gebietskörperschaften mehrheitlich beteiligt sind. Die Mitglieder besitzen einen angemessenen Einfluss auf die Genossenschaft, da sowohl Vorstand als auch Aufsichtsrat vollständig durch die zur Vertretung befugten Personen der einzelnen Mitglieder als juristische Personen des öffentlichen Rechts besetzt werden.",
    "Eigenbedarfsdeckung": "Leistungen und Produkte der K4K eG werden gemäß dem genossenschaftlichen Zweck der Förderung der kommunalen Familie, der Hilfe zur Selbsthilfe und zur Deckung des Eigenbedarfs ausschließlich an Mitglieder erbracht.",
    "Handelsrechtliche Vorgaben": "Die K4K eG muss als eingetragene Genossenschaft neben den allgemeinen Anforderungen des Dritten Buches des Handelsgesetzbuches (HGB), die für Kaufleute gelten, auch die jeweiligen besonderen Anforderungen (§§ 264 ff. bzw. §§ 336 ff. HGB) beachten. Zuständiger Prüfungsverband ist der PDG Genossenschaftlicher Prüfungsverband e.V.",
    "Beteiligungsinteresse": "Eine interkommunale Kooperation zur Gewährleistung einer zukunftsfähigen Kommunalverwaltung sowie die Effizienzsteigerung bei der Erfüllung öffentlicher Aufgaben lassen auf ein wichtiges Interesse im Rahmen der Beteiligung schließen.",
}

# Seed 000, "Schritt 3: Information Aufsichtsbehörde": every paragraph of the letter.
SEED_ANZEIGE = [
    "hiermit zeigen wir die Absicht zum Erwerb eines Geschäftsanteils an der K4K eG an. Als begründende Unterlagen übersenden wir Ihnen im Anhang den zugehörigen Gremienbeschluss nebst Anlagen.",
    "Zur genossenschaftlichen Beteiligung möchten wir gerne Folgendes ausführen:",
    "Bei der K4K eG handelt es sich um ein interkommunales Kooperationsunternehmen in der Rechtsform einer eingetragenen Genossenschaft. Mitglieder der Genossenschaft dürfen gemäß Satzung nur Gebietskörperschaften aller Art sowie juristische Personen sein, an denen Gebietskörperschaften mehrheitlich beteiligt sind.",
    "Leistungen und Produkte der K4K eG werden gemäß dem genossenschaftlichen Zweck der Förderung der kommunalen Familie, der Hilfe zur Selbsthilfe und zur Deckung des Eigenbedarfs ausschließlich an Mitglieder erbracht.",
    "Der Erwerb eines Geschäftsanteils und die Einzahlungsverpflichtung belaufen sich einmalig auf 500,00 Euro. Eine Nachschussverpflichtung ist satzungsgemäß ausgeschlossen.",
    "Die Mitglieder besitzen einen angemessenen Einfluss auf die Genossenschaft, da sowohl Vorstand als auch Aufsichtsrat vollständig durch die zur Vertretung befugten Personen der einzelnen Mitglieder als juristische Personen des öffentlichen Rechts besetzt werden.",
    "Die K4K eG muss als eingetragene Genossenschaft neben den allgemeinen Anforderungen des Dritten Buches des Handelsgesetzbuches (HGB), die für Kaufleute gelten, auch die jeweiligen besonderen Anforderungen (§§ 264 ff. bzw. §§ 336 ff. HGB) beachten. Zuständiger Prüfungsverband ist der PDG Genossenschaftlicher Prüfungsverband e.V.",
    "Eine interkommunale Kooperation zur Gewährleistung einer zukunftsfähigen Kommunalverwaltung sowie die Effizienzsteigerung bei der Erfüllung öffentlicher Aufgaben lassen auf ein wichtiges Interesse im Rahmen der Beteiligung schließen.",
]

# body → (nominative at the start of a sentence, dative, accusative, genitive) as they must read
BODIES = {
    "Stadtverordnetenversammlung": (
        "Die Stadtverordnetenversammlung",
        "der Stadtverordnetenversammlung",
        "die Stadtverordnetenversammlung",
        "der Stadtverordnetenversammlung",
    ),
    "Gemeindevertretung": ("Die Gemeindevertretung", "der Gemeindevertretung", "die Gemeindevertretung", "der Gemeindevertretung"),
    "Gemeinderat": ("Der Gemeinderat", "dem Gemeinderat", "den Gemeinderat", "des Gemeinderats"),
    "Stadtrat": ("Der Stadtrat", "dem Stadtrat", "den Stadtrat", "des Stadtrats"),
    "Kreistag": ("Der Kreistag", "dem Kreistag", "den Kreistag", "des Kreistags"),
    "Verwaltungsrat": ("Der Verwaltungsrat", "dem Verwaltungsrat", "den Verwaltungsrat", "des Verwaltungsrats"),
    "Verbandsversammlung": ("Die Verbandsversammlung", "der Verbandsversammlung", "die Verbandsversammlung", "der Verbandsversammlung"),
    "Kreisausschuss": ("Der Kreisausschuss", "dem Kreisausschuss", "den Kreisausschuss", "des Kreisausschusses"),
    "Stadtparlament": ("Das Stadtparlament", "dem Stadtparlament", "das Stadtparlament", "des Stadtparlaments"),
    "": ("Das zuständige Gremium", "dem zuständigen Gremium", "das zuständige Gremium", "des zuständigen Gremiums"),
}  # fmt: skip

# kind of member → its recommendation, as the seed's "Der Landkreis / Die Stadt / Die Gemeinde /
# Die Organisation tritt der K4K eG … bei." reads for it
MEMBERS = {
    (Kind.LANDKREIS, "Marburg-Biedenkopf, Landkreis"): "Der Landkreis Marburg-Biedenkopf tritt",
    (Kind.KREIS, "Groß-Gerau"): "Der Kreis Groß-Gerau tritt",
    (Kind.STADT, "Raunheim, Stadt"): "Die Stadt Raunheim tritt",
    (Kind.GEMEINDE, "Trebur"): "Die Gemeinde Trebur tritt",
    (
        Kind.JOBCENTER,
        "Kommunales Jobcenter Lahn-Dill",
    ): "Die Organisation „Kommunales Jobcenter Lahn-Dill“ tritt",
}


def _normal(text: str) -> str:
    return " ".join(text.split())


def _coop() -> Cooperative:
    return Cooperative(
        name="K4K Kompetenz für kommunale Innovation und Digitalisierung eG",
        short_name="K4K eG",
        street="Laufdorfer Weg 4",
        postal_code="35578",
        city="Wetzlar",
        audit_association="PDG Genossenschaftlicher Prüfungsverband e.V.",
    )


def _text(kind: str, *, body: str = "Stadtverordnetenversammlung", unit: Municipality | None = None) -> str:
    """The built-in wording filled for one onboarding (in memory: the words, not the files)."""
    unit = unit or Municipality(name="Raunheim, Stadt", short_name="Raunheim", kind=Kind.STADT)
    onboarding = Onboarding(
        cooperative=_coop(), municipality=unit, resolution_body=body, resolution_on=dt.date(2026, 10, 20)
    )
    values = documents.values_for(
        onboarding, authority_rule=None, deadline=None, member=None, paid=None, today=TODAY
    )
    wording = documents.DEFAULTS[kind]
    return _normal(rules.fill(wording.title, values) + "\n" + rules.fill(wording.body, values))


def test_every_placeholder_has_a_value_and_a_sample() -> None:
    onboarding = Onboarding(cooperative=_coop(), municipality=Municipality(name="X", kind=Kind.STADT))
    values = documents.values_for(
        onboarding, authority_rule=None, deadline=None, member=None, paid=None, today=TODAY
    )
    assert set(values) == set(documents.PLACEHOLDERS) == set(documents.SAMPLE_VALUES)


@pytest.mark.parametrize("body", BODIES)
def test_every_body_reads_right_in_both_documents_and_the_seed_stays_word_for_word(body: str) -> None:
    nominative, dative, accusative, genitive = BODIES[body]
    vorlage = _text("beschlussvorlage", body=body)
    assert f"Vorlage der Stadt Raunheim an {accusative}, Datum: 01.12.2026" in vorlage
    assert f"Die Verwaltung empfiehlt {dative}, folgenden Beschluss zu fassen:" in vorlage
    assert all(paragraph in vorlage for paragraph in SEED_VORLAGE.values())
    anzeige = _text("anzeige", body=body)
    assert f"{nominative} hat den Beitritt am 20.10.2026 beschlossen." in anzeige
    assert all(paragraph in anzeige for paragraph in SEED_ANZEIGE)
    assert "dass das" not in anzeige and genitive.split()[0] in {"der", "des"}


@pytest.mark.parametrize(("member", "recommendation"), list(MEMBERS.items()))
def test_every_kind_of_member_gets_its_article_in_the_recommendation(
    member: tuple[str, str], recommendation: str
) -> None:
    kind, name = member
    unit = Municipality(name=name, short_name=name.split(",")[0], kind=kind)
    vorlage = _text("beschlussvorlage", unit=unit)
    assert (
        f"{recommendation} der K4K eG mit einem Genossenschaftsanteil in Höhe von 500,00 Euro bei." in vorlage
    )


def _docx_blocks(content: bytes) -> list[tuple[str, str]]:
    from docx import Document

    return [(p.style.name if p.style else "", p.text) for p in Document(io.BytesIO(content)).paragraphs]


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return _normal(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


@pytest.mark.django_db
def test_vorlage_and_anzeige_as_files_hold_the_seed_on_the_municipalitys_letterhead(world: World) -> None:
    unit = world.kommune_a
    unit.street, unit.postal_code, unit.city = "Schulstraße 2", "65479", "Raunheim"
    unit.phone, unit.email = "06142 402-0", "stadt@raunheim.de"
    unit.save()
    onboarding = make_onboarding(
        make_cooperative(),
        unit,
        resolution_body="Stadtverordnetenversammlung",
        resolution_on=dt.date(2026, 10, 20),
        authority="Landrat des Landkreises Groß-Gerau",
    )
    vorlage = services.generate_document(onboarding, "beschlussvorlage", actor=None, today=TODAY)
    blocks = _docx_blocks(bytes(vorlage.docx))
    headings = [text for style, text in blocks if style == "Heading 2"]
    assert headings == list(SEED_VORLAGE)  # the ten sections, in the seed's order
    docx_text = _normal(" ".join(text for _style, text in blocks))
    pdf_text = _pdf_text(bytes(vorlage.pdf))
    for heading, paragraph in SEED_VORLAGE.items():
        assert f"{heading} {paragraph}" in docx_text and f"{heading} {paragraph}" in pdf_text
    anzeige = services.generate_document(onboarding, "anzeige", actor=None, today=TODAY)
    letterhead = [text for _style, text in _docx_blocks(bytes(anzeige.docx))[:3]]
    assert letterhead == [
        "Stadt Raunheim",
        "Schulstraße 2, 65479 Raunheim",
        "Telefon 06142 402-0 · E-Mail stadt@raunheim.de",
    ]
    for text in (
        _normal(" ".join(t for _s, t in _docx_blocks(bytes(anzeige.docx)))),
        _pdf_text(bytes(anzeige.pdf)),
    ):
        assert all(paragraph in text for paragraph in SEED_ANZEIGE)
        assert "Laufdorfer Weg" not in text  # not on the cooperative's letterhead
        assert text.endswith("Mit freundlichen Grüßen Stadt Raunheim")


# --- the office's Word templates -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_word_template_is_checked_on_upload_then_fills_docx_and_pdf(world: World) -> None:
    onboarding = make_onboarding(
        make_cooperative(), world.kommune_a, resolution_body="Kreistag", resolution_on=dt.date(2026, 10, 20)
    )
    coop = onboarding.cooperative

    def upload(content: bytes) -> DocumentTemplate:
        return services.save_docx_template(
            coop, "anzeige", content, "anzeige.docx", expected_version=None, actor=None
        )

    with pytest.raises(ValidationError) as caught:
        upload(word_file("{{ Gremum_Satzanfang }} hat beschlossen."))
    assert caught.value.message_dict["file"] == [
        "Der Platzhalter „{{ Gremum_Satzanfang }}“ ist unbekannt. Verfügbar sind die Platzhalter der "
        "Tabelle unten, z. B. {{ Mitglied_Name }}."
    ]
    with pytest.raises(ValidationError) as caught:
        upload(word_file("{{ Mitglied_Name }"))
    assert "Schreibfehler" in caught.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as caught:
        upload(b"kein Word")
    assert "kein lesbares Word-Dokument" in caught.value.message_dict["file"][0]
    assert not DocumentTemplate.objects.exists()  # nothing half-written

    template = upload(
        word_file("{{ Gremium_Satzanfang }} hat den Beitritt am {{ Datum_Beschluss }} beschlossen.")
    )
    assert template.docx_name == "anzeige.docx" and template.version == 1
    document = services.generate_document(onboarding, "anzeige", actor=None, today=TODAY)
    filled = [text for _style, text in _docx_blocks(bytes(document.docx))]
    assert filled == ["Anzeige an Landrat", "Der Kreistag hat den Beitritt am 20.10.2026 beschlossen."]
    assert "Der Kreistag hat den Beitritt am 20.10.2026 beschlossen." in _pdf_text(bytes(document.pdf))

    services.remove_docx_template(coop, "anzeige", expected_version=1, actor=None)
    document = services.generate_document(onboarding, "anzeige", actor=None, today=TODAY)
    assert SEED_ANZEIGE[0] in _normal(" ".join(t for _s, t in _docx_blocks(bytes(document.docx))))


@pytest.mark.django_db
def test_upload_page_names_the_wrong_placeholder_at_datei_then_previews_the_good_file(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from ikz.membership.tests.helpers import coop_office

    make_cooperative()
    office = Client()
    office.force_login(coop_office())
    url = reverse("membership:template_upload", args=["beschlussvorlage"])
    wrong = SimpleUploadedFile("vorlage.docx", word_file("{{ Mitglied_Satzanfng }} tritt bei."))
    page = _normal(office.post(url, {"file": wrong}).content.decode())
    assert "Datei" in page and "Der Platzhalter „{{ Mitglied_Satzanfng }}“ ist unbekannt." in page
    assert not DocumentTemplate.objects.exists()
    good = SimpleUploadedFile(
        "vorlage.docx", word_file("{{ Mitglied_Satzanfang }} tritt der {{ Genossenschaft_Kurzname }} bei.")
    )
    response = office.post(url, {"file": good})
    assert response.status_code == 302 and response["Location"].endswith("/vorschau/")
    preview = _normal(office.get(response["Location"]).content.decode())
    assert "Die Stadt Beispielstadt tritt der Muster eG bei." in preview and "vorlage.docx" in preview
    download = office.get(reverse("membership:template_preview_download", args=["beschlussvorlage", "pdf"]))
    assert "Die Stadt Beispielstadt tritt der Muster eG bei." in _pdf_text(download.content)
    # the built-in text of another document: the preview shows the seed's wording with the samples
    text_preview = _normal(
        office.get(reverse("membership:template_preview", args=["anzeige"])).content.decode()
    )
    assert "Die Stadtverordnetenversammlung hat den Beitritt am 12.03.2026 beschlossen." in text_preview


@pytest.mark.parametrize(
    ("land", "expected"), [("06", "14.12.2026"), ("03", "02.11.2026 (ohne Vorlauffrist)")]
)
def test_the_notice_names_the_law_and_the_earliest_execution_of_the_land(land: str, expected: str) -> None:
    """Hessen: six weeks after the notice; Niedersachsen: no lead, the notice's day."""
    rule = rules.rule_for(land, on=TODAY)
    assert rule is not None
    deadline = rules.supervision_deadline(rule, notice_sent_on=dt.date(2026, 11, 2))
    unit = Municipality(name="Raunheim, Stadt", short_name="Raunheim", kind=Kind.STADT)
    onboarding = Onboarding(
        cooperative=_coop(),
        municipality=unit,
        resolution_body="Rat",
        resolution_on=dt.date(2026, 10, 20),
        notice_sent_on=dt.date(2026, 11, 2),
    )
    values = documents.values_for(
        onboarding, authority_rule=rule, deadline=deadline, member=None, paid=None, today=TODAY
    )
    text = _normal(rules.fill(documents.DEFAULTS["anzeige"].body, values))
    assert (
        f"Der Rat hat den Beitritt am 20.10.2026 beschlossen. Wir zeigen den Erwerb nach {rule.citation} an."
        in text
    )
    assert (
        f"Den Beitritt vollziehen wir frühestens am {expected} oder nach Ihrer vorzeitigen Antwort." in text
    )


@pytest.mark.django_db
def test_a_template_broken_behind_the_forms_back_shows_its_fault_in_the_preview(world: World) -> None:
    from django.test import Client
    from django.urls import reverse

    from ikz.membership.tests.helpers import coop_office

    coop = make_cooperative()
    DocumentTemplate.objects.create(cooperative=coop, kind="anzeige", title="Anzeige", body="{Mitglied")
    office = Client()
    office.force_login(coop_office())
    page = _normal(office.get(reverse("membership:template_preview", args=["anzeige"])).content.decode())
    assert "Die Vorlage lässt sich nicht füllen" in page and "nicht geschlossen" in page
    assert (
        office.get(reverse("membership:template_preview_download", args=["anzeige", "pdf"])).status_code
        == 404
    )


def test_a_word_template_escapes_values_and_cannot_reach_python() -> None:
    values = documents.SAMPLE_VALUES | {"Mitglied_Name": "Stadtwerke A & B <Holding>"}
    filled = documents.render_docx(word_file("{{ Mitglied_Name }} tritt bei."), values)
    assert [text for _style, text in _docx_blocks(filled)][1] == "Stadtwerke A & B <Holding> tritt bei."
    with pytest.raises(rules.TemplateFault, match="lässt sich nicht füllen"):
        documents.render_docx(word_file("{{ Mitglied_Name.__class__.__mro__ }}"), values)
