"""Accessible and archivable files (issue 21, point 4): tagged PDFs in German with their title,
documents of record as PDF/A-2, DOCX in German with a title, XLSX that print on A4 landscape, and
download names that keep "Groß-Gerau, Stadt" and "Kreis Groß-Gerau" apart."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import unquote

import pikepdf
from docx import Document
from openpyxl import load_workbook

from ikz.lib.exports import Table, attachment, download, file_slug, to_pdf, to_xlsx
from ikz.lib.tests.pdf_checks import assert_archival, open_tagged
from ikz.lib.textdoc import LETTER, PLAIN, TextDocument
from ikz.membership import documents as membership_documents

LONG = "Die Mitglieder berichten ihren Gremien jährlich über den Stand der Zusammenarbeit. " * 120


def _report(*, archival: bool = False) -> TextDocument:
    document = TextDocument("Zwischenbericht 2023 – Kreis Groß-Gerau", archival=archival)
    document.heading("Zwischenbericht 2023", 0)
    document.paragraph(LONG)  # longer than a page: one paragraph across the page break
    document.heading("Projekte", 1)
    document.bullets(["Vergabezentrum", "Bauhof"])
    document.heading("Beteiligung", 2)
    document.table(["Kommune", "Projekt"], [[f"Kommune {n}", "X (PL)"] for n in range(120)])
    document.pairs([("Kommune", "Raunheim, Stadt"), ("Gremium", "Stadtverordnetenversammlung")])
    return document


def _elements(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []

    def walk(node: pikepdf.Object) -> None:
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR":
                if str(kid.S) == f"/{role}":
                    found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def test_a_text_document_is_a_tagged_pdf_in_german_with_its_title() -> None:
    tagged = open_tagged(_report().to_pdf())
    assert tagged.title == "Zwischenbericht 2023 – Kreis Groß-Gerau"
    assert [kid.S for kid in tagged.pdf.Root.StructTreeRoot.K] == ["/Document"]
    roles = tagged.roles
    # headings without gaps, in reading order; a list as L > LI > LBody; a table as Table > TR > TH/TD
    assert [r for r in roles if r.startswith("H")] == ["H1", "H2", "H3"]
    assert roles[1:3] == ["H1", "P"]
    assert roles[roles.index("L") : roles.index("L") + 3] == ["L", "LI", "LBody"]
    assert roles.count("Table") == 2 and roles.count("TR") == 1 + 120 + 2
    assert len(tagged.pdf.pages) >= 4
    # the heading row is printed on every page, but tagged once: the repeats are artifacts
    headings = _elements(tagged.pdf, "TH")
    column = [h for h in headings if h.A.Scope == "/Column"]
    assert len(column) == 2 and all(h.A.O == "/Table" for h in headings)
    assert [h.A.Scope for h in headings[2:]] == ["/Row", "/Row"]  # label and value: the label heads its row
    # the long paragraph is one element whose content goes on on the next page
    paragraph = _elements(tagged.pdf, "P")[0]
    assert any(isinstance(kid, pikepdf.Dictionary) and kid.Type == "/MCR" for kid in paragraph.K)
    assert "/OutputIntents" not in tagged.pdf.Root and tagged.xmp["pdfaid:part"] == "None"


def test_a_letter_and_a_small_file_start_with_h1() -> None:
    letter = TextDocument("Anschreiben", look=LETTER)
    letter.note("Absender")
    letter.heading("Anschreiben", 1)
    letter.heading("Anlagen", 2)
    letter.paragraph("Text")
    assert [r for r in open_tagged(letter.to_pdf()).roles if r.startswith("H")] == ["H1", "H2"]
    plain = TextDocument("Vermerk", look=PLAIN)
    plain.paragraph("")  # an empty paragraph prints nothing but is still a paragraph
    assert open_tagged(plain.to_pdf()).roles == ["Document", "P"]


def test_a_table_export_is_a_tagged_pdf() -> None:
    table = Table(
        title="Beteiligung – Groß-Gerau",
        subtitle="Stand 30.06.2013",
        columns=["Kommune", *[f"Projekt {n}" for n in range(12)]],
        rows=[[f"Kommune {r}", *["X" for _ in range(12)]] for r in range(80)],
        notes=["X = beteiligt", "Quelle: Seed 003"],
    )
    tagged = open_tagged(to_pdf(table))
    assert tagged.title == "Beteiligung – Groß-Gerau"
    assert tagged.roles[:4] == ["Document", "H1", "P", "Table"]
    assert tagged.roles[-2:] == ["P", "P"]
    assert tagged.roles.count("TH") == 13 and tagged.roles.count("TD") == 80 * 13
    assert len(tagged.pdf.pages) > 1


def test_documents_of_record_are_pdf_a_2() -> None:
    assert_archival(open_tagged(_report(archival=True).to_pdf()))
    # the notice to the supervisory authority and the declaration of membership are such letters
    letter = membership_documents.to_pdf(
        "Anzeige des Beitritts",
        "# Sachverhalt\nDie Stadt Groß-Gerau tritt bei.\n\n! Pflichten nach § 15a GenG\n- Anlage",
        "IKZ eG · Groß-Gerau",
    )
    tagged = open_tagged(letter)
    assert_archival(tagged)
    assert tagged.title == "Anzeige des Beitritts"
    assert {"H1", "H2", "P", "L", "LBody"} <= set(tagged.roles)


def _lang_and_title(data: bytes) -> tuple[list[str], str | None, str | None]:
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S)
    assert defaults is not None
    properties = Document(io.BytesIO(data)).core_properties
    return (
        re.findall(r'<w:lang [^>]*w:val="([^"]+)"', defaults.group(0)),
        properties.title,
        properties.language,
    )


def test_every_docx_is_german_and_has_a_title() -> None:
    assert _lang_and_title(_report().to_docx()) == (
        ["de-DE"],
        "Zwischenbericht 2023 – Kreis Groß-Gerau",
        "de-DE",
    )
    plain = TextDocument("Vermerk", look=PLAIN)
    plain.paragraph("Text")
    assert _lang_and_title(plain.to_docx()) == (["de-DE"], "Vermerk", "de-DE")
    letter = membership_documents.to_docx("Beitrittserklärung", "Text", "IKZ eG")
    assert _lang_and_title(letter) == (["de-DE"], "Beitrittserklärung", "de-DE")
    styles = zipfile.ZipFile(io.BytesIO(letter)).read("word/styles.xml").decode()
    assert 'w:eastAsia="en-US"' in styles and 'w:bidi="ar-SA"' in styles  # the other scripts as they were


def test_every_xlsx_prints_on_a4_landscape_one_page_wide_with_its_headings() -> None:
    table = Table(
        title="Kooperationsmatrix Kreis Groß-Gerau",
        subtitle="Stand 30.06.2013",
        columns=["Kommune", *[f"Projekt {n}" for n in range(30)]],
        rows=[[f"Kommune {r}", *["X"] * 30] for r in range(60)],
    )
    workbook = load_workbook(io.BytesIO(to_xlsx(table)))
    sheet = workbook.active
    assert sheet is not None
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$3"  # title, Stand and the column headings on every page
    assert sheet.title == "Kooperationsmatrix Kreis Groß-G"  # 31 characters, Excel's limit
    assert workbook.properties.title == "Kooperationsmatrix Kreis Groß-Gerau"


def test_download_names_keep_places_with_sharp_s_apart() -> None:
    assert file_slug("Groß-Gerau, Stadt") == "gross-gerau-stadt"
    assert file_slug("Kreis Groß-Gerau") == "kreis-gross-gerau"
    assert file_slug("Bürstadt, Stadt") == "buerstadt-stadt" and file_slug("ÖHRINGEN Ä") == "oehringen-ae"
    assert file_slug("Bu\u0308rstadt") == "buerstadt"  # a decomposed umlaut too
    town = download(Table("Groß-Gerau, Stadt", ["A"], [[1]]), "xlsx")["Content-Disposition"]
    district = download(Table("Kreis Groß-Gerau", ["A"], [[1]]), "xlsx")["Content-Disposition"]
    assert town != district
    assert town.startswith('attachment; filename="gross-gerau-stadt.xlsx"; ')
    assert district.startswith('attachment; filename="kreis-gross-gerau.xlsx"; ')
    # the name as written, for browsers (RFC 6266 filename*)
    assert unquote(town.split("filename*=UTF-8''")[1]) == "Groß-Gerau, Stadt.xlsx"
    assert unquote(district.split("filename*=UTF-8''")[1]) == "Kreis Groß-Gerau.xlsx"


def test_download_names_are_safe_and_plain_names_stay_plain() -> None:
    assert attachment("mitgliederliste", "csv") == 'attachment; filename="mitgliederliste.csv"'
    assert attachment("", "pdf") == 'attachment; filename="export.pdf"'
    nasty = attachment('a/b\\c"d\r\nSet-Cookie: x', "pdf")
    assert "\r" not in nasty and "\n" not in nasty
    assert nasty.startswith('attachment; filename="abcd-set-cookie-x.pdf"; ')
    assert unquote(nasty.split("''")[1]) == "a-b-c-d-Set-Cookie- x.pdf"


def test_an_image_with_its_alternative_text_is_a_figure() -> None:
    from PIL import Image

    from ikz.lib.pdfdoc import new_pdf

    pdf = new_pdf("Lageplan")
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    with pdf.tagged("P"):
        pdf.multi_cell(0, 5, "Vor dem Bild", new_x="LMARGIN", new_y="NEXT")
    pdf.image(Image.new("RGB", (10, 10), "red"), w=20, alt_text="Lageplan des Bauhofs")
    tagged = open_tagged(bytes(pdf.output()))
    assert tagged.roles == ["Document", "P", "Figure"]
    assert str(_elements(tagged.pdf, "Figure")[0].Alt) == "Lageplan des Bauhofs"
