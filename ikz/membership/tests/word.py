"""A small Word template for the tests (python-docx): a heading and paragraphs with placeholders."""

from __future__ import annotations

import io


def word_file(*paragraphs: str, heading: str = "Anzeige an {{ Aufsichtsbehörde }}") -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(heading, 1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
