"""Small text documents as PDF or DOCX (the demo's documents, test files, simple generated
letters). PDF with fpdf2 and the vendored DejaVu fonts (umlauts), DOCX with python-docx."""

from __future__ import annotations

import io
from collections.abc import Sequence

from ikz.lib.exports import _FONTS


def pdf_bytes(title: str, paragraphs: Sequence[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.add_font("DejaVu", "", str(_FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(_FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, title)
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(2)
    return bytes(pdf.output())


def docx_bytes(title: str, paragraphs: Sequence[str]) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_bytes(title: str, paragraphs: Sequence[str]) -> bytes:
    return ("\n\n".join([title, *paragraphs]) + "\n").encode("utf-8")
